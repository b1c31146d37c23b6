import ASN1
import Crypto

/// The fields of an X.509 v3 certificate (RFC 5280 §4.1) that ACP and BRSKI look at beyond what
/// mbedTLS exposes: the raw issuer and serial (CMS signer identification), the subject's
/// serialNumber, and the extensions (AcpNodeName, MASA URL). Chain checking stays with
/// `Crypto.Certificate.verify(issuedBy:at:)`.
public struct X509Certificate: Equatable, Sendable {
    public let der: [UInt8]
    /// The signed part, exactly as encoded.
    public let tbsCertificate: [UInt8]
    /// Big-endian magnitude.
    public let serialNumber: [UInt8]
    public let signatureAlgorithm: SignatureAlgorithm
    public let issuer: DistinguishedName
    /// The issuer Name's DER, as CMS IssuerAndSerialNumber repeats it.
    public let issuerDER: [UInt8]
    public let subject: DistinguishedName
    public let subjectDER: [UInt8]
    /// Seconds since 1970.
    public let notBefore: Int64
    public let notAfter: Int64
    public let subjectPublicKeyInfo: [UInt8]
    public let extensions: [CertificateExtension]
    public let signature: [UInt8]

    public init(der bytes: [UInt8]) throws(PKIError) {
        der = bytes
        var outer = try readingDER { () throws(ASN1Error) in try derParseSingle(bytes).reader() }
        let tbs = try readingDER { () throws(ASN1Error) in try outer.read(DERTag.sequence) }
        tbsCertificate = Array(tbs.encoded)
        signatureAlgorithm = try SignatureAlgorithm(element: try readingDER { () throws(ASN1Error) in try outer.read(DERTag.sequence) })
        signature = try readingDER { () throws(ASN1Error) in
            let bits = try outer.read(DERTag.bitString).bitStringOctets()
            try outer.finish()
            return Array(bits)
        }

        var fields = try readingDER { () throws(ASN1Error) in try tbs.reader() }
        let version = try readingDER { () throws(ASN1Error) -> Int64 in
            guard var explicit = try fields.readIfPresent(DERTag.contextConstructed(0))?.reader() else { return 0 }
            let version = try explicit.read(DERTag.integer).int64()
            try explicit.finish()
            return version
        }
        guard version == 2 else { throw PKIError.malformed("certificate version \(version + 1), not 3") }
        serialNumber = try readingDER { () throws(ASN1Error) in try fields.read(DERTag.integer).unsignedIntegerBytes() }
        let innerAlgorithm = try SignatureAlgorithm(element: try readingDER { () throws(ASN1Error) in try fields.read(DERTag.sequence) })
        guard innerAlgorithm == signatureAlgorithm else { throw PKIError.malformed("signature algorithms differ (RFC 5280 §4.1.1.2)") }
        let issuerElement = try readingDER { () throws(ASN1Error) in try fields.read(DERTag.sequence) }
        issuer = try DistinguishedName(element: issuerElement)
        issuerDER = Array(issuerElement.encoded)
        (notBefore, notAfter) = try readingDER { () throws(ASN1Error) in
            var validity = try fields.enter(DERTag.sequence)
            let from = try validity.read().time()
            let to = try validity.read().time()
            try validity.finish()
            return (from, to)
        }
        let subjectElement = try readingDER { () throws(ASN1Error) in try fields.read(DERTag.sequence) }
        subject = try DistinguishedName(element: subjectElement)
        subjectDER = Array(subjectElement.encoded)
        subjectPublicKeyInfo = try readingDER { () throws(ASN1Error) in Array(try fields.read(DERTag.sequence).encoded) }
        extensions = try readingDER { () throws(ASN1Error) in
            // issuerUniqueID [1] and subjectUniqueID [2] are skipped: nothing here uses them.
            _ = try fields.readIfPresent(DERTag.contextPrimitive(1))
            _ = try fields.readIfPresent(DERTag.contextPrimitive(2))
            guard var explicit = try fields.readIfPresent(DERTag.contextConstructed(3))?.reader() else {
                try fields.finish()
                return []
            }
            let list = try readExtensions(try explicit.read(DERTag.sequence))
            try explicit.finish()
            try fields.finish()
            return list
        }
    }

