import Platform

/// The ACP RPL profile (RFC 8994 §6.11.1) as a sans-IO engine: one instance (0), storing mode
/// (MOP 2), OF0, no Trickle, no RPI, no RPL security. Fed with received messages, link events and
/// timer expiries, each with the current instant; answers with `RPLAction`s for the platform.
///
/// Every node is a root candidate with its role's preference: it starts as root of its own
/// DODAG and joins any better one it hears (`DODAGRanking`), which elects the root by
/// preference. Losing the last parent detaches the node from that DODAG version (RFC 6550
/// §8.2.2.6): it joins the best other DODAG it hears or falls back to its own, tells its
/// children three times, forgets what neighbours said about the version it left and ignores
/// that version for a short hold-down, so that it cannot rejoin through its own former
/// descendants; then it asks for fresh DIOs (DIS). Within one DODAG version a node only takes
/// parents whose rank is below its own. Together these keep rank from counting to infinity when
/// a root disappears: the partition elects a new root instead.
public final class RPLNode {
    public static let instanceID: UInt8 = 0
    public let configuration: RPLConfiguration

    struct Link {
        var name: String
        var linkLocal: IPv6Address
        var speedMbps: UInt32
    }

    struct HoldDown {
        var dodagID: IPv6Address
        var version: UInt8
        var until: Instant
    }

    /// Up interfaces by the UTF-8 bytes of their names (see `RPLNeighbour` for why not String).
    var links: [[UInt8]: Link] = [:]
    var heard: [RPLNeighbour: HeardDIO] = [:]
    var membership: Membership
    /// The parent set; the first is the preferred parent.
    var parents: [RPLNeighbour] = []
    var routes: [RPLPrefix: DownwardRoute] = [:]
    var ownVersion = SequenceCounter.initial
    var ownPathSequence = SequenceCounter.initial
    var daoSequence = SequenceCounter.initial
    var pending: [PendingDAO] = []
    var holdDown: HoldDown?
    var detachDIOsLeft = 0
    var nextDetachDIO: Instant?
    var nextDIORefresh: Instant?
    var nextDAORefresh: Instant?
    var lastAnswer: [RPLNeighbour: Instant] = [:]
    var armed: Instant?
    var randomState: UInt64
    var logLimiter = LogRateLimiter<[UInt8]>(burst: 5, interval: .seconds(10))
    public internal(set) var counters = RPLCounters()

    // Collected during one step.
    var actions: [RPLAction] = []
    var targetUpdates: [RPLPrefix: TargetUpdate] = [:]
    var fullDAOParents: [RPLNeighbour] = []

    /// `randomSeed` feeds the refresh jitter (the engine reads no entropy itself).
    public init(configuration: RPLConfiguration, randomSeed: UInt64) {
        self.configuration = configuration
        self.randomState = randomSeed == 0 ? 0x9E37_79B9_7F4A_7C15 : randomSeed
        membership = Membership(
            dodagID: configuration.nodeAddress, version: SequenceCounter.initial,
            grounded: configuration.role != .defaultNode, preference: configuration.role.rawValue,
            configuration: configuration.dodagConfiguration, isRoot: true,
            rank: configuration.minHopRankIncrease, dtsn: SequenceCounter.initial)
    }

    // MARK: events

    /// First call: installs the black hole for the node's own prefix and starts as root of its
    /// own DODAG until a better one is heard.
    public func start(now: Instant) -> [RPLAction] {
        step(now) {
            actions.append(.addBlackhole(configuration.announcedPrefix))
            nextDIORefresh = now + jittered(configuration.dioRefreshInterval)
        }
    }

    /// A secure channel (or other ACP interface) came up. `speedMbps` sets OF0's rank factor.
    public func linkUp(_ interface: String, linkLocal: IPv6Address, speedMbps: UInt32, now: Instant) -> [RPLAction] {
        step(now) {
            links[Array(interface.utf8)] = Link(name: interface, linkLocal: linkLocal, speedMbps: speedMbps)
            sendDIO(to: allRPLNodes, interface: interface)
            actions.append(.send(.dis(DIS()), to: allRPLNodes, interface: interface))
        }
    }

