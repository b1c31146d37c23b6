import CBOR
import Crypto
import Foundation
import Testing
import Voucher

/// Our COSE_Sign1 vouchers checked by an independent implementation: Python's cbor2 decodes
/// the message and builds the Sig_structure, and `cryptography` verifies the ES256 signature.
@Suite struct COSEInteropTests {
    static let verifier = """
    import sys, cbor2
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, utils
    msg = cbor2.loads(open(sys.argv[1], 'rb').read())
    assert msg.tag == 18
    protected, unprotected, payload, sig = msg.value
    assert cbor2.loads(protected) == {1: -7}
    key = serialization.load_der_public_key(open(sys.argv[2], 'rb').read())
    tbs = cbor2.dumps(["Signature1", protected, b"", payload])
    r, s = int.from_bytes(sig[:32], 'big'), int.from_bytes(sig[32:], 'big')
    key.verify(utils.encode_dss_signature(r, s), tbs, ec.ECDSA(hashes.SHA256()))
    body = cbor2.loads(payload)[2451]
    print(body[1], body[2], body[11], body[7].hex(), unprotected.get(4, b"").hex())
    """

    @Test func ourVoucherVerifiesWithPython() throws {
        let key = try ECPrivateKey.generate(.p256)
        let voucher = Voucher(
            assertion: .proximity, createdOn: DateAndTime("2026-12-03T18:00:00Z")!, serialNumber: "JADA123456789",
            domainCertRevocationChecks: false, nonce: [0xAB, 0xCD])
        let bytes = try voucher.signedCOSE(key: key, kid: [0x01, 0x02])
        #expect(try Voucher(cose: bytes, signer: key.publicKey) == voucher)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("voucher-cose-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(bytes).write(to: directory.appendingPathComponent("v.cose"))
        try Data(key.publicKey.subjectPublicKeyInfoDER).write(to: directory.appendingPathComponent("k.der"))
        try Self.verifier.write(to: directory.appendingPathComponent("verify.py"), atomically: true, encoding: .utf8)
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [directory.appendingPathComponent("verify.py").path,
                             directory.appendingPathComponent("v.cose").path, directory.appendingPathComponent("k.der").path]
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(printed == "2 2026-12-03T18:00:00Z JADA123456789 abcd 0102\n")
    }

    /// ES384 with a P-384 key, and the algorithm/key mismatch is refused.
    @Test func es384AndAlgorithmMismatch() throws {
        let key = try ECPrivateKey.generate(.p384)
        let message = try COSESign1.sign(payload: [1, 2, 3], key: key)
        #expect(try message.algorithm() == -35)
        try message.verify(with: key.publicKey)
        let other = try ECPrivateKey.generate(.p256)
        #expect(throws: VoucherError.unsupportedAlgorithm(-35)) { try message.verify(with: other.publicKey) }
    }
}
