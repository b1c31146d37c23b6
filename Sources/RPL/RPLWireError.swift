import Platform

/// Why an RPL control message (RFC 6550 §6) was refused. Carries the byte offset so a log line
/// can point at the bad field of a captured packet.
public enum RPLWireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The ICMPv6 type is not 155 (RPL Control Message).
    case notRPL(icmpType: UInt8)
    /// The packet ends before a fixed field does.
    case truncated(offset: Int)
    /// An option's length byte points past the end of the message (RFC 6550 §6.7.1).
    case optionBeyondPacket(type: UInt8, offset: Int)
    /// An option whose length is fixed by RFC 6550 came with another length.
    case badOptionLength(type: UInt8, length: Int, offset: Int)
    /// A prefix length above 128, or fewer prefix octets than the prefix length needs.
    case badPrefix(type: UInt8, prefixLength: Int, offset: Int)
    /// The ICMPv6 checksum over the RFC 4443 pseudo-header does not add up.
    case badChecksum(found: UInt16, expected: UInt16)

    public var description: String {
        switch self {
        case .notRPL(let icmpType): return "ICMPv6 type \(icmpType) is not RPL (155)"
        case .truncated(let offset): return "truncated at offset \(offset)"
        case .optionBeyondPacket(let type, let offset): return "option \(type) at offset \(offset) runs past the packet"
        case .badOptionLength(let type, let length, let offset):
            return "option \(type) at offset \(offset) has length \(length)"
        case .badPrefix(let type, let prefixLength, let offset):
            return "option \(type) at offset \(offset) has a bad prefix (length \(prefixLength))"
        case .badChecksum(let found, let expected):
            return "ICMPv6 checksum \(String(found, radix: 16)), expected \(String(expected, radix: 16))"
        }
    }
}

/// A bounds-checked cursor over a received message: every read either succeeds or throws
/// `.truncated`, so no parser indexes past the end of hostile input.
struct WireReader {
    let bytes: [UInt8]
    private(set) var offset: Int
    let end: Int

    init(_ bytes: [UInt8], from offset: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    var isAtEnd: Bool { offset >= end }
    var remaining: Int { end - offset }

    mutating func byte() throws(RPLWireError) -> UInt8 {
        guard offset < end else { throw .truncated(offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16() throws(RPLWireError) -> UInt16 {
        let high = try byte()
        return UInt16(high) << 8 | UInt16(try byte())
    }

    mutating func uint32() throws(RPLWireError) -> UInt32 {
        let high = try uint16()
        return UInt32(high) << 16 | UInt32(try uint16())
    }

    mutating func take(_ count: Int) throws(RPLWireError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw .truncated(offset: offset) }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func address() throws(RPLWireError) -> IPv6Address {
        // Exactly 16 octets, so the failable initialiser cannot fail.
        IPv6Address(bytes: try take(16)) ?? .unspecified
    }
}

extension Array where Element == UInt8 {
    mutating func appendUInt16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    mutating func appendUInt32(_ value: UInt32) {
        appendUInt16(UInt16(truncatingIfNeeded: value >> 16))
        appendUInt16(UInt16(truncatingIfNeeded: value))
    }
}
