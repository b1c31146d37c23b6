import CBOR
import Platform

/// Settings of the full GRASP instance in the ACP.
public struct GraspConfiguration {
    /// GRASP_DEF_TIMEOUT for sessions without an answer.
    public var sessionTimeout: Duration = GraspConstants.defaultTimeout
    /// Discovery waits this much per loop-count hop (RFC 8990 §2.5.4.3 suggests 100 ms).
    public var discoveryTimePerHop: Duration = .milliseconds(100)
    /// ttl we give in M_RESPONSE for our own objectives, in ms.
    public var responseTTL: UInt32 = 60_000
    /// Cache lifetimes above this (and ttl 0, "indefinite") are cut to it.
    public var maximumTTL: UInt32 = 3_600_000
    /// How long a relayed flood's (initiator, session id) is remembered to suppress copies.
    public var floodMemory: Duration = .seconds(120)
    public var maximumSessions = 64
    public var maximumCacheEntries = 512
    /// Bound on remembered (initiator, session id) pairs of floods: each costs little, but a
    /// peer inventing session ids must not grow the set without limit.
    public var maximumFloodMemory = 4096
    /// RFC 8990 §2.5.4.4: a relaying instance MUST limit the rate at which it relays discoveries.
    public var maximumDiscoveryRelaysPerSecond = 20
    /// Periodic floods are sent every period minus up to this much jitter (see FloodSchedule).
    public var floodJitterPercent = 10

    public init() {}
}

struct SessionKey: Hashable {
    var initiator: InitiatorAddress
    var sessionID: UInt32
}

/// The full GRASP instance of the ACP (RFC 8990): flooding with relaying and duplicate
/// suppression, discovery with caching and relaying, negotiation and synchronization sessions,
/// and the ASA calls of GraspASA.swift. Sans-IO like DullEngine: the platform delivers messages
/// from UDP (multicast) and TCP connections and timer expiries, and executes the actions.
public final class GraspEngine {
    public let configuration: GraspConfiguration
    let random: RandomSource
    /// Our ACP address: the initiator of everything we originate and the address of our locators.
    public let address: IPv6Address
    /// ACP interfaces GRASP multicasts over, with our link-local address on each.
    var links: [UInt32: IPv6Address] = [:]
    var registered: [ObjectiveName: Registration] = [:]
    var floodCache: [FloodCacheKey: CachedFlood] = [:]
    var seenFloods: [SessionKey: Instant] = [:]
    var discoveryCache: [ObjectiveName: [DiscoveredLocator]] = [:]
    var discoveries: [SessionKey: Discovery] = [:]
    var sessions: [SessionKey: Session] = [:]
    /// Recently used own session ids, so a new one is not a recent one (RFC 8990 §2.7).
    var recentSessionIDs: [UInt32: Instant] = [:]
    var announcements: [ObjectiveName: PeriodicFlood] = [:]
    var relayWindow: (start: Instant, count: Int)?
    var nextConnection: UInt32 = 1
    public internal(set) var drops = DropLog()

    public init(address: IPv6Address, configuration: GraspConfiguration = GraspConfiguration(), random: RandomSource) {
        self.address = address
        self.configuration = configuration
        self.random = random
    }

    public func linkUp(interface: UInt32, linkLocal: IPv6Address) {
        links[interface] = linkLocal
    }

    public func linkDown(interface: UInt32) {
        links[interface] = nil
    }

    /// The platform accepted a TCP connection: this is the id to report its bytes with.
    public func accepted() -> ConnectionID { newConnection() }

    /// One complete message (see StreamFraming for TCP) from UDP or a connection.
    public func received(_ bytes: [UInt8], from source: GraspSource, now: Instant) -> [GraspAction] {
        // Our own multicasts come back through the loopback of the multicast socket.
        if case .datagram(let sender, _, _) = source, sender == address || links.values.contains(sender) {
            drops.countQuietly(.fromSelf)
            return []
        }
        let message: GraspMessage
        do {
            message = try GraspMessage.parse(bytes).message
        } catch {
            var actions = drop(DropReason.of(error), detail: error.name, source, now)
            actions += invalidReply(to: bytes, source)
            return actions
        }
        var actions: [GraspAction]
        switch message {
        case .noop:
            actions = []
        case .flood(let session, let initiator, let ttl, let entries):
            actions = receivedFlood(session, initiator, ttl, entries, source, now)
        case .discovery(let session, let initiator, let objective):
            actions = receivedDiscovery(session, initiator, objective, source, now)
        case .response(let session, let initiator, let ttl, let target, let objective):
            actions = receivedResponse(session, initiator, ttl, target, objective, source, now)
        case .requestNegotiation(let session, let objective), .requestSynchronization(let session, let objective):
            actions = receivedRequest(message.type, session, objective, source, now)
        case .negotiate, .end, .wait, .synch, .invalid:
            actions = receivedInSession(message, source, now)
        }
        return actions + timerActions()
    }

