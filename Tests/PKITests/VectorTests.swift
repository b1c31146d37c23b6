import ASN1
import Crypto
import Foundation
import PKI
import Testing

/// RFC 8995 Appendix C: the IDevID, the MASA-signed voucher, the pledge's voucher request and
/// the registrar's parboiled voucher request.
@Suite struct VectorTests {
    @Test func idevidFields() throws {
        let idevid = try X509Certificate(der: pemFile(vectors + "idevid_00-D0-E5-F2-00-02.crt"))
        // As in idevid_00-D0-E5-F2-00-02.txt.
        #expect(idevid.subjectSerialNumber == "00-D0-E5-F2-00-02")
        #expect(try idevid.masaURL() == "highway-test.example.com:9443")
        #expect(idevid.serialNumber == hex("1f18fee7"))
        #expect(idevid.issuer.value(of: OID.commonName) == "highway-test.example.com CA")
        #expect(try idevid.subjectKeyIdentifier() == hex("4588CC9696006437B0BA23656464540806 6C56AD"))
        #expect(idevid.notAfter == 32_503_593_600)  // Dec 31 00:00:00 2999 GMT
        #expect(try idevid.acpNodeNames().isEmpty)
        #expect(try idevid.publicKey().uncompressed.prefix(3) == [0x04, 0x03, 0xa3])
    }

    static let signed: [(file: String, signer: String, time: Int64)] = [
        ("voucher_00-D0-E5-F2-00-02.pkcs", "masa.crt", 1_618_350_204),
        ("vr_00-D0-E5-F2-00-02.pkcs", "idevid_00-D0-E5-F2-00-02.crt", 1_618_350_203),
        ("parboiled_vr_00-D0-E5-F2-00-02.pkcs", "jrc_prime256v1.crt", 1_618_350_203),
    ]

    @Test(arguments: 0..<3) func signedDataVerifies(index: Int) throws {
        let vector = Self.signed[index]
        let signedData = try SignedData(der: pemBody(vectors + vector.file))
        let signer = try X509Certificate(der: pemFile(vectors + vector.signer))
        #expect(signedData.eContentType == OID.data)
        #expect(signedData.signers.count == 1)
        #expect(signedData.signers[0].signingTime == vector.time)  // openssl cms -cmsout -print
        #expect(signedData.signers[0].digestAlgorithm == .sha256)
        try signedData.verify(signerCertificate: signer)
        // The signer certificate is embedded, too. (The voucher request embeds another IDevID
        // certificate for the same key than the .crt file: same key, same subject.)
        let embedded = try signedData.verify()
        #expect(try embedded.publicKey() == signer.publicKey())
        #expect(embedded.subject == signer.subject)
        // The content is the JSON document next to it (line-wrapped there for the RFC).
        let json = try String(contentsOfFile: vectors + vector.file.replacingOccurrences(of: ".pkcs", with: ".json"), encoding: .utf8)
        let content = try #require(signedData.eContent)
        #expect(String(decoding: content, as: UTF8.self) == json.replacingOccurrences(of: "\n", with: ""))
    }

    @Test func wrongSignerOrTamperedContentFails() throws {
        let der = try pemBody(vectors + "voucher_00-D0-E5-F2-00-02.pkcs")
        let signedData = try SignedData(der: der)
        let other = try X509Certificate(der: pemFile(vectors + "jrc_prime256v1.crt"))
        #expect(throws: PKIError.verificationFailed("ECDSA signature")) { try signedData.verify(signerCertificate: other) }
        // Flip one byte of the content (inside the eContent OCTET STRING).
        let content = try #require(signedData.eContent)
        let at = try #require(der.indices.first { der[$0...].starts(with: content) }) + 10
        var tampered = der
        tampered[at] ^= 0x01
        #expect(throws: PKIError.verificationFailed("message-digest attribute does not match the content")) {
            try SignedData(der: tampered).verify()
        }
    }

    @Test func truncatedSignedDataFails() throws {
        let der = try pemBody(vectors + "vr_00-D0-E5-F2-00-02.pkcs")
        for cut in stride(from: 0, to: der.count, by: 37) {
            #expect(throws: PKIError.self) { try SignedData(der: Array(der[..<cut])) }
        }
    }
}
