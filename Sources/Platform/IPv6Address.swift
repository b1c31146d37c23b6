import CLinux

/// A 128-bit IPv6 address as a value: dictionary key for neighbours, source of ACP addresses,
/// and the textual form of RFC 4291 §2.2 (parsing) and RFC 5952 (canonical output, which is what
/// operators grep logs for).
public struct IPv6Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Bits 0–63 and 64–127, most significant first, so `<` is numeric order.
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// From the 16 bytes in network order; nil if `bytes` is not 16 long.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.init(high: high, low: low)
    }

    /// From eight 16-bit groups, as written in text.
    public init(groups: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16)) {
        high = UInt64(groups.0) << 48 | UInt64(groups.1) << 32 | UInt64(groups.2) << 16 | UInt64(groups.3)
        low = UInt64(groups.4) << 48 | UInt64(groups.5) << 32 | UInt64(groups.6) << 16 | UInt64(groups.7)
    }

    public static let unspecified = IPv6Address(high: 0, low: 0)
    public static let loopback = IPv6Address(high: 0, low: 1)

    /// The 16 bytes in network order.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
        return out
    }

    /// Group `index` (0–7) as written in text.
    public func group(_ index: Int) -> UInt16 {
        let half = index < 4 ? high : low
        return UInt16(truncatingIfNeeded: half >> UInt64(48 - 16 * (index % 4)))
    }

    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }

    // MARK: kinds (RFC 4291 §2.4)

    /// fe80::/10: scoped to one link, meaningless without an interface (scope id).
    public var isLinkLocal: Bool { high >> 54 == 0x3FA }
    /// ff00::/8.
    public var isMulticast: Bool { high >> 56 == 0xFF }
    /// fc00::/7 (RFC 4193); the ACP's addresses are of this kind.
    public var isUniqueLocal: Bool { high >> 57 == 0x7E }
    public var isLoopback: Bool { self == .loopback }
    public var isUnspecified: Bool { self == .unspecified }
    /// ::ffff:0:0/96, written with a dotted IPv4 tail.
    public var isIPv4Mapped: Bool { high == 0 && low >> 32 == 0xFFFF }

    // MARK: C interop

    public init(_ address: in6_addr) {
        let bytes = withUnsafeBytes(of: address) { Array($0) }
        // in6_addr is exactly 16 bytes, so this cannot fail.
        self = IPv6Address(bytes: bytes) ?? .unspecified
    }

    public var in6: in6_addr {
        var address = in6_addr()
        let source = bytes
        withUnsafeMutableBytes(of: &address) { raw in
            for index in 0..<16 { raw[index] = source[index] }
        }
        return address
    }
}
