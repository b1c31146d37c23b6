import CLinux

/// A failed system call: which call, on what, and the errno it left.
///
/// Every Platform and Netlink entry point throws this (typed throws), so callers can match on
/// `errno` (EEXIST, ENODEV, EPERM …) without string parsing.
public struct SystemError: Error, Equatable, CustomStringConvertible {
    /// The call that failed, e.g. "socket" or "setns".
    public var operation: String
    /// The errno value.
    public var errno: Int32
    /// What the call was applied to (an interface, a namespace, a path), when that helps.
    public var subject: String

    public init(_ operation: String, errno: Int32, subject: String = "") {
        self.operation = operation
        self.errno = errno
        self.subject = subject
    }

    /// Captures the current thread's errno right after a failed call.
    public static func last(_ operation: String, subject: String = "") -> SystemError {
        SystemError(operation, errno: mc_errno(), subject: subject)
    }

    public var description: String {
        let what = subject.isEmpty ? operation : "\(operation) \(subject)"
        return "\(what): \(errnoName(errno)) (\(errno))"
    }
}

/// The symbolic name of an errno value, for logs that operators can search for.
public func errnoName(_ value: Int32) -> String {
    switch value {
    case EPERM: return "EPERM"
    case ENOENT: return "ENOENT"
    case ESRCH: return "ESRCH"
    case EINTR: return "EINTR"
    case EIO: return "EIO"
    case EBADF: return "EBADF"
    case EAGAIN: return "EAGAIN"
    case ENOMEM: return "ENOMEM"
    case EACCES: return "EACCES"
    case EBUSY: return "EBUSY"
    case EEXIST: return "EEXIST"
    case ENODEV: return "ENODEV"
    case ENOTDIR: return "ENOTDIR"
    case EINVAL: return "EINVAL"
    case ENOSPC: return "ENOSPC"
    case ERANGE: return "ERANGE"
    case EMSGSIZE: return "EMSGSIZE"
    case EPROTONOSUPPORT: return "EPROTONOSUPPORT"
    case EOPNOTSUPP: return "EOPNOTSUPP"
    case EAFNOSUPPORT: return "EAFNOSUPPORT"
    case EADDRINUSE: return "EADDRINUSE"
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL"
    case ENETDOWN: return "ENETDOWN"
    case ENETUNREACH: return "ENETUNREACH"
    case ECONNREFUSED: return "ECONNREFUSED"
    case ECONNRESET: return "ECONNRESET"
    case ETIMEDOUT: return "ETIMEDOUT"
    case EHOSTUNREACH: return "EHOSTUNREACH"
    case EINPROGRESS: return "EINPROGRESS"
    case ENOBUFS: return "ENOBUFS"
    case EPROTO: return "EPROTO"
    default: return "errno"
    }
}
