import Platform

/// Destination Advertisement Object (RFC 6550 §6.4, Figure 16): a child telling a parent which
/// targets are reachable through it (storing mode).
public struct DAO: Equatable, Sendable {
    public var instanceID: UInt8
    /// K: the sender wants a DAO-ACK (the ACP profile sets it on every changed DAO).
    public var expectsACK: Bool
    public var sequence: UInt8
    /// Present iff the D flag is set.
    public var dodagID: IPv6Address?
    public var options: [RPLOption]

    public init(instanceID: UInt8, expectsACK: Bool, sequence: UInt8, dodagID: IPv6Address?, options: [RPLOption]) {
        self.instanceID = instanceID
        self.expectsACK = expectsACK
        self.sequence = sequence
        self.dodagID = dodagID
        self.options = options
    }

    /// Each target with the Transit Information that follows it (RFC 6550 §6.7.8: a Transit
    /// Information option applies to the run of Target options before it). Targets with no
    /// transit after them are left out: their lifetime is unknown.
    public var targetsWithTransit: [(target: RPLPrefix, transit: TransitInformation)] {
        var result: [(target: RPLPrefix, transit: TransitInformation)] = []
        var pending: [RPLPrefix] = []
        var lastWasTransit = false
        for option in options {
            switch option {
            case .rplTarget(let target):
                if lastWasTransit { pending.removeAll() }
                pending.append(target.prefix)
                lastWasTransit = false
            case .transitInformation(let transit):
                for target in pending { result.append((target, transit)) }
                lastWasTransit = true
            default:
                break
            }
        }
        return result
    }

    static func parse(_ bytes: [UInt8], from start: Int) throws(RPLWireError) -> DAO {
        var reader = WireReader(bytes, from: start)
        let instance = try reader.byte()
        let flags = try reader.byte()
        _ = try reader.byte()  // Reserved
        let sequence = try reader.byte()
        let dodag: IPv6Address? = flags & 0x40 != 0 ? try reader.address() : nil
        return DAO(instanceID: instance, expectsACK: flags & 0x80 != 0, sequence: sequence, dodagID: dodag,
                   options: try RPLOption.parseAll(bytes, from: start + (dodag == nil ? 4 : 20)))
    }

    func emitBody(into out: inout [UInt8]) {
        out.append(instanceID)
        out.append((expectsACK ? 0x80 : 0) | (dodagID == nil ? 0 : 0x40))
        out.append(0)
        out.append(sequence)
        if let dodagID { out.append(contentsOf: dodagID.bytes) }
        for option in options { option.emit(into: &out) }
    }
}
