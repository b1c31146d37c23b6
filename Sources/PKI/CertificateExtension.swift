import ASN1
import Crypto

/// One X.509 v3 extension (RFC 5280 §4.1: `Extension ::= SEQUENCE { extnID, critical DEFAULT
/// FALSE, extnValue OCTET STRING }`), with constructors for those ACP and BRSKI certificates carry.
public struct CertificateExtension: Equatable, Sendable {
    public var identifier: ASN1ObjectIdentifier
    public var critical: Bool
    /// The DER inside extnValue.
    public var value: [UInt8]

    public init(_ identifier: ASN1ObjectIdentifier, critical: Bool = false, value: [UInt8]) {
        self.identifier = identifier
        self.critical = critical
        self.value = value
    }

    /// DER omits a FALSE `critical` (DEFAULT value, X.690 §11.5).
    public var node: DERNode {
        var fields: [DERNode] = [.oid(identifier)]
        if critical { fields.append(.boolean(true)) }
        fields.append(.octetString(value))
        return .sequence(fields)
    }

    /// basicConstraints, critical (RFC 5280 §4.2.1.9: MUST be critical in CA certificates).
    public static func basicConstraints(isCA: Bool) -> CertificateExtension {
        CertificateExtension(OID.basicConstraints, critical: true,
                             value: DERNode.sequence(isCA ? [.boolean(true)] : []).encoded)
    }

    /// keyUsage bits (RFC 5280 §4.2.1.3), critical.
    public struct KeyUsage: OptionSet, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        public static let digitalSignature = KeyUsage(rawValue: 1 << 0)
        public static let keyEncipherment = KeyUsage(rawValue: 1 << 2)
        public static let keyAgreement = KeyUsage(rawValue: 1 << 4)
        public static let keyCertSign = KeyUsage(rawValue: 1 << 5)
        public static let cRLSign = KeyUsage(rawValue: 1 << 6)
    }

    /// A named-bit BIT STRING: bit 0 is the top bit of the first octet, trailing zero bits are
    /// dropped and counted as unused (X.690 §11.2.2).
    public static func keyUsage(_ usage: KeyUsage) -> CertificateExtension {
        var highest = 0
        for bit in 0..<9 where usage.rawValue & (1 << bit) != 0 { highest = bit }
        var bytes = [UInt8](repeating: 0, count: highest / 8 + 1)
        for bit in 0..<9 where usage.rawValue & (1 << bit) != 0 { bytes[bit / 8] |= 0x80 >> UInt8(bit % 8) }
        let unused = UInt8(7 - highest % 8)
        return CertificateExtension(OID.keyUsage, critical: true, value: DERNode.bitString(bytes, unusedBits: unused).encoded)
    }

    /// extendedKeyUsage. ACP certificates serve as TLS server and client alike (ACP GRASP over
    /// TLS, EST, RFC 8994 draft-28 §6.1.1), so an EKU in them must allow both.
    public static func extendedKeyUsage(_ purposes: [ASN1ObjectIdentifier]) -> CertificateExtension {
        CertificateExtension(OID.extendedKeyUsage, value: DERNode.sequence(purposes.map { .oid($0) }).encoded)
    }

    /// subjectKeyIdentifier: the leftmost 160 bits of SHA-256 of the subjectPublicKey bits
    /// (RFC 7093 §2 method 1).
    public static func subjectKeyIdentifier(_ publicKey: some SubjectPublicKey) -> CertificateExtension {
        CertificateExtension(OID.subjectKeyIdentifier, value: DERNode.octetString(keyIdentifier(publicKey)).encoded)
    }

    /// authorityKeyIdentifier `{ [0] keyIdentifier }`.
    public static func authorityKeyIdentifier(_ keyIdentifier: [UInt8]) -> CertificateExtension {
        CertificateExtension(OID.authorityKeyIdentifier,
                             value: DERNode.sequence([.primitive(tag: DERTag.contextPrimitive(0), value: keyIdentifier)]).encoded)
    }

    /// subjectAltName holding AcpNodeName otherNames (RFC 8994 §6.2.2). Not critical: an ACP
    /// certificate's subject is not empty.
    public static func subjectAltName(_ names: [AcpNodeName]) -> CertificateExtension {
        CertificateExtension(OID.subjectAltName, value: DERNode.sequence(names.map { $0.generalName }).encoded)
    }

    /// id-pe-masa-url `MASAURLSyntax ::= IA5String` (RFC 8995 §2.3.2), not critical.
    public static func masaURL(_ url: String) -> CertificateExtension {
        CertificateExtension(OID.masaURL, value: DERNode.ia5String(url).encoded)
    }
}

/// RFC 7093 §2 method 1 key identifier: SHA-256 of the subjectPublicKey BIT STRING's bits.
public func keyIdentifier(_ publicKey: some SubjectPublicKey) -> [UInt8] {
    keyIdentifier(subjectPublicKeyInfo: publicKey.subjectPublicKeyInfoDER)
}

func keyIdentifier(subjectPublicKeyInfo: [UInt8]) -> [UInt8] {
    // The SPKI comes from mbedTLS or a parsed certificate; were it malformed, hashing all of it
    // still gives a stable identifier.
    let bits = try? readingDER { () throws(ASN1Error) -> [UInt8] in
        var fields = try derParseSingle(subjectPublicKeyInfo).reader()
        _ = try fields.read(DERTag.sequence)
        return Array(try fields.read(DERTag.bitString).bitStringOctets())
    }
    return Array(SHA256.hash(bits ?? subjectPublicKeyInfo).prefix(20))
}
