import Platform

/// An IPv6 prefix as RPL carries it (RPL Target, Route Information): the leading `length` bits
/// of `address`, every later bit zero. Bits after the prefix length are "reserved … ignored on
/// receipt" (RFC 6550 §6.7.7), so the initialiser clears them: two targets that differ only there
/// are the same route.
public struct RPLPrefix: Hashable, Sendable, CustomStringConvertible {
    public let address: IPv6Address
    public let length: UInt8

    /// nil when `length` is above 128.
    public init?(_ address: IPv6Address, length: UInt8) {
        guard length <= 128 else { return nil }
        self.length = length
        self.address = RPLPrefix.mask(address, to: length)
    }

    /// The host route for one address.
    public init(host address: IPv6Address) {
        self.length = 128
        self.address = address
    }

    static func mask(_ address: IPv6Address, to length: UInt8) -> IPv6Address {
        let bits = Int(length)
        let highMask: UInt64 = bits >= 64 ? ~0 : (bits == 0 ? 0 : ~0 << UInt64(64 - bits))
        let lowMask: UInt64 = bits <= 64 ? 0 : (bits >= 128 ? ~0 : ~0 << UInt64(128 - bits))
        return IPv6Address(high: address.high & highMask, low: address.low & lowMask)
    }

    /// True when `other` lies inside this prefix (equal or longer, same leading bits).
    public func contains(_ other: RPLPrefix) -> Bool {
        other.length >= length && RPLPrefix.mask(other.address, to: length) == address
    }

    public func contains(_ other: IPv6Address) -> Bool {
        RPLPrefix.mask(other, to: length) == address
    }

    /// The octets that carry the prefix on the wire: ceil(length / 8), the shortest form.
    public var wireOctets: [UInt8] {
        Array(address.bytes.prefix((Int(length) + 7) / 8))
    }

    /// Reads a prefix of `length` bits from `octets` (which may be longer than needed, up to 16).
    static func fromWire(_ octets: ArraySlice<UInt8>, length: UInt8, optionType: UInt8, offset: Int) throws(RPLWireError) -> RPLPrefix {
        let needed = (Int(length) + 7) / 8
        guard length <= 128, octets.count >= needed, octets.count <= 16 else {
            throw .badPrefix(type: optionType, prefixLength: Int(length), offset: offset)
        }
        var full = Array(octets)
        while full.count < 16 { full.append(0) }
        // 16 octets and length <= 128: neither can fail.
        let address = IPv6Address(bytes: full) ?? .unspecified
        return RPLPrefix(address, length: length) ?? RPLPrefix(host: address)
    }

    public var description: String { "\(address)/\(length)" }
}
