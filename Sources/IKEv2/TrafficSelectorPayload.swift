import Platform

/// TSi / TSr payload (§3.13): the traffic a Child SA carries. The ACP's tunnel-mode SAs select
/// all IPv6 traffic, `TrafficSelector.allIPv6` (RFC 8994 §6.7.3.1.1).
public struct TrafficSelectorPayload: Equatable, Sendable {
    public var selectors: [TrafficSelector]

    public init(selectors: [TrafficSelector]) {
        self.selectors = selectors
    }

    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> TrafficSelectorPayload {
        let count = Int(try reader.u8("number of TSs"))
        try reader.skip(3, "TS reserved")
        var selectors: [TrafficSelector] = []
        for _ in 0..<count {
            selectors.append(try TrafficSelector.parse(&reader))
        }
        guard reader.isAtEnd else { throw reader.error(.badLength, "bytes after the last traffic selector") }
        return TrafficSelectorPayload(selectors: selectors)
    }

    func emit(into bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: selectors.count))
        bytes.append(contentsOf: [0, 0, 0])
        for selector in selectors { selector.emit(into: &bytes) }
    }
}

/// Traffic selector types (§3.13.1).
public struct TrafficSelectorType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let ipv4AddressRange = TrafficSelectorType(rawValue: 7)
    public static let ipv6AddressRange = TrafficSelectorType(rawValue: 8)

    /// Address length for the two types this codec understands.
    var addressLength: Int? {
        switch rawValue {
        case 7: return 4
        case 8: return 16
        default: return nil
        }
    }
}

/// One traffic selector. Address ranges are decoded; a type this codec does not know keeps its
/// raw body so the engine can answer TS_UNACCEPTABLE instead of failing the whole message.
public enum TrafficSelector: Equatable, Sendable {
    case addressRange(AddressRange)
    case unknown(type: TrafficSelectorType, body: [UInt8])

    public struct AddressRange: Equatable, Sendable {
        public var type: TrafficSelectorType
        /// IP protocol number; 0 = any.
        public var ipProtocol: UInt8
        public var startPort: UInt16
        public var endPort: UInt16
        /// 4 bytes for IPv4 ranges, 16 for IPv6.
        public var startAddress: [UInt8]
        public var endAddress: [UInt8]

        public init(
            type: TrafficSelectorType, ipProtocol: UInt8, startPort: UInt16, endPort: UInt16,
            startAddress: [UInt8], endAddress: [UInt8]
        ) {
            self.type = type
            self.ipProtocol = ipProtocol
            self.startPort = startPort
            self.endPort = endPort
            self.startAddress = startAddress
            self.endAddress = endAddress
        }
    }

    /// An IPv6 range, any protocol and port unless given.
    public static func ipv6(
        from start: IPv6Address, to end: IPv6Address, ipProtocol: UInt8 = 0,
        ports: ClosedRange<UInt16> = 0...65535
    ) -> TrafficSelector {
        .addressRange(AddressRange(
            type: .ipv6AddressRange, ipProtocol: ipProtocol, startPort: ports.lowerBound,
            endPort: ports.upperBound, startAddress: start.bytes, endAddress: end.bytes))
    }

    /// ::/0, every protocol and port: what an ACP tunnel-mode Child SA negotiates.
    public static let allIPv6 = TrafficSelector.ipv6(
        from: .unspecified, to: IPv6Address(high: .max, low: .max))

    /// Fixed part of a selector: type, protocol, length, two ports.
    static let headerSize = 8

    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> TrafficSelector {
        let start = reader.offset
        let type = TrafficSelectorType(rawValue: try reader.u8("TS type"))
        let ipProtocol = try reader.u8("TS IP protocol")
        let length = Int(try reader.u16("TS selector length"))
        guard length >= 4 else { throw reader.error(.badLength, "TS selector length \(length)", at: start + 2) }
        var body = try reader.sub(length: length - 4, "traffic selector")
        guard let addressLength = type.addressLength else {
            // Keep the protocol byte too: the body is everything after type and length.
            return .unknown(type: type, body: [ipProtocol] + body.rest())
        }
        guard length == headerSize + 2 * addressLength else {
            throw reader.error(.badLength, "TS selector length \(length) for type \(type.rawValue)", at: start + 2)
        }
        let startPort = try body.u16("TS start port")
        let endPort = try body.u16("TS end port")
        let startAddress = try body.take(addressLength, "TS starting address")
        let endAddress = try body.take(addressLength, "TS ending address")
        return .addressRange(AddressRange(
            type: type, ipProtocol: ipProtocol, startPort: startPort, endPort: endPort,
            startAddress: startAddress, endAddress: endAddress))
    }

    func emit(into bytes: inout [UInt8]) {
        let start = bytes.count
        switch self {
        case .addressRange(let range):
            bytes.append(range.type.rawValue)
            bytes.append(range.ipProtocol)
            bytes.appendU16(0)
            bytes.appendU16(range.startPort)
            bytes.appendU16(range.endPort)
            bytes.append(contentsOf: range.startAddress)
            bytes.append(contentsOf: range.endAddress)
        case .unknown(let type, let body):
            bytes.append(type.rawValue)
            bytes.append(body.first ?? 0)
            bytes.appendU16(0)
            bytes.append(contentsOf: body.dropFirst())
        }
        bytes.patchU16(bytes.count - start, at: start + 2)
    }
}
