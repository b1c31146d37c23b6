import ASN1
import Crypto
import Foundation
import PKI
import Testing

@Suite struct AcpNodeNameTests {
    /// RFC 8994 §6.2.2 Figure 2: address fd89:b714:f3db:0:200:0:6400:0000, rsub area51.research,
    /// domain acp.example.com. The RFC's text has one upper-case F.
    @Test func rfcExample() throws {
        let name = try AcpNodeName("rfcSELF+fd89b714F3db00000200000064000000+area51.research@acp.example.com")
        #expect(name.address == .address(hex("fd89b714f3db00000200000064000000")))
        #expect(name.rsub == "area51.research")
        #expect(name.domain == "acp.example.com")
        #expect(name.routingSubdomain == "area51.research.acp.example.com")
        #expect(name.text == "rfcSELF+fd89b714f3db00000200000064000000+area51.research@acp.example.com")
        #expect(try AcpNodeName(name.text) == name)
    }

    /// draft-28 §6.1.2 (what shared/specs holds) had no "rfcSELF+": such names still read, and
    /// the literal matches in any case as ABNF strings do.
    @Test func earlierDraftFormAndPrefixCase() throws {
        let draft = try AcpNodeName("fd89b714f3db00000200000064000000+area51.research@acp.example.com")
        let upper = try AcpNodeName("RFCSELF+fd89b714f3db00000200000064000000+area51.research@acp.example.com")
        #expect(draft == upper)
        #expect(draft.text == "rfcSELF+fd89b714f3db00000200000064000000+area51.research@acp.example.com")
    }

    @Test func otherForms() throws {
        let zero = try AcpNodeName("rfcSELF+0@acp.example.com")
        #expect(zero.address == .zero && zero.rsub.isEmpty && zero.routingSubdomain == "acp.example.com")
        #expect(zero.text == "rfcSELF+0@acp.example.com")
        let member = try AcpNodeName("rfcSELF+@acp.example.com")
        #expect(member.address == .absent && member.text == "rfcSELF+@acp.example.com")
        let withExtension = try AcpNodeName("rfcSELF+fd89b714f3db00000200000064000000++ext1+x.y@example.com")
        #expect(withExtension.rsub.isEmpty && withExtension.extensions == ["ext1", "x.y"])
        #expect(withExtension.text == "rfcSELF+fd89b714f3db00000200000064000000++ext1+x.y@example.com")
    }

    @Test func rejectsMalformed() {
        for text in ["fd89b714f3db00000200000064000000", "fd89@acp.example.com", "fd89b714f3db0000020000006400000g@a.b",
                     "0@", "0@-acp.example.com", "0@acp..example.com", "0+sub_domain@a.b", "00@a.b", "0++@a.b", "0+ok+bad ext@a.b"] {
            #expect(throws: PKIError.self, "\(text)") { try AcpNodeName(text) }
        }
    }

    /// Read back from a certificate that OpenSSL made with the otherName (independent encoder).
    @Test func readFromOpenSSLCertificate() throws {
        let scratch = try Scratch("acpname")
        defer { scratch.cleanup() }
        let text = "rfcSELF+fd89b714f3db00000200000064000000+area51.research@acp.example.com"
        try run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-keyout", scratch.file("k.pem"), "-out", scratch.file("c.pem"), "-subj", "/CN=node",
                 "-addext", "subjectAltName=DNS:node.example.com,otherName:1.3.6.1.5.5.7.8.10;IA5STRING:\(text)"])
        let certificate = try X509Certificate(der: pemFile(scratch.file("c.pem")))
        #expect(try certificate.acpNodeNames().map(\.text) == [text])
    }
}
