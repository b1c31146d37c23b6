import CBOR
import Platform

/// An objective an ASA registered: answered in discovery, accepted in requests.
struct Registration {
    var objective: Objective
    var locator: Locator
}

/// RFC 8990 §2.8.11: flooded objectives are cached per (name, locator) — a new locator makes a
/// new entry, the same one overwrites.
struct FloodCacheKey: Hashable {
    var name: ObjectiveName
    var locator: Locator?
}

struct CachedFlood {
    var objective: Objective
    var expires: Instant
}

/// An objective flooded again every period until withdrawn (SRV.est, AN_join_registrar).
struct PeriodicFlood {
    var entry: FloodEntry
    var ttl: UInt32
    var period: Duration
    var due: Instant
}

extension GraspEngine {
    // MARK: ASA calls

    /// Registers an objective this node serves at `locator` (normally our ACP address and the
    /// ASA's TCP port): it is then answered in discovery and accepted in requests.
    public func register(_ objective: Objective, at locator: Locator) {
        registered[objective.name] = Registration(objective: objective, locator: locator)
    }

    public func deregister(_ name: ObjectiveName) {
        registered[name] = nil
    }

    /// Floods objectives (each with its locator) through the ACP, e.g. SRV.est or
    /// AN_join_registrar every 60 s with ttl 210000 (RFC 8994 §6.1.5.1). Returns nothing to send
    /// if the message would exceed GRASP_DEF_MAX_SIZE.
    public func flood(_ entries: [FloodEntry], ttl: UInt32, now: Instant) -> [GraspAction] {
        let session = newSessionID(now: now)
        let message = GraspMessage.flood(sessionID: session, initiator: .ipv6(address), ttl: ttl, entries: entries)
        let bytes = message.emit()
        guard bytes.count <= GraspConstants.defaultMaximumSize else { return [] }
        // Our own flood relayed back to us by a neighbour must be recognised as a copy.
        seenFloods[SessionKey(initiator: .ipv6(address), sessionID: session)] = now + configuration.floodMemory
        return links.keys.sorted().map { .send(bytes, to: .allNeighbours(interface: $0)) } + timerActions()
    }

    /// Floods `entry` now and then every `period` (less up to `floodJitterPercent` %) until
    /// `withdraw`: RFC 8994 §6.1.5.1 asks for 60 s and a ttl of 3.5 periods (210000 ms). Calling
    /// it again for the same objective name replaces the announcement (a new port, say).
    public func announce(_ entry: FloodEntry, ttl: UInt32 = 210_000, period: Duration = .seconds(60),
                         now: Instant) -> [GraspAction] {
        let next = now + FloodSchedule.interval(period: period, jitterPercent: configuration.floodJitterPercent, random: random)
        announcements[entry.objective.name] = PeriodicFlood(entry: entry, ttl: ttl, period: period, due: next)
        return flood([entry], ttl: ttl, now: now)
    }

    public func withdraw(_ name: ObjectiveName) {
        announcements[name] = nil
    }

    func sendDueAnnouncements(now: Instant) -> [GraspAction] {
        var actions: [GraspAction] = []
        let due = announcements.values.filter { $0.due <= now }
            .sorted { $0.entry.objective.name.utf8.lexicographicallyPrecedes($1.entry.objective.name.utf8) }
        for var announcement in due {
            announcement.due = now + FloodSchedule.interval(period: announcement.period,
                                                            jitterPercent: configuration.floodJitterPercent, random: random)
            announcements[announcement.entry.objective.name] = announcement
            actions += flood([announcement.entry], ttl: announcement.ttl, now: now).filter { $0.isSend }
        }
        return actions
    }

    /// The cached flooded values of an objective (RFC 8990 API "get_flood"), one per locator.
    public func floodedValues(_ name: ObjectiveName, now: Instant) -> [FloodEntry] {
        floodCache.filter { $0.key.name == name && $0.value.expires > now }
            .map { FloodEntry(objective: $0.value.objective, locator: $0.key.locator) }
            .sorted { ($0.locator?.cborValue.encode() ?? []).lexicographicallyPrecedes($1.locator?.cborValue.encode() ?? []) }
    }

    // MARK: receiving

    func receivedFlood(_ session: UInt32, _ initiator: InitiatorAddress, _ ttl: UInt32, _ entries: [FloodEntry],
                       _ source: GraspSource, _ now: Instant) -> [GraspAction] {
        let key = SessionKey(initiator: initiator, sessionID: session)
        if initiator == .ipv6(address) { return drop(.fromSelf, detail: "flood", source, now) }
        // A mesh delivers every flood over several paths: copies are normal, so counted but not logged.
        guard seenFloods[key] == nil else {
            drops.countQuietly(.duplicate)
            return []
        }
        if seenFloods.count >= configuration.maximumFloodMemory {
            seenFloods = seenFloods.filter { $0.value > now }
            guard seenFloods.count < configuration.maximumFloodMemory else {
                return drop(.tableFull, detail: "flood memory", source, now)
            }
        }
        seenFloods[key] = now + max(configuration.floodMemory, lifetime(ttl))
        var actions: [GraspAction] = []
        var relayed: [FloodEntry] = []
        for entry in entries {
            guard entry.objective.loopCount > 0 else {
                actions += drop(.loopCountZero, detail: entry.objective.name.description, source, now)
                continue
            }
            let cacheKey = FloodCacheKey(name: entry.objective.name, locator: entry.locator)
            let old = floodCache[cacheKey]
            if old == nil, floodCache.count >= configuration.maximumCacheEntries {
                actions += drop(.tableFull, detail: entry.objective.name.description, source, now)
            } else {
                floodCache[cacheKey] = CachedFlood(objective: entry.objective, expires: now + lifetime(ttl))
                if old?.objective != entry.objective {
                    actions.append(.deliver(.floodReceived(entry.objective, entry.locator)))
                }
            }
            // RFC 8990 §2.5.6.2: relay with the loop count decremented, never at zero.
            if entry.objective.loopCount > 1 {
                var copy = entry
                copy.objective.loopCount -= 1
                relayed.append(copy)
            }
        }
        if !relayed.isEmpty {
            let bytes = GraspMessage.flood(sessionID: session, initiator: initiator, ttl: ttl, entries: relayed).emit()
            for interface in links.keys.sorted() where interface != source.interface {
                actions.append(.send(bytes, to: .allNeighbours(interface: interface)))
            }
        }
        return actions
    }
}