    /// The interface is gone (channel torn down, dead peer detected): local repair at once.
    public func linkDown(_ interface: String, now: Instant) -> [RPLAction] {
        step(now) {
            links[Array(interface.utf8)] = nil
            for neighbour in heard.keys where sameName(neighbour.interface, interface) { heard[neighbour] = nil }
            for neighbour in lastAnswer.keys where sameName(neighbour.interface, interface) { lastAnswer[neighbour] = nil }
            pending.removeAll { sameName($0.parent.interface, interface) }
            forgetNextHops { sameName($0.interface, interface) }
            // Parents on the interface stay in `parents` until reselect replaces them, so the
            // upward route moves off the dead link.
            reselect(now)
        }
    }

    /// Bytes from a raw ICMPv6 socket (starting at the ICMPv6 header).
    public func receive(_ bytes: [UInt8], from neighbour: RPLNeighbour, now: Instant) -> [RPLAction] {
        do {
            let message = try RPLMessage.parse(bytes)
            return receive(message, from: neighbour, now: now)
        } catch {
            return step(now) { drop(.malformed, from: neighbour, now: now, detail: error.description) }
        }
    }

    public func receive(_ message: RPLMessage, from neighbour: RPLNeighbour, now: Instant) -> [RPLAction] {
        step(now) {
            if links.values.contains(where: { $0.linkLocal == neighbour.address }) {
                drop(.fromSelf, from: neighbour, now: now)
                return
            }
            switch message {
            case .dio(let dio): receiveDIO(dio, from: neighbour, now: now)
            case .dis(let dis): receiveDIS(dis, from: neighbour)
            case .dao(let dao): receiveDAO(dao, from: neighbour, now: now)
            case .daoACK(let ack): receiveDAOACK(ack, from: neighbour, now: now)
            case .unknown: drop(.unsupportedCode, from: neighbour, now: now)
            }
        }
    }

    /// Administrative global repair (RFC 8994 §6.11.1.7: "only under catastrophic events"): the
    /// root starts a new DODAG version. Ignored on a non-root node.
    public func globalRepair(now: Instant) -> [RPLAction] {
        step(now) {
            guard membership.isRoot else { return }
            membership.version = SequenceCounter.increment(membership.version)
            ownVersion = membership.version
            membership.dtsn = SequenceCounter.increment(membership.dtsn)
            sendDIOEverywhere()
        }
    }

    // MARK: DIO and DIS

    func receiveDIO(_ dio: DIO, from neighbour: RPLNeighbour, now: Instant) {
        guard dio.instanceID == RPLNode.instanceID else { return drop(.unknownInstance, from: neighbour, now: now) }
        guard dio.modeOfOperation == DIO.storingModeWithoutMulticast else {
            return drop(.unsupportedMode, from: neighbour, now: now)
        }
        guard isUp(neighbour.interface) else { return }
        let dodagConfiguration = dio.configuration
            ?? (dio.dodagID == membership.dodagID ? membership.configuration : configuration.dodagConfiguration)
        let minHop = dodagConfiguration.minHopRankIncrease
        guard minHop > 0, dio.rank >= minHop else {
            return drop(.invalidRank, from: neighbour, now: now, detail: "rank \(dio.rank)")
        }
        let previous = heard[neighbour]
        guard previous != nil || heard.count < configuration.maxNeighbours else {
            return drop(.tooManyNeighbours, from: neighbour, now: now)
        }
        let info = HeardDIO(dodagID: dio.dodagID, version: dio.version, rank: dio.rank, grounded: dio.grounded,
                            preference: dio.preference, dtsn: dio.dtsn, configuration: dodagConfiguration)
        heard[neighbour] = info

        // A rebooted root finds its DODAG still alive with a newer version: continue above it.
        if membership.isRoot && dio.dodagID == configuration.nodeAddress
            && SequenceCounter.isNewer(dio.version, than: membership.version) {
            membership.version = SequenceCounter.increment(dio.version)
            ownVersion = membership.version
            sendDIOEverywhere()
            return
        }
        // "Rank going backwards": a parent now at or below our rank cannot stay a parent.
        if parents.contains(neighbour) && membership.isSameVersion(as: info)
            && ObjectiveFunctionZero.dagRank(info.rank, minHopRankIncrease: minHop)
            >= ObjectiveFunctionZero.dagRank(membership.rank, minHopRankIncrease: minHop) {
            drop(.parentRankNotLower, from: neighbour, now: now, detail: "rank \(info.rank), ours \(membership.rank)")
        }
        // A parent asking for fresh DAOs (DTSN incremented): refresh the whole sub-DODAG.
        if parents.contains(neighbour), let previous, previous.dodagID == dio.dodagID,
           SequenceCounter.isNewer(dio.dtsn, than: previous.dtsn) {
            membership.dtsn = SequenceCounter.increment(membership.dtsn)
            for parent in parents where !fullDAOParents.contains(parent) { fullDAOParents.append(parent) }
        }
        reselect(now)
        answerIfBehind(info, neighbour: neighbour, now: now)
    }

