import CLinux

// The structures XFRM states and policies share, from <linux/xfrm.h>. Layouts are written out
// byte by byte (tests compare them with the C compiler's) because they carry 64-bit fields: on all
// our targets (x86_64, aarch64, ARM EABI, MIPS o32) u64 is 8-aligned, which is what fixes the sizes
// below (the famous i386 difference does not apply). Addresses are xfrm_address_t: 16 bytes, an
// IPv4 address in the first 4.

/// struct xfrm_selector (56 bytes): which packets a policy or state applies to.
public struct XFRMSelector: Equatable, Sendable {
    public static let length = 56

    public var destination: [UInt8]
    public var source: [UInt8]
    /// Ports are big-endian on the wire; here host values.
    public var destinationPort: UInt16 = 0
    public var destinationPortMask: UInt16 = 0
    public var sourcePort: UInt16 = 0
    public var sourcePortMask: UInt16 = 0
    public var family: UInt16
    public var destinationPrefixLength: UInt8
    public var sourcePrefixLength: UInt8
    /// IPPROTO_*, 0 for any.
    public var upperProtocol: UInt8 = 0
    public var interfaceIndex: Int32 = 0
    public var user: UInt32 = 0

    public init(family: UInt16 = UInt16(AF_INET6), destination: [UInt8] = [], destinationPrefixLength: UInt8 = 0,
                source: [UInt8] = [], sourcePrefixLength: UInt8 = 0, upperProtocol: UInt8 = 0) {
        self.family = family
        self.destination = destination
        self.destinationPrefixLength = destinationPrefixLength
        self.source = source
        self.sourcePrefixLength = sourcePrefixLength
        self.upperProtocol = upperProtocol
    }

    func emit(into bytes: inout [UInt8]) {
        bytes.appendFixed(destination, width: 16)
        bytes.appendFixed(source, width: 16)
        bytes.appendBigEndian(destinationPort)
        bytes.appendBigEndian(destinationPortMask)
        bytes.appendBigEndian(sourcePort)
        bytes.appendBigEndian(sourcePortMask)
        bytes.appendNative(family)
        bytes.append(contentsOf: [destinationPrefixLength, sourcePrefixLength, upperProtocol, 0, 0, 0])
        bytes.appendNative(interfaceIndex)
        bytes.appendNative(user)
    }

    /// Reads from `offset`; the caller has checked that `length` bytes are there.
    static func parse(_ bytes: [UInt8], at offset: Int) -> XFRMSelector {
        var selector = XFRMSelector(
            family: bytes.native(at: offset + 40),
            destination: xfrmAddress(bytes.bytes(at: offset, length: 16), family: bytes.native(at: offset + 40)),
            destinationPrefixLength: bytes[offset + 42],
            source: xfrmAddress(bytes.bytes(at: offset + 16, length: 16), family: bytes.native(at: offset + 40)),
            sourcePrefixLength: bytes[offset + 43], upperProtocol: bytes[offset + 44])
        selector.destinationPort = bytes.bigEndian(at: offset + 32)
        selector.destinationPortMask = bytes.bigEndian(at: offset + 34)
        selector.sourcePort = bytes.bigEndian(at: offset + 36)
        selector.sourcePortMask = bytes.bigEndian(at: offset + 38)
        selector.interfaceIndex = bytes.native(at: offset + 48)
        selector.user = bytes.native(at: offset + 52)
        return selector
    }
}

/// An xfrm_address_t cut to the family's length (4 bytes for AF_INET, else 16).
func xfrmAddress(_ raw: [UInt8], family: UInt16) -> [UInt8] {
    family == UInt16(AF_INET) ? Array(raw.prefix(4)) : raw
}

/// struct xfrm_lifetime_cfg (64 bytes): limits after which the kernel expires an SA or policy.
public struct XFRMLifetimeConfig: Equatable, Sendable {
    public static let length = 64
    /// XFRM_INF: no limit. A zero byte or packet limit would expire an SA at once.
    public static let infinite = UInt64.max

    public var softByteLimit = infinite
    public var hardByteLimit = infinite
    public var softPacketLimit = infinite
    public var hardPacketLimit = infinite
    public var softAddExpiresSeconds: UInt64 = 0
    public var hardAddExpiresSeconds: UInt64 = 0
    public var softUseExpiresSeconds: UInt64 = 0
    public var hardUseExpiresSeconds: UInt64 = 0

    public init() {}

    var fields: [UInt64] {
        [softByteLimit, hardByteLimit, softPacketLimit, hardPacketLimit,
         softAddExpiresSeconds, hardAddExpiresSeconds, softUseExpiresSeconds, hardUseExpiresSeconds]
    }

    func emit(into bytes: inout [UInt8]) {
        for field in fields { bytes.appendNative(field) }
    }

    static func parse(_ bytes: [UInt8], at offset: Int) -> XFRMLifetimeConfig {
        var config = XFRMLifetimeConfig()
        config.softByteLimit = bytes.native(at: offset)
        config.hardByteLimit = bytes.native(at: offset + 8)
        config.softPacketLimit = bytes.native(at: offset + 16)
        config.hardPacketLimit = bytes.native(at: offset + 24)
        config.softAddExpiresSeconds = bytes.native(at: offset + 32)
        config.hardAddExpiresSeconds = bytes.native(at: offset + 40)
        config.softUseExpiresSeconds = bytes.native(at: offset + 48)
        config.hardUseExpiresSeconds = bytes.native(at: offset + 56)
        return config
    }
}

/// struct xfrm_lifetime_cur (32 bytes): what an SA or policy has used so far (replies only).
public struct XFRMLifetimeCurrent: Equatable, Sendable {
    public static let length = 32

    public var bytes: UInt64 = 0
    public var packets: UInt64 = 0
    public var addTime: UInt64 = 0
    public var useTime: UInt64 = 0

    public init() {}

    func emit(into output: inout [UInt8]) {
        output.appendNative(bytes)
        output.appendNative(packets)
        output.appendNative(addTime)
        output.appendNative(useTime)
    }

    static func parse(_ input: [UInt8], at offset: Int) -> XFRMLifetimeCurrent {
        var current = XFRMLifetimeCurrent()
        current.bytes = input.native(at: offset)
        current.packets = input.native(at: offset + 8)
        current.addTime = input.native(at: offset + 16)
        current.useTime = input.native(at: offset + 24)
        return current
    }
}

/// IPsec modes (XFRM_MODE_*). The ACP uses transport mode between neighbours (RFC 8994 §6.8.3.1).
public enum XFRMMode: UInt8, Sendable {
    case transport = 0
    case tunnel = 1
}

/// Byte counts of the C structures, for callers sizing buffers and for the layout tests.
public enum XFRMLayout {
    public static let userSAInfo = 224
    public static let userSAID = 24
    public static let userSPIInfo = 232
    public static let userPolicyInfo = 168
    public static let userPolicyID = 64
    public static let userTemplate = 64
    public static let encapsulationTemplate = 24
    /// xfrm_algo_aead header before the key: alg_name[64], alg_key_len, alg_icv_len.
    public static let aeadHeader = 72
}
