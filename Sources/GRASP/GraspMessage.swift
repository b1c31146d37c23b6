import CBOR
import Platform

/// One objective of an M_FLOOD with the locator flooded with it (nil: the empty option `[]`).
public struct FloodEntry: Equatable, Sendable {
    public var objective: Objective
    public var locator: Locator?

    public init(objective: Objective, locator: Locator? = nil) {
        self.objective = objective
        self.locator = locator
    }
}

/// What an M_RESPONSE points at: the responder's own locators, or an O_DIVERT to others
/// (RFC 8990 §2.8.5: `(+locator-option // divert-option)`).
public enum ResponseTarget: Equatable, Sendable {
    case locators([Locator])
    case divert([Locator])
}

/// The option closing a negotiation (RFC 8990 §2.8.8).
public enum EndOption: Equatable, Sendable {
    case accept
    case decline(reason: String?)
}

/// A GRASP message (RFC 8990 §2.8, CDDL of §5), as plain data.
public enum GraspMessage: Equatable, Sendable {
    case noop
    case discovery(sessionID: UInt32, initiator: InitiatorAddress, objective: Objective)
    case response(sessionID: UInt32, initiator: InitiatorAddress, ttl: UInt32, target: ResponseTarget,
                  objective: Objective?)
    case requestNegotiation(sessionID: UInt32, objective: Objective)
    case requestSynchronization(sessionID: UInt32, objective: Objective)
    case negotiate(sessionID: UInt32, objective: Objective)
    case end(sessionID: UInt32, option: EndOption)
    case wait(sessionID: UInt32, waitingTime: UInt32)
    case synch(sessionID: UInt32, objective: Objective?)
    case flood(sessionID: UInt32, initiator: InitiatorAddress, ttl: UInt32, entries: [FloodEntry])
    case invalid(sessionID: UInt32, diagnostic: CBORValue?)

    public var type: MessageType {
        switch self {
        case .noop: .noop
        case .discovery: .discovery
        case .response: .response
        case .requestNegotiation: .requestNegotiation
        case .requestSynchronization: .requestSynchronization
        case .negotiate: .negotiate
        case .end: .end
        case .wait: .wait
        case .synch: .synch
        case .flood: .flood
        case .invalid: .invalid
        }
    }

    /// Every message but M_NOOP carries one.
    public var sessionID: UInt32? {
        switch self {
        case .noop: nil
        case .discovery(let id, _, _), .response(let id, _, _, _, _), .flood(let id, _, _, _): id
        case .requestNegotiation(let id, _), .requestSynchronization(let id, _), .negotiate(let id, _): id
        case .end(let id, _), .wait(let id, _), .synch(let id, _), .invalid(let id, _): id
        }
    }
}

/// How a message was carried: bare, or as CBOR tag 24 ("encoded CBOR data item", RFC 8949
/// §3.4.5.1) around a byte string holding the message, which some deployed GRASP
/// implementations send. Kept so a reply or relay goes out the way the peer speaks.
public enum GraspEnvelope: Equatable, Sendable {
    case plain
    case tag24
}
