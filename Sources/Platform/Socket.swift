import CLinux

/// An owned IPv6 socket fd, always non-blocking and close-on-exec; closed when released.
///
/// The event loop does not own sockets: unregister one from the loop before releasing it.
public class Socket {
    public let fd: Int32

    /// Opens an AF_INET6 socket of `type` (MC_SOCK_DGRAM, MC_SOCK_STREAM, MC_SOCK_RAW).
    init(type: Int32, protocol proto: Int32) throws(SystemError) {
        let fd = socket(AF_INET6, type | MC_SOCK_NONBLOCK | MC_SOCK_CLOEXEC, proto)
        guard fd >= 0 else { throw SystemError.last("socket") }
        self.fd = fd
    }

    /// Adopts an fd that is already non-blocking and close-on-exec (from accept4).
    init(adopting fd: Int32) {
        self.fd = fd
    }

    deinit {
        close(fd)
    }

    public func bind(_ address: SocketAddress6) throws(SystemError) {
        let status = address.withSockaddr { mc_bind(fd, $0, $1) }
        guard status == 0 else { throw SystemError.last("bind", subject: address.description) }
    }

    /// SO_BINDTODEVICE: only traffic of this interface reaches the socket and sends leave through
    /// it — what keeps link-local peers on different links apart.
    public func bindToDevice(_ name: String) throws(SystemError) {
        let status = name.withCString { pointer in
            setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, pointer, socklen_t(strlen(pointer)))
        }
        guard status == 0 else { throw SystemError.last("setsockopt SO_BINDTODEVICE", subject: name) }
    }

    public func setReuseAddress(_ on: Bool) throws(SystemError) {
        try setOption(SOL_SOCKET, SO_REUSEADDR, Int32(on ? 1 : 0), "SO_REUSEADDR")
    }

    /// IPV6_V6ONLY: the ACP is IPv6-only, so never accept v4-mapped peers by accident.
    public func setV6Only(_ on: Bool) throws(SystemError) {
        try setOption(Int32(IPPROTO_IPV6), IPV6_V6ONLY, Int32(on ? 1 : 0), "IPV6_V6ONLY")
    }

    /// The bound address (getsockname), e.g. the port the kernel chose for port 0.
    public func localAddress() throws(SystemError) -> SocketAddress6 {
        var storage = sockaddr_in6()
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        let status = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { mc_getsockname(fd, $0, &length) }
        }
        guard status == 0 else { throw SystemError.last("getsockname") }
        return SocketAddress6(storage)
    }

    final func setOption<T>(_ level: Int32, _ name: Int32, _ value: T, _ label: String) throws(SystemError) {
        let status = withUnsafeBytes(of: value) { raw in
            setsockopt(fd, level, name, raw.baseAddress, socklen_t(raw.count))
        }
        guard status == 0 else { throw SystemError.last("setsockopt \(label)") }
    }

    final func getOption<T>(_ level: Int32, _ name: Int32, _ initial: T, _ label: String) throws(SystemError) -> T {
        var value = initial
        var length = socklen_t(MemoryLayout<T>.size)
        let status = withUnsafeMutableBytes(of: &value) { raw in
            getsockopt(fd, level, name, raw.baseAddress, &length)
        }
        guard status == 0 else { throw SystemError.last("getsockopt \(label)") }
        return value
    }
}
