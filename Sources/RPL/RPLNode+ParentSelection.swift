import Platform

/// Upward routes (RFC 6550 §8.2): which DODAG to be in, the parent set and the preferred parent,
/// with OF0 ranks and the rank rules that keep the DODAG loop-free.
extension RPLNode {
    struct Candidate {
        var neighbour: RPLNeighbour
        var heard: HeardDIO
        /// Our rank through this neighbour.
        var rank: UInt16
    }

    /// Recomputes DODAG, parents and rank from what neighbours last said; acts on any change.
    func reselect(_ now: Instant) {
        let candidates = eligibleCandidates(now)
        // No acceptable parent left in the DODAG version we were in: that is detaching from it
        // (RFC 6550 §8.2.2.6), whether we then join another DODAG or stand alone.
        let detaching = !membership.isRoot && !candidates.contains { membership.isSameVersion(as: $0.heard) }
        if detaching { holdDownCurrentVersion(now) }
        var best: Candidate?
        for candidate in candidates where best.map({ prefers(candidate.heard, over: $0.heard) }) ?? true {
            best = candidate
        }
        let own = DODAGRanking(grounded: configuration.role != .defaultNode, preference: configuration.role.rawValue,
                               dodagID: configuration.nodeAddress)
        guard let best, best.heard.ranking.isBetter(than: own) else {
            if membership.isRoot && membership.dodagID == configuration.nodeAddress { return }
            becomeOwnRoot(now)
            if detaching { startDIOBurst(now) }
            return
        }
        let group = candidates.filter { $0.heard.dodagID == best.heard.dodagID && $0.heard.version == best.heard.version }
        var preferred = group.min { order($0, $1) } ?? best
        // Hysteresis (RFC 6552 §4.2.1): keep the preferred parent unless another is better by
        // more than one MinHopRankIncrease, so equal paths do not flap.
        if let current = parents.first, let kept = group.first(where: { $0.neighbour == current }),
           kept.rank <= preferred.rank &+ best.heard.configuration.minHopRankIncrease {
            preferred = kept
        }
        let minHop = best.heard.configuration.minHopRankIncrease
        let ourDAGRank = ObjectiveFunctionZero.dagRank(preferred.rank, minHopRankIncrease: minHop)
        var set = [preferred.neighbour]
        for other in group.sorted(by: order) where set.count < max(1, configuration.maxParents) {
            guard other.neighbour != preferred.neighbour else { continue }
            if ObjectiveFunctionZero.dagRank(other.heard.rank, minHopRankIncrease: minHop) < ourDAGRank {
                set.append(other.neighbour)
            }
        }
        let info = best.heard
        let next = Membership(dodagID: info.dodagID, version: info.version, grounded: info.grounded,
                              preference: info.preference, configuration: info.configuration, isRoot: false,
                              rank: preferred.rank, dtsn: membership.dtsn)
        apply(next, parents: set, now: now)
        if detaching { startDIOBurst(now) }
    }

    /// Neighbours we could take as parents now, with our rank through each.
    func eligibleCandidates(_ now: Instant) -> [Candidate] {
        var result: [Candidate] = []
        for (neighbour, info) in heard {
            guard let link = link(neighbour.interface), info.rank != ObjectiveFunctionZero.infiniteRank,
                  info.dodagID != configuration.nodeAddress else { continue }
            if let holdDown, now < holdDown.until, info.dodagID == holdDown.dodagID, info.version == holdDown.version {
                continue
            }
            if info.dodagID == membership.dodagID && SequenceCounter.isNewer(membership.version, than: info.version) {
                continue
            }
            let minHop = info.configuration.minHopRankIncrease
            if !membership.isRoot && membership.isSameVersion(as: info) {
                // Within one DODAG version only neighbours below our current rank: never greedy,
                // never onto our own sub-DODAG (RFC 6550 §8.2.2.4).
                let below = ObjectiveFunctionZero.dagRank(info.rank, minHopRankIncrease: minHop)
                    < ObjectiveFunctionZero.dagRank(membership.rank, minHopRankIncrease: minHop)
                guard below else { continue }
            }
            let increase = ObjectiveFunctionZero.rankIncrease(linkSpeedMbps: link.speedMbps, minHopRankIncrease: minHop)
            guard let rank = ObjectiveFunctionZero.rank(throughParentRank: info.rank, increase: increase) else { continue }
            result.append(Candidate(neighbour: neighbour, heard: info, rank: rank))
        }
        return result
    }

