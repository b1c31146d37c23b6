import Testing
import CLinux
@testable import Platform

@Suite struct EventLoopTests {
    @Test func timersFireInOrderAndCancelledOnesDont() throws {
        let loop = try EventLoop()
        var fired: [String] = []
        loop.schedule(after: .milliseconds(30)) { fired.append("30ms") }
        loop.schedule(after: .milliseconds(10)) { fired.append("10ms") }
        let cancelled = loop.schedule(after: .milliseconds(20)) { fired.append("cancelled") }
        loop.schedule(after: .milliseconds(10)) { fired.append("10ms-second") }
        loop.schedule(after: .milliseconds(40)) {
            fired.append("40ms")
            loop.stop()
        }
        #expect(loop.cancel(cancelled))
        let start = MonotonicClock.now()
        try loop.run()
        #expect(fired == ["10ms", "10ms-second", "30ms", "40ms"])
        // The loop slept rather than returning early (it never fires before a deadline).
        #expect(MonotonicClock.now() - start >= .milliseconds(40))
        #expect(!loop.cancel(cancelled))
    }

    @Test func timerCancelledByEarlierTimerInSameIterationDoesNotFire() throws {
        let loop = try EventLoop()
        var fired: [String] = []
        var second: TimerID? = nil
        let deadline = loop.now + .milliseconds(5)
        loop.schedule(at: deadline) {
            fired.append("first")
            if let second { loop.cancel(second) }
        }
        second = loop.schedule(at: deadline) { fired.append("second") }
        loop.schedule(at: deadline + .milliseconds(5)) { loop.stop() }
        try loop.run()
        #expect(fired == ["first"])
    }

    @Test func zeroDelayRearmDoesNotStarveIO() throws {
        let loop = try EventLoop()
        var pipeFDs: [Int32] = [0, 0]
        #expect(pipe2(&pipeFDs, O_NONBLOCK | O_CLOEXEC) == 0)
        defer { close(pipeFDs[0]); close(pipeFDs[1]) }
        var ticks = 0
        func tick() {
            ticks += 1
            loop.schedule(after: .zero) { tick() }
        }
        tick()
        var sawIO = false
        try loop.register(fd: pipeFDs[0], events: .readable) { _ in
            sawIO = true
            loop.stop()
        }
        #expect(write(pipeFDs[1], "x", 1) == 1)
        try loop.run()
        #expect(sawIO)
        #expect(ticks < 100)
    }

    @Test func readableFDRunsHandlerWithData() throws {
        let loop = try EventLoop()
        var pipeFDs: [Int32] = [0, 0]
        #expect(pipe2(&pipeFDs, O_NONBLOCK | O_CLOEXEC) == 0)
        defer { close(pipeFDs[0]); close(pipeFDs[1]) }
        var received: [UInt8] = []
        var seenEvents = IOEvents()
        var handlerNow: Instant? = nil
        try loop.register(fd: pipeFDs[0], events: .readable) { events in
            seenEvents = events
            handlerNow = loop.now
            var buffer = [UInt8](repeating: 0, count: 16)
            let count = read(pipeFDs[0], &buffer, 16)
            received += buffer.prefix(max(0, count))
            // Unregistering from inside the handler is allowed.
            #expect(throws: Never.self) { try loop.unregister(fd: pipeFDs[0]) }
            loop.stop()
        }
        loop.schedule(after: .milliseconds(5)) { _ = write(pipeFDs[1], "hello", 5) }
        let before = MonotonicClock.now()
        try loop.run()
        #expect(received == Array("hello".utf8))
        #expect(seenEvents.contains(.readable))
        #expect(handlerNow != nil && handlerNow! >= before)
        // After unregistering, epoll no longer knows the fd (EPOLL_CTL_DEL again fails).
        #expect(throws: SystemError("epoll_ctl del", errno: ENOENT, subject: "fd \(pipeFDs[0])")) {
            try loop.unregister(fd: pipeFDs[0])
        }
    }

    @Test func eventForFDUnregisteredEarlierInSameIterationIsDropped() throws {
        let loop = try EventLoop()
        var a: [Int32] = [0, 0]
        var b: [Int32] = [0, 0]
        #expect(pipe2(&a, O_NONBLOCK | O_CLOEXEC) == 0)
        #expect(pipe2(&b, O_NONBLOCK | O_CLOEXEC) == 0)
        defer { close(a[0]); close(a[1]); close(b[0]); close(b[1]) }
        var calls: [String] = []
        // Whichever handler runs first unregisters the other: exactly one may run.
        try loop.register(fd: a[0], events: .readable) { _ in
            calls.append("a")
            try? loop.unregister(fd: b[0])
        }
        try loop.register(fd: b[0], events: .readable) { _ in
            calls.append("b")
            try? loop.unregister(fd: a[0])
        }
        #expect(write(a[1], "x", 1) == 1)
        #expect(write(b[1], "x", 1) == 1)
        try loop.runOnce(timeoutCap: .milliseconds(100))
        #expect(calls.count == 1)
    }

    @Test func modifyToWritable() throws {
        let loop = try EventLoop()
        var pipeFDs: [Int32] = [0, 0]
        #expect(pipe2(&pipeFDs, O_NONBLOCK | O_CLOEXEC) == 0)
        defer { close(pipeFDs[0]); close(pipeFDs[1]) }
        var events: [IOEvents] = []
        try loop.register(fd: pipeFDs[1], events: []) { ready in events.append(ready) }
        try loop.runOnce(timeoutCap: .milliseconds(10))
        #expect(events.isEmpty)
        try loop.modify(fd: pipeFDs[1], events: .writable)
        try loop.runOnce(timeoutCap: .milliseconds(100))
        #expect(events == [.writable])
        try loop.unregister(fd: pipeFDs[1])
    }
}
