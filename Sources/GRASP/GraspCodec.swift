import CBOR
import Platform

/// Parse and emit of GRASP messages (RFC 8990 §5 CDDL) over the CBOR bridge. `emit(parse(b))`
/// gives back `b` for every message in CBOR's preferred (shortest) serialization, which is what
/// GRASP implementations send; `parse(emit(m))` gives back `m` always.
extension GraspMessage {
    /// Parses one message, bare or wrapped in tag 24.
    public static func parse(_ bytes: [UInt8], maximumSize: Int = GraspConstants.defaultMaximumSize)
        throws(GraspError) -> (message: GraspMessage, envelope: GraspEnvelope)
    {
        let item = try decodeItem(bytes, maximumSize: maximumSize)
        if case .tagged(24, let inner) = item {
            guard case .bytes(let wrapped) = inner else { throw .badField(.envelope) }
            // One level only: a message wrapped twice is not something any implementation sends.
            let message = try parseMessage(try decodeItem(wrapped, maximumSize: maximumSize))
            return (message, .tag24)
        }
        return (try parseMessage(item), .plain)
    }

    /// The wire bytes of this message. Callers that send check the size against
    /// GRASP_DEF_MAX_SIZE (a flood of many objectives can exceed it).
    public func emit(envelope: GraspEnvelope = .plain) -> [UInt8] {
        let bare = cborValue.encode()
        switch envelope {
        case .plain: return bare
        case .tag24: return CBORValue.tagged(24, .bytes(bare)).encode()
        }
    }

    private static func decodeItem(_ bytes: [UInt8], maximumSize: Int) throws(GraspError) -> CBORValue {
        guard bytes.count <= maximumSize else { throw .tooLarge(bytes.count) }
        let limits = CBORLimits(maxDepth: GraspConstants.maximumNesting, maxItems: maximumSize, maxBytes: maximumSize)
        do {
            return try CBORValue.decode(bytes, limits: limits)
        } catch {
            throw .malformedCBOR(error)
        }
    }

    // MARK: parse

    static func parseMessage(_ item: CBORValue) throws(GraspError) -> GraspMessage {
        guard case .array(let items) = item, let first = items.first else { throw .badField(.message) }
        guard case .unsigned(let code) = first else { throw .badField(.messageType) }
        guard code <= 255, let type = MessageType(rawValue: UInt8(code)) else { throw .unknownMessageType(code) }
        let count = items.count
        func expect(_ allowed: ClosedRange<Int>) throws(GraspError) {
            guard allowed.contains(count) else { throw .wrongElementCount(type, count) }
        }
        if type == .noop {
            try expect(1...1)
            return .noop
        }
        try expect(2...Int.max)
        let session = try uint32(items[1], .sessionID)
        switch type {
        case .noop:
            return .noop
        case .discovery:
            try expect(4...4)
            return .discovery(sessionID: session, initiator: try initiator(items[2]), objective: try objective(items[3]))
        case .response:
            try expect(5...Int.max)
            return try response(session, items)
        case .requestNegotiation:
            try expect(3...3)
            return .requestNegotiation(sessionID: session, objective: try objective(items[2]))
        case .requestSynchronization:
            try expect(3...3)
            return .requestSynchronization(sessionID: session, objective: try objective(items[2]))
        case .negotiate:
            try expect(3...3)
            return .negotiate(sessionID: session, objective: try objective(items[2]))
        case .end:
            try expect(3...3)
            return .end(sessionID: session, option: try endOption(items[2]))
        case .wait:
            try expect(3...3)
            return .wait(sessionID: session, waitingTime: try uint32(items[2], .waitingTime))
        case .synch:
            try expect(2...3)
            return .synch(sessionID: session, objective: count == 3 ? try objective(items[2]) : nil)
        case .flood:
            try expect(5...Int.max)
            var entries: [FloodEntry] = []
            for entry in items[4...] { entries.append(try floodEntry(entry)) }
            return .flood(sessionID: session, initiator: try initiator(items[2]), ttl: try uint32(items[3], .ttl),
                          entries: entries)
        case .invalid:
            try expect(2...3)
            return .invalid(sessionID: session, diagnostic: count == 3 ? items[2] : nil)
        }
    }

    private static func response(_ session: UInt32, _ items: [CBORValue]) throws(GraspError) -> GraspMessage {
        let initiator = try initiator(items[2])
        let ttl = try uint32(items[3], .ttl)
        var rest = items[4...]
        let target: ResponseTarget
        if optionCode(items[4]) == UInt64(OptionType.divert.rawValue) {
            guard case .array(let divert) = items[4], divert.count >= 2 else { throw .badField(.option) }
            var locators: [Locator] = []
            for option in divert[1...] { locators.append(try locator(option)) }
            target = .divert(locators)
            rest = rest.dropFirst()
        } else {
            var locators: [Locator] = []
            while let next = rest.first, optionCode(next) != nil {
                locators.append(try locator(next))
                rest = rest.dropFirst()
            }
            guard !locators.isEmpty else { throw .badField(.locator) }
            target = .locators(locators)
        }
        guard rest.count <= 1 else { throw .wrongElementCount(.response, items.count) }
        var answered: Objective? = nil
        if let last = rest.first { answered = try objective(last) }
        return .response(sessionID: session, initiator: initiator, ttl: ttl, target: target, objective: answered)
    }

