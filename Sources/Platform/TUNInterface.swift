import CLinux

/// A layer-3 TUN interface (IFF_TUN | IFF_NO_PI): each read or write is one bare IPv6 packet.
/// The userspace ESP data path uses one per neighbour in the ACP namespace.
///
/// The interface exists while the fd is open (it is not persistent) and disappears when the
/// object is released — no cleanup needed after a crash.
public final class TUNInterface {
    public let fd: Int32
    /// The name the kernel gave it (the requested one, or the expansion of a `%d` pattern).
    public let name: String
    private var receiveBuffer: [UInt8] = []

    public init(name requested: String) throws(SystemError) {
        guard requested.utf8.count < Int(IFNAMSIZ) else { throw SystemError("TUNSETIFF", errno: EINVAL, subject: requested) }
        let fd = mc_open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC, 0)
        guard fd >= 0 else { throw SystemError.last("open", subject: "/dev/net/tun") }
        var request = ifreq()
        withUnsafeMutableBytes(of: &request.ifr_ifrn.ifrn_name) { raw in
            for (index, byte) in requested.utf8.enumerated() { raw[index] = byte }
        }
        request.ifr_ifru.ifru_flags = Int16(IFF_TUN | IFF_NO_PI)
        guard mc_ioctl_ptr(fd, MC_TUNSETIFF, &request) == 0 else {
            let failure = SystemError.last("TUNSETIFF", subject: requested)
            close(fd)
            throw failure
        }
        self.fd = fd
        self.name = withUnsafeBytes(of: request.ifr_ifrn.ifrn_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    deinit {
        close(fd)
    }

    /// Reads one packet (at most `maxSize` bytes; the interface MTU bounds it), as an
    /// exact-size copy out of the interface's own buffer.
    public func read(maxSize: Int = 65_535) throws(SystemError) -> IOResult<[UInt8]> {
        if receiveBuffer.count < maxSize { receiveBuffer = [UInt8](repeating: 0, count: maxSize) }
        let got = receiveBuffer.withUnsafeMutableBytes { CLinux.read(fd, $0.baseAddress, maxSize) }
        if got < 0 {
            let error = mc_errno()
            if isWouldBlock(error) { return .wouldBlock }
            throw SystemError("read", errno: error, subject: name)
        }
        return .done(Array(receiveBuffer[0..<got]))
    }

    /// Writes one packet into the kernel as if it arrived on this interface.
    public func write(_ packet: [UInt8]) throws(SystemError) -> IOResult<Int> {
        let written = packet.withUnsafeBytes { CLinux.write(fd, $0.baseAddress, $0.count) }
        if written >= 0 { return .done(written) }
        let error = mc_errno()
        if isWouldBlock(error) { return .wouldBlock }
        throw SystemError("write", errno: error, subject: name)
    }
}
