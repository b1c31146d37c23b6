import ASN1
import Crypto
import Foundation
import PKI
import Testing

/// What PKI creates is judged by OpenSSL, and what OpenSSL creates is read by PKI.
@Suite struct OpenSSLInteropTests {
    struct TestPKI {
        let caKey: ECPrivateKey
        let ca: X509Certificate
        let nodeKey: ECPrivateKey
        let node: X509Certificate
        let name: AcpNodeName
    }

    static func makePKI(_ curve: ECCurve, nodeCurve: ECCurve = .p256) throws -> TestPKI {
        let caKey = try ECPrivateKey.generate(curve)
        let start = now() - 3600
        let ca = try CertificateBuilder.certificateAuthority(
            subject: DistinguishedName([.init(OID.domainComponent, "example"), .init(OID.organizationName, "Minerva"),
                                        .init(OID.commonName, "ACP domain CA")]),
            key: caKey, serialNumber: try CertificateBuilder.randomSerialNumber(),
            notBefore: start, notAfter: start + 10 * 365 * 86_400)
        let nodeKey = try ECPrivateKey.generate(nodeCurve)
        let name = try AcpNodeName("fd89b714f3db00000200000064000000+area51.research@acp.example.com")
        let node = try CertificateBuilder.acpCertificate(
            subject: .commonName("node-1"), subjectKey: nodeKey.publicKey, acpNodeName: name,
            issuer: ca, issuerKey: caKey, serialNumber: try CertificateBuilder.randomSerialNumber(),
            notBefore: start, notAfter: start + 365 * 86_400)
        return TestPKI(caKey: caKey, ca: ca, nodeKey: nodeKey, node: node, name: name)
    }

    @Test(arguments: [ECCurve.p256, .p384])
    func acpCertificateAcceptedByOpenSSL(curve: ECCurve) throws {
        let scratch = try Scratch("acpcert")
        defer { scratch.cleanup() }
        let pki = try Self.makePKI(curve)
        let caPath = try scratch.write("ca.pem", pem: pki.ca.der)
        let nodePath = try scratch.write("node.pem", pem: pki.node.der)
        let text = String(decoding: try run(["openssl", "x509", "-text", "-noout", "-in", nodePath]), as: UTF8.self)
        #expect(text.contains("othername: 1.3.6.1.5.5.7.8.10::rfcSELF+fd89b714f3db00000200000064000000+area51.research@acp.example.com"))
        #expect(text.contains("TLS Web Server Authentication, TLS Web Client Authentication"))
        #expect(text.contains("Digital Signature, Key Agreement"))
        #expect(text.contains(curve == .p256 ? "ecdsa-with-SHA256" : "ecdsa-with-SHA384"))
        let caText = String(decoding: try run(["openssl", "x509", "-text", "-noout", "-in", caPath]), as: UTF8.self)
        #expect(caText.contains("CA:TRUE"))
        #expect(caText.contains("Certificate Sign, CRL Sign"))
        let verdict = String(decoding: try run(["openssl", "verify", "-x509_strict", "-CAfile", caPath, nodePath]), as: UTF8.self)
        #expect(verdict.contains("node.pem: OK"))
        // mbedTLS agrees, and our reader gets the name back.
        try Certificate(encoded: pki.node.der).verify(issuedBy: Certificate(encoded: pki.ca.der), at: CertificateTime(secondsSince1970: now()))
        #expect(try pki.node.acpNodeNames() == [pki.name])
        try pki.node.verifySignature(issuerKey: pki.caKey.publicKey)
        try pki.ca.verifySignature(issuerKey: pki.caKey.publicKey)
    }

