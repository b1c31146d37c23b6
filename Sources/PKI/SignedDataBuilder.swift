import ASN1
import Crypto

extension SignedData {
    /// Signs `content` (a JSON voucher or voucher request) with `key`: one SignerInfo identified
    /// by issuer and serial of `signerCertificate`, signed attributes content-type, signing-time
    /// and message-digest (RFC 5652 §5.3/§11, RFC 8366 §5.3), the signer certificate and `chain`
    /// embedded. Returns the DER ContentInfo.
    public static func sign(
        content: [UInt8], eContentType: ASN1ObjectIdentifier = OID.data, key: some SigningKey,
        signerCertificate: X509Certificate, chain: [X509Certificate] = [], signingTime: Int64
    ) throws(PKIError) -> [UInt8] {
        let signatureAlgorithm = key.signatureAlgorithm
        let digestAlgorithm = signatureAlgorithm.hash
        let attributes: [DERNode] = [
            .sequence([.oid(OID.contentType), .setOf([.oid(eContentType)])]),
            .sequence([.oid(OID.signingTime), .setOf([.time(secondsSince1970: signingTime)])]),
            .sequence([.oid(OID.messageDigest), .setOf([.octetString(digestAlgorithm.hash(content))])]),
        ]
        // Signed over as SET OF; carried as [0] IMPLICIT with the same (DER-sorted) contents.
        let signedAttributes = DERNode.setOf(attributes).encoded
        let signature = try key.sign(signedAttributes)
        let signerInfo = DERNode.sequence([
            .integer(1),
            .sequence([.encoded(signerCertificate.issuerDER), .integer(unsignedBigEndian: signerCertificate.serialNumber)]),
            hashAlgorithmIdentifier(digestAlgorithm),
            .encoded([DERTag.contextConstructed(0)] + signedAttributes.dropFirst()),
            signatureAlgorithm.algorithmIdentifier,
            .octetString(signature),
        ])
        // §5.1: version 3 when eContentType is not id-data, else 1 (no v2 certificates or SKIs here).
        let version: Int64 = eContentType == OID.data ? 1 : 3
        return contentInfo(.sequence([
            .integer(version),
            .setOf([hashAlgorithmIdentifier(digestAlgorithm)]),
            .sequence([.oid(eContentType), .explicit(0, .octetString(content))]),
            certificateSet([signerCertificate.der] + chain.map { $0.der }),
            .setOf([signerInfo]),
        ]))
    }

    /// The EST certs-only "degenerate" SignedData (RFC 7030 §4.1.3, RFC 5652 §5): no content, no
    /// signers, only `certificates` — the /cacerts and /simpleenroll response body (before
    /// base64).
    public static func certsOnly(_ certificates: [[UInt8]]) -> [UInt8] {
        contentInfo(.sequence([
            .integer(1),
            .setOf([]),
            .sequence([.oid(OID.data)]),
            certificateSet(certificates),
            .setOf([]),
        ]))
    }

    /// `[0] IMPLICIT CertificateSet` in the order given: the set's order is not significant to
    /// readers, and keeping the signer first helps those that take the first certificate.
    private static func certificateSet(_ certificates: [[UInt8]]) -> DERNode {
        .constructed(tag: DERTag.contextConstructed(0), children: certificates.map { DERNode.encoded($0) })
    }

    private static func contentInfo(_ signedData: DERNode) -> [UInt8] {
        DERNode.sequence([.oid(OID.signedData), .explicit(0, signedData)]).encoded
    }
}
