import CBOR
import Platform

/// Settings of a DULL GRASP instance (RFC 8994 §6.4, RFC 8995 §4.1.1).
public struct DullConfiguration {
    /// Flood period; RFC 8994 recommends 60 s.
    public var period: Duration = .seconds(60)
    public var jitterPercent = 10
    /// ttl of our floods in ms: 3.5 × period, so two lost floods do not lose the neighbour.
    public var ttl: UInt32 = 210_000
    /// Floods claiming longer (or 0, "indefinite") are dropped: a DULL neighbour that is gone
    /// must vanish from the table within a bounded time.
    public var maximumTTL: UInt32 = 3_600_000
    public var maximumNeighbours = 256

    public init() {}
}

/// Something this node announces on every DULL link: `AN_ACP` ("IKEv2", UDP 500) on ACP nodes,
/// `AN_Proxy` (TCP, the proxy's port) on join proxies. The locator address is always the
/// link-local address of the interface, as RFC 8994 §6.4 requires.
public struct DullAnnouncement: Equatable {
    public var objective: Objective
    public var transport: TransportProtocol
    public var port: UInt16

    public init(objective: Objective, transport: TransportProtocol, port: UInt16) {
        self.objective = objective
        self.transport = transport
        self.port = port
    }

    /// RFC 8994 §6.4: ["AN_ACP", F_SYNCH, 1, "IKEv2"] with the IKEv2 port.
    public static func acp(ikev2Port: UInt16 = 500) -> DullAnnouncement {
        DullAnnouncement(objective: Objective(name: .anACP, flags: .synchronization, loopCount: 1, value: .text("IKEv2")),
                         transport: .udp, port: ikev2Port)
    }

    /// RFC 8995 §4.1.1: ["AN_Proxy", F_SYNCH, 1, ""] with the proxy's TCP port.
    public static func proxy(port: UInt16) -> DullAnnouncement {
        DullAnnouncement(objective: Objective(name: .anProxy, flags: .synchronization, loopCount: 1, value: .text("")),
                         transport: .tcp, port: port)
    }
}

/// The DULL GRASP instance (RFC 8990 §2.5.2): floods our announcements on each link and keeps
/// the table of what neighbours flood. Link-local only: it never relays and ignores every
/// message type but M_FLOOD. Sans-IO: the platform feeds datagrams received on UDP 7017 and
/// timer expiries, and carries out the returned actions.
public final class DullEngine {
    public let configuration: DullConfiguration
    private let random: RandomSource
    private var announcements: [DullAnnouncement] = []
    /// Our link-local address on each mirrored interface that is up.
    private var links: [UInt32: IPv6Address] = [:]
    private var schedule: FloodSchedule
    private var table: NeighbourTable
    public private(set) var drops = DropLog()

    public init(configuration: DullConfiguration = DullConfiguration(), random: RandomSource) {
        self.configuration = configuration
        self.random = random
        schedule = FloodSchedule(period: configuration.period, jitterPercent: configuration.jitterPercent)
        table = NeighbourTable(capacity: configuration.maximumNeighbours)
    }

    /// Adds (or replaces, by objective name) an announcement; it goes out on every link now.
    public func announce(_ announcement: DullAnnouncement, now: Instant) -> [GraspAction] {
        announcements.removeAll { $0.objective.name == announcement.objective.name }
        announcements.append(announcement)
        var actions: [GraspAction] = []
        for interface in links.keys.sorted() {
            actions += flood([announcement], on: interface)
        }
        return actions + [timer()].compactMap { $0 }
    }

    /// Stops announcing; neighbours forget us when our last flood's ttl runs out.
    public func withdraw(_ name: ObjectiveName) {
        announcements.removeAll { $0.objective.name == name }
    }

    /// An interface came up (or got its link-local address): flood at once, then periodically.
    public func linkUp(interface: UInt32, linkLocal: IPv6Address, now: Instant) -> [GraspAction] {
        links[interface] = linkLocal
        schedule.start(interface, at: now + schedule.interval(random: random))
        return flood(announcements, on: interface) + [timer()].compactMap { $0 }
    }

