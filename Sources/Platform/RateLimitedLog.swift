/// A token bucket per key (a neighbour, an interface), for logs triggered by input from the
/// network: a peer sending garbage must not be able to flood the journal, but the first few
/// lines, and a count of what was dropped, must still get through.
///
/// Generic over the key so callers can use addresses or interface indexes; `RateLimitedLog` keys
/// by the subject's UTF-8 bytes, because hashing `String` itself needs the Unicode normalisation
/// tables, which the mipsel build does not have.
public struct LogRateLimiter<Key: Hashable> {
    private struct Bucket {
        var tokens: Int
        var refilled: Instant
        var suppressed: Int
    }

    public let burst: Int
    public let interval: Duration
    public let maxKeys: Int
    private var buckets: [Key: Bucket] = [:]

    /// Each key may log `burst` lines at once and earns one more line per `interval`, up to
    /// `burst`. At most `maxKeys` keys are tracked (the network chooses the keys).
    public init(burst: Int = 5, interval: Duration = .seconds(10), maxKeys: Int = 256) {
        self.burst = max(1, burst)
        self.interval = interval
        self.maxKeys = max(1, maxKeys)
    }

    /// Whether a line for `key` may be logged at `now`; when allowed after a quiet spell,
    /// `suppressed` says how many lines were dropped since the last one that passed.
    public mutating func admit(_ key: Key, now: Instant) -> (allowed: Bool, suppressed: Int) {
        var bucket = buckets[key] ?? Bucket(tokens: burst, refilled: now, suppressed: 0)
        let step = max(1, interval.totalNanoseconds)
        let earned = (now - bucket.refilled).totalNanoseconds / step
        if earned > 0 {
            bucket.tokens = Int(min(Int64(burst), Int64(bucket.tokens) + earned))
            bucket.refilled = bucket.refilled + .nanoseconds(earned * step)
        }
        if bucket.tokens == 0 {
            bucket.suppressed += 1
            store(key, bucket)
            return (false, 0)
        }
        bucket.tokens -= 1
        let suppressed = bucket.suppressed
        bucket.suppressed = 0
        store(key, bucket)
        return (true, suppressed)
    }

    private mutating func store(_ key: Key, _ bucket: Bucket) {
        if buckets[key] == nil && buckets.count >= maxKeys {
            // Forgetting a key only gives it a fresh burst; drop the full (idle) ones first.
            let full = burst
            buckets = buckets.filter { $0.value.tokens < full }
            if buckets.count >= maxKeys { buckets.removeAll() }
        }
        buckets[key] = bucket
    }
}

/// A `Logger` whose lines pass through a `LogRateLimiter` keyed by subject.
public struct RateLimitedLog {
    public var logger: Logger
    public var limiter: LogRateLimiter<[UInt8]>

    public init(logger: Logger, limiter: LogRateLimiter<[UInt8]> = LogRateLimiter()) {
        self.logger = logger
        self.limiter = limiter
    }

    public mutating func log(_ level: LogLevel, _ subject: String, _ message: String, now: Instant) {
        guard level >= logger.minimumLevel else { return }
        let verdict = limiter.admit(Array(subject.utf8), now: now)
        guard verdict.allowed else { return }
        let note = verdict.suppressed > 0 ? " (\(verdict.suppressed) similar lines suppressed)" : ""
        logger.log(level, subject, message + note)
    }
}
