import CLinux

/// The outcome of reading a stream: bytes, nothing yet, or the peer's orderly close.
public enum StreamRead: Equatable {
    case bytes([UInt8])
    case wouldBlock
    case endOfStream
}

/// A non-blocking connected TCP/IPv6 socket.
public final class TCPStream: Socket {
    private var receiveBuffer: [UInt8] = []

    /// Starts connecting to `peer`; the connection is usable once the fd is writable and
    /// `finishConnect()` does not throw.
    public static func connect(to peer: SocketAddress6, device: String? = nil) throws(SystemError) -> TCPStream {
        let stream = try TCPStream()
        if let device { try stream.bindToDevice(device) }
        let status = peer.withSockaddr { mc_connect(stream.fd, $0, $1) }
        if status != 0 && mc_errno() != EINPROGRESS {
            throw SystemError.last("connect", subject: peer.description)
        }
        return stream
    }

    private init() throws(SystemError) {
        try super.init(type: MC_SOCK_STREAM, protocol: Int32(IPPROTO_TCP))
    }

    override init(adopting fd: Int32) {
        super.init(adopting: fd)
    }

    /// The result of a non-blocking connect (SO_ERROR), once the fd reported writable.
    public func finishConnect() throws(SystemError) {
        let error = try getOption(SOL_SOCKET, SO_ERROR, Int32(0), "SO_ERROR")
        if error != 0 { throw SystemError("connect", errno: error) }
    }

    public func peerAddress() throws(SystemError) -> SocketAddress6 {
        var storage = sockaddr_in6()
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        let status = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { mc_getpeername(fd, $0, &length) }
        }
        guard status == 0 else { throw SystemError.last("getpeername") }
        return SocketAddress6(storage)
    }

    /// Reads what is there, up to `maxSize` bytes, as an exact-size copy out of the stream's
    /// own buffer.
    public func read(maxSize: Int = 16_384) throws(SystemError) -> StreamRead {
        if receiveBuffer.count < maxSize { receiveBuffer = [UInt8](repeating: 0, count: maxSize) }
        let received = receiveBuffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, maxSize, 0) }
        if received < 0 {
            let error = mc_errno()
            if isWouldBlock(error) { return .wouldBlock }
            throw SystemError("recv", errno: error)
        }
        return received == 0 ? .endOfStream : .bytes(Array(receiveBuffer[0..<received]))
    }

    /// Writes what the socket buffer takes now; `.done` carries how many bytes that was.
    /// MSG_NOSIGNAL: a peer that went away is an EPIPE error here, not a SIGPIPE for the process.
    public func write(_ bytes: some Collection<UInt8>) throws(SystemError) -> IOResult<Int> {
        let sent = bytes.withContiguousStorageIfAvailable { buffer in
            send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
        } ?? Array(bytes).withUnsafeBytes { buffer in
            send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
        }
        if sent >= 0 { return .done(sent) }
        let error = mc_errno()
        if isWouldBlock(error) { return .wouldBlock }
        throw SystemError("send", errno: error)
    }

    /// Half-closes the sending side (the peer reads end of stream).
    public func shutdownWrite() throws(SystemError) {
        guard shutdown(fd, Int32(SHUT_WR)) == 0 else { throw SystemError.last("shutdown") }
    }
}
