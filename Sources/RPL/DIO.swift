import Platform

/// DODAG Information Object (RFC 6550 §6.3, Figure 14): a node's advertisement of the DODAG it
/// belongs to and its rank in it.
public struct DIO: Equatable, Sendable {
    static let baseLength = 24

    public var instanceID: UInt8
    public var version: UInt8
    public var rank: UInt16
    /// G: the DODAG reaches the application goal (the ACP: a configured root or a registrar).
    public var grounded: Bool
    /// MOP, 3 bits; the ACP runs 2, storing mode without multicast (RFC 8994 §6.11.1.3).
    public var modeOfOperation: UInt8
    /// Prf, 3 bits: DODAG preference, 7 most preferred (RFC 8994 §6.11.1.12 gives the roles).
    public var preference: UInt8
    /// Destination Advertisement Trigger Sequence Number.
    public var dtsn: UInt8
    public var dodagID: IPv6Address
    public var options: [RPLOption]

    public static let storingModeWithoutMulticast: UInt8 = 2

    public init(instanceID: UInt8, version: UInt8, rank: UInt16, grounded: Bool, modeOfOperation: UInt8,
                preference: UInt8, dtsn: UInt8, dodagID: IPv6Address, options: [RPLOption] = []) {
        self.instanceID = instanceID
        self.version = version
        self.rank = rank
        self.grounded = grounded
        self.modeOfOperation = modeOfOperation & 0x07
        self.preference = preference & 0x07
        self.dtsn = dtsn
        self.dodagID = dodagID
        self.options = options
    }

    /// The DODAG Configuration option, if the DIO carries one.
    public var configuration: DODAGConfiguration? {
        for option in options { if case .dodagConfiguration(let configuration) = option { return configuration } }
        return nil
    }

    static func parse(_ bytes: [UInt8], from start: Int) throws(RPLWireError) -> DIO {
        var reader = WireReader(bytes, from: start)
        let instance = try reader.byte()
        let version = try reader.byte()
        let rank = try reader.uint16()
        let flags = try reader.byte()
        let dtsn = try reader.byte()
        _ = try reader.take(2)  // Flags, Reserved
        let dodag = try reader.address()
        return DIO(instanceID: instance, version: version, rank: rank, grounded: flags & 0x80 != 0,
                   modeOfOperation: flags >> 3 & 0x07, preference: flags & 0x07, dtsn: dtsn, dodagID: dodag,
                   options: try RPLOption.parseAll(bytes, from: start + baseLength))
    }

    func emitBody(into out: inout [UInt8]) {
        out.append(instanceID)
        out.append(version)
        out.appendUInt16(rank)
        out.append((grounded ? 0x80 : 0) | (modeOfOperation & 0x07) << 3 | preference & 0x07)
        out.append(dtsn)
        out.append(0)
        out.append(0)
        out.append(contentsOf: dodagID.bytes)
        for option in options { option.emit(into: &out) }
    }
}
