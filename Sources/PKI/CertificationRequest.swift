import ASN1
import Crypto

/// A PKCS#10 certification request (RFC 2986): what a pledge sends to EST
/// `/simpleenroll` (RFC 7030 §4.2) and what the registrar checks before issuing the ACP
/// certificate — the signature proves possession of the key, which must also be the pledge's TLS
/// client key.
public struct CertificationRequest: Equatable, Sendable {
    public let der: [UInt8]
    /// The signed CertificationRequestInfo, exactly as encoded.
    public let certificationRequestInfo: [UInt8]
    public let subject: DistinguishedName
    public let subjectPublicKeyInfo: [UInt8]
    /// The extensions of the extensionRequest attribute (PKCS#9, RFC 2985 §5.4.2), if any.
    public let requestedExtensions: [CertificateExtension]
    public let signatureAlgorithm: SignatureAlgorithm
    public let signature: [UInt8]

    /// Builds and signs a request for `key`, optionally with requested extensions — e.g. the
    /// subjectAltName AcpNodeName the registrar announced through EST /csrattrs (RFC 8994
    /// draft-28 §6.10.7.2, RFC 8995 §5.9.2).
    public static func create(
        subject: DistinguishedName, key: some SigningKey, extensions: [CertificateExtension] = []
    ) throws(PKIError) -> CertificationRequest {
        var attributes: [DERNode] = []
        if !extensions.isEmpty {
            attributes.append(.sequence([
                .oid(OID.extensionRequest), .setOf([.sequence(extensions.map { $0.node })]),
            ]))
        }
        let info = DERNode.sequence([
            .integer(0), subject.node, .encoded(key.subjectPublicKeyInfoDER),
            .constructed(tag: DERTag.contextConstructed(0), children: attributes),
        ]).encoded
        let algorithm = key.signatureAlgorithm
        let signature = try key.sign(info)
        return try CertificationRequest(der: DERNode.sequence([.encoded(info), algorithm.algorithmIdentifier, .bitString(signature)]).encoded)
    }

    public init(der bytes: [UInt8]) throws(PKIError) {
        der = bytes
        var outer = try readingDER { () throws(ASN1Error) in try derParseSingle(bytes).reader() }
        let info = try readingDER { () throws(ASN1Error) in try outer.read(DERTag.sequence) }
        certificationRequestInfo = Array(info.encoded)
        signatureAlgorithm = try SignatureAlgorithm(element: try readingDER { () throws(ASN1Error) in try outer.read(DERTag.sequence) })
        signature = try readingDER { () throws(ASN1Error) in
            let bits = try outer.read(DERTag.bitString).bitStringOctets()
            try outer.finish()
            return Array(bits)
        }
        var fields = try readingDER { () throws(ASN1Error) in try info.reader() }
        let version = try readingDER { () throws(ASN1Error) in try fields.read(DERTag.integer).int64() }
        guard version == 0 else { throw PKIError.malformed("CSR version \(version)") }
        subject = try DistinguishedName(element: try readingDER { () throws(ASN1Error) in try fields.read(DERTag.sequence) })
        subjectPublicKeyInfo = try readingDER { () throws(ASN1Error) in Array(try fields.read(DERTag.sequence).encoded) }
        requestedExtensions = try readingDER { () throws(ASN1Error) in
            var extensions: [CertificateExtension] = []
            var attributes = try fields.enter(DERTag.contextConstructed(0))
            try fields.finish()
            while !attributes.isAtEnd {
                var attribute = try attributes.enter(DERTag.sequence)
                let type = try attribute.read(DERTag.objectIdentifier).objectIdentifier()
                var values = try attribute.enter(DERTag.set)
                try attribute.finish()
                guard type == OID.extensionRequest else { continue }
                extensions += try readExtensions(try values.read(DERTag.sequence))
                try values.finish()
            }
            return extensions
        }
    }

    /// The requested key, if P-256 or P-384.
    public func publicKey() throws(PKIError) -> ECPublicKey {
        try usingCrypto { () throws(CryptoError) in try ECPublicKey(subjectPublicKeyInfo: subjectPublicKeyInfo) }
    }

    /// Proof of possession: the request is signed by the key it asks to certify.
    public func verifySignature() throws(PKIError) {
        try signatureAlgorithm.verify(signature[...], over: certificationRequestInfo[...], subjectPublicKeyInfo: subjectPublicKeyInfo)
    }

    /// Whether the request is for the key `certificate` certifies — RFC 8995 §5.9.1 / RFC 7030
    /// §3.3.2: the registrar checks the CSR's key is the pledge's TLS client key. The
    /// SubjectPublicKeyInfo DER is compared, since both come from the same key writer.
    public func isForKey(of certificate: X509Certificate) -> Bool {
        subjectPublicKeyInfo == certificate.subjectPublicKeyInfo
    }

    /// AcpNodeNames the requester proposes in a requested subjectAltName.
    public func acpNodeNames() throws(PKIError) -> [AcpNodeName] {
        guard let san = requestedExtensions.first(where: { $0.identifier == OID.subjectAltName }) else { return [] }
        return try acpNodeNamesIn(subjectAltName: san.value)
    }
}
