import CBOR
import Platform

/// Why an incoming message (or one objective of it) was dropped. Counted per reason; the first
/// few of each burst are logged with sender and interface.
public enum DropReason: Int, CaseIterable, Sendable {
    case malformed
    case tooLarge
    case unknownMessageType
    case unexpectedMessageType
    case fromSelf
    case locatorMismatch
    case notLinkLocal
    case loopCountZero
    case absurdTTL
    case tableFull
    case duplicate
    case sessionCollision
    case unknownSession
    case rateLimited

    public var name: String {
        switch self {
        case .malformed: "malformed"
        case .tooLarge: "too-large"
        case .unknownMessageType: "unknown-message-type"
        case .unexpectedMessageType: "unexpected-message-type"
        case .fromSelf: "from-self"
        case .locatorMismatch: "locator-mismatch"
        case .notLinkLocal: "not-link-local"
        case .loopCountZero: "loop-count-zero"
        case .absurdTTL: "absurd-ttl"
        case .tableFull: "table-full"
        case .duplicate: "duplicate"
        case .sessionCollision: "session-collision"
        case .unknownSession: "unknown-session"
        case .rateLimited: "rate-limited"
        }
    }

    static func of(_ error: GraspError) -> DropReason {
        switch error {
        case .tooLarge: .tooLarge
        case .unknownMessageType: .unknownMessageType
        case .malformedCBOR, .wrongElementCount, .badField: .malformed
        }
    }
}

/// Drop counters and a log rate limit: a flood of garbage from one port costs a counter
/// increment, not a log line each (at most `burst` lines per `window`, then one summary).
public struct DropLog {
    public private(set) var counts: [Int] = Array(repeating: 0, count: DropReason.allCases.count)
    let burst: Int
    let window: Duration
    private var windowStart: Instant?
    private var linesInWindow = 0
    private var suppressed = 0

    public init(burst: Int = 10, window: Duration = .seconds(60)) {
        self.burst = burst
        self.window = window
    }

    public func count(_ reason: DropReason) -> Int { counts[reason.rawValue] }

    public var total: Int { counts.reduce(0, +) }

    /// Counts a drop that is normal enough not to be worth a log line (flood copies in a mesh).
    mutating func countQuietly(_ reason: DropReason) {
        counts[reason.rawValue] += 1
    }

    /// Counts the drop; returns the log line to emit, if the rate limit allows one.
    mutating func record(_ reason: DropReason, detail: String, from source: GraspSource, now: Instant) -> String? {
        counts[reason.rawValue] += 1
        var prefix = ""
        if let start = windowStart, now - start < window {
            guard linesInWindow < burst else {
                suppressed += 1
                return nil
            }
        } else {
            if suppressed > 0 { prefix = "grasp: \(suppressed) more drops not logged; " }
            windowStart = now
            linesInWindow = 0
            suppressed = 0
        }
        linesInWindow += 1
        return "\(prefix)grasp: dropped from \(source.address)%\(source.interface): \(reason.name) \(detail)"
    }
}
