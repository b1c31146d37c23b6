import CLinux

/// A non-blocking raw IPv6 socket for one next-header value: ICMPv6 (58) for RPL control
/// messages, ESP (50) for the userspace data path. Received bytes start after the IPv6 header.
public final class RawSocket: DatagramSocket {
    public let ipProtocol: Int32

    public init(protocol ipProtocol: Int32) throws(SystemError) {
        self.ipProtocol = ipProtocol
        try super.init(type: MC_SOCK_RAW, protocol: ipProtocol)
    }

    /// ICMP6_FILTER: deliver only these ICMPv6 types (e.g. 155 for RPL), so the socket is not
    /// woken by every ND and echo packet on the host. Only for ICMPv6 sockets.
    public func setICMPv6Filter(passing types: [UInt8]) throws(SystemError) {
        // RFC 3542 §3.2 semantics as Linux implements them: a set bit blocks the type.
        var filter = icmp6_filter()
        withUnsafeMutableBytes(of: &filter) { raw in
            for index in 0..<raw.count { raw[index] = 0xFF }
            for type in types {
                let word = Int(type >> 5)
                let bit = UInt32(1) << UInt32(type & 31)
                let offset = word * 4
                var value = raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
                value &= ~bit
                raw.storeBytes(of: value, toByteOffset: offset, as: UInt32.self)
            }
        }
        try setOption(Int32(IPPROTO_ICMPV6), ICMP6_FILTER, filter, "ICMP6_FILTER")
    }
}
