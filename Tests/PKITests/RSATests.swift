import ASN1
import Crypto
import Foundation
import PKI
import Testing

/// RSA (PKCS#1 v1.5, SHA-256) CAs and keys for test PKIs, judged by OpenSSL.
@Suite(.serialized) struct RSATests {
    /// One 2048-bit key for the whole suite: generation takes a while. The suite is serialized
    /// because an RSA key may sign on one thread at a time.
    nonisolated(unsafe) static let caKey = Result { try RSAPrivateKey.generate(bits: 2048) }

    @Test func keyExportsReadByOpenSSL() throws {
        let scratch = try Scratch("rsakey")
        defer { scratch.cleanup() }
        let key = try Self.caKey.get()
        #expect(key.bits == 2048)
        let keyPath = try scratch.write("k.pem", pem: try key.pkcs1DER(), label: "RSA PRIVATE KEY")
        let check = String(decoding: try run(["openssl", "rsa", "-check", "-noout", "-in", keyPath]), as: UTF8.self)
        #expect(check.contains("RSA key ok"))
        let spki = try run(["openssl", "rsa", "-in", keyPath, "-pubout", "-outform", "DER"])
        #expect([UInt8](spki) == key.subjectPublicKeyInfoDER)
        // Round trip through our own parser.
        #expect(try RSAPrivateKey(encoded: key.pkcs1DER()).subjectPublicKeyInfoDER == key.subjectPublicKeyInfoDER)
        #expect(throws: CryptoError.self) { try RSAPrivateKey(encoded: ECPrivateKey.generate(.p256).sec1DER()) }
    }

    @Test func rsaCAIssuesACPAndRSALeaves() throws {
        let scratch = try Scratch("rsaca")
        defer { scratch.cleanup() }
        let caKey = try Self.caKey.get()
        let start = now() - 60
        let ca = try CertificateBuilder.certificateAuthority(
            subject: .commonName("RSA domain CA"), key: caKey, serialNumber: [0x0A], notBefore: start, notAfter: start + 86_400)
        let nodeKey = try ECPrivateKey.generate(.p256)
        let name = try AcpNodeName("fd89b714f3db00000200000064000001@acp.example.com")
        let node = try CertificateBuilder.acpCertificate(
            subject: .commonName("ec-node"), subjectKey: nodeKey.publicKey, acpNodeName: name, issuer: ca, issuerKey: caKey,
            serialNumber: [0x0B], notBefore: start, notAfter: start + 86_400)
        // An RSA end entity (its key is the CA's here: generation is slow, and the test is about encoding).
        let rsaNode = try CertificateBuilder.acpCertificate(
            subject: .commonName("rsa-node"), subjectKey: SubjectPublicKeyInfo(der: caKey.subjectPublicKeyInfoDER), acpNodeName: name,
            issuer: ca, issuerKey: caKey, serialNumber: [0x0C], notBefore: start, notAfter: start + 86_400)
        let caPath = try scratch.write("ca.pem", pem: ca.der)
        #expect(ca.signatureAlgorithm == .sha256WithRSAEncryption)
        let caText = String(decoding: try run(["openssl", "x509", "-text", "-noout", "-in", caPath]), as: UTF8.self)
        #expect(caText.contains("Signature Algorithm: sha256WithRSAEncryption") && caText.contains("Public-Key: (2048 bit)"))
        let rsaNodeText = String(decoding: try run(["openssl", "x509", "-text", "-noout", "-in", try scratch.write("r.pem", pem: rsaNode.der)]), as: UTF8.self)
        #expect(rsaNodeText.contains("Digital Signature, Key Encipherment"))
        for (file, certificate) in [("node.pem", node), ("rsa-node.pem", rsaNode)] {
            let verdict = String(decoding: try run(["openssl", "verify", "-x509_strict", "-CAfile", caPath,
                                                    try scratch.write(file, pem: certificate.der)]), as: UTF8.self)
            #expect(verdict.contains("\(file): OK"))
            try certificate.verifySignature(issuerKey: ca.subjectKey)
            try Certificate(encoded: certificate.der).verify(issuedBy: Certificate(encoded: ca.der), at: CertificateTime(secondsSince1970: now()))
            #expect(try certificate.acpNodeNames() == [name])
        }
        // Another key does not verify.
        let other = try CertificateBuilder.certificateAuthority(
            subject: .commonName("other"), key: ECPrivateKey.generate(.p256), serialNumber: [1], notBefore: start, notAfter: start + 60)
        #expect(throws: PKIError.self) { try node.verifySignature(issuerKey: other.subjectKey) }
    }

    @Test func rsaSignedDataBothWays() throws {
        let scratch = try Scratch("rsacms")
        defer { scratch.cleanup() }
        let key = try Self.caKey.get()
        let signer = try CertificateBuilder.certificateAuthority(
            subject: .commonName("RSA MASA"), key: key, serialNumber: [0x42], notBefore: now() - 60, notAfter: now() + 3600)
        let content = Array(#"{"ietf-voucher:voucher":{"assertion":"verified"}}"#.utf8)
        let ours = try SignedData.sign(content: content, key: key, signerCertificate: signer, signingTime: now())
        let certPath = try scratch.write("signer.pem", pem: signer.der)
        let out = try run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-CAfile", certPath, "-in", try scratch.write("ours.der", ours)])
        #expect([UInt8](out) == content)
        try SignedData(der: ours).verify()

        let keyPath = try scratch.write("k.pem", pem: try key.pkcs1DER(), label: "RSA PRIVATE KEY")
        _ = try scratch.write("content.json", content)
        try run(["openssl", "cms", "-sign", "-binary", "-nodetach", "-in", scratch.file("content.json"), "-signer", certPath,
                 "-inkey", keyPath, "-outform", "DER", "-out", scratch.file("theirs.der")])
        let theirs = try SignedData(der: scratch.read("theirs.der"))
        #expect(try theirs.verify().der == signer.der)
        #expect(theirs.signers[0].signatureAlgorithm.isRSA)
    }

    @Test func openSSLRSACSR() throws {
        let scratch = try Scratch("rsacsr")
        defer { scratch.cleanup() }
        let keyPath = try scratch.write("k.pem", pem: try Self.caKey.get().pkcs1DER(), label: "RSA PRIVATE KEY")
        try run(["openssl", "req", "-new", "-key", keyPath, "-subj", "/CN=rsa-pledge", "-outform", "DER", "-out", scratch.file("r.der")])
        let csr = try CertificationRequest(der: scratch.read("r.der"))
        try csr.verifySignature()
        #expect(csr.signatureAlgorithm == .sha256WithRSAEncryption)
        let ours = try CertificationRequest.create(subject: .commonName("ours"), key: try Self.caKey.get())
        let path = try scratch.write("ours.pem", pem: ours.der, label: "CERTIFICATE REQUEST")
        try run(["openssl", "req", "-verify", "-noout", "-in", path])
    }
}
