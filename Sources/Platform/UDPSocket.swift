import CLinux

/// A non-blocking UDP/IPv6 socket (GRASP on 7017, IKEv2 on 500/4500, ESP-in-UDP).
public final class UDPSocket: DatagramSocket {
    public init() throws(SystemError) {
        try super.init(type: MC_SOCK_DGRAM, protocol: Int32(IPPROTO_UDP))
    }
}
