import CLinux

/// What an fd is ready for (requested when registering, reported to its handler).
public struct IOEvents: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    public static let readable = IOEvents(rawValue: MC_EPOLLIN)
    public static let writable = IOEvents(rawValue: MC_EPOLLOUT)
    /// Reported whether requested or not (epoll always reports EPOLLERR and EPOLLHUP).
    public static let error = IOEvents(rawValue: MC_EPOLLERR)
    public static let hangup = IOEvents(rawValue: MC_EPOLLHUP)
    /// The peer shut down its writing side (TCP half-close).
    public static let peerClosed = IOEvents(rawValue: MC_EPOLLRDHUP)
}
