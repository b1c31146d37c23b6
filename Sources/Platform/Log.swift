import CLinux

public enum LogLevel: Int, Comparable, Sendable {
    case debug, info, notice, warning, error

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public var name: String {
        switch self {
        case .debug: return "debug"
        case .info: return "info"
        case .notice: return "notice"
        case .warning: return "warning"
        case .error: return "error"
        }
    }
}

/// A line logger for one component ("grasp", "ike", "rpl" …):
/// `<level> <component> <subject>: <message>`, where the subject is a stable name — a
/// neighbour's interface name or address, never a random id — so one peer's story can be grepped
/// out of the journal. No timestamps: journald and syslog add them.
public struct Logger {
    public var component: String
    public var minimumLevel: LogLevel
    private let sink: (String) -> Void

    /// `sink` receives each finished line without the newline; by default it goes to stderr.
    public init(component: String, minimumLevel: LogLevel = .info, sink: @escaping (String) -> Void = Logger.standardError) {
        self.component = component
        self.minimumLevel = minimumLevel
        self.sink = sink
    }

    public func log(_ level: LogLevel, _ subject: String, _ message: String) {
        guard level >= minimumLevel else { return }
        sink("\(level.name) \(component) \(subject.isEmpty ? "-" : subject): \(message)")
    }

    public func debug(_ subject: String, _ message: String) { log(.debug, subject, message) }
    public func info(_ subject: String, _ message: String) { log(.info, subject, message) }
    public func notice(_ subject: String, _ message: String) { log(.notice, subject, message) }
    public func warning(_ subject: String, _ message: String) { log(.warning, subject, message) }
    public func error(_ subject: String, _ message: String) { log(.error, subject, message) }

    /// One write(2) per line, so lines from several loggers never interleave mid-line.
    public static func standardError(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && mc_errno() == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
