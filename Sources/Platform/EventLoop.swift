import CLinux

/// The one event loop of the process: epoll for file descriptors, a `TimerQueue` for deadlines.
///
/// Single-threaded by design: handlers run on the thread that called `run()`, one at a time, so
/// engines need no locks. The clock is read once per iteration and published as `now`, so every
/// handler of one iteration sees the same instant and engines get it as a parameter.
///
/// Handlers may register, unregister, schedule and cancel while being dispatched: each
/// registration carries a key that is never reused, so an event already fetched for an fd that
/// was unregistered (or closed and reused by a new registration) in the same iteration is dropped
/// instead of reaching the wrong handler.
///
/// Handlers and timer actions usually capture the loop (to stop it, to re-arm): that is a
/// reference cycle, by design — the loop lives as long as the process, and Embedded Swift has no
/// `weak` to avoid it.
public final class EventLoop {
    public typealias IOHandler = (IOEvents) -> Void
    public typealias TimerAction = () -> Void

    private let epollFD: Int32
    private var handlers: [UInt64: IOHandler] = [:]
    private var keyForFD: [Int32: UInt64] = [:]
    private var nextKey: UInt64 = 1
    private var timers = TimerQueue<TimerAction>()
    private var stopRequested = false
    private var events: [epoll_event]

    /// The instant read when the current iteration woke up (or at `init`).
    public private(set) var now: Instant

    public init(maxEventsPerWait: Int = 64) throws(SystemError) {
        let fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw SystemError.last("epoll_create1") }
        epollFD = fd
        events = Array(repeating: epoll_event(), count: max(1, maxEventsPerWait))
        now = MonotonicClock.now()
    }

    deinit {
        close(epollFD)
    }

    // MARK: file descriptors

    /// Watches `fd` (level-triggered) and calls `handler` with the ready events. The loop does not
    /// own the fd: unregister it before closing it.
    public func register(fd: Int32, events wanted: IOEvents, handler: @escaping IOHandler) throws(SystemError) {
        let key = nextKey
        var event = epoll_event()
        event.events = wanted.rawValue
        event.data.u64 = key
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else {
            throw SystemError.last("epoll_ctl add", subject: "fd \(fd)")
        }
        nextKey += 1
        handlers[key] = handler
        keyForFD[fd] = key
    }

    /// Changes the events watched for a registered fd (e.g. add `.writable` while output is queued).
    public func modify(fd: Int32, events wanted: IOEvents) throws(SystemError) {
        guard let key = keyForFD[fd] else { throw SystemError("epoll_ctl mod", errno: ENOENT, subject: "fd \(fd)") }
        var event = epoll_event()
        event.events = wanted.rawValue
        event.data.u64 = key
        guard epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &event) == 0 else {
            throw SystemError.last("epoll_ctl mod", subject: "fd \(fd)")
        }
    }

    /// Stops watching `fd`; events already fetched for it in this iteration are dropped.
    public func unregister(fd: Int32) throws(SystemError) {
        guard let key = keyForFD.removeValue(forKey: fd) else {
            throw SystemError("epoll_ctl del", errno: ENOENT, subject: "fd \(fd)")
        }
        handlers[key] = nil
        guard epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil) == 0 else {
            throw SystemError.last("epoll_ctl del", subject: "fd \(fd)")
        }
    }

    // MARK: timers

    /// Runs `action` once, `delay` after the current iteration's `now`.
    @discardableResult
    public func schedule(after delay: Duration, _ action: @escaping TimerAction) -> TimerID {
        timers.schedule(at: now + delay, action)
    }

    /// Runs `action` once at or after `deadline`.
    @discardableResult
    public func schedule(at deadline: Instant, _ action: @escaping TimerAction) -> TimerID {
        timers.schedule(at: deadline, action)
    }

    /// Cancels a pending timer; returns false if it already ran or was cancelled.
    @discardableResult
    public func cancel(_ id: TimerID) -> Bool {
        timers.cancel(id) != nil
    }

    // MARK: running

    /// Makes `run()` return after the current iteration's handlers.
    public func stop() {
        stopRequested = true
    }

    /// Dispatches IO and timers until `stop()` is called.
    public func run() throws(SystemError) {
        stopRequested = false
        while !stopRequested {
            try runOnce(timeoutCap: nil)
        }
    }

    /// One iteration: waits for IO until the next timer is due (at most `timeoutCap`, if given),
    /// reads the clock, dispatches ready fds, then the timers due at `now`.
    public func runOnce(timeoutCap: Duration? = nil) throws(SystemError) {
        let timeout = pollTimeout(cap: timeoutCap)
        let ready = events.withUnsafeMutableBufferPointer { buffer in
            epoll_wait(epollFD, buffer.baseAddress, Int32(buffer.count), timeout)
        }
        if ready < 0 && mc_errno() != EINTR { throw SystemError.last("epoll_wait") }
        now = MonotonicClock.now()

        for index in 0..<max(0, Int(ready)) {
            let key = events[index].data.u64
            guard let handler = handlers[key] else { continue }
            handler(IOEvents(rawValue: events[index].events))
        }

        // Timers scheduled by these very actions wait for the next iteration (whose timeout
        // will be zero if they are already due), so a zero-delay re-arm cannot starve IO. Ties
        // break by id, so once a new timer is first in line no older one is still due.
        let firstNew = timers.nextID
        while let due = timers.popFirstExpired(now: now, scheduledBefore: firstNew) {
            due.token()
        }
    }

    private func pollTimeout(cap: Duration?) -> Int32 {
        var milliseconds: Int64 = -1
        if let deadline = timers.nextDeadline {
            milliseconds = max(0, (deadline - MonotonicClock.now()).totalMillisecondsRoundedUp)
        }
        if let cap {
            let capped = max(0, cap.totalMillisecondsRoundedUp)
            milliseconds = milliseconds < 0 ? capped : min(milliseconds, capped)
        }
        return Int32(clamping: milliseconds)
    }
}
