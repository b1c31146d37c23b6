/// An OBJECT IDENTIFIER, held as its DER content octets (X.690 §8.19) so that comparing two
/// identifiers is comparing bytes; `dotted` gives the text form `1.3.6.1.5.5.7.8.10`.
public struct ASN1ObjectIdentifier: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let contentOctets: [UInt8]

    /// From DER content octets: non-empty, every arc minimally encoded (no leading 0x80 octet),
    /// the last octet ends an arc, and no subidentifier exceeds 64 bits.
    public init(contentOctets: [UInt8], offset: Int = 0) throws(ASN1Error) {
        guard let last = contentOctets.last, last & 0x80 == 0 else { throw ASN1Error(.invalidObjectIdentifier, at: offset) }
        var startOfArc = true
        var arc: UInt64 = 0
        for byte in contentOctets {
            if startOfArc && byte == 0x80 { throw ASN1Error(.invalidObjectIdentifier, at: offset) }
            if arc > UInt64.max >> 7 { throw ASN1Error(.invalidObjectIdentifier, at: offset) }
            arc = arc << 7 | UInt64(byte & 0x7F)
            startOfArc = byte & 0x80 == 0
            if startOfArc { arc = 0 }
        }
        self.contentOctets = contentOctets
    }

    /// For identifiers written in code: arcs as the RFC lists them. The first arc is 0, 1 or 2
    /// and, below 2, the second is under 40 (X.690 §8.19.4); identifiers from outside come in
    /// through `init?(_ dotted:)`, which checks that.
    public init(arcs: UInt64...) {
        self.init(checkedArcs: arcs)
    }

    private init(checkedArcs arcs: [UInt64]) {
        var octets: [UInt8] = []
        let first = (arcs.first ?? 0) * 40 + (arcs.count > 1 ? arcs[1] : 0)
        ASN1ObjectIdentifier.append(first, to: &octets)
        for arc in arcs.dropFirst(2) { ASN1ObjectIdentifier.append(arc, to: &octets) }
        self.contentOctets = octets
    }

    /// From dotted text; nil if not at least two arcs of decimal digits within the X.690 limits.
    public init?(_ dotted: String) {
        var arcs: [UInt64] = []
        for part in dotted.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  part.count == 1 || part.first != "0", let arc = UInt64(part) else { return nil }
            arcs.append(arc)
        }
        guard arcs.count >= 2, arcs[0] <= 2, arcs[0] == 2 || arcs[1] < 40 else { return nil }
        guard arcs[0] < 2 || arcs[1] <= UInt64.max - 80 else { return nil }
        self.init(checkedArcs: arcs)
    }

    /// The arcs, the first two recovered from the combined first subidentifier.
    public var arcs: [UInt64] {
        var values: [UInt64] = []
        var current: UInt64 = 0
        for byte in contentOctets {
            current = current << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 {
                values.append(current)
                current = 0
            }
        }
        guard let first = values.first else { return [] }
        let top: UInt64 = first < 40 ? 0 : (first < 80 ? 1 : 2)
        return [top, first - top * 40] + values.dropFirst()
    }

    public var dotted: String {
        var text = ""
        for arc in arcs { text += text.isEmpty ? "\(arc)" : ".\(arc)" }
        return text
    }

    public var description: String { dotted }

    private static func append(_ value: UInt64, to octets: inout [UInt8]) {
        var groups: [UInt8] = [UInt8(value & 0x7F)]
        var rest = value >> 7
        while rest > 0 {
            groups.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        octets += groups.reversed()
    }
}
