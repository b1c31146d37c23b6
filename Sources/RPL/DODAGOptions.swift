import Platform

// Options a DODAG root distributes in DIOs: DODAG Configuration (§6.7.6), Prefix Information
// (§6.7.10) and Route Information (§6.7.5).

/// DODAG Configuration (RFC 6550 §6.7.6, Figure 24). Set by the root, copied unchanged by
/// everyone else.
public struct DODAGConfiguration: Equatable, Sendable {
    static let optionLength = 14

    /// A: authentication enabled (RPL security; always false in the ACP profile).
    public var authenticationEnabled: Bool
    /// PCS: Path Control Size, 3 bits.
    public var pathControlSize: UInt8
    public var dioIntervalDoublings: UInt8
    public var dioIntervalMin: UInt8
    public var dioRedundancyConstant: UInt8
    public var maxRankIncrease: UInt16
    public var minHopRankIncrease: UInt16
    /// OCP: Objective Code Point; 0 is OF0 (RFC 6552 §6).
    public var objectiveCodePoint: UInt16
    /// In units of `lifetimeUnit` seconds; 0xFF is infinity.
    public var defaultLifetime: UInt8
    public var lifetimeUnit: UInt16

    public init(authenticationEnabled: Bool = false, pathControlSize: UInt8 = 0, dioIntervalDoublings: UInt8 = 20,
                dioIntervalMin: UInt8 = 3, dioRedundancyConstant: UInt8 = 10, maxRankIncrease: UInt16,
                minHopRankIncrease: UInt16, objectiveCodePoint: UInt16 = 0, defaultLifetime: UInt8, lifetimeUnit: UInt16) {
        self.authenticationEnabled = authenticationEnabled
        self.pathControlSize = pathControlSize & 0x07
        self.dioIntervalDoublings = dioIntervalDoublings
        self.dioIntervalMin = dioIntervalMin
        self.dioRedundancyConstant = dioRedundancyConstant
        self.maxRankIncrease = maxRankIncrease
        self.minHopRankIncrease = minHopRankIncrease
        self.objectiveCodePoint = objectiveCodePoint
        self.defaultLifetime = defaultLifetime
        self.lifetimeUnit = lifetimeUnit
    }

    init(parsing reader: inout WireReader) throws(RPLWireError) {
        let flags = try reader.byte()
        let doublings = try reader.byte()
        let intervalMin = try reader.byte()
        let redundancy = try reader.byte()
        let maxIncrease = try reader.uint16()
        let minHopIncrease = try reader.uint16()
        let ocp = try reader.uint16()
        _ = try reader.byte()  // Reserved
        let lifetime = try reader.byte()
        self.init(authenticationEnabled: flags & 0x08 != 0, pathControlSize: flags & 0x07,
                  dioIntervalDoublings: doublings, dioIntervalMin: intervalMin, dioRedundancyConstant: redundancy,
                  maxRankIncrease: maxIncrease, minHopRankIncrease: minHopIncrease, objectiveCodePoint: ocp,
                  defaultLifetime: lifetime, lifetimeUnit: try reader.uint16())
    }

    func emitBody(into out: inout [UInt8]) {
        out.append((authenticationEnabled ? 0x08 : 0) | pathControlSize & 0x07)
        out.append(dioIntervalDoublings)
        out.append(dioIntervalMin)
        out.append(dioRedundancyConstant)
        out.appendUInt16(maxRankIncrease)
        out.appendUInt16(minHopRankIncrease)
        out.appendUInt16(objectiveCodePoint)
        out.append(0)
        out.append(defaultLifetime)
        out.appendUInt16(lifetimeUnit)
    }
}

/// Prefix Information (RFC 6550 §6.7.10, Figure 29; the RFC 4861 PIO carried in a DIO).
public struct PrefixInformation: Equatable, Sendable {
    static let optionLength = 30

    public var prefixLength: UInt8
    /// L: on-link.
    public var onLink: Bool
    /// A: usable for stateless autoconfiguration.
    public var autonomous: Bool
    /// R: `prefix` holds the root's full address, not just the prefix.
    public var routerAddress: Bool
    public var validLifetime: UInt32
    public var preferredLifetime: UInt32
    /// All 16 octets as sent: with R set the bits after the prefix length are meaningful.
    public var prefix: IPv6Address

    public init(prefixLength: UInt8, onLink: Bool, autonomous: Bool, routerAddress: Bool,
                validLifetime: UInt32, preferredLifetime: UInt32, prefix: IPv6Address) {
        self.prefixLength = prefixLength
        self.onLink = onLink
        self.autonomous = autonomous
        self.routerAddress = routerAddress
        self.validLifetime = validLifetime
        self.preferredLifetime = preferredLifetime
        self.prefix = prefix
    }

    init(parsing reader: inout WireReader, offset: Int) throws(RPLWireError) {
        let length = try reader.byte()
        guard length <= 128 else { throw .badPrefix(type: RPLOption.OptionType.prefixInformation, prefixLength: Int(length), offset: offset) }
        let flags = try reader.byte()
        let valid = try reader.uint32()
        let preferred = try reader.uint32()
        _ = try reader.uint32()  // Reserved2
        self.init(prefixLength: length, onLink: flags & 0x80 != 0, autonomous: flags & 0x40 != 0,
                  routerAddress: flags & 0x20 != 0, validLifetime: valid, preferredLifetime: preferred,
                  prefix: try reader.address())
    }

    func emitBody(into out: inout [UInt8]) {
        out.append(prefixLength)
        out.append((onLink ? 0x80 : 0) | (autonomous ? 0x40 : 0) | (routerAddress ? 0x20 : 0))
        out.appendUInt32(validLifetime)
        out.appendUInt32(preferredLifetime)
        out.appendUInt32(0)
        out.append(contentsOf: prefix.bytes)
    }
}

/// Route Information (RFC 6550 §6.7.5, Figure 23; the RFC 4191 option carried in a DIO).
public struct RouteInformation: Equatable, Sendable {
    public var prefix: RPLPrefix
    /// Prf: 2-bit route preference as on the wire (01 high, 00 medium, 11 low, 10 reserved).
    public var preference: UInt8
    /// Seconds; 0xFFFFFFFF is infinity.
    public var lifetime: UInt32

    public init(prefix: RPLPrefix, preference: UInt8, lifetime: UInt32) {
        self.prefix = prefix
        self.preference = preference & 0x03
        self.lifetime = lifetime
    }

    init(parsing reader: inout WireReader, length: Int, offset: Int) throws(RPLWireError) {
        guard length >= 6 else { throw .badOptionLength(type: RPLOption.OptionType.routeInformation, length: length, offset: offset) }
        let prefixLength = try reader.byte()
        let flags = try reader.byte()
        let lifetime = try reader.uint32()
        let prefix = try RPLPrefix.fromWire(try reader.take(length - 6), length: prefixLength,
                                            optionType: RPLOption.OptionType.routeInformation, offset: offset)
        self.init(prefix: prefix, preference: flags >> 3, lifetime: lifetime)
    }

    func emitBody() -> [UInt8] {
        var out: [UInt8] = [prefix.length, (preference & 0x03) << 3]
        out.appendUInt32(lifetime)
        out.append(contentsOf: prefix.wireOctets)
        return out
    }
}
