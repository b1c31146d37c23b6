import Foundation
import PKI
import Testing

@Suite struct PEMTests {
    /// RFC 4648 §10 test vectors.
    @Test func rfc4648Vectors() throws {
        let vectors = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in vectors {
            #expect(PEM.base64(Array(plain.utf8)) == encoded)
            #expect(try PEM.decodeBase64(encoded) == Array(plain.utf8))
        }
    }

    @Test func matchesFoundation() throws {
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255) }
            let ours = PEM.base64(bytes)
            #expect(ours == Data(bytes).base64EncodedString())
            let wrapped = Data(bytes).base64EncodedString(options: [.lineLength64Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            #expect(try PEM.decodeBase64(wrapped) == bytes)
        }
    }

    @Test func rejectsBadBase64() {
        for bad in ["Zg=", "Zh==", "Zm9=", "Z===", "Zg==Zg==", "Zm9v!", "Zm9vY", "=Zm9"] {
            #expect(throws: PKIError.self, "\(bad)") { try PEM.decodeBase64(bad) }
        }
    }

    /// The RFC 8995 vectors (PEM as OpenSSL wrote it) decode to what openssl converts to DER.
    @Test func vectorFiles() throws {
        let text = try String(contentsOfFile: vectors + "voucher_00-D0-E5-F2-00-02.pkcs", encoding: .utf8)
        let blocks = try PEM.decode(text)
        #expect(blocks.count == 1 && blocks[0].label == "CMS")
        let der = try run(["openssl", "cms", "-cmsout", "-inform", "PEM", "-outform", "DER", "-in", vectors + "voucher_00-D0-E5-F2-00-02.pkcs"])
        #expect(blocks[0].der == [UInt8](der))
        #expect(try SignedData(der: blocks[0].der).verify(signerCertificate: X509Certificate(der: pemFile(vectors + "masa.crt"))).der.count > 0)
        // Our encoding is what openssl reads back.
        let scratch = try Scratch("pem")
        defer { scratch.cleanup() }
        let certificate = try pemFile(vectors + "masa.crt")
        try PEM.encode(certificate, label: "CERTIFICATE").write(toFile: scratch.file("c.pem"), atomically: true, encoding: .utf8)
        let back = try run(["openssl", "x509", "-in", scratch.file("c.pem"), "-outform", "DER"])
        #expect([UInt8](back) == certificate)
        #expect(throws: PKIError.self) { try PEM.decode("-----BEGIN X-----\nZm9v\n") }
    }
}
