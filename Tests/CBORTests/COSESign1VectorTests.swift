import CBOR
import Crypto
import Foundation
import Testing
import TestSupport

/// The cBRSKI examples (anima-wg/constrained-voucher): COSE_Sign1 (RFC 9052 §4.2) voucher request
/// by the pledge, registrar voucher request and MASA voucher. Decoding and re-encoding must give
/// the same bytes, and the ES256 signature over the Sig_structure — built with our encoder —
/// must verify under the signer's certificate: both bridges against someone else's bytes.
@Suite struct COSESign1VectorTests {
    static let directory = Shared.vectors.appendingPathComponent("cbrski")

    // (message, certificate of the signer). The voucher is signed with the MASA CA's key, as an
    // OpenSSL check of every certificate in the set showed.
    static let messages = [("pvr.hex", "pledge.pem"), ("rvr.hex", "registrar.pem"), ("voucher.hex", "masa_ca.pem")]

    @Test(arguments: 0..<messages.count) func signatureVerifiesOverReencodedSigStructure(index: Int) throws {
        let (file, signer) = Self.messages[index]
        let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
        let bytes = hex(text)
        let message = try CBORValue.decode(bytes)
        #expect(message.encode() == bytes)

        guard case .tagged(18, .array(let parts)) = message, parts.count == 4,
              case .bytes(let protected) = parts[0], case .map = parts[1],
              case .bytes(let payload) = parts[2], case .bytes(let signature) = parts[3]
        else {
            Issue.record("\(file) is not a COSE_Sign1")
            return
        }
        // Protected header {1: -7}: alg ES256.
        #expect(try CBORValue.decode(protected) == .map([(.unsigned(1), .integer(-7))]))

        let certificate = try Certificate(encoded: [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(signer))))
        let key = try certificate.publicKey()
        func sigStructure(_ payload: [UInt8]) -> [UInt8] {
            CBORValue.array([.text("Signature1"), .bytes(protected), .bytes([]), .bytes(payload)]).encode()
        }
        try key.verify(rawSignature: signature, digest: SHA256.hash(sigStructure(payload)))
        var modified = payload
        modified[modified.count - 1] ^= 1
        #expect(throws: CryptoError.self) { try key.verify(rawSignature: signature, digest: SHA256.hash(sigStructure(modified))) }
    }
}
