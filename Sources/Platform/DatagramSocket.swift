import CLinux

/// One received datagram with what the kernel knows about its arrival.
public struct Datagram {
    public var bytes: [UInt8]
    public var source: SocketAddress6
    /// The address it was sent to (IPV6_PKTINFO): tells multicast (ff02::13, ff02::1a) from unicast.
    public var destination: IPv6Address?
    /// The interface it arrived on (IPV6_PKTINFO), 0 if packet info is off.
    public var interfaceIndex: UInt32
    /// The IPv6 hop limit it arrived with (IPV6_RECVHOPLIMIT), for link-local-only checks.
    public var hopLimit: Int32?
    /// The datagram was longer than the receive buffer and was cut (MSG_TRUNC).
    public var truncated: Bool
}

/// What UDP and raw IPv6 sockets share: multicast membership and options, packet info, and
/// sendto/recvmsg with ancillary data.
public class DatagramSocket: Socket {
    private var receiveBuffer: [UInt8] = []

    /// IPV6_JOIN_GROUP on one interface: GRASP's ff02::13 and RPL's ff02::1a are per link.
    public func joinMulticast(_ group: IPv6Address, interfaceIndex: UInt32) throws(SystemError) {
        var request = ipv6_mreq()
        request.ipv6mr_multiaddr = group.in6
        request.ipv6mr_interface = interfaceIndex
        try setOption(Int32(IPPROTO_IPV6), IPV6_JOIN_GROUP, request, "IPV6_JOIN_GROUP \(group)%\(interfaceIndex)")
    }

    public func leaveMulticast(_ group: IPv6Address, interfaceIndex: UInt32) throws(SystemError) {
        var request = ipv6_mreq()
        request.ipv6mr_multiaddr = group.in6
        request.ipv6mr_interface = interfaceIndex
        try setOption(Int32(IPPROTO_IPV6), IPV6_LEAVE_GROUP, request, "IPV6_LEAVE_GROUP \(group)%\(interfaceIndex)")
    }

    /// IPV6_MULTICAST_IF: the interface multicast sends leave through.
    public func setMulticastInterface(_ interfaceIndex: UInt32) throws(SystemError) {
        try setOption(Int32(IPPROTO_IPV6), IPV6_MULTICAST_IF, Int32(bitPattern: interfaceIndex), "IPV6_MULTICAST_IF")
    }

    /// IPV6_MULTICAST_HOPS: 1 keeps link-local protocols (DULL GRASP) on the link.
    public func setMulticastHops(_ hops: Int32) throws(SystemError) {
        try setOption(Int32(IPPROTO_IPV6), IPV6_MULTICAST_HOPS, hops, "IPV6_MULTICAST_HOPS")
    }

    /// IPV6_MULTICAST_LOOP: whether our own multicast comes back to sockets on this host.
    public func setMulticastLoop(_ on: Bool) throws(SystemError) {
        try setOption(Int32(IPPROTO_IPV6), IPV6_MULTICAST_LOOP, Int32(on ? 1 : 0), "IPV6_MULTICAST_LOOP")
    }

    /// IPV6_UNICAST_HOPS: hop limit of unicast sends (255 for RPL/ND-style link checks).
    public func setUnicastHops(_ hops: Int32) throws(SystemError) {
        try setOption(Int32(IPPROTO_IPV6), IPV6_UNICAST_HOPS, hops, "IPV6_UNICAST_HOPS")
    }

    /// IPV6_RECVPKTINFO: fill `Datagram.destination` and `interfaceIndex`.
    public func setReceivePacketInfo(_ on: Bool) throws(SystemError) {
        try setOption(Int32(IPPROTO_IPV6), IPV6_RECVPKTINFO, Int32(on ? 1 : 0), "IPV6_RECVPKTINFO")
    }

    /// IPV6_RECVHOPLIMIT: fill `Datagram.hopLimit`.
    public func setReceiveHopLimit(_ on: Bool) throws(SystemError) {
        try setOption(Int32(IPPROTO_IPV6), IPV6_RECVHOPLIMIT, Int32(on ? 1 : 0), "IPV6_RECVHOPLIMIT")
    }

    /// Sends one datagram; `.done` carries the bytes sent.
    public func send(_ bytes: [UInt8], to destination: SocketAddress6) throws(SystemError) -> IOResult<Int> {
        let sent = destination.withSockaddr { address, length in
            bytes.withUnsafeBytes { buffer in
                mc_sendto(fd, buffer.baseAddress, buffer.count, 0, address, length)
            }
        }
        if sent >= 0 { return .done(sent) }
        let error = mc_errno()
        if isWouldBlock(error) { return .wouldBlock }
        throw SystemError("sendto", errno: error, subject: destination.description)
    }

