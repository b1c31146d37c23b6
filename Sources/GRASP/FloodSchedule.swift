import CBOR
import Platform

/// When to send the next periodic M_FLOOD on each interface. RFC 8994 §6.4 recommends a 60 s
/// period; each interval is shortened by a random part of up to `jitterPercent` % so that nodes
/// powered up together do not stay synchronised (and no interval exceeds the period, which keeps
/// the 3.5 × period ttl valid).
struct FloodSchedule {
    let period: Duration
    let jitterPercent: Int
    private(set) var due: [UInt32: Instant] = [:]

    init(period: Duration, jitterPercent: Int) {
        self.period = period
        self.jitterPercent = max(0, min(jitterPercent, 100))
    }

    /// The interval after a flood: period − uniform[0, period × jitter %].
    func interval(random: RandomSource) -> Duration {
        Self.interval(period: period, jitterPercent: jitterPercent, random: random)
    }

    static func interval(period: Duration, jitterPercent: Int, random: RandomSource) -> Duration {
        let periodNanoseconds = period.totalNanoseconds
        let spread = periodNanoseconds / 100 * Int64(max(0, min(jitterPercent, 100)))
        guard spread > 0 else { return period }
        let cut = Int64(truncatingIfNeeded: random.next() % UInt64(spread + 1))
        return .nanoseconds(periodNanoseconds - cut)
    }

    mutating func start(_ interface: UInt32, at instant: Instant) { due[interface] = instant }

    mutating func stop(_ interface: UInt32) { due[interface] = nil }

    /// Interfaces whose flood is due at `now`, each rescheduled one jittered interval later.
    mutating func takeDue(now: Instant, random: RandomSource) -> [UInt32] {
        let ready = due.filter { $0.value <= now }.map { $0.key }.sorted()
        for interface in ready { due[interface] = now + interval(random: random) }
        return ready
    }

    var next: Instant? { due.values.min() }
}
