import CBOR
import Platform

/// The CBOR form of each GRASP structure: the inverse of the parse functions in GraspCodec.swift.
extension GraspMessage {
    var cborValue: CBORValue {
        func head(_ type: MessageType, _ session: UInt32) -> [CBORValue] {
            [.unsigned(UInt64(type.rawValue)), .unsigned(UInt64(session))]
        }
        switch self {
        case .noop:
            return .array([.unsigned(UInt64(MessageType.noop.rawValue))])
        case .discovery(let session, let initiator, let objective):
            return .array(head(.discovery, session) + [initiator.cborValue, objective.cborValue])
        case .response(let session, let initiator, let ttl, let target, let objective):
            var items = head(.response, session) + [initiator.cborValue, .unsigned(UInt64(ttl))]
            switch target {
            case .locators(let locators):
                items += locators.map { $0.cborValue }
            case .divert(let locators):
                items.append(.array([.unsigned(UInt64(OptionType.divert.rawValue))] + locators.map { $0.cborValue }))
            }
            if let objective { items.append(objective.cborValue) }
            return .array(items)
        case .requestNegotiation(let session, let objective):
            return .array(head(.requestNegotiation, session) + [objective.cborValue])
        case .requestSynchronization(let session, let objective):
            return .array(head(.requestSynchronization, session) + [objective.cborValue])
        case .negotiate(let session, let objective):
            return .array(head(.negotiate, session) + [objective.cborValue])
        case .end(let session, let option):
            return .array(head(.end, session) + [option.cborValue])
        case .wait(let session, let waitingTime):
            return .array(head(.wait, session) + [.unsigned(UInt64(waitingTime))])
        case .synch(let session, let objective):
            return .array(head(.synch, session) + (objective.map { [$0.cborValue] } ?? []))
        case .flood(let session, let initiator, let ttl, let entries):
            let flooded: [CBORValue] = entries.map { entry in
                .array([entry.objective.cborValue, entry.locator?.cborValue ?? .array([])])
            }
            return .array(head(.flood, session) + [initiator.cborValue, .unsigned(UInt64(ttl))] + flooded)
        case .invalid(let session, let diagnostic):
            return .array(head(.invalid, session) + (diagnostic.map { [$0] } ?? []))
        }
    }
}

extension Objective {
    var cborValue: CBORValue {
        var items: [CBORValue] = [.text(name.description), .unsigned(UInt64(flags.rawValue)), .unsigned(UInt64(loopCount))]
        if let value { items.append(value) }
        return .array(items)
    }
}

extension Locator {
    var cborValue: CBORValue {
        func option(_ type: OptionType, _ address: CBORValue, _ proto: CBORValue, _ port: CBORValue) -> CBORValue {
            .array([.unsigned(UInt64(type.rawValue)), address, proto, port])
        }
        switch self {
        case .ipv6(let address, let proto, let port):
            return option(.ipv6Locator, .bytes(address.bytes), .unsigned(UInt64(proto.rawValue)), .unsigned(UInt64(port)))
        case .ipv4(let address, let proto, let port):
            return option(.ipv4Locator, .bytes(address.bytes), .unsigned(UInt64(proto.rawValue)), .unsigned(UInt64(port)))
        case .fqdn(let name, let proto, let port):
            return option(.fqdnLocator, .text(String(decoding: name, as: UTF8.self)), .unsigned(UInt64(proto.rawValue)),
                          .unsigned(UInt64(port)))
        case .uri(let uri, let proto, let port):
            return option(.uriLocator, .text(String(decoding: uri, as: UTF8.self)),
                          proto.map { .unsigned(UInt64($0.rawValue)) } ?? .null, port.map { .unsigned(UInt64($0)) } ?? .null)
        }
    }
}

extension InitiatorAddress {
    var cborValue: CBORValue {
        switch self {
        case .ipv6(let address): .bytes(address.bytes)
        case .ipv4(let address): .bytes(address.bytes)
        }
    }
}

extension EndOption {
    var cborValue: CBORValue {
        switch self {
        case .accept: .array([.unsigned(UInt64(OptionType.accept.rawValue))])
        case .decline(let reason):
            .array([.unsigned(UInt64(OptionType.decline.rawValue))] + (reason.map { [CBORValue.text($0)] } ?? []))
        }
    }
}
