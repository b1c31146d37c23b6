import Platform

// Options of a DAO (RFC 6550 §6.4.3): RPL Target (§6.7.7) and Transit Information (§6.7.8).
// A Transit Information option applies to the Target options right before it.

/// RPL Target (Figure 25): a prefix reachable through the DAO's sender.
public struct RPLTarget: Equatable, Sendable {
    public var prefix: RPLPrefix

    public init(prefix: RPLPrefix) {
        self.prefix = prefix
    }

    init(parsing reader: inout WireReader, length: Int, offset: Int) throws(RPLWireError) {
        guard length >= 2 else { throw .badOptionLength(type: RPLOption.OptionType.rplTarget, length: length, offset: offset) }
        _ = try reader.byte()  // Flags: none defined
        let prefixLength = try reader.byte()
        prefix = try RPLPrefix.fromWire(try reader.take(length - 2), length: prefixLength,
                                        optionType: RPLOption.OptionType.rplTarget, offset: offset)
    }

    func emitBody() -> [UInt8] {
        [0, prefix.length] + prefix.wireOctets
    }
}

/// Transit Information (Figure 26): path sequence and lifetime of the targets before it. A Path
/// Lifetime of 0 makes the DAO a No-Path DAO for those targets.
public struct TransitInformation: Equatable, Sendable {
    static let shortLength = 4
    static let longLength = 20

    /// E: the targets are external to the RPL domain.
    public var external: Bool
    public var pathControl: UInt8
    public var pathSequence: UInt8
    /// In Lifetime Units of the DODAG Configuration; 0 is "no path", 0xFF infinity.
    public var pathLifetime: UInt8
    /// Present in non-storing mode only; storing mode (the ACP's MOP 2) leaves it out.
    public var parentAddress: IPv6Address?

    public init(external: Bool = false, pathControl: UInt8 = 0, pathSequence: UInt8, pathLifetime: UInt8,
                parentAddress: IPv6Address? = nil) {
        self.external = external
        self.pathControl = pathControl
        self.pathSequence = pathSequence
        self.pathLifetime = pathLifetime
        self.parentAddress = parentAddress
    }

    init(parsing reader: inout WireReader, length: Int) throws(RPLWireError) {
        let flags = try reader.byte()
        let control = try reader.byte()
        let sequence = try reader.byte()
        let lifetime = try reader.byte()
        let parent: IPv6Address? = length == TransitInformation.longLength ? try reader.address() : nil
        self.init(external: flags & 0x80 != 0, pathControl: control, pathSequence: sequence,
                  pathLifetime: lifetime, parentAddress: parent)
    }

    func emitBody(into out: inout [UInt8]) {
        out.append(external ? 0x80 : 0)
        out.append(pathControl)
        out.append(pathSequence)
        out.append(pathLifetime)
        if let parentAddress { out.append(contentsOf: parentAddress.bytes) }
    }
}
