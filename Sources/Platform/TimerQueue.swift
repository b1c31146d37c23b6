/// Identifies one scheduled timer, for cancelling it. Never reused within a queue.
public struct TimerID: Hashable, Comparable, Sendable {
    public let rawValue: UInt64

    public static func < (lhs: TimerID, rhs: TimerID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Pending deadlines in order, without any IO or clock: the event loop asks it for the next
/// deadline (its poll timeout) and for the timers that are due at the instant it read.
///
/// A binary min-heap on (deadline, id) gives O(log n) schedule and pop; ids increase, so timers
/// with equal deadlines fire in the order they were scheduled (FIFO). Cancelling only drops the
/// token (O(1)); the stale heap entry is skipped when it surfaces, and the heap is rebuilt when
/// stale entries outnumber live ones, so a protocol that re-arms a timer on every packet cannot
/// grow it without bound.
public struct TimerQueue<Token> {
    private struct Entry {
        var deadline: Instant
        var id: TimerID

        func precedes(_ other: Entry) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : id < other.id
        }
    }

    private var heap: [Entry] = []
    private var tokens: [TimerID: Token] = [:]
    private var nextRawID: UInt64 = 1

    public init() {}

    /// Number of timers scheduled and neither fired nor cancelled.
    public var count: Int { tokens.count }

    public var isEmpty: Bool { tokens.isEmpty }

    /// Heap entries held, cancelled ones included: what the rebuild rule keeps bounded.
    var storedEntries: Int { heap.count }

    /// The id the next `schedule` call will return; everything scheduled earlier has a smaller id.
    public var nextID: TimerID { TimerID(rawValue: nextRawID) }

    /// The earliest pending deadline, or nil when nothing is scheduled.
    public var nextDeadline: Instant? { heap.first?.deadline }

    @discardableResult
    public mutating func schedule(at deadline: Instant, _ token: Token) -> TimerID {
        let id = TimerID(rawValue: nextRawID)
        nextRawID += 1
        tokens[id] = token
        heap.append(Entry(deadline: deadline, id: id))
        siftUp(heap.count - 1)
        return id
    }

    /// Cancels a pending timer and returns its token; nil if it already fired or was cancelled.
    @discardableResult
    public mutating func cancel(_ id: TimerID) -> Token? {
        guard let token = tokens.removeValue(forKey: id) else { return nil }
        dropStaleTop()
        if heap.count > 2 * tokens.count + 32 { rebuild() }
        return token
    }

    /// Removes and returns the earliest timer whose deadline is at or before `now`; with
    /// `scheduledBefore`, only if it was scheduled before that id (see `EventLoop.runOnce`).
    public mutating func popFirstExpired(now: Instant, scheduledBefore limit: TimerID? = nil) -> (id: TimerID, token: Token)? {
        guard let top = heap.first, top.deadline <= now else { return nil }
        if let limit, top.id >= limit { return nil }
        removeTop()
        // dropStaleTop() keeps the top live, so the token is present.
        guard let token = tokens.removeValue(forKey: top.id) else { return nil }
        dropStaleTop()
        return (top.id, token)
    }

    /// Removes and returns every timer due at `now`, earliest first (FIFO among equal deadlines).
    public mutating func popExpired(now: Instant) -> [(id: TimerID, token: Token)] {
        var due: [(id: TimerID, token: Token)] = []
        while let next = popFirstExpired(now: now) { due.append(next) }
        return due
    }

    // MARK: heap

    private mutating func dropStaleTop() {
        while let top = heap.first, tokens[top.id] == nil { removeTop() }
    }

    private mutating func removeTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        siftDown(0)
    }

    private mutating func rebuild() {
        let live = tokens
        heap.removeAll { live[$0.id] == nil }
        var index = heap.count / 2
        while index > 0 {
            index -= 1
            siftDown(index)
        }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            let right = left + 1
            if right < heap.count && heap[right].precedes(heap[left]) { smallest = right }
            guard heap[smallest].precedes(heap[parent]) else { return }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
    }
}
