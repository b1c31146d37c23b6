import CLinux

/// A non-blocking listening TCP/IPv6 socket (BRSKI/EST over TLS, the registrar's and MASA's
/// HTTPS). Register it for `.readable` and call `accept()` until `.wouldBlock`.
public final class TCPListener: Socket {
    /// Binds `address` (SO_REUSEADDR, so a restarted daemon gets its port back at once) and listens.
    public init(address: SocketAddress6, device: String? = nil, backlog: Int32 = 64) throws(SystemError) {
        try super.init(type: MC_SOCK_STREAM, protocol: Int32(IPPROTO_TCP))
        try setReuseAddress(true)
        if let device { try bindToDevice(device) }
        try bind(address)
        guard listen(fd, backlog) == 0 else { throw SystemError.last("listen", subject: address.description) }
    }

    /// Accepts one pending connection, already non-blocking and close-on-exec.
    public func accept() throws(SystemError) -> IOResult<(stream: TCPStream, peer: SocketAddress6)> {
        var storage = sockaddr_in6()
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        let client = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                mc_accept4(fd, $0, &length, MC_SOCK_NONBLOCK | MC_SOCK_CLOEXEC)
            }
        }
        if client >= 0 { return .done((TCPStream(adopting: client), SocketAddress6(storage))) }
        let error = mc_errno()
        // ECONNABORTED: the peer gave up between SYN and accept; nothing to hand out, not a failure.
        if isWouldBlock(error) || error == ECONNABORTED { return .wouldBlock }
        throw SystemError("accept4", errno: error)
    }
}