    /// DODAG order, and for the same DODAG the newer version.
    func prefers(_ a: HeardDIO, over b: HeardDIO) -> Bool {
        if a.dodagID == b.dodagID { return SequenceCounter.isNewer(a.version, than: b.version) }
        return a.ranking.isBetter(than: b.ranking)
    }

    func order(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        return a.neighbour.precedes(b.neighbour)
    }

    /// Ignores the DODAG version we are leaving, and forgets what neighbours said about it, until
    /// our former descendants have heard that we left (the DIO burst): otherwise their stale
    /// advertisements would lead us back onto our own sub-DODAG and rank would count to
    /// infinity. When the hold-down ends we ask for fresh DIOs (DIS).
    func holdDownCurrentVersion(_ now: Instant) {
        holdDown = HoldDown(dodagID: membership.dodagID, version: membership.version,
                            until: now + configuration.detachDIOSpacing * configuration.detachDIOCount)
        for (neighbour, info) in heard where membership.isSameVersion(as: info) { heard[neighbour] = nil }
    }

    /// "DIOs SHOULD be sent 2 or 3 times to inform children when losing the last parent"
    /// (RFC 8994 §6.11.1.1.2): the first went out with the change, the rest follow.
    func startDIOBurst(_ now: Instant) {
        detachDIOsLeft = max(0, configuration.detachDIOCount - 1)
        nextDetachDIO = detachDIOsLeft > 0 ? now + configuration.detachDIOSpacing : nil
    }

    /// Root of our own DODAG: at start, after detaching, or when our role beats every DODAG heard.
    func becomeOwnRoot(_ now: Instant) {
        if membership.dodagID != configuration.nodeAddress || !membership.isRoot {
            ownVersion = SequenceCounter.increment(ownVersion)
        }
        let own = Membership(dodagID: configuration.nodeAddress, version: ownVersion,
                             grounded: configuration.role != .defaultNode, preference: configuration.role.rawValue,
                             configuration: configuration.dodagConfiguration, isRoot: true,
                             rank: configuration.minHopRankIncrease, dtsn: membership.dtsn)
        apply(own, parents: [], now: now)
    }

    /// Moves to `next` with `newParents`: upward route, DIO on change, DAOs to new parents,
    /// No-Path DAOs to parents we leave while they are still reachable.
    func apply(_ next: Membership, parents newParents: [RPLNeighbour], now: Instant) {
        let old = membership
        let oldParents = parents
        let joined = old.dodagID != next.dodagID || old.version != next.version || old.isRoot != next.isRoot
        membership = next
        parents = newParents
        if joined {
            ownPathSequence = SequenceCounter.increment(ownPathSequence)
            pending.removeAll()
        }
        for parent in oldParents where !newParents.contains(parent) {
            pending.removeAll { $0.parent == parent }
            if isUp(parent.interface) { sendNoPath(to: parent, dodagID: old.dodagID, now: now) }
        }
        for parent in newParents where joined || !oldParents.contains(parent) {
            if !fullDAOParents.contains(parent) { fullDAOParents.append(parent) }
        }
        if oldParents.first != newParents.first {
            if let preferred = newParents.first {
                actions.append(.addRoute(RPLRoute(prefix: configuration.acpPrefix, nextHop: preferred)))
            } else if let previous = oldParents.first {
                actions.append(.removeRoute(RPLRoute(prefix: configuration.acpPrefix, nextHop: previous)))
            }
        }
        if joined || old.rank != next.rank {
            sendDIOEverywhere()
        }
        if joined {
            nextDAORefresh = membership.lifetimeDuration(membership.pathLifetime).map { now + $0 / 3 }
        }
    }
}
