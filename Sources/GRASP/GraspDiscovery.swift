import CBOR
import Platform

/// A discovery result kept for later askers (RFC 8990 §2.5.4.3), with the interface it was
/// learnt on so we never divert a node to what it told us itself.
struct DiscoveredLocator: Equatable {
    var locator: Locator
    var interface: UInt32
    var expires: Instant
}

/// A discovery in progress: our own (an ASA waits for the result) or one we relay for a
/// neighbour (responses go back to where the M_DISCOVERY came from).
struct Discovery {
    enum Origin {
        case local
        case relayed(for: GraspSource)
    }

    var name: ObjectiveName
    var origin: Origin
    var deadline: Instant
    var found: [Locator] = []
}

extension GraspEngine {
    // MARK: ASA call

    /// Finds peers for an objective. Answers from the discovery cache at once when it can;
    /// otherwise multicasts M_DISCOVERY and delivers `.discovered` when the wait (100 ms per
    /// loop-count hop) is over.
    public func discover(_ name: ObjectiveName, loopCount: UInt8 = GraspConstants.defaultLoopCount,
                         now: Instant) -> [GraspAction] {
        let cached = discoveryCache[name]?.filter { $0.expires > now }.map { $0.locator } ?? []
        if !cached.isEmpty { return [.deliver(.discovered(name, unique(cached)))] }
        let session = newSessionID(now: now)
        let key = SessionKey(initiator: .ipv6(address), sessionID: session)
        let hops = max(Int64(loopCount), 1)
        discoveries[key] = Discovery(name: name, origin: .local, deadline: now + configuration.discoveryTimePerHop * hops)
        let objective = Objective(name: name, flags: .discovery, loopCount: max(loopCount, 1))
        let bytes = GraspMessage.discovery(sessionID: session, initiator: .ipv6(address), objective: objective).emit()
        return links.keys.sorted().map { .send(bytes, to: .allNeighbours(interface: $0)) } + timerActions()
    }

    // MARK: receiving

    func receivedDiscovery(_ session: UInt32, _ initiator: InitiatorAddress, _ objective: Objective,
                           _ source: GraspSource, _ now: Instant) -> [GraspAction] {
        let key = SessionKey(initiator: initiator, sessionID: session)
        if initiator == .ipv6(address) { return drop(.fromSelf, detail: "discovery", source, now) }
        guard discoveries[key] == nil else {
            drops.countQuietly(.duplicate)
            return []
        }
        if let registration = registered[objective.name] {
            let response = GraspMessage.response(sessionID: session, initiator: initiator, ttl: configuration.responseTTL,
                                                 target: .locators([registration.locator]), objective: nil)
            return reply(response.emit(), to: source)
        }
        // A cached answer learnt elsewhere is offered as a divert; one learnt on the asking
        // link is not, since the responder there answers for itself (RFC 8990 §2.5.4.3).
        let known = discoveryCache[objective.name]?.filter { $0.expires > now && $0.interface != source.interface } ?? []
        if !known.isEmpty {
            let remaining = known.map { $0.expires - now }.min() ?? .zero
            let ttl = UInt32(clamping: remaining.totalNanoseconds / 1_000_000)
            let response = GraspMessage.response(sessionID: session, initiator: initiator, ttl: ttl,
                                                 target: .divert(unique(known.map { $0.locator })), objective: nil)
            return reply(response.emit(), to: source)
        }
        // RFC 8990 §2.5.4.4: relay with the loop count decremented, never at zero; remember the
        // (initiator, session id) so a copy arriving over another path is not relayed again.
        guard objective.loopCount > 1 else {
            if objective.loopCount == 0 { return drop(.loopCountZero, detail: objective.name.description, source, now) }
            return []
        }
        guard discoveries.count < configuration.maximumSessions else { return drop(.tableFull, detail: "discovery", source, now) }
        guard admitRelay(now: now) else { return drop(.rateLimited, detail: "discovery relay", source, now) }
        var relayed = objective
        relayed.loopCount -= 1
        discoveries[key] = Discovery(name: objective.name, origin: .relayed(for: source),
                                     deadline: now + configuration.discoveryTimePerHop * Int64(relayed.loopCount))
        let bytes = GraspMessage.discovery(sessionID: session, initiator: initiator, objective: relayed).emit()
        return links.keys.sorted().filter { $0 != source.interface }.map { .send(bytes, to: .allNeighbours(interface: $0)) }
    }

    func receivedResponse(_ session: UInt32, _ initiator: InitiatorAddress, _ ttl: UInt32, _ target: ResponseTarget,
                          _ objective: Objective?, _ source: GraspSource, _ now: Instant) -> [GraspAction] {
        let key = SessionKey(initiator: initiator, sessionID: session)
        guard var discovery = discoveries[key] else { return drop(.unknownSession, detail: "response", source, now) }
        let locators: [Locator]
        switch target {
        case .locators(let list), .divert(let list): locators = list
        }
        var cache = discoveryCache[discovery.name] ?? []
        for locator in locators {
            cache.removeAll { $0.locator == locator }
            if cache.count < configuration.maximumCacheEntries {
                cache.append(DiscoveredLocator(locator: locator, interface: source.interface, expires: now + lifetime(ttl)))
            }
        }
        discoveryCache[discovery.name] = cache
        discovery.found += locators
        discoveries[key] = discovery
        if case .relayed(let asker) = discovery.origin {
            let response = GraspMessage.response(sessionID: session, initiator: initiator, ttl: ttl, target: target,
                                                 objective: objective)
            return reply(response.emit(), to: asker)
        }
        return []
    }

    func finishDiscoveries(now: Instant) -> [GraspAction] {
        var actions: [GraspAction] = []
        for (key, discovery) in discoveries.sorted(by: { $0.key.sessionID < $1.key.sessionID }) where discovery.deadline <= now {
            discoveries[key] = nil
            if case .local = discovery.origin {
                actions.append(.deliver(.discovered(discovery.name, unique(discovery.found))))
            }
        }
        return actions
    }

    /// One-second windows of at most `maximumDiscoveryRelaysPerSecond` relays.
    private func admitRelay(now: Instant) -> Bool {
        if let window = relayWindow, now - window.start < .seconds(1) {
            guard window.count < configuration.maximumDiscoveryRelaysPerSecond else { return false }
            relayWindow = (window.start, window.count + 1)
        } else {
            relayWindow = (now, 1)
        }
        return true
    }

    /// A unicast answer: on the connection the question came on, or over a new TCP connection
    /// to the UDP source port of a multicast question (RFC 8990 §2.5.4.4).
    func reply(_ bytes: [UInt8], to source: GraspSource) -> [GraspAction] {
        switch source {
        case .connection(let connection, _, _):
            return [.send(bytes, to: .connection(connection))]
        case .datagram(let address, let port, let interface):
            let connection = newConnection()
            return [.connect(connection, to: address, port: port, interface: interface),
                    .send(bytes, to: .connection(connection)), .close(connection)]
        }
    }

    private func unique(_ list: [Locator]) -> [Locator] {
        var seen: Set<Locator> = []
        return list.filter { seen.insert($0).inserted }
    }
}
