import Platform

/// DAO Acknowledgement (RFC 6550 §6.5, Figure 17): the parent's answer to a DAO sent with K.
public struct DAOACK: Equatable, Sendable {
    public var instanceID: UInt8
    public var sequence: UInt8
    /// 0 unqualified acceptance, 1–127 accepted with a remark, 128–255 rejected.
    public var status: UInt8
    /// Present iff the D flag is set.
    public var dodagID: IPv6Address?
    public var options: [RPLOption]

    public static let accepted: UInt8 = 0
    /// Our rejection status: the lowest of the "rejection" range, used when a target lies
    /// outside the ACP prefix.
    public static let rejected: UInt8 = 128

    public init(instanceID: UInt8, sequence: UInt8, status: UInt8, dodagID: IPv6Address?, options: [RPLOption] = []) {
        self.instanceID = instanceID
        self.sequence = sequence
        self.status = status
        self.dodagID = dodagID
        self.options = options
    }

    static func parse(_ bytes: [UInt8], from start: Int) throws(RPLWireError) -> DAOACK {
        var reader = WireReader(bytes, from: start)
        let instance = try reader.byte()
        let flags = try reader.byte()
        let sequence = try reader.byte()
        let status = try reader.byte()
        let dodag: IPv6Address? = flags & 0x80 != 0 ? try reader.address() : nil
        return DAOACK(instanceID: instance, sequence: sequence, status: status, dodagID: dodag,
                      options: try RPLOption.parseAll(bytes, from: start + (dodag == nil ? 4 : 20)))
    }

    func emitBody(into out: inout [UInt8]) {
        out.append(instanceID)
        out.append(dodagID == nil ? 0 : 0x80)
        out.append(sequence)
        out.append(status)
        if let dodagID { out.append(contentsOf: dodagID.bytes) }
        for option in options { option.emit(into: &out) }
    }
}
