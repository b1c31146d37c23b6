// modules: ASN1 Crypto PKI
// CMS SignedData, X.509 certificates and PKCS#10 requests from untrusted peers (vouchers,
// voucher requests, EST responses, pledge CSRs) and their base64/PEM wrapping: parsing and
// verification never trap; they succeed or throw PKIError.
import ASN1
import CLinux
import PKI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let signedData = try? SignedData(der: bytes) {
        _ = try? signedData.verify()
        for der in signedData.certificates { inspect(certificate: der) }
    }
    inspect(certificate: bytes)
    if let request = try? CertificationRequest(der: bytes) {
        _ = try? request.verifySignature()
        _ = try? request.acpNodeNames()
    }
    if let text = String(validating: bytes, as: UTF8.self) {
        if let name = try? AcpNodeName(text), (try? AcpNodeName(name.text)) != name {
            print("AcpNodeName round trip broke: \(text)")
            abort()
        }
        // EST bodies are base64: what decodes must encode back to the same characters.
        if let decoded = try? PEM.decodeBase64(text),
           PEM.base64(decoded) != String(decoding: text.utf8.filter { $0 > 0x20 }, as: UTF8.self) {
            print("base64 round trip broke: \(text)")
            abort()
        }
        _ = try? PEM.decode(text)
    }
    return 0
}

func inspect(certificate der: [UInt8]) {
    guard let certificate = try? X509Certificate(der: der) else { return }
    _ = try? certificate.acpNodeNames()
    _ = try? certificate.masaURL()
    _ = try? certificate.subjectKeyIdentifier()
    _ = try? certificate.verifySignature(issuerKey: certificate.subjectKey)
}
