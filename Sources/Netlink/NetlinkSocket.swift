import CLinux
import Platform

/// An AF_NETLINK socket: sequence numbers, the send / read-until-ACK loop, and multi-part dumps.
///
/// Request sockets are blocking with a receive timeout (a kernel that never answers must not hang
/// the event loop forever); listener sockets are non-blocking and read by `receive()` until it
/// returns nil.
public final class NetlinkSocket {
    public let fd: Int32
    /// nl_pid the kernel assigned at bind time; replies carry it.
    public let portID: UInt32
    private var sequence: UInt32 = 0
    /// NLMSG_GOODSIZE is about a page; 64 KiB holds any single datagram rtnetlink or XFRM sends.
    private var buffer = [UInt8](repeating: 0, count: 65536)

    /// - Parameters:
    ///   - protocol: NETLINK_ROUTE or NETLINK_XFRM.
    ///   - groups: multicast groups to join (RTMGRP_* bits) for an event listener.
    public init(protocol netlinkProtocol: Int32, groups: UInt32 = 0, nonBlocking: Bool = false,
                timeoutSeconds: Int = 5) throws(NetlinkError) {
        let type = MC_SOCK_RAW | MC_SOCK_CLOEXEC | (nonBlocking ? MC_SOCK_NONBLOCK : 0)
        let fd = socket(AF_NETLINK, type, netlinkProtocol)
        guard fd >= 0 else { throw .system(.last("socket", subject: "AF_NETLINK \(netlinkProtocol)")) }
        do throws(NetlinkError) {
            // Extended ACKs give the kernel's reason ("Unknown device type"); capped ACKs keep it
            // from echoing whole requests back. Kernels without them simply ignore the options.
            Self.enable(fd, option: NETLINK_EXT_ACK)
            Self.enable(fd, option: NETLINK_CAP_ACK)
            if !nonBlocking {
                var timeout = timeval(tv_sec: time_t(timeoutSeconds), tv_usec: 0)
                guard setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
                    throw .system(.last("setsockopt", subject: "SO_RCVTIMEO"))
                }
            }
            var address = sockaddr_nl()
            address.nl_family = sa_family_t(AF_NETLINK)
            address.nl_groups = groups
            var length = socklen_t(MemoryLayout<sockaddr_nl>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                    mc_bind(fd, raw, length) == 0 && mc_getsockname(fd, raw, &length) == 0
                }
            }
            guard bound else { throw .system(.last("bind", subject: "AF_NETLINK \(netlinkProtocol)")) }
            self.fd = fd
            self.portID = address.nl_pid
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    private static func enable(_ fd: Int32, option: Int32) {
        var on: Int32 = 1
        _ = setsockopt(fd, SOL_NETLINK, option, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    /// The next sequence number; 0 is skipped because kernel events carry it.
    public func nextSequence() -> UInt32 {
        sequence = sequence == UInt32.max ? 1 : sequence + 1
        return sequence
    }

    /// Sends one message to the kernel (nl_pid 0).
    public func send(_ message: NetlinkMessage) throws(NetlinkError) {
        let bytes = message.emit()
        var kernel = sockaddr_nl()
        kernel.nl_family = sa_family_t(AF_NETLINK)
        while true {
            let sent = withUnsafePointer(to: &kernel) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    bytes.withUnsafeBytes { raw in
                        mc_sendto(fd, raw.baseAddress, raw.count, 0, address, socklen_t(MemoryLayout<sockaddr_nl>.size))
                    }
                }
            }
            if sent == bytes.count { return }
            if sent < 0 && mc_errno() == EINTR { continue }
            if sent >= 0 { throw .unexpectedReply("sendto wrote \(sent) of \(bytes.count) bytes") }
            throw .system(.last("sendto", subject: "netlink"))
        }
    }

    /// Reads one datagram and splits it into messages; nil when nothing is waiting on a
    /// non-blocking socket. ENOBUFS (the kernel dropped events for us) is thrown as `.system`.
    public func receive() throws(NetlinkError) -> [NetlinkMessage]? {
        while true {
            let capacity = buffer.count
            let received = buffer.withUnsafeMutableBytes { raw in
                recv(fd, raw.baseAddress, capacity, Int32(MSG_TRUNC))
            }
            if received < 0 {
                let errno = mc_errno()
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { return nil }
                throw .system(SystemError("recv", errno: errno, subject: "netlink"))
            }
            guard received <= capacity else {
                throw .truncated(what: "netlink datagram", needed: received, available: capacity)
            }
            return try NetlinkMessage.parseAll(Array(buffer[0..<received]))
        }
    }