    @Test func idevidAcceptedByOpenSSL() throws {
        let scratch = try Scratch("idevid")
        defer { scratch.cleanup() }
        let pki = try Self.makePKI(.p384)
        let key = try ECPrivateKey.generate(.p256)
        let idevid = try CertificateBuilder.idevid(
            productSerialNumber: "00-D0-E5-F2-00-02", subjectKey: key.publicKey, masaURL: "masa.example.com:9443",
            issuer: pki.ca, issuerKey: pki.caKey, serialNumber: [0x01, 0x02],
            notBefore: now() - 60, notAfter: 32_503_593_600)
        let path = try scratch.write("idevid.pem", pem: idevid.der)
        let text = String(decoding: try run(["openssl", "x509", "-text", "-noout", "-in", path]), as: UTF8.self)
        #expect(text.contains("Subject: serialNumber = 00-D0-E5-F2-00-02"))
        #expect(text.contains("1.3.6.1.5.5.7.1.32: \n                ..masa.example.com:9443"))
        #expect(text.contains("Not After : Dec 31 00:00:00 2999 GMT"))
        #expect(text.contains("Serial Number: 258 (0x102)"))
        let verdict = String(decoding: try run(["openssl", "verify", "-CAfile", try scratch.write("ca.pem", pem: pki.ca.der), path]), as: UTF8.self)
        #expect(verdict.contains(": OK"))
        #expect(try idevid.masaURL() == "masa.example.com:9443")
        #expect(idevid.subjectSerialNumber == "00-D0-E5-F2-00-02")
    }

    @Test func ourCSRVerifiedByOpenSSL() throws {
        let scratch = try Scratch("csr")
        defer { scratch.cleanup() }
        let key = try ECPrivateKey.generate(.p256)
        let name = try AcpNodeName("0+r@acp.example.com")
        let csr = try CertificationRequest.create(subject: .commonName("pledge"), key: key, extensions: [.subjectAltName([name])])
        let path = try scratch.write("csr.pem", pem: csr.der, label: "CERTIFICATE REQUEST")
        let out = try run(["openssl", "req", "-verify", "-noout", "-text", "-in", path])
        #expect(String(decoding: out, as: UTF8.self).contains("othername: 1.3.6.1.5.5.7.8.10::rfcSELF+0+r@acp.example.com"))
        try csr.verifySignature()
        #expect(try csr.acpNodeNames() == [name])
        #expect(try csr.publicKey() == key.publicKey)
        // The registrar's check against the pledge's TLS client certificate (here: the same key
        // in an openssl-made certificate, then another key).
        let keyPath = try scratch.write("k.pem", pem: try key.pkcs8DER(), label: "PRIVATE KEY")
        try run(["openssl", "req", "-x509", "-key", keyPath, "-subj", "/CN=pledge-tls", "-out", scratch.file("tls.pem")])
        #expect(csr.isForKey(of: try X509Certificate(der: pemFile(scratch.file("tls.pem")))))
        #expect(!csr.isForKey(of: try X509Certificate(der: pemFile(vectors + "masa.crt"))))
        // A CSR without attributes is valid too.
        try CertificationRequest.create(subject: .commonName("plain"), key: key).verifySignature()
    }

