import CLinux

/// Wall-clock time, for what is defined in calendar time: certificate notBefore/notAfter and
/// voucher expiry. Never used for scheduling (see `MonotonicClock`).
public enum WallClock {
    /// Whole seconds since 1970-01-01T00:00:00Z (CLOCK_REALTIME).
    public static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec)
    }
}
