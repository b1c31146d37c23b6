import Foundation
import Testing
import CLinux
@testable import Platform

@Suite struct TUNInterfaceTests {
    /// A TUN in a private namespace: `ip -j link` shows it with the name we asked for and the
    /// TUN flags; an ICMPv6 echo request written into it is answered by the kernel, and the reply
    /// comes out of the fd as a bare IPv6 packet (IFF_NO_PI: no 4-byte header).
    @Test func createConfigureAndExchangeICMPv6() throws {
        let namespace = "mc-tun-\(getpid())"
        try NetworkNamespace.create(namespace)
        defer { try? NetworkNamespace.delete(namespace) }
        let tun = try NetworkNamespace.run(in: namespace) { () throws(SystemError) -> TUNInterface in
            try TUNInterface(name: "acp_test0")
        }
        #expect(tun.name == "acp_test0")
        let links = try ipJSON(["-n", namespace, "-d", "link", "show", "dev", "acp_test0"])
        let link = try #require(links.first)
        #expect(link["ifname"] as? String == "acp_test0")
        #expect((link["flags"] as? [String])?.contains("NOARP") == true)
        let kind = (link["linkinfo"] as? [String: Any])?["info_kind"] as? String
        #expect(kind == "tun")

        try setup("/usr/sbin/ip", ["netns", "exec", namespace, "sysctl", "-qw", "net.ipv6.conf.acp_test0.accept_dad=0"])
        try setup("/usr/sbin/ip", ["-n", namespace, "addr", "add", "fd00:acb::1/64", "dev", "acp_test0", "nodad"])
        try setup("/usr/sbin/ip", ["-n", namespace, "link", "set", "acp_test0", "up"])
        try waitForAddresses(["fd00:acb::1"], device: "acp_test0", namespace: namespace)

        // Echo request from fd00:acb::2 (a peer behind the TUN) to fd00:acb::1 (the kernel).
        let source = try #require(IPv6Address("fd00:acb::2")).bytes
        let destination = try #require(IPv6Address("fd00:acb::1")).bytes
        var icmp: [UInt8] = [128, 0, 0, 0, 0x12, 0x34, 0, 1]
        let checksum = icmpv6Checksum(source: source, destination: destination, message: icmp)
        icmp[2] = UInt8(checksum >> 8)
        icmp[3] = UInt8(checksum & 0xFF)
        let packet: [UInt8] = [0x60, 0, 0, 0, 0, UInt8(icmp.count), 58, 64] + source + destination + icmp
        // Router solicitations and MLD reports come out too; wait for the echo reply, and send
        // the request again now and then in case the kernel was still bringing the link up.
        var reply: [UInt8]? = nil
        for attempt in 0..<300 where reply == nil {
            if attempt % 50 == 0 { #expect(try tun.write(packet) == .done(packet.count)) }
            if case .done(let bytes) = try tun.read(), bytes.count >= 48, bytes[6] == 58, bytes[40] == 129 {
                reply = bytes
            } else {
                usleep(10_000)
            }
        }
        let echo = try #require(reply)
        #expect(echo[0] >> 4 == 6)
        #expect(Array(echo[8..<24]) == destination)
        #expect(Array(echo[24..<40]) == source)
        #expect(Array(echo[44..<48]) == [0x12, 0x34, 0, 1])
    }

    /// The RFC 4443 §2.3 checksum over the RFC 8200 §8.1 pseudo-header, computed here
    /// independently of the product code.
    private func icmpv6Checksum(source: [UInt8], destination: [UInt8], message: [UInt8]) -> UInt16 {
        var bytes = source + destination
        bytes += [0, 0, UInt8(message.count >> 8), UInt8(message.count & 0xFF), 0, 0, 0, 58]
        bytes += message
        if bytes.count % 2 == 1 { bytes.append(0) }
        var sum: UInt32 = 0
        for index in stride(from: 0, to: bytes.count, by: 2) {
            sum += UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
        }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }

    @Test func tooLongNameIsRejected() {
        #expect(throws: SystemError("TUNSETIFF", errno: EINVAL, subject: "a_name_that_is_too_long")) {
            try TUNInterface(name: "a_name_that_is_too_long")
        }
    }
}
