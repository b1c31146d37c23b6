import CLinux

/// An IPv6 socket address: address, port, and the scope id (interface index) that makes a
/// link-local address usable — the same fe80:: address can exist on every link.
public struct SocketAddress6: Hashable, Sendable, CustomStringConvertible {
    public var address: IPv6Address
    public var port: UInt16
    /// Interface index for link-local and multicast link-scope addresses, 0 otherwise.
    public var scopeID: UInt32

    public init(address: IPv6Address, port: UInt16, scopeID: UInt32 = 0) {
        self.address = address
        self.port = port
        self.scopeID = scopeID
    }

    public init(_ storage: sockaddr_in6) {
        address = IPv6Address(storage.sin6_addr)
        port = UInt16(bigEndian: storage.sin6_port)
        scopeID = storage.sin6_scope_id
    }

    public var sockaddr: sockaddr_in6 {
        var storage = sockaddr_in6()
        storage.sin6_family = sa_family_t(AF_INET6)
        storage.sin6_port = port.bigEndian
        storage.sin6_addr = address.in6
        storage.sin6_scope_id = scopeID
        return storage
    }

    /// `[addr%scope]:port`, the usual URL-like form (scope as a number: names change, indexes are
    /// what the kernel holds).
    public var description: String {
        let scope = scopeID == 0 ? "" : "%\(scopeID)"
        return "[\(address)\(scope)]:\(port)"
    }

    /// Calls `body` with this address as a `sockaddr` pointer and its length, for bind/connect/sendto.
    func withSockaddr<T>(_ body: (UnsafePointer<CLinux.sockaddr>, socklen_t) -> T) -> T {
        var storage = sockaddr
        return withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: CLinux.sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
        }
    }
}
