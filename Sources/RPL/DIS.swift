import Platform

/// DODAG Information Solicitation (RFC 6550 §6.2): asks neighbours for a DIO now rather than at
/// their next refresh. Flags and Reserved are "ignored by the receiver", so only options remain.
public struct DIS: Equatable, Sendable {
    public var options: [RPLOption]

    public init(options: [RPLOption] = []) {
        self.options = options
    }

    static func parse(_ bytes: [UInt8], from start: Int) throws(RPLWireError) -> DIS {
        var reader = WireReader(bytes, from: start)
        _ = try reader.take(2)  // Flags, Reserved
        return DIS(options: try RPLOption.parseAll(bytes, from: start + 2))
    }

    func emitBody(into out: inout [UInt8]) {
        out.append(0)
        out.append(0)
        for option in options { option.emit(into: &out) }
    }
}

/// Solicited Information (RFC 6550 §6.7.9, Figure 28): which DODAGs a DIS wants to hear from.
/// The V, I and D flags say which of the three fields must match.
public struct SolicitedInformation: Equatable, Sendable {
    static let optionLength = 19

    public var instanceID: UInt8
    public var matchVersion: Bool
    public var matchInstanceID: Bool
    public var matchDODAGID: Bool
    public var dodagID: IPv6Address
    public var version: UInt8

    public init(instanceID: UInt8, matchVersion: Bool, matchInstanceID: Bool, matchDODAGID: Bool,
                dodagID: IPv6Address, version: UInt8) {
        self.instanceID = instanceID
        self.matchVersion = matchVersion
        self.matchInstanceID = matchInstanceID
        self.matchDODAGID = matchDODAGID
        self.dodagID = dodagID
        self.version = version
    }

    init(parsing reader: inout WireReader) throws(RPLWireError) {
        let instance = try reader.byte()
        let flags = try reader.byte()
        let dodag = try reader.address()
        self.init(instanceID: instance, matchVersion: flags & 0x80 != 0, matchInstanceID: flags & 0x40 != 0,
                  matchDODAGID: flags & 0x20 != 0, dodagID: dodag, version: try reader.byte())
    }

    func emitBody(into out: inout [UInt8]) {
        out.append(instanceID)
        out.append((matchVersion ? 0x80 : 0) | (matchInstanceID ? 0x40 : 0) | (matchDODAGID ? 0x20 : 0))
        out.append(contentsOf: dodagID.bytes)
        out.append(version)
    }
}
