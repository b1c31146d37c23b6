/// A DER value to emit, or the tree `parse` reads back: `parse(node.encoded) == node` for every
/// node built without `.encoded`, and `parse(bytes).encoded == bytes` for every DER input.
public indirect enum DERNode: Equatable, Sendable {
    /// A primitive element: tag and content octets.
    case primitive(tag: UInt8, value: [UInt8])
    /// A constructed element (SEQUENCE, SET, explicit or implicit context tag over structures).
    case constructed(tag: UInt8, children: [DERNode])
    /// Already-encoded DER inserted verbatim (an embedded certificate, a signed TBS).
    case encoded([UInt8])

    // MARK: Building

    public static func sequence(_ children: [DERNode]) -> DERNode { .constructed(tag: DERTag.sequence, children: children) }

    /// A SET OF in DER order: elements sorted by their encodings (X.690 §11.6), which CMS
    /// signed attributes and certificate-set orderings rely on.
    public static func setOf(_ children: [DERNode]) -> DERNode {
        let sorted = children.map { $0.encoded }.sorted { $0.lexicographicallyPrecedes($1) }
        return .constructed(tag: DERTag.set, children: sorted.map { DERNode.encoded($0) })
    }

    /// Minimal two's complement (X.690 §8.3).
    public static func integer(_ value: Int64) -> DERNode {
        var octets: [UInt8] = []
        var rest = value
        repeat {
            octets.insert(UInt8(truncatingIfNeeded: rest), at: 0)
            rest >>= 8
        } while !(rest == 0 && octets[0] & 0x80 == 0) && !(rest == -1 && octets[0] & 0x80 != 0)
        return .primitive(tag: DERTag.integer, value: octets)
    }

    /// A non-negative INTEGER from a big-endian magnitude: leading zeros dropped, a 0x00 sign
    /// octet added when the top bit is set.
    public static func integer(unsignedBigEndian magnitude: [UInt8]) -> DERNode {
        var octets = Array(magnitude.drop { $0 == 0 })
        if octets.isEmpty || octets[0] & 0x80 != 0 { octets.insert(0, at: 0) }
        return .primitive(tag: DERTag.integer, value: octets)
    }

    public static func oid(_ identifier: ASN1ObjectIdentifier) -> DERNode {
        .primitive(tag: DERTag.objectIdentifier, value: identifier.contentOctets)
    }

    public static func octetString(_ bytes: [UInt8]) -> DERNode { .primitive(tag: DERTag.octetString, value: bytes) }

    /// BIT STRING; the unused trailing bits of the last octet must already be zero.
    public static func bitString(_ bytes: [UInt8], unusedBits: UInt8 = 0) -> DERNode {
        .primitive(tag: DERTag.bitString, value: [bytes.isEmpty ? 0 : unusedBits] + bytes)
    }

    public static func utf8String(_ text: String) -> DERNode { .primitive(tag: DERTag.utf8String, value: Array(text.utf8)) }
    public static func printableString(_ text: String) -> DERNode { .primitive(tag: DERTag.printableString, value: Array(text.utf8)) }
    public static func ia5String(_ text: String) -> DERNode { .primitive(tag: DERTag.ia5String, value: Array(text.utf8)) }

    public static func utcTime(secondsSince1970 seconds: Int64) -> DERNode {
        .primitive(tag: DERTag.utcTime, value: DERTime.encode(secondsSince1970: seconds, tag: DERTag.utcTime))
    }

    public static func generalizedTime(secondsSince1970 seconds: Int64) -> DERNode {
        .primitive(tag: DERTag.generalizedTime, value: DERTime.encode(secondsSince1970: seconds, tag: DERTag.generalizedTime))
    }

    /// UTCTime or GeneralizedTime, as RFC 5280 §4.1.2.5 chooses for the year.
    public static func time(secondsSince1970 seconds: Int64) -> DERNode {
        let tag = DERTime.tag(forSecondsSince1970: seconds)
        return .primitive(tag: tag, value: DERTime.encode(secondsSince1970: seconds, tag: tag))
    }

    public static func boolean(_ value: Bool) -> DERNode { .primitive(tag: DERTag.boolean, value: [value ? 0xFF : 0x00]) }
    public static let null = DERNode.primitive(tag: DERTag.null, value: [])

    /// `[number] EXPLICIT`: a constructed context tag around the whole inner element.
    public static func explicit(_ number: UInt8, _ inner: DERNode) -> DERNode {
        .constructed(tag: DERTag.contextConstructed(number), children: [inner])
    }

    /// `[number] IMPLICIT`: the inner element's tag replaced, its constructed bit kept.
    public static func implicit(_ number: UInt8, _ inner: DERNode) -> DERNode {
        switch inner {
        case .primitive(_, let value): return .primitive(tag: DERTag.contextPrimitive(number), value: value)
        case .constructed(_, let children): return .constructed(tag: DERTag.contextConstructed(number), children: children)
        case .encoded(let bytes):
            guard let first = bytes.first else { return inner }
            return .encoded([first & DERTag.constructedBit | DERTag.contextPrimitive(number)] + bytes.dropFirst())
        }
    }

    // MARK: Emitting

    public var encoded: [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    public func encode(into out: inout [UInt8]) {
        switch self {
        case .primitive(let tag, let value):
            out.append(tag)
            DERNode.appendLength(value.count, to: &out)
            out += value
        case .constructed(let tag, let children):
            var content: [UInt8] = []
            for child in children { child.encode(into: &content) }
            out.append(tag)
            DERNode.appendLength(content.count, to: &out)
            out += content
        case .encoded(let bytes):
            out += bytes
        }
    }

    static func appendLength(_ length: Int, to out: inout [UInt8]) {
        if length < 0x80 {
            out.append(UInt8(length))
            return
        }
        var octets: [UInt8] = []
        var rest = length
        while rest > 0 {
            octets.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        out.append(0x80 | UInt8(octets.count))
        out += octets
    }

    // MARK: Parsing

    /// The tree of one DER element filling all of `bytes`; constructed elements are parsed
    /// into children, down to `DERReader.maximumDepth`.
    public static func parse(_ bytes: [UInt8]) throws(ASN1Error) -> DERNode {
        try node(of: try derParseSingle(bytes))
    }

    public static func node(of element: DERElement) throws(ASN1Error) -> DERNode {
        guard DERTag.isConstructed(element.tag) else { return .primitive(tag: element.tag, value: Array(element.value)) }
        var reader = try element.reader()
        var children: [DERNode] = []
        while !reader.isAtEnd { children.append(try node(of: try reader.read())) }
        return .constructed(tag: element.tag, children: children)
    }
}
