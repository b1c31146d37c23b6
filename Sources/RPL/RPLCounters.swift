/// Why the engine dropped (part of) a received message. Each reason has a counter in
/// `RPLCounters`, and each drop logs a line (rate-limited per interface).
public enum RPLDropReason: Sendable, CustomStringConvertible {
    case malformed
    case unknownInstance
    case fromSelf
    case unsupportedMode
    case invalidRank
    case parentRankNotLower
    case targetOutsideACP
    case targetIsOurs
    case daoFromParent
    case daoForOtherDODAG
    case unsupportedCode
    case tooManyNeighbours
    case routeTableFull

    public var description: String {
        switch self {
        case .malformed: return "malformed message"
        case .unknownInstance: return "unknown RPLInstanceID"
        case .fromSelf: return "message from ourselves"
        case .unsupportedMode: return "mode of operation is not storing (2)"
        case .invalidRank: return "rank below ROOT_RANK or bad MinHopRankIncrease"
        case .parentRankNotLower: return "parent's rank no longer below ours"
        case .targetOutsideACP: return "DAO target outside the ACP prefix"
        case .targetIsOurs: return "DAO target inside our own prefix"
        case .daoFromParent: return "DAO from one of our parents"
        case .daoForOtherDODAG: return "DAO for another DODAG"
        case .unsupportedCode: return "RPL code not used by the ACP profile"
        case .tooManyNeighbours: return "neighbour table full"
        case .routeTableFull: return "route table full"
        }
    }
}

/// Counters for the status view and for tests.
public struct RPLCounters: Equatable, Sendable {
    public var malformed = 0
    public var unknownInstance = 0
    public var fromSelf = 0
    public var unsupportedMode = 0
    public var invalidRank = 0
    public var parentRankNotLower = 0
    public var targetOutsideACP = 0
    public var targetIsOurs = 0
    public var daoFromParent = 0
    public var daoForOtherDODAG = 0
    public var unsupportedCode = 0
    public var tooManyNeighbours = 0
    public var routeTableFull = 0
    /// DAOs sent with K that got no DAO-ACK after every retry.
    public var daoACKTimeouts = 0
    /// DAO retransmissions after a DAO-ACK timeout.
    public var daoRetransmissions = 0
    /// DAO-ACKs with a rejection status (128–255).
    public var daoRejected = 0

    public init() {}

    mutating func count(_ reason: RPLDropReason) {
        switch reason {
        case .malformed: malformed += 1
        case .unknownInstance: unknownInstance += 1
        case .fromSelf: fromSelf += 1
        case .unsupportedMode: unsupportedMode += 1
        case .invalidRank: invalidRank += 1
        case .parentRankNotLower: parentRankNotLower += 1
        case .targetOutsideACP: targetOutsideACP += 1
        case .targetIsOurs: targetIsOurs += 1
        case .daoFromParent: daoFromParent += 1
        case .daoForOtherDODAG: daoForOtherDODAG += 1
        case .unsupportedCode: unsupportedCode += 1
        case .tooManyNeighbours: tooManyNeighbours += 1
        case .routeTableFull: routeTableFull += 1
        }
    }
}
