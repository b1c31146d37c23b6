import Platform

/// What `minerva-connect status` shows about RPL: instance, DODAG, rank, parents, routes.
public struct RPLStatus: Equatable, Sendable {
    public struct Parent: Equatable, Sendable {
        public var neighbour: RPLNeighbour
        /// The rank the parent advertised.
        public var rank: UInt16
    }

    public struct Route: Equatable, Sendable {
        public var prefix: RPLPrefix
        public var nextHop: RPLNeighbour
        public var pathSequence: UInt8
        /// Time left before the route expires unless refreshed; nil for an infinite lifetime.
        public var remaining: Duration?
    }

    public var instanceID: UInt8
    public var dodagID: IPv6Address
    public var version: UInt8
    public var rank: UInt16
    public var isRoot: Bool
    public var grounded: Bool
    public var preference: UInt8
    /// The first of `parents`, when there are any.
    public var preferredParent: RPLNeighbour?
    public var parents: [Parent]
    public var routes: [Route]
    public var counters: RPLCounters

    /// Human-readable lines, one fact each.
    public var lines: [String] {
        var out = ["instance \(instanceID) dodag \(dodagID) version \(version) rank \(rank)"
                   + (isRoot ? " root" : "") + (grounded ? " grounded" : " floating") + " preference \(preference)"]
        if let preferredParent { out.append("preferred parent \(preferredParent)") }
        for parent in parents { out.append("parent \(parent.neighbour) rank \(parent.rank)") }
        for route in routes {
            let lifetime = route.remaining.map { "\($0.components.seconds)s" } ?? "infinite"
            out.append("route \(route.prefix) via \(route.nextHop) sequence \(route.pathSequence) lifetime \(lifetime)")
        }
        return out
    }
}

extension RPLNode {
    public func status(now: Instant) -> RPLStatus {
        let parentList = parents.map { RPLStatus.Parent(neighbour: $0, rank: heard[$0]?.rank ?? ObjectiveFunctionZero.infiniteRank) }
        var routeList: [RPLStatus.Route] = []
        for target in routes.keys.sorted(by: { ($0.address, $0.length) < ($1.address, $1.length) }) {
            guard let route = routes[target], let nextHop = route.installed else { continue }
            let expiry = route.nextHops[nextHop] ?? nil
            routeList.append(RPLStatus.Route(prefix: target, nextHop: nextHop, pathSequence: route.pathSequence,
                                             remaining: expiry.map { $0 - now }))
        }
        return RPLStatus(instanceID: RPLNode.instanceID, dodagID: membership.dodagID, version: membership.version,
                         rank: membership.rank, isRoot: membership.isRoot, grounded: membership.grounded,
                         preference: membership.preference, preferredParent: parents.first, parents: parentList,
                         routes: routeList, counters: counters)
    }
}