    func receiveDIS(_ dis: DIS, from neighbour: RPLNeighbour) {
        for option in dis.options {
            guard case .solicitedInformation(let wanted) = option else { continue }
            if wanted.matchInstanceID && wanted.instanceID != RPLNode.instanceID { return }
            if wanted.matchDODAGID && wanted.dodagID != membership.dodagID { return }
            if wanted.matchVersion && wanted.version != membership.version { return }
        }
        guard isUp(neighbour.interface) else { return }
        sendDIO(to: neighbour.address, interface: neighbour.interface)
    }

    /// A neighbour advertising a worse DODAG, or an older version of ours, has not heard of ours
    /// (no Trickle to tell it): answer it directly.
    func answerIfBehind(_ info: HeardDIO, neighbour: RPLNeighbour, now: Instant) {
        let olderVersion = info.dodagID == membership.dodagID && SequenceCounter.isNewer(membership.version, than: info.version)
        let worseDODAG = info.dodagID != membership.dodagID && membership.ranking.isBetter(than: info.ranking)
        guard olderVersion || worseDODAG else { return }
        if let last = lastAnswer[neighbour], now < last + configuration.dioAnswerHoldoff { return }
        lastAnswer[neighbour] = now
        sendDIO(to: neighbour.address, interface: neighbour.interface)
    }

    var currentDIO: DIO {
        DIO(instanceID: RPLNode.instanceID, version: membership.version, rank: membership.rank,
            grounded: membership.grounded, modeOfOperation: DIO.storingModeWithoutMulticast,
            preference: membership.preference, dtsn: membership.dtsn, dodagID: membership.dodagID,
            options: [.dodagConfiguration(membership.configuration)])
    }

    func sendDIO(to destination: IPv6Address, interface: String) {
        actions.append(.send(.dio(currentDIO), to: destination, interface: interface))
    }

    func sendDIOEverywhere() {
        for interface in upInterfaces { sendDIO(to: allRPLNodes, interface: interface) }
    }

    // MARK: helpers

    func link(_ interface: String) -> Link? { links[Array(interface.utf8)] }

    func isUp(_ interface: String) -> Bool { link(interface) != nil }

    /// Names of the up interfaces in byte order, so actions come out in a fixed order.
    var upInterfaces: [String] {
        links.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { $0.value.name }
    }

    /// Runs one event: collects actions, sends the DAOs the event made necessary, re-arms the timer.
    func step(_ now: Instant, _ body: () -> Void) -> [RPLAction] {
        actions = []
        body()
        flushDAOs(now)
        rearm(now)
        let result = actions
        actions = []
        return result
    }

    func drop(_ reason: RPLDropReason, from neighbour: RPLNeighbour, now: Instant, detail: String = "") {
        counters.count(reason)
        let verdict = logLimiter.admit(Array(neighbour.interface.utf8), now: now)
        guard verdict.allowed else { return }
        var message = "dropped: \(reason.description) from \(neighbour.address)"
        if !detail.isEmpty { message += " (\(detail))" }
        if verdict.suppressed > 0 { message += " (\(verdict.suppressed) similar lines suppressed)" }
        actions.append(.log(.warning, subject: neighbour.interface, message: message))
    }

    func jittered(_ interval: Duration) -> Duration {
        // xorshift64: enough to keep nodes that booted together from refreshing in lockstep.
        randomState ^= randomState << 13
        randomState ^= randomState >> 7
        randomState ^= randomState << 17
        let span = max(1, interval.totalNanoseconds / 4)
        return .nanoseconds(interval.totalNanoseconds - Int64(randomState % UInt64(span)))
    }
}
