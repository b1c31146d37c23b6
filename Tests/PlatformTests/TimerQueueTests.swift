import Testing
@testable import Platform

@Suite struct TimerQueueTests {
    private func at(_ milliseconds: Int64) -> Instant { Instant(nanoseconds: milliseconds * 1_000_000) }

    @Test func firesInDeadlineOrder() {
        var queue = TimerQueue<String>()
        queue.schedule(at: at(30), "c")
        queue.schedule(at: at(10), "a")
        queue.schedule(at: at(20), "b")
        #expect(queue.nextDeadline == at(10))
        #expect(queue.popExpired(now: at(5)).isEmpty)
        #expect(queue.popExpired(now: at(20)).map(\.token) == ["a", "b"])
        #expect(queue.nextDeadline == at(30))
        #expect(queue.popExpired(now: at(100)).map(\.token) == ["c"])
        #expect(queue.nextDeadline == nil)
        #expect(queue.isEmpty)
    }

    @Test func equalDeadlinesAreFIFO() {
        var queue = TimerQueue<Int>()
        for token in 0..<50 { queue.schedule(at: at(token % 2 == 0 ? 7 : 3), token) }
        let fired = queue.popExpired(now: at(7)).map(\.token)
        let odd = Array(stride(from: 1, to: 50, by: 2))
        let even = Array(stride(from: 0, to: 50, by: 2))
        #expect(fired == odd + even)
    }

    @Test func cancelBeforeAndAfterExpiry() {
        var queue = TimerQueue<String>()
        let a = queue.schedule(at: at(1), "a")
        let b = queue.schedule(at: at(2), "b")
        let c = queue.schedule(at: at(3), "c")
        #expect(queue.cancel(a) == "a")
        #expect(queue.nextDeadline == at(2))    // the cancelled head no longer counts
        #expect(queue.cancel(a) == nil)         // twice
        #expect(queue.popExpired(now: at(2)).map(\.id) == [b])
        #expect(queue.cancel(b) == nil)         // after it fired
        #expect(queue.count == 1)
        #expect(queue.cancel(c) == "c")
        #expect(queue.nextDeadline == nil)
        #expect(queue.popExpired(now: at(10)).isEmpty)
    }

    @Test func scheduledBeforeLimit() {
        var queue = TimerQueue<String>()
        queue.schedule(at: at(1), "old")
        let limit = queue.nextID
        queue.schedule(at: at(1), "new")
        #expect(queue.popFirstExpired(now: at(1), scheduledBefore: limit)?.token == "old")
        #expect(queue.popFirstExpired(now: at(1), scheduledBefore: limit) == nil)
        #expect(queue.popFirstExpired(now: at(1))?.token == "new")
    }

    /// Re-arming (cancel + schedule) on every packet must not grow the heap without bound, and
    /// the rebuild that drops cancelled entries must keep the order.
    @Test func cancelledEntriesAreCompacted() {
        var queue = TimerQueue<Int>()
        var ids: [TimerID] = []
        for token in 0..<1000 { ids.append(queue.schedule(at: at(Int64(1000 - token)), token)) }
        // Cancel all but every tenth; the earliest deadlines (highest tokens) go too.
        for token in 0..<1000 where token % 10 != 0 { queue.cancel(ids[token]) }
        #expect(queue.count == 100)
        #expect(queue.storedEntries <= 2 * 100 + 32)
        var keepalive = queue.schedule(at: at(5000), -1)
        for _ in 0..<100_000 {
            queue.cancel(keepalive)
            keepalive = queue.schedule(at: at(5000), -1)
        }
        #expect(queue.storedEntries <= 2 * 101 + 32)
        let fired = queue.popExpired(now: at(10_000)).map(\.token)
        #expect(fired == Array(stride(from: 990, through: 0, by: -10)) + [-1])
    }

    /// Many timers with pseudo-random deadlines and cancellations, against a sorted model.
    @Test func manyTimersMatchSortedModel() {
        var queue = TimerQueue<Int>()
        var model: [(deadline: Int64, token: Int, id: TimerID)] = []
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func nextRandom() -> UInt64 {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return seed
        }
        for token in 0..<5000 {
            let deadline = Int64(nextRandom() % 1000)
            let id = queue.schedule(at: at(deadline), token)
            model.append((deadline, token, id))
        }
        var cancelled = Set<Int>()
        for _ in 0..<3000 {
            let victim = Int(nextRandom() % 5000)
            let result = queue.cancel(model[victim].id)
            #expect((result != nil) == !cancelled.contains(victim))
            cancelled.insert(victim)
        }
        let expected = model.filter { !cancelled.contains($0.token) }
            .sorted { $0.deadline != $1.deadline ? $0.deadline < $1.deadline : $0.token < $1.token }
        var fired: [Int] = []
        var now: Int64 = 0
        while !queue.isEmpty {
            now += 37
            fired += queue.popExpired(now: at(now)).map(\.token)
        }
        #expect(fired == expected.map(\.token))
    }
}
