import Platform

/// One neighbour: its link-local address on the interface it was heard on. In the ACP each
/// secure channel is its own interface, so the interface name is the neighbour's stable name.
///
/// Equality, hashing and order go through the name's UTF-8 bytes: `String`'s own hashing and
/// comparison need the Unicode normalisation tables, which the mipsel build does not have, and
/// interface names are plain bytes to the kernel anyway.
public struct RPLNeighbour: Hashable, Sendable, CustomStringConvertible {
    public var interface: String
    public var address: IPv6Address

    public init(interface: String, address: IPv6Address) {
        self.interface = interface
        self.address = address
    }

    public var description: String { "\(address)%\(interface)" }

    public static func == (lhs: RPLNeighbour, rhs: RPLNeighbour) -> Bool {
        lhs.address == rhs.address && sameName(lhs.interface, rhs.interface)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(address)
        for byte in interface.utf8 { hasher.combine(byte) }
    }

    /// A fixed order (interface bytes, then address) for deterministic choices among equals.
    func precedes(_ other: RPLNeighbour) -> Bool {
        if !sameName(interface, other.interface) { return interface.utf8.lexicographicallyPrecedes(other.interface.utf8) }
        return address < other.address
    }
}

/// Interface names compared byte by byte (see `RPLNeighbour`).
func sameName(_ a: String, _ b: String) -> Bool {
    a.utf8.elementsEqual(b.utf8)
}

/// A route the platform installs in the ACP routing table.
public struct RPLRoute: Hashable, Sendable, CustomStringConvertible {
    public var prefix: RPLPrefix
    public var nextHop: RPLNeighbour

    public init(prefix: RPLPrefix, nextHop: RPLNeighbour) {
        self.prefix = prefix
        self.nextHop = nextHop
    }

    public var description: String { "\(prefix) via \(nextHop)" }
}

/// What the engine asks the platform to do. The platform performs them in order.
public enum RPLAction: Equatable, Sendable {
    /// Send on a raw ICMPv6 socket bound to `interface` (hop limit 255; the kernel adds the
    /// checksum). `to` is ff02::1a (all RPL nodes) for DIO and DIS, a link-local otherwise.
    case send(RPLMessage, to: IPv6Address, interface: String)
    /// Install or replace the route for `route.prefix` (one next hop per prefix).
    case addRoute(RPLRoute)
    /// Delete the route for `route.prefix` through `route.nextHop`.
    case removeRoute(RPLRoute)
    /// Blackhole route for the node's own announced prefix (RFC 8994 §6.11.1.11).
    case addBlackhole(RPLPrefix)
    /// Call `timerFired(now:)` at this instant; replaces any earlier request.
    case armTimer(at: Instant)
    /// A line for the "rpl" logger; already rate-limited per interface.
    case log(LogLevel, subject: String, message: String)
}

/// The all-RPL-nodes multicast group, ff02::1a (RFC 6550 §20.19).
public let allRPLNodes = IPv6Address(high: 0xFF02_0000_0000_0000, low: 0x1A)

extension RPLAction {
    /// Written out so that comparing names and log lines goes byte by byte (see `RPLNeighbour`).
    public static func == (lhs: RPLAction, rhs: RPLAction) -> Bool {
        switch (lhs, rhs) {
        case let (.send(m1, to1, i1), .send(m2, to2, i2)): return m1 == m2 && to1 == to2 && sameName(i1, i2)
        case let (.addRoute(r1), .addRoute(r2)): return r1 == r2
        case let (.removeRoute(r1), .removeRoute(r2)): return r1 == r2
        case let (.addBlackhole(p1), .addBlackhole(p2)): return p1 == p2
        case let (.armTimer(t1), .armTimer(t2)): return t1 == t2
        case let (.log(l1, s1, m1), .log(l2, s2, m2)): return l1 == l2 && sameName(s1, s2) && sameName(m1, m2)
        default: return false
        }
    }
}
