import CBOR
import Platform

/// A negotiation or synchronization session as an ASA sees it: the peer's (or our) address and
/// the session id, which together are unique (RFC 8990 §2.7).
public struct SessionHandle: Hashable, Sendable {
    public var initiator: InitiatorAddress
    public var sessionID: UInt32

    public init(initiator: InitiatorAddress, sessionID: UInt32) {
        self.initiator = initiator
        self.sessionID = sessionID
    }
}

/// Why a session ended without M_END.
public enum SessionFailure: Equatable, Sendable {
    /// No answer within GRASP_DEF_TIMEOUT (extended by M_WAIT).
    case timeout
    /// The TCP connection failed or was closed by the peer.
    case connectionClosed
    /// The peer sent M_INVALID or something we could not parse.
    case invalid
    /// The negotiation's loop count ran out (RFC 8990 §2.8.7).
    case loopCountExhausted
    /// Our own message would exceed GRASP_DEF_MAX_SIZE, which the peer would refuse.
    case messageTooLarge
}

/// What the engine tells ASAs (carried in `GraspAction.deliver`). The ASA glue (registrar, join
/// proxy, ...) switches over these and answers through the engine's ASA calls.
public enum ASAEvent {
    /// A peer asks to negotiate a registered objective: answer with `negotiateStep`,
    /// `negotiateWait` or `endNegotiation`.
    case negotiationRequested(SessionHandle, Objective)
    /// A peer asks for the value of a registered objective: answer with `synchronize`.
    case synchronizationRequested(SessionHandle, Objective)
    /// The peer's next M_NEGOTIATE in a session.
    case negotiationStep(SessionHandle, Objective)
    /// The session ended with M_END from the peer: accepted or declined.
    case negotiationEnded(SessionHandle, EndOption)
    /// The answer to our M_REQ_SYN (nil: the peer has no value).
    case synchronized(SessionHandle, Objective?)
    case sessionFailed(SessionHandle, SessionFailure)
    /// A discovery we started is over: every locator found for the objective (may be empty).
    case discovered(ObjectiveName, [Locator])
    /// A flooded objective was cached or changed (RFC 8990 §2.8.11).
    case floodReceived(Objective, Locator?)
}
