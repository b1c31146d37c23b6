import Platform

/// What makes one DODAG preferable to another when a node chooses which to join (RFC 6550
/// §8.2.2.1 lets the implementation order them): grounded before floating, then the higher
/// DODAGPreference (the ACP role, RFC 8994 §6.11.1.12), then — our tie-break, the same on every
/// node — the numerically lower DODAGID. Every node ranks DODAGs the same way, so the one root
/// candidate that wins does so everywhere.
struct DODAGRanking: Equatable {
    var grounded: Bool
    var preference: UInt8
    var dodagID: IPv6Address

    func isBetter(than other: DODAGRanking) -> Bool {
        if grounded != other.grounded { return grounded }
        if preference != other.preference { return preference > other.preference }
        return dodagID < other.dodagID
    }
}

/// The last DIO heard from a neighbour.
struct HeardDIO {
    var dodagID: IPv6Address
    var version: UInt8
    var rank: UInt16
    var grounded: Bool
    var preference: UInt8
    var dtsn: UInt8
    var configuration: DODAGConfiguration

    var ranking: DODAGRanking { DODAGRanking(grounded: grounded, preference: preference, dodagID: dodagID) }
}

/// The DODAG version this node belongs to, and its place in it.
struct Membership {
    var dodagID: IPv6Address
    var version: UInt8
    var grounded: Bool
    var preference: UInt8
    var configuration: DODAGConfiguration
    var isRoot: Bool
    var rank: UInt16
    var dtsn: UInt8

    var ranking: DODAGRanking { DODAGRanking(grounded: grounded, preference: preference, dodagID: dodagID) }

    func isSameVersion(as heard: HeardDIO) -> Bool {
        heard.dodagID == dodagID && heard.version == version
    }

    /// The path lifetime a DAO carries, and how long a route it installs lives.
    var pathLifetime: UInt8 { configuration.defaultLifetime }

    func lifetimeDuration(_ units: UInt8) -> Duration? {
        units == 0xFF ? nil : .seconds(Int64(units) * Int64(configuration.lifetimeUnit))
    }
}

/// One prefix learned from DAOs: every neighbour that advertised it with the newest path
/// sequence, so losing one of them does not lose the prefix (RFC 8994 §6.11.1.7: No-Path only
/// for targets "reachable only via this link").
struct DownwardRoute {
    var pathSequence: UInt8
    /// Next hops and when each expires (nil: infinite lifetime).
    var nextHops: [RPLNeighbour: Instant?]
    /// The next hop installed in the kernel.
    var installed: RPLNeighbour?

    /// The next hop to install: the current one while it lasts, else the lowest for determinism.
    func chooseNextHop() -> RPLNeighbour? {
        if let installed, nextHops[installed] != nil { return installed }
        return nextHops.keys.min { $0.precedes($1) }
    }
}

/// A DAO sent with K set, waiting for its DAO-ACK.
struct PendingDAO {
    var parent: RPLNeighbour
    var sequence: UInt8
    var message: RPLMessage
    var retriesLeft: Int
    var deadline: Instant
}

/// A DAO target still to be announced upward in this step: lifetime 0 for a No-Path.
struct TargetUpdate {
    var pathSequence: UInt8
    var lifetime: UInt8
}
