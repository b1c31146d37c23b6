import Crypto
import Foundation
import Testing

/// Private key import/export, against the RFC 8995 Appendix C keys and OpenSSL.
@Suite struct ECKeyTests {
    static let brski = vectors.appendingPathComponent("brski-rfc8995")

    @Test func jrcKeyMatchesItsCertificate() throws {
        let key = try ECPrivateKey(encoded: [UInt8](try Data(contentsOf: Self.brski.appendingPathComponent("jrc_prime256v1.key"))))
        let certificate = try Certificate(encoded: [UInt8](try Data(contentsOf: Self.brski.appendingPathComponent("jrc_prime256v1.crt"))))
        #expect(key.curve == .p256)
        #expect(try certificate.publicKey() == key.publicKey)
        // The point as OpenSSL extracts it (`openssl ec -pubout` of the key file).
        #expect(key.publicKey.uncompressed == hex("049665507234ba9fe5dde65ff6f0816fe9489e810c12073b468f97642b63008d020f57c97c947f848cb20e61d6c9888d15b4421fd7f26ab7e4ce05f8a74cd38b3a"))
        // A signature by the key verifies under the certificate's key.
        let digest = SHA256.hash(Array("voucher request".utf8))
        try certificate.publicKey().verify(signature: try key.signature(digest: digest), digest: digest)
    }

    @Test func masaP384KeyMatchesItsCertificate() throws {
        let key = try ECPrivateKey(encoded: [UInt8](try Data(contentsOf: Self.brski.appendingPathComponent("masa_secp384r1.key"))))
        let certificate = try Certificate(encoded: [UInt8](try Data(contentsOf: Self.brski.appendingPathComponent("masa_secp384r1.crt"))))
        #expect(key.curve == .p384)
        #expect(try certificate.publicKey() == key.publicKey)
    }

    @Test func sec1PEMRoundTripsThroughOpenSSL() throws {
        let pemFile = Self.brski.appendingPathComponent("jrc_prime256v1.key")
        let original = try String(contentsOf: pemFile, encoding: .utf8)
        let key = try ECPrivateKey(pem: original)
        // The published file is SEC1 with parameters and public key, exactly what mbedTLS writes.
        #expect(try key.sec1PEM() == original)
        let opensslDER = try run("/usr/bin/openssl", ["ec", "-outform", "DER"], input: Data(original.utf8))
        #expect(try key.sec1DER() == [UInt8](opensslDER))
        // DER input, and PEM preceded by text (as `openssl pkcs12` writes it), parse too.
        #expect(try ECPrivateKey(encoded: [UInt8](opensslDER)).publicKey == key.publicKey)
        #expect(try ECPrivateKey(pem: "Bag Attributes\n" + original).publicKey == key.publicKey)
    }

    @Test(arguments: [ECCurve.p256, .p384]) func pkcs8MatchesOpenSSLAndReimports(curve: ECCurve) throws {
        let key = try ECPrivateKey.generate(curve)
        let pkcs8 = try key.pkcs8DER()
        // OpenSSL reads our PKCS#8 and finds the same private scalar and public point.
        let text = try run("/usr/bin/openssl", ["pkey", "-inform", "DER", "-noout", "-text"], input: Data(pkcs8))
        let dump = String(decoding: text, as: UTF8.self)
        #expect(dump.contains(curve == .p256 ? "prime256v1" : "secp384r1"))
        let opensslSEC1 = try run("/usr/bin/openssl", ["ec", "-inform", "DER", "-outform", "DER"], input: Data(pkcs8))
        #expect([UInt8](opensslSEC1) == (try key.sec1DER()))
        // And OpenSSL's own PKCS#8 of the key imports back to the same key.
        let opensslPKCS8 = try run("/usr/bin/openssl", ["pkcs8", "-topk8", "-nocrypt", "-outform", "PEM"], input: Data(try key.sec1PEM().utf8))
        let back = try ECPrivateKey(encoded: [UInt8](opensslPKCS8))
        #expect(try back.rawScalar() == (try key.rawScalar()))
        #expect(back.publicKey == key.publicKey)
        let fromOurPEM = try ECPrivateKey(pem: try key.pkcs8PEM())
        #expect(fromOurPEM.publicKey == key.publicKey)
    }

    @Test func rawScalarRoundTrip() throws {
        let key = try ECPrivateKey.generate(.p384)
        let copy = try ECPrivateKey(rawScalar: try key.rawScalar(), curve: .p384)
        #expect(copy.publicKey == key.publicKey)
    }

    @Test func garbageIsATypedError() {
        #expect(throws: CryptoError.self) { try ECPrivateKey(encoded: [0x30, 0x03, 0x02, 0x01, 0x01]) }
        #expect(throws: CryptoError.self) { try ECPrivateKey(pem: "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n") }
        #expect(throws: CryptoError.self) { try Certificate(encoded: [0x30, 0x00]) }
    }
}
