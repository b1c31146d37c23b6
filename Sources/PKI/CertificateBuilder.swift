import ASN1
import Crypto

/// Creates X.509 v3 certificates signed with ECDSA (or RSA): the domain CA, ACP node certificates
/// (LDevIDs with the AcpNodeName, RFC 8994 §6.2.2) and IDevIDs (RFC 8995 §2.3). The
/// TBSCertificate is built here and signed with Crypto's ECDSA; validity times and serial numbers
/// are the caller's, so nothing here reads a clock.
public enum CertificateBuilder {
    /// Any certificate: `subjectKey` certified by `issuerKey` under `issuer`'s name.
    public static func certificate(
        subject: DistinguishedName, subjectKey: some SubjectPublicKey, issuer: DistinguishedName, issuerKey: some SigningKey,
        serialNumber: [UInt8], notBefore: Int64, notAfter: Int64, extensions: [CertificateExtension]
    ) throws(PKIError) -> X509Certificate {
        let algorithm = issuerKey.signatureAlgorithm
        var tbsFields: [DERNode] = [
            .explicit(0, .integer(2)),  // v3
            .integer(unsignedBigEndian: serialNumber),
            algorithm.algorithmIdentifier,
            issuer.node,
            .sequence([.time(secondsSince1970: notBefore), .time(secondsSince1970: notAfter)]),
            subject.node,
            .encoded(subjectKey.subjectPublicKeyInfoDER),
        ]
        if !extensions.isEmpty { tbsFields.append(.explicit(3, .sequence(extensions.map { $0.node }))) }
        let tbs = DERNode.sequence(tbsFields).encoded
        let signature = try issuerKey.sign(tbs)
        let certificate = DERNode.sequence([.encoded(tbs), algorithm.algorithmIdentifier, .bitString(signature)]).encoded
        return try X509Certificate(der: certificate)
    }

    /// A self-signed domain CA (trust anchor): basicConstraints cA, keyCertSign and cRLSign.
    public static func certificateAuthority(
        subject: DistinguishedName, key: some SigningKey, serialNumber: [UInt8], notBefore: Int64, notAfter: Int64
    ) throws(PKIError) -> X509Certificate {
        let publicKey = SubjectPublicKeyInfo(der: key.subjectPublicKeyInfoDER)
        return try certificate(
            subject: subject, subjectKey: publicKey, issuer: subject, issuerKey: key,
            serialNumber: serialNumber, notBefore: notBefore, notAfter: notAfter,
            extensions: [
                .basicConstraints(isCA: true),
                .keyUsage([.keyCertSign, .cRLSign, .digitalSignature]),
                .subjectKeyIdentifier(publicKey),
                .authorityKeyIdentifier(keyIdentifier(publicKey)),
            ])
    }

    /// An ACP certificate: end entity; keyUsage digitalSignature plus keyAgreement for EC keys
    /// (RFC 8994 draft-28 §6.1.1: ECC ACP certificates with keyUsage MUST be ECDH capable) or
    /// keyEncipherment for RSA keys; EKU serverAuth + clientAuth; the AcpNodeName in
    /// subjectAltName (§6.1.2).
    public static func acpCertificate(
        subject: DistinguishedName, subjectKey: some SubjectPublicKey, acpNodeName: AcpNodeName,
        issuer: X509Certificate, issuerKey: some SigningKey, serialNumber: [UInt8], notBefore: Int64, notAfter: Int64
    ) throws(PKIError) -> X509Certificate {
        try certificate(
            subject: subject, subjectKey: subjectKey, issuer: issuer.subject, issuerKey: issuerKey,
            serialNumber: serialNumber, notBefore: notBefore, notAfter: notAfter,
            extensions: [
                .basicConstraints(isCA: false),
                .keyUsage(isRSA(subjectKey) ? [.digitalSignature, .keyEncipherment] : [.digitalSignature, .keyAgreement]),
                .extendedKeyUsage([OID.serverAuth, OID.clientAuth]),
                .subjectKeyIdentifier(subjectKey),
                .authorityKeyIdentifier(try authorityKeyIdentifier(issuer, issuerKey)),
                .subjectAltName([acpNodeName]),
            ])
    }

    /// An IDevID: subject `serialNumber=<product serial>` (RFC 8995 §2.3.1) and the MASA URL
    /// extension (§2.3.2).
    public static func idevid(
        productSerialNumber: String, subjectKey: some SubjectPublicKey, masaURL: String,
        issuer: X509Certificate, issuerKey: some SigningKey, serialNumber: [UInt8], notBefore: Int64, notAfter: Int64
    ) throws(PKIError) -> X509Certificate {
        try certificate(
            subject: DistinguishedName([.init(OID.serialNumber, productSerialNumber)]), subjectKey: subjectKey,
            issuer: issuer.subject, issuerKey: issuerKey,
            serialNumber: serialNumber, notBefore: notBefore, notAfter: notAfter,
            extensions: [
                .basicConstraints(isCA: false),
                .keyUsage([.digitalSignature]),
                .subjectKeyIdentifier(subjectKey),
                .authorityKeyIdentifier(try authorityKeyIdentifier(issuer, issuerKey)),
                .masaURL(masaURL),
            ])
    }

    /// A positive 16-byte serial number from getrandom(2) (RFC 5280 §4.1.2.2: at most 20
    /// octets; CA/Browser practice: 64+ random bits).
    public static func randomSerialNumber() throws(PKIError) -> [UInt8] {
        var bytes = try usingCrypto { () throws(CryptoError) in try Randomness.bytes(16) }
        bytes[0] = bytes[0] & 0x7F | 0x40
        return bytes
    }
}

/// The issuer's own subjectKeyIdentifier if it has one, else RFC 7093's from its key, so that
/// authorityKeyIdentifier matches what path builders look up.
private func authorityKeyIdentifier(_ issuer: X509Certificate, _ key: some SigningKey) throws(PKIError) -> [UInt8] {
    try issuer.subjectKeyIdentifier() ?? keyIdentifier(subjectPublicKeyInfo: key.subjectPublicKeyInfoDER)
}

/// Whether a SubjectPublicKeyInfo holds an rsaEncryption key (RFC 3279 §2.3.1).
private func isRSA(_ key: some SubjectPublicKey) -> Bool {
    let algorithm = try? readingDER { () throws(ASN1Error) -> ASN1ObjectIdentifier in
        var fields = try derParseSingle(key.subjectPublicKeyInfoDER).reader()
        var identifier = try fields.enter(DERTag.sequence)
        return try identifier.read(DERTag.objectIdentifier).objectIdentifier()
    }
    return algorithm == OID.rsaEncryption
}

/// A SubjectPublicKeyInfo taken as is (from a signing key, a CSR or a certificate).
public struct SubjectPublicKeyInfo: SubjectPublicKey, Equatable, Sendable {
    public let subjectPublicKeyInfoDER: [UInt8]
    public init(der: [UInt8]) { subjectPublicKeyInfoDER = der }
}