    @Test(arguments: ["prime256v1", "secp384r1"])
    func openSSLCSRVerifiedByUs(curve: String) throws {
        let scratch = try Scratch("osslcsr")
        defer { scratch.cleanup() }
        try run(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:\(curve)", "-nodes",
                 "-keyout", scratch.file("k.pem"), "-out", scratch.file("r.pem"), "-subj", "/CN=pledge/serialNumber=XYZ-1",
                 "-addext", "subjectAltName=otherName:1.3.6.1.5.5.7.8.10;IA5STRING:rfcSELF+0@acp.example.com"])
        let csr = try CertificationRequest(der: pemFile(scratch.file("r.pem")))
        try csr.verifySignature()
        #expect(csr.subject.value(of: OID.serialNumber) == "XYZ-1")
        #expect(try csr.acpNodeNames().map(\.text) == ["rfcSELF+0@acp.example.com"])
        let key = try ECPrivateKey(pem: String(contentsOfFile: scratch.file("k.pem"), encoding: .utf8))
        #expect(try csr.publicKey() == key.publicKey)
        // One flipped bit in the signed part fails.
        var tampered = csr.der
        let at = try #require(tampered.indices.first { tampered[$0...].starts(with: Array("pledge".utf8)) })
        tampered[at] ^= 0x20
        #expect(throws: PKIError.verificationFailed("ECDSA signature")) { try CertificationRequest(der: tampered).verifySignature() }
    }

    @Test(arguments: [ECCurve.p256, .p384])
    func ourSignedDataVerifiedByOpenSSL(curve: ECCurve) throws {
        let scratch = try Scratch("cms")
        defer { scratch.cleanup() }
        let pki = try Self.makePKI(.p384)
        let signerKey = try ECPrivateKey.generate(curve)
        let signer = try CertificateBuilder.certificate(
            subject: .commonName("masa"), subjectKey: signerKey.publicKey, issuer: pki.ca.subject, issuerKey: pki.caKey,
            serialNumber: try CertificateBuilder.randomSerialNumber(), notBefore: now() - 60, notAfter: now() + 86_400,
            extensions: [.basicConstraints(isCA: false), .keyUsage([.digitalSignature])])
        let content = Array(#"{"ietf-voucher:voucher":{"assertion":"logged","serial-number":"00-D0-E5-F2-00-02"}}"#.utf8)
        let signed = try SignedData.sign(content: content, key: signerKey, signerCertificate: signer, chain: [pki.ca], signingTime: now())
        let path = try scratch.write("voucher.der", signed)
        let caPath = try scratch.write("ca.pem", pem: pki.ca.der)
        let out = try run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-CAfile", caPath, "-in", path])
        #expect([UInt8](out) == content)
        // And our own reader: one signer, found among the embedded certificates.
        let parsed = try SignedData(der: signed)
        #expect(parsed.certificates == [signer.der, pki.ca.der])
        #expect(try parsed.verify().der == signer.der)
        #expect(parsed.signers[0].digestAlgorithm == curve.hash)
        // A voucher content type (RFC 8366 §8.3) makes a version 3 SignedData openssl still takes.
        let typed = try SignedData.sign(content: content, eContentType: OID.animaJSONVoucher, key: signerKey,
                                        signerCertificate: signer, signingTime: now())
        let typedOut = try run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-CAfile", caPath,
                                "-certfile", try scratch.write("signer.pem", pem: signer.der), "-in", try scratch.write("typed.der", typed)])
        #expect([UInt8](typedOut) == content)
        #expect(try SignedData(der: typed).eContentType == OID.animaJSONVoucher)
    }

    @Test(arguments: ["prime256v1", "secp384r1"])
    func openSSLSignedDataVerifiedByUs(curve: String) throws {
        let scratch = try Scratch("osslcms")
        defer { scratch.cleanup() }
        try run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:\(curve)", "-nodes",
                 "-keyout", scratch.file("k.pem"), "-out", scratch.file("c.pem"), "-subj", "/CN=registrar", "-days", "2"])
        let content = Array(#"{"ietf-voucher-request:voucher":{"nonce":"abc"}}"#.utf8)
        _ = try scratch.write("content.json", content)
        try run(["openssl", "cms", "-sign", "-binary", "-nodetach", "-in", scratch.file("content.json"), "-signer", scratch.file("c.pem"),
                 "-inkey", scratch.file("k.pem"), "-outform", "DER", "-out", scratch.file("signed.der")])
        let signed = try SignedData(der: scratch.read("signed.der"))
        #expect(signed.eContent == content)
        let certificate = try X509Certificate(der: pemFile(scratch.file("c.pem")))
        try signed.verify(signerCertificate: certificate)
        #expect(try signed.verify().der == certificate.der)
        #expect(signed.signers[0].signingTime.map { abs($0 - now()) < 600 } == true)
    }

    @Test func certsOnlyBothWays() throws {
        let scratch = try Scratch("certsonly")
        defer { scratch.cleanup() }
        let pki = try Self.makePKI(.p256)
        let ours = SignedData.certsOnly([pki.node.der, pki.ca.der])
        let printed = String(decoding: try run(["openssl", "pkcs7", "-inform", "DER", "-print_certs", "-noout", "-in",
                                                 try scratch.write("p7.der", ours)]), as: UTF8.self)
        #expect(printed.contains("subject=CN = node-1"))
        #expect(printed.contains("subject=DC = example, O = Minerva, CN = ACP domain CA"))
        let parsedOurs = try SignedData(der: ours)
        #expect(parsedOurs.certificates == [pki.node.der, pki.ca.der] && parsedOurs.signers.isEmpty && parsedOurs.eContent == nil)
        // OpenSSL's certs-only form (what an EST server's /cacerts returns, base64-decoded).
        let bundle = try scratch.write("bundle.pem", pem: pki.ca.der)
        try run(["openssl", "crl2pkcs7", "-nocrl", "-certfile", bundle, "-outform", "DER", "-out", scratch.file("theirs.der")])
        let theirs = try SignedData(der: scratch.read("theirs.der"))
        #expect(theirs.certificates == [pki.ca.der])
        #expect(throws: PKIError.verificationFailed("no encapsulated content")) { try theirs.verify() }
    }
}