    public func linkDown(interface: UInt32, now: Instant) -> [GraspAction] {
        links[interface] = nil
        schedule.stop(interface)
        return table.remove(interface: interface).map { .neighbourChanged($0) } + [timer()].compactMap { $0 }
    }

    /// A datagram received on UDP 7017 of a DULL interface.
    public func received(_ bytes: [UInt8], from source: GraspSource, now: Instant) -> [GraspAction] {
        let message: GraspMessage
        do {
            message = try GraspMessage.parse(bytes).message
        } catch {
            return drop(DropReason.of(error), detail: error.name, source, now)
        }
        guard case .flood(_, _, let ttl, let entries) = message else {
            // M_NOOP is legal and meaningless; anything else has no business in DULL.
            if message.type == .noop { return [] }
            return drop(.unexpectedMessageType, detail: "type \(message.type.rawValue)", source, now)
        }
        // Multicast loops back to the sender: our own floods are not neighbours.
        if links.values.contains(source.address) { return drop(.fromSelf, detail: "", source, now) }
        // DULL neighbours speak from their link-local address (RFC 8994 §6.4); anything else on a
        // DULL port was routed or spoofed.
        guard source.address.isLinkLocal else { return drop(.notLinkLocal, detail: "", source, now) }
        guard ttl != 0, ttl <= configuration.maximumTTL else { return drop(.absurdTTL, detail: "ttl \(ttl)", source, now) }
        var actions: [GraspAction] = []
        for entry in entries {
            guard entry.objective.loopCount > 0 else {
                actions += drop(.loopCountZero, detail: entry.objective.name.description, source, now)
                continue
            }
            // RFC 8994 §6.4: a DULL locator must be an IPv6 locator naming the sender itself, so a
            // flood cannot point pledges or peers at a third party. (graspy puts a non-link-local
            // initiator in its floods, so the check is against the packet's source address.)
            if let locator = entry.locator {
                guard case .ipv6(let address, _, _) = locator, address == source.address else {
                    actions += drop(.locatorMismatch, detail: entry.objective.name.description, source, now)
                    continue
                }
            }
            let key = NeighbourKey(interface: source.interface, peer: source.address, objective: entry.objective.name)
            switch table.learn(key, objective: entry.objective, locator: entry.locator, ttl: .milliseconds(Int64(ttl)), now: now) {
            case .change(let change): actions.append(.neighbourChanged(change))
            case .refreshed: break
            case .full: actions += drop(.tableFull, detail: entry.objective.name.description, source, now)
            }
        }
        if let timer = timer() { actions.append(timer) }
        return actions
    }

    /// The armed timer went off: send the floods that are due, expire neighbours.
    public func timerFired(now: Instant) -> [GraspAction] {
        var actions: [GraspAction] = []
        for interface in schedule.takeDue(now: now, random: random) {
            actions += flood(announcements, on: interface)
        }
        actions += table.expire(now: now).map { .neighbourChanged($0) }
        if let timer = timer() { actions.append(timer) }
        return actions
    }

    public var neighbours: [Neighbour] { Array(table.entries.values) }

    /// The table for `status`, in a stable order.
    public func status(now: Instant) -> [NeighbourStatus] { table.status(now: now) }

    // MARK: private

    private func flood(_ list: [DullAnnouncement], on interface: UInt32) -> [GraspAction] {
        guard let linkLocal = links[interface] else { return [] }
        return list.map { announcement in
            let message = GraspMessage.flood(
                sessionID: UInt32(truncatingIfNeeded: random.next()), initiator: .ipv6(linkLocal), ttl: configuration.ttl,
                entries: [FloodEntry(objective: announcement.objective,
                                     locator: .ipv6(linkLocal, announcement.transport, port: announcement.port))])
            return .send(message.emit(), to: .allNeighbours(interface: interface))
        }
    }

    private func timer() -> GraspAction? {
        let deadlines = [schedule.next, table.nextExpiry].compactMap { $0 }
        return deadlines.min().map { .armTimer(at: $0) }
    }

    private func drop(_ reason: DropReason, detail: String, _ source: GraspSource, _ now: Instant) -> [GraspAction] {
        drops.record(reason, detail: detail, from: source, now: now).map { [.log($0)] } ?? []
    }
}