    /// A connection failed or the peer closed it.
    public func connectionClosed(_ connection: ConnectionID, now: Instant) -> [GraspAction] {
        var actions: [GraspAction] = []
        for (key, session) in sessions.sorted(by: { $0.key.sessionID < $1.key.sessionID }) where session.connection == connection {
            sessions[key] = nil
            actions.append(.deliver(.sessionFailed(key.handle, .connectionClosed)))
        }
        return actions + timerActions()
    }

    /// The armed timer went off: end timed-out sessions and discoveries, expire caches.
    public func timerFired(now: Instant) -> [GraspAction] {
        var actions: [GraspAction] = []
        for (key, session) in sessions.sorted(by: { $0.key.sessionID < $1.key.sessionID }) where session.deadline <= now {
            sessions[key] = nil
            actions.append(.close(session.connection))
            actions.append(.deliver(.sessionFailed(key.handle, .timeout)))
        }
        actions += finishDiscoveries(now: now)
        actions += sendDueAnnouncements(now: now)
        expireCaches(now: now)
        return actions + timerActions()
    }

    // MARK: shared helpers

    func newConnection() -> ConnectionID {
        defer { nextConnection &+= 1 }
        return ConnectionID(nextConnection)
    }

    /// A fresh session id: random, not in use and not used recently by us (RFC 8990 §2.7). On a
    /// clash the next value is tried, so this ends even with a broken random source (the ids in
    /// use are finitely many).
    func newSessionID(now: Instant) -> UInt32 {
        var candidate = UInt32(truncatingIfNeeded: random.next())
        while true {
            let key = SessionKey(initiator: .ipv6(address), sessionID: candidate)
            if recentSessionIDs[candidate] == nil, sessions[key] == nil, discoveries[key] == nil, seenFloods[key] == nil {
                recentSessionIDs[candidate] = now + configuration.sessionTimeout
                return candidate
            }
            candidate &+= 1
        }
    }

    /// ttl (ms) as a cache lifetime: 0 ("indefinite") and huge values are capped.
    func lifetime(_ ttl: UInt32) -> Duration {
        .milliseconds(Int64(ttl == 0 ? configuration.maximumTTL : min(ttl, configuration.maximumTTL)))
    }

    func drop(_ reason: DropReason, detail: String, _ source: GraspSource, _ now: Instant) -> [GraspAction] {
        drops.record(reason, detail: detail, from: source, now: now).map { [.log($0)] } ?? []
    }

    /// M_INVALID for a bad unicast message (RFC 8990 §2.8.12): only on connections (never to
    /// a multicast), never in reply to M_INVALID, and only when a session id can be read.
    private func invalidReply(to bytes: [UInt8], _ source: GraspSource) -> [GraspAction] {
        guard case .connection(let connection, _, _) = source, let header = GraspMessage.header(of: bytes),
              header.type != MessageType.invalid.rawValue else { return [] }
        let diagnostic = Array(bytes.prefix(GraspConstants.defaultMaximumSize / 2))
        return [.send(GraspMessage.invalid(sessionID: header.sessionID, diagnostic: .bytes(diagnostic)).emit(),
                      to: .connection(connection))]
    }

    private func expireCaches(now: Instant) {
        floodCache = floodCache.filter { $0.value.expires > now }
        seenFloods = seenFloods.filter { $0.value > now }
        recentSessionIDs = recentSessionIDs.filter { $0.value > now }
        for (name, list) in discoveryCache {
            let alive = list.filter { $0.expires > now }
            discoveryCache[name] = alive.isEmpty ? nil : alive
        }
    }

    func timerActions() -> [GraspAction] {
        var deadlines: [Instant] = sessions.values.map { $0.deadline } + discoveries.values.map { $0.deadline }
        deadlines += floodCache.values.map { $0.expires }
        deadlines += seenFloods.values
        deadlines += discoveryCache.values.flatMap { $0.map { $0.expires } }
        deadlines += announcements.values.map { $0.due }
        return deadlines.min().map { [.armTimer(at: $0)] } ?? []
    }
}

extension SessionKey {
    var handle: SessionHandle { SessionHandle(initiator: initiator, sessionID: sessionID) }

    init(_ handle: SessionHandle) {
        self.init(initiator: handle.initiator, sessionID: handle.sessionID)
    }
}
