/// RPL control message options (RFC 6550 §6.7): Type, Option Length, data — except Pad1, which
/// is a single zero octet. Options the ACP profile does not use are kept as they came (Metric
/// Container, Target Descriptor, anything unknown) so parse and emit stay exact inverses and a
/// later profile can read them.
public enum RPLOption: Equatable, Sendable {
    case pad1
    /// PadN with this many zero octets after its two-octet header.
    case padN(Int)
    /// DAG Metric Container (type 2): the profile uses no metric containers (RFC 8994 §6.11.1.6);
    /// preserved, not interpreted.
    case dagMetricContainer([UInt8])
    case routeInformation(RouteInformation)
    case dodagConfiguration(DODAGConfiguration)
    case rplTarget(RPLTarget)
    case transitInformation(TransitInformation)
    case solicitedInformation(SolicitedInformation)
    case prefixInformation(PrefixInformation)
    case unknown(type: UInt8, data: [UInt8])

    public enum OptionType {
        public static let pad1: UInt8 = 0
        public static let padN: UInt8 = 1
        public static let dagMetricContainer: UInt8 = 2
        public static let routeInformation: UInt8 = 3
        public static let dodagConfiguration: UInt8 = 4
        public static let rplTarget: UInt8 = 5
        public static let transitInformation: UInt8 = 6
        public static let solicitedInformation: UInt8 = 7
        public static let prefixInformation: UInt8 = 8
    }

    /// Reads options until the end of the message. An option whose length byte points beyond the
    /// message is refused (RFC 6550 §6.7.1) rather than truncated.
    static func parseAll(_ bytes: [UInt8], from start: Int) throws(RPLWireError) -> [RPLOption] {
        var options: [RPLOption] = []
        var offset = start
        while offset < bytes.count {
            let type = bytes[offset]
            if type == OptionType.pad1 {
                options.append(.pad1)
                offset += 1
                continue
            }
            guard offset + 1 < bytes.count else { throw .optionBeyondPacket(type: type, offset: offset) }
            let length = Int(bytes[offset + 1])
            let dataStart = offset + 2
            guard dataStart + length <= bytes.count else { throw .optionBeyondPacket(type: type, offset: offset) }
            var reader = WireReader(bytes, from: dataStart, to: dataStart + length)
            options.append(try parseOne(type: type, length: length, reader: &reader, offset: offset))
            offset = dataStart + length
        }
        return options
    }

    private static func parseOne(type: UInt8, length: Int, reader: inout WireReader, offset: Int) throws(RPLWireError) -> RPLOption {
        switch type {
        case OptionType.padN:
            return .padN(length)
        case OptionType.dagMetricContainer:
            return .dagMetricContainer(Array(try reader.take(length)))
        case OptionType.routeInformation:
            return .routeInformation(try RouteInformation(parsing: &reader, length: length, offset: offset))
        case OptionType.dodagConfiguration:
            guard length == DODAGConfiguration.optionLength else { throw .badOptionLength(type: type, length: length, offset: offset) }
            return .dodagConfiguration(try DODAGConfiguration(parsing: &reader))
        case OptionType.rplTarget:
            return .rplTarget(try RPLTarget(parsing: &reader, length: length, offset: offset))
        case OptionType.transitInformation:
            guard length == TransitInformation.shortLength || length == TransitInformation.longLength else {
                throw .badOptionLength(type: type, length: length, offset: offset)
            }
            return .transitInformation(try TransitInformation(parsing: &reader, length: length))
        case OptionType.solicitedInformation:
            guard length == SolicitedInformation.optionLength else { throw .badOptionLength(type: type, length: length, offset: offset) }
            return .solicitedInformation(try SolicitedInformation(parsing: &reader))
        case OptionType.prefixInformation:
            guard length == PrefixInformation.optionLength else { throw .badOptionLength(type: type, length: length, offset: offset) }
            return .prefixInformation(try PrefixInformation(parsing: &reader, offset: offset))
        default:
            return .unknown(type: type, data: Array(try reader.take(length)))
        }
    }

    func emit(into out: inout [UInt8]) {
        func header(_ type: UInt8, _ length: Int) {
            out.append(type)
            out.append(UInt8(truncatingIfNeeded: length))
        }
        switch self {
        case .pad1:
            out.append(OptionType.pad1)
        case .padN(let count):
            header(OptionType.padN, count)
            out.append(contentsOf: repeatElement(0, count: max(0, count)))
        case .dagMetricContainer(let data):
            header(OptionType.dagMetricContainer, data.count)
            out.append(contentsOf: data)
        case .routeInformation(let option):
            let body = option.emitBody()
            header(OptionType.routeInformation, body.count)
            out.append(contentsOf: body)
        case .dodagConfiguration(let option):
            header(OptionType.dodagConfiguration, DODAGConfiguration.optionLength)
            option.emitBody(into: &out)
        case .rplTarget(let option):
            let body = option.emitBody()
            header(OptionType.rplTarget, body.count)
            out.append(contentsOf: body)
        case .transitInformation(let option):
            header(OptionType.transitInformation, option.parentAddress == nil ? TransitInformation.shortLength : TransitInformation.longLength)
            option.emitBody(into: &out)
        case .solicitedInformation(let option):
            header(OptionType.solicitedInformation, SolicitedInformation.optionLength)
            option.emitBody(into: &out)
        case .prefixInformation(let option):
            header(OptionType.prefixInformation, PrefixInformation.optionLength)
            option.emitBody(into: &out)
        case .unknown(let type, let data):
            header(type, data.count)
            out.append(contentsOf: data)
        }
    }
}
