/// One CBOR data item (RFC 8949), the value model GRASP (RFC 8990) and constrained vouchers
/// (RFC 9148 / cBRSKI) are built from.
///
/// Maps keep their entries in order, as a pair array: GRASP objectives and COSE headers are
/// small, order matters for reproducing someone else's bytes, and no hashing of keys is needed
/// (which keeps String hashing, and its Unicode tables, out of targets that lack them).
public indirect enum CBORValue: Sendable {
    /// Major type 0.
    case unsigned(UInt64)
    /// Major type 1 with its encoded argument n: the integer is −1 − n.
    case negative(UInt64)
    /// Major type 2.
    case bytes([UInt8])
    /// Major type 3 (valid UTF-8).
    case text(String)
    /// Major type 4.
    case array([CBORValue])
    /// Major type 5, entries in order.
    case map([(key: CBORValue, value: CBORValue)])
    /// Major type 6: tag number and content.
    case tagged(UInt64, CBORValue)
    /// Major type 7 simple values other than false/true/null/undefined: 0–19 and 32–255
    /// (24–31 have no well-formed encoding, RFC 8949 §3.3).
    case simple(UInt8)
    case bool(Bool)
    case null
    case undefined
    /// Major type 7 floats of any width; encoded in the shortest width that is exact.
    case float(Double)

    /// An integer of either sign: `.unsigned` for n ≥ 0, `.negative` otherwise.
    public static func integer(_ value: Int64) -> CBORValue {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-(value + 1)))
    }

    /// The value of an integer item, if it fits in Int64.
    public var integerValue: Int64? {
        switch self {
        case .unsigned(let n): return n <= UInt64(Int64.max) ? Int64(n) : nil
        case .negative(let n): return n <= UInt64(Int64.max) ? -1 - Int64(n) : nil
        default: return nil
        }
    }

    /// The value of a map entry with key `key` (first match), for map items.
    public subscript(key: CBORValue) -> CBORValue? {
        guard case .map(let entries) = self else { return nil }
        for entry in entries where entry.key == key { return entry.value }
        return nil
    }
}

extension CBORValue: Equatable {
    /// Structural equality. Floats compare by bit pattern, so that equality means "encodes the
    /// same": NaN equals NaN and 0.0 differs from −0.0.
    public static func == (a: CBORValue, b: CBORValue) -> Bool {
        switch (a, b) {
        case (.unsigned(let x), .unsigned(let y)): return x == y
        case (.negative(let x), .negative(let y)): return x == y
        case (.bytes(let x), .bytes(let y)): return x == y
        // Text compares by its UTF-8 bytes, as CBOR does, not by Unicode canonical equivalence.
        case (.text(let x), .text(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.array(let x), .array(let y)): return x == y
        case (.map(let x), .map(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.tagged(let t, let x), .tagged(let u, let y)): return t == u && x == y
        case (.simple(let x), .simple(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null), (.undefined, .undefined): return true
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        default: return false
        }
    }
}
