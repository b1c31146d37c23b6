import Platform

/// An RPL control message (RFC 6550 §6): ICMPv6 type 155, the code selecting the body. Bytes here
/// start at the ICMPv6 header, which is what a raw ICMPv6 socket delivers.
public enum RPLMessage: Equatable, Sendable {
    case dis(DIS)
    case dio(DIO)
    case dao(DAO)
    case daoACK(DAOACK)
    /// Secure variants (0x80–0x83), Consistency Check (0x8A) and anything newer: the ACP profile
    /// uses no RPL security (RFC 8994 §6.11.1.9), so these are kept opaque for counting.
    case unknown(code: UInt8, body: [UInt8])

    public static let icmpv6Type: UInt8 = 155
    static let headerLength = 4

    public enum Code {
        public static let dis: UInt8 = 0x00
        public static let dio: UInt8 = 0x01
        public static let dao: UInt8 = 0x02
        public static let daoACK: UInt8 = 0x03
    }

    public var code: UInt8 {
        switch self {
        case .dis: return Code.dis
        case .dio: return Code.dio
        case .dao: return Code.dao
        case .daoACK: return Code.daoACK
        case .unknown(let code, _): return code
        }
    }

    /// Parses without checking the checksum (the kernel has checked it on a raw socket).
    public static func parse(_ bytes: [UInt8]) throws(RPLWireError) -> RPLMessage {
        guard bytes.count >= headerLength else { throw .truncated(offset: bytes.count) }
        guard bytes[0] == icmpv6Type else { throw .notRPL(icmpType: bytes[0]) }
        switch bytes[1] {
        case Code.dis: return .dis(try DIS.parse(bytes, from: headerLength))
        case Code.dio: return .dio(try DIO.parse(bytes, from: headerLength))
        case Code.dao: return .dao(try DAO.parse(bytes, from: headerLength))
        case Code.daoACK: return .daoACK(try DAOACK.parse(bytes, from: headerLength))
        default: return .unknown(code: bytes[1], body: Array(bytes[headerLength...]))
        }
    }

    /// Parses after checking the ICMPv6 checksum for this source and destination.
    public static func parse(_ bytes: [UInt8], source: IPv6Address, destination: IPv6Address) throws(RPLWireError) -> RPLMessage {
        guard bytes.count >= headerLength else { throw .truncated(offset: bytes.count) }
        guard ICMPv6Checksum.verify(bytes, source: source, destination: destination) else {
            throw .badChecksum(found: UInt16(bytes[2]) << 8 | UInt16(bytes[3]),
                               expected: ICMPv6Checksum.compute(bytes, source: source, destination: destination))
        }
        return try parse(bytes)
    }

    /// The message with a zero checksum, for a raw ICMPv6 socket (the kernel fills it in).
    public func emit() -> [UInt8] {
        var out: [UInt8] = [RPLMessage.icmpv6Type, code, 0, 0]
        switch self {
        case .dis(let body): body.emitBody(into: &out)
        case .dio(let body): body.emitBody(into: &out)
        case .dao(let body): body.emitBody(into: &out)
        case .daoACK(let body): body.emitBody(into: &out)
        case .unknown(_, let body): out.append(contentsOf: body)
        }
        return out
    }

    /// The message with its checksum for this source and destination.
    public func emit(source: IPv6Address, destination: IPv6Address) -> [UInt8] {
        var out = emit()
        ICMPv6Checksum.fill(&out, source: source, destination: destination)
        return out
    }
}
