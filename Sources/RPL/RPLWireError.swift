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
