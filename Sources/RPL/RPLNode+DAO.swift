import Platform

/// Downward routes in storing mode (RFC 6550 §9): DAOs to every parent with K set and DAO-ACK
/// retries (RFC 8994 §6.11.1.4), routes from children's DAOs limited to the ACP prefix, No-Path
/// DAOs when the last way to a target is lost (§6.11.1.7).
extension RPLNode {
    // MARK: receiving

    func receiveDAO(_ dao: DAO, from neighbour: RPLNeighbour, now: Instant) {
        guard dao.instanceID == RPLNode.instanceID else { return drop(.unknownInstance, from: neighbour, now: now) }
        guard isUp(neighbour.interface) else { return }
        // Routes only from children in our DODAG: a parent's targets would make a loop (it routes
        // up through us), another DODAG's are stale. Their No-Paths still count, since forgetting
        // a way through the sender is always safe.
        var refusal: RPLDropReason?
        if let dodagID = dao.dodagID, dodagID != membership.dodagID { refusal = .daoForOtherDODAG }
        if parents.contains(neighbour) { refusal = .daoFromParent }
        var rejected = false
        for (target, transit) in dao.targetsWithTransit {
            if transit.pathLifetime == 0 {
                removeNextHop(neighbour, for: target, sequence: transit.pathSequence)
                continue
            }
            if let refusal {
                rejected = true
                drop(refusal, from: neighbour, now: now, detail: "\(target)")
                continue
            }
            guard configuration.acpPrefix.contains(target) else {
                rejected = true
                drop(.targetOutsideACP, from: neighbour, now: now, detail: "\(target)")
                continue
            }
            guard !configuration.announcedPrefix.contains(target) && !target.contains(configuration.announcedPrefix) else {
                rejected = true
                drop(.targetIsOurs, from: neighbour, now: now, detail: "\(target)")
                continue
            }
            guard routes[target] != nil || routes.count < configuration.maxRoutes else {
                rejected = true
                drop(.routeTableFull, from: neighbour, now: now, detail: "\(target)")
                continue
            }
            learn(target, via: neighbour, sequence: transit.pathSequence, lifetime: transit.pathLifetime, now: now)
        }
        // No DAO-ACK for a DAO we refused outright: the sender is not our child.
        if dao.expectsACK && !(rejected && refusal != nil) {
            let ack = DAOACK(instanceID: RPLNode.instanceID, sequence: dao.sequence,
                             status: rejected ? DAOACK.rejected : DAOACK.accepted, dodagID: dao.dodagID)
            actions.append(.send(.daoACK(ack), to: neighbour.address, interface: neighbour.interface))
        }
    }

    func receiveDAOACK(_ ack: DAOACK, from neighbour: RPLNeighbour, now: Instant) {
        guard ack.instanceID == RPLNode.instanceID else { return drop(.unknownInstance, from: neighbour, now: now) }
        guard let index = pending.firstIndex(where: { $0.parent == neighbour && $0.sequence == ack.sequence }) else { return }
        pending.remove(at: index)
        if ack.status >= DAOACK.rejected {
            counters.daoRejected += 1
            actions.append(.log(.warning, subject: neighbour.interface,
                                message: "DAO \(ack.sequence) rejected by \(neighbour.address), status \(ack.status)"))
        }
    }

    func learn(_ target: RPLPrefix, via neighbour: RPLNeighbour, sequence: UInt8, lifetime: UInt8, now: Instant) {
        let expiry = membership.lifetimeDuration(lifetime).map { now + $0 }
        guard var route = routes[target] else {
            routes[target] = DownwardRoute(pathSequence: sequence, nextHops: [neighbour: expiry], installed: nil)
            install(target)
            targetUpdates[target] = TargetUpdate(pathSequence: sequence, lifetime: membership.pathLifetime)
            return
        }
        if SequenceCounter.isNewer(sequence, than: route.pathSequence) {
            // A newer path replaces every older way to the target.
            route.pathSequence = sequence
            route.nextHops = [neighbour: expiry]
            routes[target] = route
            install(target)
            targetUpdates[target] = TargetUpdate(pathSequence: sequence, lifetime: membership.pathLifetime)
        } else if sequence == route.pathSequence {
            route.nextHops[neighbour] = expiry
            routes[target] = route
            install(target)
        }
    }

