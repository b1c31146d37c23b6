import ASN1
import Foundation
import Testing

@Suite struct ObjectIdentifierTests {
    /// X.690 §8.19.5 example and well-known encodings.
    @Test func knownEncodings() throws {
        #expect(ASN1ObjectIdentifier("2.100.3")?.contentOctets == hex("813403"))
        #expect(ASN1ObjectIdentifier("1.2.840.113549")?.contentOctets == hex("2a864886f70d"))
        #expect(ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.10")?.contentOctets == hex("2b0601050507080a"))
        #expect(ASN1ObjectIdentifier(arcs: 1, 3, 6, 1, 5, 5, 7, 1, 32).dotted == "1.3.6.1.5.5.7.1.32")
        #expect(try ASN1ObjectIdentifier(contentOctets: hex("813403")).dotted == "2.100.3")
    }

    /// `openssl asn1parse -genstr OID:…` is the independent encoder.
    @Test(arguments: ["1.2.840.10045.4.3.2", "2.16.840.1.101.3.4.2.3", "0.9.2342.19200300.100.1.25",
                      "1.2.840.113549.1.9.16.1.40", "2.5.29.17", "1.3.6.1.4.1.46930.2", "2.999.18446744073709551615"])
    func matchesOpenSSL(dotted: String) throws {
        let path = NSTemporaryDirectory() + "oid-\(getpid())-\(dotted).der"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try run(["openssl", "asn1parse", "-genstr", "OID:\(dotted)", "-out", path, "-noout"])
        let expected = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let oid = try #require(ASN1ObjectIdentifier(dotted))
        #expect(DERNode.oid(oid).encoded == expected)
        let parsed = try derParseSingle(expected).objectIdentifier()
        #expect(parsed.dotted == dotted)
    }

    @Test func rejectsBadText() {
        for text in ["", "1", "3.1", "1.40", "1..2", "1.2.", "01.2", "1.2.a", "1.2.18446744073709551616"] {
            #expect(ASN1ObjectIdentifier(text) == nil, "\(text)")
        }
    }

    @Test func rejectsBadContent() {
        for bad in ["", "2a86", "802a", "2a8001", "2aFFFFFFFFFFFFFFFFFF7F"] {
            #expect(throws: ASN1Error.self, "\(bad)") { try ASN1ObjectIdentifier(contentOctets: hex(bad)) }
        }
    }
}
