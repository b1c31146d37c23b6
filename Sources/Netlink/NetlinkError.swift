import Platform

/// Everything that can go wrong talking netlink, typed so callers can match on it.
///
/// The kernel's refusals keep their errno (EEXIST when an address or link is already there, ENODEV
/// for an unknown interface, EPERM without CAP_NET_ADMIN) so the ACP can decide "already done"
/// versus "really failed" without reading text.
public enum NetlinkError: Error, Equatable, CustomStringConvertible {
    /// The kernel answered NLMSG_ERROR with a nonzero code. `request` says which request (e.g.
    /// "RTM_NEWADDR ifindex 7"), followed by the kernel's extended-ACK text when it sent one.
    case kernel(errno: Int32, request: String)
    /// A message, attribute or structure is shorter than its header or layout requires.
    case truncated(what: String, needed: Int, available: Int)
    /// Bytes that cannot be a valid message (bad length field, wrong attribute size, …).
    case malformed(String)
    /// The kernel answered something the request does not allow (wrong type, no ACK …).
    case unexpectedReply(String)
    /// A socket call failed.
    case system(SystemError)

    /// The errno carried by a kernel refusal or a failed socket call, if any.
    public var errno: Int32? {
        switch self {
        case .kernel(let errno, _): return errno
        case .system(let error): return error.errno
        case .truncated, .malformed, .unexpectedReply: return nil
        }
    }

    public var description: String {
        switch self {
        case .kernel(let errno, let request):
            return "netlink \(request): \(errnoName(errno)) (\(errno))"
        case .truncated(let what, let needed, let available):
            return "netlink: truncated \(what): need \(needed) bytes, have \(available)"
        case .malformed(let what):
            return "netlink: malformed \(what)"
        case .unexpectedReply(let what):
            return "netlink: unexpected reply: \(what)"
        case .system(let error):
            return error.description
        }
    }
}