    /// A No-Path for `target` from `neighbour`: forget that way; announce a No-Path upward only
    /// when it was the last one.
    func removeNextHop(_ neighbour: RPLNeighbour, for target: RPLPrefix, sequence: UInt8) {
        guard var route = routes[target], route.nextHops[neighbour] != nil,
              !SequenceCounter.isNewer(route.pathSequence, than: sequence) else { return }
        route.nextHops[neighbour] = nil
        routes[target] = route
        install(target)
    }

    /// Removes every next hop matching `lost` (a link went down, lifetimes ran out).
    func forgetNextHops(where lost: (RPLNeighbour) -> Bool) {
        for (target, var route) in routes {
            let gone = route.nextHops.keys.filter(lost)
            guard !gone.isEmpty else { continue }
            for neighbour in gone { route.nextHops[neighbour] = nil }
            routes[target] = route
            install(target)
        }
    }

    /// Makes the kernel's route for `target` match the table: replace, or remove and announce
    /// a No-Path when no next hop is left.
    func install(_ target: RPLPrefix) {
        guard var route = routes[target] else { return }
        guard let next = route.chooseNextHop() else {
            if let installed = route.installed {
                actions.append(.removeRoute(RPLRoute(prefix: target, nextHop: installed)))
            }
            routes[target] = nil
            targetUpdates[target] = TargetUpdate(pathSequence: route.pathSequence, lifetime: 0)
            return
        }
        if route.installed != next {
            route.installed = next
            routes[target] = route
            actions.append(.addRoute(RPLRoute(prefix: target, nextHop: next)))
        }
    }

    // MARK: sending

    /// Sends what this step changed: full DAOs to new parents, the changed targets to the rest.
    func flushDAOs(_ now: Instant) {
        defer {
            targetUpdates = [:]
            fullDAOParents = []
        }
        guard !membership.isRoot else { return }
        for parent in parents where isUp(parent.interface) {
            if fullDAOParents.contains(parent) {
                sendDAO(allTargets(), to: parent, expectsACK: true, now: now)
            } else if !targetUpdates.isEmpty {
                let updates = targetUpdates.keys.sorted { ($0.address, $0.length) < ($1.address, $1.length) }
                    .map { ($0, targetUpdates[$0] ?? TargetUpdate(pathSequence: 0, lifetime: 0)) }
                sendDAO(updates, to: parent, expectsACK: true, now: now)
            }
        }
    }

    /// Our own prefix and everything below us, with their path sequences.
    func allTargets() -> [(RPLPrefix, TargetUpdate)] {
        var targets = [(configuration.announcedPrefix, TargetUpdate(pathSequence: ownPathSequence, lifetime: membership.pathLifetime))]
        for target in routes.keys.sorted(by: { ($0.address, $0.length) < ($1.address, $1.length) }) {
            if let route = routes[target] {
                targets.append((target, TargetUpdate(pathSequence: route.pathSequence, lifetime: membership.pathLifetime)))
            }
        }
        return targets
    }

    /// Tells a parent we are leaving that nothing is reachable through us any more.
    func sendNoPath(to parent: RPLNeighbour, dodagID: IPv6Address, now: Instant) {
        let targets = allTargets().map { ($0.0, TargetUpdate(pathSequence: $0.1.pathSequence, lifetime: 0)) }
        sendDAO(targets, to: parent, expectsACK: false, dodagID: dodagID, now: now)
    }

    /// One DAO per `maxTargetsPerDAO` targets: each Target followed by its Transit Information.
    func sendDAO(_ targets: [(RPLPrefix, TargetUpdate)], to parent: RPLNeighbour, expectsACK: Bool,
                 dodagID: IPv6Address? = nil, now: Instant) {
        var start = 0
        while start < targets.count {
            let chunk = targets[start..<min(targets.count, start + max(1, configuration.maxTargetsPerDAO))]
            start += chunk.count
            var options: [RPLOption] = []
            for (target, update) in chunk {
                options.append(.rplTarget(RPLTarget(prefix: target)))
                options.append(.transitInformation(TransitInformation(pathSequence: update.pathSequence,
                                                                      pathLifetime: update.lifetime)))
            }
            daoSequence = SequenceCounter.increment(daoSequence)
            let message = RPLMessage.dao(DAO(instanceID: RPLNode.instanceID, expectsACK: expectsACK, sequence: daoSequence,
                                             dodagID: dodagID ?? membership.dodagID, options: options))
            actions.append(.send(message, to: parent.address, interface: parent.interface))
            if expectsACK {
                pending.append(PendingDAO(parent: parent, sequence: daoSequence, message: message,
                                          retriesLeft: configuration.daoRetries, deadline: now + configuration.daoACKTimeout))
            }
        }
    }
}
