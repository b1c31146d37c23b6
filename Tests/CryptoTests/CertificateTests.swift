import Crypto
import Foundation
import Testing

/// X.509 fields of the RFC 8995 Appendix C registrar certificate, as OpenSSL reports them.
@Suite struct CertificateTests {
    static let file = vectors.appendingPathComponent("brski-rfc8995/jrc_prime256v1.crt")

    @Test func fieldsMatchOpenSSL() throws {
        let pem = try Data(contentsOf: Self.file)
        let certificate = try Certificate(encoded: [UInt8](pem))
        // openssl x509 -subject -issuer -dates
        #expect(certificate.subject == "DC=ca, DC=sandelman, CN=fountain-test.example.com")
        #expect(certificate.issuer == "DC=ca, DC=sandelman, CN=fountain-test.example.com Unstrung Fountain Root CA")
        #expect(certificate.notBefore == CertificateTime(year: 2020, month: 2, day: 25, hour: 21, minute: 31, second: 54))
        #expect(certificate.notAfter == CertificateTime(year: 2022, month: 2, day: 24, hour: 21, minute: 31, second: 54))
        #expect(certificate.notBefore < certificate.notAfter)
        let der = try run("/usr/bin/openssl", ["x509", "-outform", "DER"], input: pem)
        #expect(certificate.der == [UInt8](der))
        let fromDER = try Certificate(encoded: [UInt8](der))
        #expect(try fromDER.publicKey() == (try certificate.publicKey()))
        #expect(fromDER.subject == certificate.subject)
        let withPreamble = try Certificate(pem: "subject=CN=fountain-test.example.com\n" + String(decoding: pem, as: UTF8.self))
        #expect(withPreamble.der == certificate.der)
    }
}
