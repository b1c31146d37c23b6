import Platform

/// Everything time-driven: DAO-ACK retries, the detach DIO burst and hold-down, the slow DIO and
/// DAO refreshes, route lifetimes. One timer for the platform: the earliest deadline.
extension RPLNode {
    public func timerFired(now: Instant) -> [RPLAction] {
        // The platform's timer is spent: always arm the next one.
        armed = nil
        return step(now) {
            retryDAOs(now)
            if let due = nextDetachDIO, due <= now {
                sendDIOEverywhere()
                detachDIOsLeft -= 1
                nextDetachDIO = detachDIOsLeft > 0 ? now + configuration.detachDIOSpacing : nil
            }
            if let holdDown, holdDown.until <= now {
                self.holdDown = nil
                for interface in upInterfaces {
                    actions.append(.send(.dis(DIS()), to: allRPLNodes, interface: interface))
                }
            }
            if let due = nextDIORefresh, due <= now {
                sendDIOEverywhere()
                nextDIORefresh = now + jittered(configuration.dioRefreshInterval)
            }
            if let due = nextDAORefresh, due <= now {
                // Refreshes carry no news, so no K flag (RFC 8994 §6.11.1.4 asks K for changes).
                for parent in parents where isUp(parent.interface) {
                    sendDAO(allTargets(), to: parent, expectsACK: false, now: now)
                }
                nextDAORefresh = membership.lifetimeDuration(membership.pathLifetime).map { now + $0 / 3 }
            }
            forgetNextHops(expiredAt: now)
        }
    }

    func retryDAOs(_ now: Instant) {
        var kept: [PendingDAO] = []
        for var entry in pending {
            guard entry.deadline <= now else {
                kept.append(entry)
                continue
            }
            guard entry.retriesLeft > 0, isUp(entry.parent.interface) else {
                counters.daoACKTimeouts += 1
                actions.append(.log(.warning, subject: entry.parent.interface,
                                    message: "no DAO-ACK from \(entry.parent.address) for DAO \(entry.sequence)"))
                continue
            }
            entry.retriesLeft -= 1
            entry.deadline = now + configuration.daoACKTimeout
            counters.daoRetransmissions += 1
            actions.append(.send(entry.message, to: entry.parent.address, interface: entry.parent.interface))
            kept.append(entry)
        }
        pending = kept
    }

    func forgetNextHops(expiredAt now: Instant) {
        for (target, var route) in routes {
            let expired = route.nextHops.filter { entry in entry.value.map { $0 <= now } ?? false }.map { $0.key }
            guard !expired.isEmpty else { continue }
            for neighbour in expired { route.nextHops[neighbour] = nil }
            routes[target] = route
            install(target)
        }
    }

    /// The earliest deadline of anything pending.
    var nextDeadline: Instant? {
        var deadlines: [Instant] = pending.map { $0.deadline }
        for deadline in [nextDetachDIO, holdDown?.until, nextDIORefresh, nextDAORefresh] {
            if let deadline { deadlines.append(deadline) }
        }
        for route in routes.values {
            for expiry in route.nextHops.values { if let expiry { deadlines.append(expiry) } }
        }
        return deadlines.min()
    }

    func rearm(_ now: Instant) {
        let next = nextDeadline
        if next != armed, let next {
            actions.append(.armTimer(at: next))
        }
        armed = next
    }
}