    /// The subject key, if it is a P-256 or P-384 key.
    public func publicKey() throws(PKIError) -> ECPublicKey {
        try usingCrypto { () throws(CryptoError) in try ECPublicKey(subjectPublicKeyInfo: subjectPublicKeyInfo) }
    }

    /// Checks this certificate's signature with the issuer's key (names, validity and
    /// constraints are `Crypto.Certificate.verify`'s job).
    public func verifySignature(issuerKey: some SubjectPublicKey) throws(PKIError) {
        try signatureAlgorithm.verify(signature[...], over: tbsCertificate[...], subjectPublicKeyInfo: issuerKey.subjectPublicKeyInfoDER)
    }

    /// The certified key as a SubjectPublicKeyInfo, EC or RSA.
    public var subjectKey: SubjectPublicKeyInfo { SubjectPublicKeyInfo(der: subjectPublicKeyInfo) }

    public func `extension`(_ identifier: ASN1ObjectIdentifier) -> CertificateExtension? {
        extensions.first { $0.identifier == identifier }
    }

    /// The AcpNodeName otherNames of subjectAltName (RFC 8994 §6.2.2); other GeneralNames are
    /// skipped.
    public func acpNodeNames() throws(PKIError) -> [AcpNodeName] {
        guard let san = self.extension(OID.subjectAltName) else { return [] }
        return try acpNodeNamesIn(subjectAltName: san.value)
    }

    /// The MASA URL of an IDevID (RFC 8995 §2.3.2), or nil without the extension.
    public func masaURL() throws(PKIError) -> String? {
        guard let masa = self.extension(OID.masaURL) else { return nil }
        return try readingDER { () throws(ASN1Error) in try derParseSingle(masa.value).ia5String() }
    }

    /// The subject's serialNumber attribute: the IDevID's product serial number (RFC 8995 §2.3.1).
    public var subjectSerialNumber: String? { subject.value(of: OID.serialNumber) }

    /// The subjectKeyIdentifier octets.
    public func subjectKeyIdentifier() throws(PKIError) -> [UInt8]? {
        guard let ski = self.extension(OID.subjectKeyIdentifier) else { return nil }
        return try readingDER { () throws(ASN1Error) in Array(try derParseSingle(ski.value).octetString()) }
    }
}

/// `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`.
func readExtensions(_ element: DERElement) throws(ASN1Error) -> [CertificateExtension] {
    var list: [CertificateExtension] = []
    var reader = try element.reader()
    while !reader.isAtEnd {
        var fields = try reader.enter(DERTag.sequence)
        let identifier = try fields.read(DERTag.objectIdentifier).objectIdentifier()
        let critical = try fields.readIfPresent(DERTag.boolean)?.boolean() ?? false
        let value = try fields.read(DERTag.octetString).octetString()
        try fields.finish()
        list.append(CertificateExtension(identifier, critical: critical, value: Array(value)))
    }
    return list
}

/// AcpNodeNames from subjectAltName extnValue DER (`GeneralNames`).
func acpNodeNamesIn(subjectAltName value: [UInt8]) throws(PKIError) -> [AcpNodeName] {
    let texts = try readingDER { () throws(ASN1Error) -> [String] in
        var texts: [String] = []
        let names = try derParseSingle(value)
        try names.expect(DERTag.sequence)
        var reader = try names.reader()
        while !reader.isAtEnd {
            let name = try reader.read()
            guard name.tag == DERTag.contextConstructed(0) else { continue }  // otherName
            var otherName = try name.reader()
            let type = try otherName.read(DERTag.objectIdentifier).objectIdentifier()
            var explicit = try otherName.enter(DERTag.contextConstructed(0))
            try otherName.finish()
            guard type == OID.acpNodeName else { continue }
            texts.append(try explicit.read().ia5String())
            try explicit.finish()
        }
        return texts
    }
    var names: [AcpNodeName] = []
    for text in texts { names.append(try AcpNodeName(text)) }
    return names
}