    /// Sends a request with NLM_F_ACK and collects the replies that precede the ACK (GET and
    /// ALLOCSPI answers; nothing for NEW/DEL). A nonzero NLMSG_ERROR becomes `.kernel`.
    public func execute(type: UInt16, flags: NetlinkFlags = [], payload: [UInt8],
                        describing request: @autoclosure () -> String) throws(NetlinkError) -> [NetlinkMessage] {
        let sequence = nextSequence()
        try send(NetlinkMessage(type: type, flags: flags.union([.request, .ack]), sequence: sequence,
                                portID: portID, payload: payload))
        var replies: [NetlinkMessage] = []
        while true {
            for message in try receiveBlocking() where message.sequence == sequence {
                switch message.type {
                case NetlinkMessage.error:
                    let acknowledgement = try NetlinkAcknowledgement.parse(message)
                    if acknowledgement.errno != 0 { throw Self.kernelError(acknowledgement, request()) }
                    return replies
                case NetlinkMessage.done:
                    return replies
                case NetlinkMessage.noop:
                    continue
                default:
                    replies.append(message)
                }
            }
        }
    }

    /// A dump (NLM_F_DUMP): every reply up to NLMSG_DONE. A dump the kernel marks interrupted
    /// (NLM_F_DUMP_INTR: the table changed meanwhile) is restarted, a few times at most.
    public func dump(type: UInt16, payload: [UInt8] = [],
                     describing request: @autoclosure () -> String) throws(NetlinkError) -> [NetlinkMessage] {
        var attempts = 0
        while true {
            attempts += 1
            let (replies, interrupted) = try dumpOnce(type: type, payload: payload, describing: request())
            if !interrupted { return replies }
            if attempts == 4 { throw .unexpectedReply("\(request()): dump interrupted \(attempts) times") }
        }
    }

    private func dumpOnce(type: UInt16, payload: [UInt8],
                          describing request: String) throws(NetlinkError) -> ([NetlinkMessage], Bool) {
        let sequence = nextSequence()
        try send(NetlinkMessage(type: type, flags: [.request, .dump], sequence: sequence, portID: portID,
                                payload: payload))
        var replies: [NetlinkMessage] = []
        var interrupted = false
        while true {
            for message in try receiveBlocking() where message.sequence == sequence {
                if message.flags.contains(.dumpInterrupted) { interrupted = true }
                switch message.type {
                case NetlinkMessage.done:
                    // NLMSG_DONE of a dump may carry a negative errno when the dump itself failed.
                    if message.payload.count >= 4 {
                        let code: Int32 = message.payload.native(at: 0)
                        if code < 0 {
                            throw Self.kernelError(NetlinkAcknowledgement(
                                errno: -code, requestType: type, requestSequence: sequence), request)
                        }
                    }
                    return (replies, interrupted)
                case NetlinkMessage.error:
                    let acknowledgement = try NetlinkAcknowledgement.parse(message)
                    if acknowledgement.errno != 0 { throw Self.kernelError(acknowledgement, request) }
                    return (replies, interrupted)
                case NetlinkMessage.noop:
                    continue
                default:
                    replies.append(message)
                }
            }
        }
    }

    /// `receive()` for request sockets: running out of data means the timeout expired.
    private func receiveBlocking() throws(NetlinkError) -> [NetlinkMessage] {
        guard let messages = try receive() else {
            throw .system(SystemError("recv", errno: ETIMEDOUT, subject: "netlink reply"))
        }
        return messages
    }

    private static func kernelError(_ acknowledgement: NetlinkAcknowledgement, _ request: String) -> NetlinkError {
        guard let message = acknowledgement.message, !message.isEmpty else {
            return .kernel(errno: acknowledgement.errno, request: request)
        }
        return .kernel(errno: acknowledgement.errno, request: "\(request) (\(message))")
    }
}
