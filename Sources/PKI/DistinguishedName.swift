import ASN1

/// An X.501 Name as certificates here use it: a sequence of single-valued RDNs
/// (`CN=…`, `serialNumber=…`, `DC=…`). Multi-valued RDNs in parsed names are flattened.
public struct DistinguishedName: Equatable, Sendable {
    public struct Attribute: Equatable, Sendable {
        public var type: ASN1ObjectIdentifier
        public var value: String

        public init(_ type: ASN1ObjectIdentifier, _ value: String) {
            self.type = type
            self.value = value
        }
    }

    public var attributes: [Attribute]

    public init(_ attributes: [Attribute]) {
        self.attributes = attributes
    }

    /// `CN=<name>` alone.
    public static func commonName(_ name: String) -> DistinguishedName {
        DistinguishedName([Attribute(OID.commonName, name)])
    }

    /// The first value of `type`, e.g. the IDevID's serialNumber (RFC 8995 §2.3.1).
    public func value(of type: ASN1ObjectIdentifier) -> String? {
        attributes.first { $0.type == type }?.value
    }

    /// DER Name. String types per X.520 / RFC 5280 §4.1.2.4: PrintableString for countryName and
    /// serialNumber, IA5String for domainComponent (RFC 4519), UTF8String for the rest.
    public var node: DERNode {
        .sequence(attributes.map { attribute in
            let value: DERNode
            switch attribute.type {
            case OID.countryName, OID.serialNumber: value = .printableString(attribute.value)
            case OID.domainComponent: value = .ia5String(attribute.value)
            default: value = .utf8String(attribute.value)
            }
            return .setOf([.sequence([.oid(attribute.type), value])])
        })
    }

    /// Reads a DER Name; values must be one of the string types `DERElement.string()` knows.
    public init(element: DERElement) throws(PKIError) {
        attributes = try readingDER { () throws(ASN1Error) in
            var attributes: [Attribute] = []
            var rdns = try element.reader()
            try element.expect(DERTag.sequence)
            while !rdns.isAtEnd {
                var rdn = try rdns.enter(DERTag.set)
                while !rdn.isAtEnd {
                    var pair = try rdn.enter(DERTag.sequence)
                    let type = try pair.read(DERTag.objectIdentifier).objectIdentifier()
                    let value = try pair.read().string()
                    try pair.finish()
                    attributes.append(Attribute(type, value))
                }
            }
            return attributes
        }
    }
}