    /// The option code if `item` looks like an option (`[code, ...]`), nil if it looks like
    /// anything else (an objective starts with its name, a text string).
    private static func optionCode(_ item: CBORValue) -> UInt64? {
        guard case .array(let elements) = item, case .unsigned(let code)? = elements.first else { return nil }
        return code
    }

    static func objective(_ item: CBORValue) throws(GraspError) -> Objective {
        guard case .array(let elements) = item, (3...4).contains(elements.count) else { throw .badField(.objective) }
        guard case .text(let name) = elements[0] else { throw .badField(.objectiveName) }
        guard case .unsigned(let flags) = elements[1], flags <= 255 else { throw .badField(.objectiveFlags) }
        guard case .unsigned(let loopCount) = elements[2], loopCount <= 255 else { throw .badField(.loopCount) }
        return Objective(name: ObjectiveName(name), flags: ObjectiveFlags(rawValue: UInt8(flags)),
                         loopCount: UInt8(loopCount), value: elements.count == 4 ? elements[3] : nil)
    }

    private static func floodEntry(_ item: CBORValue) throws(GraspError) -> FloodEntry {
        guard case .array(let pair) = item, pair.count == 2 else { throw .badField(.floodEntry) }
        let objective = try objective(pair[0])
        if case .array(let option) = pair[1], option.isEmpty { return FloodEntry(objective: objective) }
        return FloodEntry(objective: objective, locator: try locator(pair[1]))
    }

    static func locator(_ item: CBORValue) throws(GraspError) -> Locator {
        guard case .array(let elements) = item, elements.count == 4, case .unsigned(let code) = elements[0] else {
            throw .badField(.locator)
        }
        switch code {
        case UInt64(OptionType.ipv6Locator.rawValue):
            guard case .bytes(let raw) = elements[1], let address = IPv6Address(bytes: raw) else { throw .badField(.locator) }
            return .ipv6(address, try transport(elements[2]), port: try port(elements[3]))
        case UInt64(OptionType.ipv4Locator.rawValue):
            guard case .bytes(let raw) = elements[1], let address = IPv4Address(bytes: raw) else { throw .badField(.locator) }
            return .ipv4(address, try transport(elements[2]), port: try port(elements[3]))
        case UInt64(OptionType.fqdnLocator.rawValue):
            guard case .text(let name) = elements[1] else { throw .badField(.locator) }
            return .fqdn(utf8: Array(name.utf8), try transport(elements[2]), port: try port(elements[3]))
        case UInt64(OptionType.uriLocator.rawValue):
            guard case .text(let uri) = elements[1] else { throw .badField(.locator) }
            let proto: TransportProtocol? = isNull(elements[2]) ? nil : try transport(elements[2])
            let number: UInt16? = isNull(elements[3]) ? nil : try port(elements[3])
            return .uri(utf8: Array(uri.utf8), proto, port: number)
        default:
            throw .badField(.option)
        }
    }

    private static func isNull(_ item: CBORValue) -> Bool {
        if case .null = item { return true }
        return false
    }

    private static func endOption(_ item: CBORValue) throws(GraspError) -> EndOption {
        guard case .array(let elements) = item, case .unsigned(let code)? = elements.first else { throw .badField(.option) }
        switch code {
        case UInt64(OptionType.accept.rawValue) where elements.count == 1:
            return .accept
        case UInt64(OptionType.decline.rawValue) where elements.count == 1:
            return .decline(reason: nil)
        case UInt64(OptionType.decline.rawValue) where elements.count == 2:
            guard case .text(let reason) = elements[1] else { throw .badField(.reason) }
            return .decline(reason: reason)
        default:
            throw .badField(.option)
        }
    }

    private static func initiator(_ item: CBORValue) throws(GraspError) -> InitiatorAddress {
        guard case .bytes(let raw) = item else { throw .badField(.initiator) }
        if let address = IPv6Address(bytes: raw) { return .ipv6(address) }
        if let address = IPv4Address(bytes: raw) { return .ipv4(address) }
        throw .badField(.initiator)
    }

    private static func transport(_ item: CBORValue) throws(GraspError) -> TransportProtocol {
        guard case .unsigned(let number) = item, number <= 255, let proto = TransportProtocol(rawValue: UInt8(number)) else {
            throw .badField(.transport)
        }
        return proto
    }

    private static func port(_ item: CBORValue) throws(GraspError) -> UInt16 {
        guard case .unsigned(let number) = item, number <= UInt64(UInt16.max) else { throw .badField(.port) }
        return UInt16(number)
    }

    private static func uint32(_ item: CBORValue, _ field: GraspField) throws(GraspError) -> UInt32 {
        guard case .unsigned(let number) = item, number <= UInt64(UInt32.max) else { throw .badField(field) }
        return UInt32(number)
    }
}

extension GraspMessage {
    /// Message type and session id of bytes that did not parse as a whole, when CBOR and the
    /// first two elements are readable: enough to address an M_INVALID reply.
    static func header(of bytes: [UInt8]) -> (type: UInt64, sessionID: UInt32)? {
        guard bytes.count <= GraspConstants.defaultMaximumSize,
              let item = try? CBORValue.decode(bytes, limits: CBORLimits(
                  maxDepth: GraspConstants.maximumNesting, maxItems: bytes.count, maxBytes: bytes.count)),
              case .array(let items) = item, items.count >= 2,
              case .unsigned(let type) = items[0], case .unsigned(let session) = items[1], session <= UInt64(UInt32.max)
        else { return nil }
        return (type, UInt32(session))
    }
}
