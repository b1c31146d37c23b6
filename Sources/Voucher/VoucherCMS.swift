import ASN1
import Crypto
import PKI

/// The CMS-signed JSON form (`application/voucher-cms+json`, RFC 8366 §5.2, RFC 8995 §3.3):
/// a SignedData whose encapsulated content is the JSON text. The signature and message digest
/// are checked by PKI's SignedData; whether the signer certificate is trusted (MASA anchor,
/// IDevID chain, registrar certificate) is the caller's decision, made on the certificate
/// this returns.
enum VoucherCMS {
    /// Verifies `bytes` and returns the JSON content and the certificate that verified it:
    /// `signer` if given, else the embedded certificate the SignerInfo names.
    static func open(_ bytes: [UInt8], signer: X509Certificate?) throws(VoucherError) -> (content: [UInt8], signer: X509Certificate) {
        let signed: SignedData
        do {
            signed = try SignedData(der: bytes)
        } catch {
            throw .cms(error)
        }
        // RFC 8366 §5.2 names id-ct-animaJSONVoucher; deployed MASAs (the RFC 8995 Appendix C
        // vectors among them) use id-data.
        guard signed.eContentType == OID.animaJSONVoucher || signed.eContentType == OID.data else {
            throw .unexpectedContentType
        }
        let certificate: X509Certificate
        do {
            certificate = try signed.verify(signerCertificate: signer)
        } catch {
            throw .cms(error)
        }
        guard let content = signed.eContent else { throw .cms(.verificationFailed("no encapsulated content")) }
        return (content, certificate)
    }

    static func seal(
        _ content: [UInt8], key: ECPrivateKey, signerCertificate: X509Certificate, chain: [X509Certificate], signingTime: Int64
    ) throws(VoucherError) -> [UInt8] {
        do {
            return try SignedData.sign(
                content: content, eContentType: OID.animaJSONVoucher, key: key,
                signerCertificate: signerCertificate, chain: chain, signingTime: signingTime)
        } catch {
            throw .cms(error)
        }
    }
}

extension Voucher {
    /// Reads a CMS-signed JSON voucher whose signature verifies with `signer` (the MASA's
    /// certificate), or with the embedded certificate when `signer` is nil — in which case
    /// the caller must check that certificate, which `signerCertificate` returns.
    public init(cms bytes: [UInt8], signer: X509Certificate?) throws(VoucherError) {
        try self.init(json: try VoucherCMS.open(bytes, signer: signer).content)
    }

    /// The certificate that signed a CMS voucher, after verifying the signature with it.
    public static func signerCertificate(cms bytes: [UInt8]) throws(VoucherError) -> X509Certificate {
        try VoucherCMS.open(bytes, signer: nil).signer
    }

    /// Signs the JSON form in a CMS SignedData (eContentType id-ct-animaJSONVoucher).
    public func signedCMS(
        key: ECPrivateKey, signerCertificate: X509Certificate, chain: [X509Certificate] = [], signingTime: Int64
    ) throws(VoucherError) -> [UInt8] {
        try VoucherCMS.seal(json(), key: key, signerCertificate: signerCertificate, chain: chain, signingTime: signingTime)
    }
}

extension VoucherRequest {
    /// Reads a CMS-signed JSON voucher request (the pledge's, signed with its IDevID key, or
    /// the registrar's).
    public init(cms bytes: [UInt8], signer: X509Certificate?) throws(VoucherError) {
        try self.init(json: try VoucherCMS.open(bytes, signer: signer).content)
    }

    public static func signerCertificate(cms bytes: [UInt8]) throws(VoucherError) -> X509Certificate {
        try VoucherCMS.open(bytes, signer: nil).signer
    }

    public func signedCMS(
        key: ECPrivateKey, signerCertificate: X509Certificate, chain: [X509Certificate] = [], signingTime: Int64
    ) throws(VoucherError) -> [UInt8] {
        try VoucherCMS.seal(json(), key: key, signerCertificate: signerCertificate, chain: chain, signingTime: signingTime)
    }
}
