import Platform

/// DODAG preference by ACP role (RFC 8994 §6.11.1.12), carried in the DIO's Prf field: the node
/// with the highest one becomes root.
public enum ACPRole: UInt8, Sendable {
    case defaultNode = 0b001
    case acpConnect = 0b010
    case registrar = 0b011
    case configuredRoot = 0b100
}

/// What one node needs to run the ACP RPL profile.
public struct RPLConfiguration: Sendable {
    /// The node's ACP address: its DODAGID when it is root, and inside `announcedPrefix`.
    public var nodeAddress: IPv6Address
    /// The prefix covering the node's ACP address(es) (/127 Zone, /120 or /112 Vlong): announced
    /// in DAOs and black-holed locally (RFC 8994 §6.11.1.11).
    public var announcedPrefix: RPLPrefix
    /// The ACP's ULA prefix: the upward route, and the only space DAOs may install routes in.
    public var acpPrefix: RPLPrefix
    public var role: ACPRole

    // DODAG Configuration this node advertises when it is root.
    public var minHopRankIncrease: UInt16 = 256
    /// DAGMaxRankIncrease: how far a node may fall back within one DODAG version (0 disables).
    public var maxRankIncrease: UInt16 = 16 * 256
    /// Path lifetime in lifetime units: 30 × 60 s.
    public var defaultLifetime: UInt8 = 30
    public var lifetimeUnit: UInt16 = 60

    /// "at least 3 if possible" (RFC 8994 §6.11.1.1.2).
    public var maxParents: Int = 3
    /// DAO-ACK_TIME_OUT and DAO-RETRIES (RFC 8994 §6.11.1.4).
    public var daoACKTimeout: Duration = .milliseconds(256)
    public var daoRetries: Int = 3
    /// No Trickle; a slow unconditional refresh instead, jittered down by up to a quarter.
    public var dioRefreshInterval: Duration = .seconds(60)
    /// "DIOs SHOULD be sent 2 or 3 times to inform children when losing the last parent".
    public var detachDIOCount: Int = 3
    public var detachDIOSpacing: Duration = .milliseconds(100)
    /// Least time between two DIOs answering one neighbour's stale or worse DIO.
    public var dioAnswerHoldoff: Duration = .milliseconds(500)
    /// Memory bounds against a neighbour that invents addresses or targets: beyond these, new
    /// neighbours' DIOs and new DAO targets are dropped (and counted) until old ones go.
    public var maxNeighbours: Int = 256
    public var maxRoutes: Int = 16_384
    /// Largest number of Target options in one DAO, so a DAO stays well inside 1280 octets.
    public var maxTargetsPerDAO: Int = 40

    public init(nodeAddress: IPv6Address, announcedPrefix: RPLPrefix, acpPrefix: RPLPrefix, role: ACPRole) {
        self.nodeAddress = nodeAddress
        self.announcedPrefix = announcedPrefix
        self.acpPrefix = acpPrefix
        self.role = role
    }

    /// The DODAG Configuration option this node sends as root.
    var dodagConfiguration: DODAGConfiguration {
        DODAGConfiguration(maxRankIncrease: maxRankIncrease, minHopRankIncrease: minHopRankIncrease,
                           objectiveCodePoint: ObjectiveFunctionZero.objectiveCodePoint,
                           defaultLifetime: defaultLifetime, lifetimeUnit: lifetimeUnit)
    }
}
