import Crypto
import Foundation
import Testing

/// ECDH for IKEv2 groups 19/20 (RFC 5903), checked against OpenSSL's derivation.
@Suite struct ECDHTests {
    @Test(arguments: [ECCurve.p256, .p384]) func bothSidesAgreeAndMatchOpenSSL(curve: ECCurve) throws {
        let alice = try ECPrivateKey.generate(curve)
        let bob = try ECPrivateKey.generate(curve)
        let secret = try alice.sharedSecret(with: bob.publicKey)
        #expect(secret.count == curve.size)
        #expect(try bob.sharedSecret(with: alice.publicKey) == secret)

        // Independent truth: `openssl pkeyutl -derive` with the same two keys.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ecdh-\(getpid())-\(curve.size)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let aliceFile = dir.appendingPathComponent("alice.pem")
        let bobPublicFile = dir.appendingPathComponent("bob.pub.pem")
        try Data(try alice.pkcs8PEM().utf8).write(to: aliceFile)
        let bobPublic = try run("/usr/bin/openssl", ["pkey", "-pubout"], input: Data(try bob.sec1PEM().utf8))
        try bobPublic.write(to: bobPublicFile)
        let derived = try run("/usr/bin/openssl", ["pkeyutl", "-derive", "-inkey", aliceFile.path, "-peerkey", bobPublicFile.path])
        #expect([UInt8](derived) == secret)
    }

    @Test func peerOnAnotherCurveIsRejected() throws {
        let a = try ECPrivateKey.generate(.p256)
        let b = try ECPrivateKey.generate(.p384)
        #expect(throws: CryptoError.self) { try a.sharedSecret(with: b.publicKey) }
    }
}
