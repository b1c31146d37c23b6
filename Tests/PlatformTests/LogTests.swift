import Testing
@testable import Platform

@Suite struct LogTests {
    final class Lines {
        var all: [String] = []
    }

    @Test func lineFormatAndLevelFilter() {
        let lines = Lines()
        let logger = Logger(component: "grasp", minimumLevel: .info) { lines.all.append($0) }
        logger.debug("dull0", "hidden")
        logger.info("dull0", "M_FLOOD from fe80::1")
        logger.error("", "no subject")
        #expect(lines.all == ["info grasp dull0: M_FLOOD from fe80::1", "error grasp -: no subject"])
    }

    @Test func rateLimiterPerKeyWithFakeClock() {
        var limiter = LogRateLimiter<String>(burst: 2, interval: .seconds(10))
        let t0 = Instant(nanoseconds: 1_000_000_000)
        #expect(limiter.admit("peerA", now: t0) == (true, 0))
        #expect(limiter.admit("peerA", now: t0) == (true, 0))
        #expect(limiter.admit("peerA", now: t0) == (false, 0))
        #expect(limiter.admit("peerA", now: t0 + .seconds(9)) == (false, 0))
        // Another key has its own bucket.
        #expect(limiter.admit("peerB", now: t0) == (true, 0))
        // One token earned after 10 s; the two dropped lines are reported with it.
        #expect(limiter.admit("peerA", now: t0 + .seconds(10)) == (true, 2))
        #expect(limiter.admit("peerA", now: t0 + .seconds(10)) == (false, 0))
        // A long quiet spell refills to the burst, not beyond.
        #expect(limiter.admit("peerA", now: t0 + .seconds(1000)) == (true, 1))
        #expect(limiter.admit("peerA", now: t0 + .seconds(1000)) == (true, 0))
        #expect(limiter.admit("peerA", now: t0 + .seconds(1000)) == (false, 0))
    }

    @Test func rateLimitedLogAddsSuppressedCount() {
        let lines = Lines()
        var log = RateLimitedLog(
            logger: Logger(component: "ike", sink: { lines.all.append($0) }),
            limiter: LogRateLimiter(burst: 1, interval: .seconds(1)))
        let t0 = Instant(nanoseconds: 0)
        for _ in 0..<5 { log.log(.warning, "acp_1a2b_3c4d", "bad IKE_SA_INIT", now: t0) }
        log.log(.warning, "acp_1a2b_3c4d", "bad IKE_SA_INIT", now: t0 + .seconds(1))
        #expect(lines.all == [
            "warning ike acp_1a2b_3c4d: bad IKE_SA_INIT",
            "warning ike acp_1a2b_3c4d: bad IKE_SA_INIT (4 similar lines suppressed)",
        ])
    }

    @Test func keyTableIsBounded() {
        var limiter = LogRateLimiter<Int>(burst: 1, interval: .seconds(60), maxKeys: 4)
        let t0 = Instant(nanoseconds: 0)
        for key in 0..<4 { #expect(limiter.admit(key, now: t0).allowed) }
        #expect(!limiter.admit(0, now: t0).allowed)    // still remembered: bucket empty
        // A fifth key overflows the table; with no idle (full) bucket to drop, it is reset, so
        // key 0 starts over with a fresh burst instead of the table growing.
        #expect(limiter.admit(4, now: t0).allowed)
        #expect(limiter.admit(0, now: t0).allowed)
    }
}