    /// Sends one datagram from a chosen source address, and out of a chosen interface if
    /// `interfaceIndex` is not 0 (IPV6_PKTINFO): a socket bound to `::` answers from the address
    /// the request arrived at (IKEv2 requires it; RFC 7296 §2.11), and link-local sends pick
    /// their link.
    public func send(_ bytes: [UInt8], to destination: SocketAddress6, from source: IPv6Address,
                     interfaceIndex: UInt32 = 0) throws(SystemError) -> IOResult<Int> {
        var info = in6_pktinfo()
        info.ipi6_addr = source.in6
        info.ipi6_ifindex = numericCast(interfaceIndex)
        var control = [UInt8](repeating: 0, count: mc_cmsg_space(MemoryLayout<in6_pktinfo>.size))
        var target = destination.sockaddr
        let sent = withUnsafeMutablePointer(to: &target) { targetPointer in
            control.withUnsafeMutableBytes { controlBuffer in
                bytes.withUnsafeBytes { payload in
                    var vector = iovec(iov_base: UnsafeMutableRawPointer(mutating: payload.baseAddress), iov_len: payload.count)
                    return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                        var message = msghdr()
                        message.msg_name = UnsafeMutableRawPointer(targetPointer)
                        message.msg_namelen = socklen_t(MemoryLayout<sockaddr_in6>.size)
                        message.msg_iov = vectorPointer
                        message.msg_iovlen = 1
                        message.msg_control = controlBuffer.baseAddress
                        message.msg_controllen = numericCast(controlBuffer.count)
                        if let header = mc_cmsg_firsthdr(&message), let data = mc_cmsg_data(header) {
                            header.pointee.cmsg_level = Int32(IPPROTO_IPV6)
                            header.pointee.cmsg_type = IPV6_PKTINFO
                            header.pointee.cmsg_len = numericCast(mc_cmsg_len(MemoryLayout<in6_pktinfo>.size))
                            UnsafeMutableRawPointer(data).storeBytes(of: info, as: in6_pktinfo.self)
                        }
                        return sendmsg(fd, &message, 0)
                    }
                }
            }
        }
        if sent >= 0 { return .done(sent) }
        let error = mc_errno()
        if isWouldBlock(error) { return .wouldBlock }
        throw SystemError("sendmsg", errno: error, subject: "\(source) -> \(destination)")
    }

    /// Receives one datagram of at most `maxSize` bytes (longer ones are cut and marked
    /// `truncated`). The kernel writes into a buffer kept by the socket, and the datagram gets an
    /// exact-size copy, so a queue of small packets does not hold 64 KiB each.
    public func receive(maxSize: Int = 65_535) throws(SystemError) -> IOResult<Datagram> {
        if receiveBuffer.count < maxSize { receiveBuffer = [UInt8](repeating: 0, count: maxSize) }
        var source = sockaddr_in6()
        // Room for IPV6_PKTINFO and IPV6_HOPLIMIT, the two we ask for.
        var control = [UInt8](repeating: 0, count: mc_cmsg_space(MemoryLayout<in6_pktinfo>.size) + mc_cmsg_space(MemoryLayout<Int32>.size))
        var flags: Int32 = 0
        var datagram = Datagram(
            bytes: [], source: SocketAddress6(address: .unspecified, port: 0), destination: nil,
            interfaceIndex: 0, hopLimit: nil, truncated: false)
        let received = withUnsafeMutablePointer(to: &source) { sourcePointer in
            control.withUnsafeMutableBytes { controlBuffer in
                receiveBuffer.withUnsafeMutableBytes { payload in
                    var vector = iovec(iov_base: payload.baseAddress, iov_len: maxSize)
                    return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                        var message = msghdr()
                        message.msg_name = UnsafeMutableRawPointer(sourcePointer)
                        message.msg_namelen = socklen_t(MemoryLayout<sockaddr_in6>.size)
                        message.msg_iov = vectorPointer
                        message.msg_iovlen = 1
                        message.msg_control = controlBuffer.baseAddress
                        message.msg_controllen = numericCast(controlBuffer.count)
                        let result = recvmsg(fd, &message, 0)
                        if result >= 0 {
                            flags = message.msg_flags
                            Self.readControl(&message, into: &datagram)
                        }
                        return result
                    }
                }
            }
        }
        if received < 0 {
            let error = mc_errno()
            if isWouldBlock(error) { return .wouldBlock }
            throw SystemError("recvmsg", errno: error)
        }
        datagram.bytes = Array(receiveBuffer[0..<received])
        datagram.source = SocketAddress6(source)
        datagram.truncated = flags & Int32(MSG_TRUNC) != 0
        return .done(datagram)
    }

    private static func readControl(_ message: inout msghdr, into datagram: inout Datagram) {
        var header = mc_cmsg_firsthdr(&message)
        while let current = header {
            let level = current.pointee.cmsg_level
            let type = current.pointee.cmsg_type
            if let data = mc_cmsg_data(current), level == Int32(IPPROTO_IPV6) {
                if type == IPV6_PKTINFO {
                    let info = UnsafeRawPointer(data).loadUnaligned(as: in6_pktinfo.self)
                    datagram.destination = IPv6Address(info.ipi6_addr)
                    datagram.interfaceIndex = UInt32(info.ipi6_ifindex)
                } else if type == IPV6_HOPLIMIT {
                    datagram.hopLimit = UnsafeRawPointer(data).loadUnaligned(as: Int32.self)
                }
            }
            header = mc_cmsg_nxthdr(&message, current)
        }
    }
}
