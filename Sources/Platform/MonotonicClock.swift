import CLinux

/// A point on the monotonic clock: nanoseconds since an arbitrary origin (boot, in practice).
///
/// Protocol timers (retransmission, Trickle, SA lifetimes) must not jump when the wall clock is set
/// by NTP or by hand, so everything that schedules uses `Instant`; only certificate validity
/// looks at `WallClock`. Engines receive an `Instant` as a parameter and never read a clock, so
/// tests drive them with instants they make up.
public struct Instant: Comparable, Hashable, Sendable {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// Saturates instead of trapping: a huge duration (an "infinite" SA lifetime) means "never".
    public func advanced(by duration: Duration) -> Instant {
        let (sum, overflow) = nanoseconds.addingReportingOverflow(duration.totalNanoseconds)
        if overflow { return Instant(nanoseconds: duration.totalNanoseconds > 0 ? Int64.max : Int64.min) }
        return Instant(nanoseconds: sum)
    }

    /// The time from `other` to `self` (negative when `other` is later).
    public func duration(since other: Instant) -> Duration {
        .nanoseconds(nanoseconds &- other.nanoseconds)
    }

    public static func + (lhs: Instant, rhs: Duration) -> Instant {
        lhs.advanced(by: rhs)
    }

    public static func - (lhs: Instant, rhs: Instant) -> Duration {
        lhs.duration(since: rhs)
    }
}

extension Duration {
    /// Whole nanoseconds, saturating at the bounds of Int64 (about 292 years).
    public var totalNanoseconds: Int64 {
        let parts = components
        let (scaled, overflow) = parts.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return parts.seconds > 0 ? Int64.max : Int64.min }
        let (sum, overflow2) = scaled.addingReportingOverflow(parts.attoseconds / 1_000_000_000)
        if overflow2 { return parts.seconds > 0 ? Int64.max : Int64.min }
        return sum
    }

    /// Whole milliseconds, rounded up: a poll timeout rounded down would wake the loop just before
    /// the deadline and spin until it passes.
    public var totalMillisecondsRoundedUp: Int64 {
        let ns = totalNanoseconds
        if ns <= 0 { return ns / 1_000_000 }
        return ns / 1_000_000 + (ns % 1_000_000 == 0 ? 0 : 1)
    }
}

/// CLOCK_MONOTONIC through clock_gettime(2).
public enum MonotonicClock {
    public static func now() -> Instant {
        var spec = timespec()
        // CLOCK_MONOTONIC with a valid pointer cannot fail (clock_gettime(2) lists only EFAULT,
        // EINVAL for bad ids, and EPERM for setting).
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Instant(nanoseconds: Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec))
    }
}
