import ASN1
import Crypto
import Foundation
import PKI
import Testing

/// Broken certificates, CSRs and SignedData fail with PKIError, never a trap.
@Suite struct HostileInputTests {
    @Test func everyTruncationOfACertificateFails() throws {
        let der = try pemFile(vectors + "idevid_00-D0-E5-F2-00-02.crt")
        for cut in 0..<der.count {
            #expect(throws: PKIError.self) { try X509Certificate(der: Array(der[..<cut])) }
        }
        #expect(throws: PKIError.der(ASN1Error(.trailingBytes, at: der.count))) { try X509Certificate(der: der + [0]) }
    }

    @Test func flippedBytesNeverTrap() throws {
        let der = try pemBody(vectors + "parboiled_vr_00-D0-E5-F2-00-02.pkcs")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var mutated = der
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if let signedData = try? SignedData(der: mutated) { _ = try? signedData.verify() }
            _ = try? CertificationRequest(der: mutated)
        }
    }

    @Test func version1CertificateRefused() throws {
        let key = try ECPrivateKey.generate(.p256)
        let v3 = try CertificateBuilder.certificateAuthority(subject: .commonName("x"), key: key, serialNumber: [1], notBefore: 0, notAfter: 1)
        // Rebuild the TBS without [0] version and without extensions (a v1 certificate).
        guard case .constructed(_, let outer) = try DERNode.parse(v3.der), case .constructed(_, let tbsFields) = outer[0] else {
            Issue.record("unexpected structure")
            return
        }
        let v1TBS = DERNode.sequence(Array(tbsFields[1..<7])).encoded
        let v1 = DERNode.sequence([.encoded(v1TBS), outer[1], .bitString(try key.signature(digest: SHA256.hash(v1TBS)))]).encoded
        #expect(throws: PKIError.malformed("certificate version 1, not 3")) { try X509Certificate(der: v1) }
    }

    /// RFC 5280 §4.1.2.5: 99991231235959Z for "no well-defined expiration" (IDevIDs).
    @Test func noExpirationDate() throws {
        let scratch = try Scratch("noexpiry")
        defer { scratch.cleanup() }
        let key = try ECPrivateKey.generate(.p256)
        let ca = try CertificateBuilder.certificateAuthority(subject: .commonName("vendor"), key: key, serialNumber: [1],
                                                             notBefore: 1_600_000_000, notAfter: 253_402_300_799)
        let text = String(decoding: try run(["openssl", "x509", "-enddate", "-noout", "-in", try scratch.write("c.pem", pem: ca.der)]), as: UTF8.self)
        #expect(text == "notAfter=Dec 31 23:59:59 9999 GMT\n")
        #expect(ca.notAfter == 253_402_300_799 && ca.notBefore == 1_600_000_000)
    }
}
