import Foundation
import Testing
import CLinux
@testable import Platform

@Suite struct UDPSocketTests {
    private func receiveOne(_ socket: UDPSocket) throws -> Datagram? {
        // Poll with the event loop rather than sleeping: the datagram is already queued on lo.
        let loop = try EventLoop()
        var result: Datagram? = nil
        try loop.register(fd: socket.fd, events: .readable) { _ in
            if case .done(let datagram)? = try? socket.receive() { result = datagram }
            loop.stop()
        }
        loop.schedule(after: .seconds(2)) { loop.stop() }
        try loop.run()
        try loop.unregister(fd: socket.fd)
        return result
    }

    @Test func sendReceiveOnLoopbackWithPacketInfo() throws {
        let receiver = try UDPSocket()
        try receiver.setReceivePacketInfo(true)
        try receiver.setReceiveHopLimit(true)
        try receiver.bind(SocketAddress6(address: .unspecified, port: 0))
        let port = try receiver.localAddress().port
        #expect(port != 0)
        // Nothing queued yet: EAGAIN comes back as a value.
        #expect(try receiver.receive().isWouldBlock)

        let sender = try UDPSocket()
        try sender.bind(SocketAddress6(address: .loopback, port: 0))
        let senderPort = try sender.localAddress().port
        try sender.setUnicastHops(255)
        let payload: [UInt8] = Array("grasp".utf8)
        let sent = try sender.send(payload, to: SocketAddress6(address: .loopback, port: port))
        #expect(sent == .done(5))

        let datagram = try #require(try receiveOne(receiver))
        #expect(datagram.bytes == payload)
        #expect(datagram.source.address == .loopback)
        #expect(datagram.source.port == senderPort)
        #expect(datagram.destination == .loopback)
        #expect(datagram.interfaceIndex == if_nametoindex("lo"))
        #expect(datagram.hopLimit == 255)
        #expect(!datagram.truncated)
    }

    @Test func truncationIsReported() throws {
        let receiver = try UDPSocket()
        try receiver.bind(SocketAddress6(address: .loopback, port: 0))
        let sender = try UDPSocket()
        _ = try sender.send([UInt8](repeating: 7, count: 100), to: try receiver.localAddress())
        var result: IOResult<Datagram> = .wouldBlock
        for _ in 0..<100 {
            result = try receiver.receive(maxSize: 10)
            if case .done = result { break }
            usleep(1000)
        }
        guard case .done(let datagram) = result else { Issue.record("nothing received"); return }
        #expect(datagram.bytes.count == 10)
        #expect(datagram.truncated)
    }

    /// A socket bound to :: answers from a chosen address (IPV6_PKTINFO on send): in a private
    /// netns with two ULAs on lo, the kernel would pick the destination itself as source, so
    /// seeing the other one proves the option took effect.
    @Test func sendFromChosenSourceAddress() throws {
        let namespace = "mc-src-\(getpid())"
        try NetworkNamespace.create(namespace)
        defer { try? NetworkNamespace.delete(namespace) }
        try setup("/usr/sbin/ip", ["-n", namespace, "link", "set", "lo", "up"])
        try setup("/usr/sbin/ip", ["-n", namespace, "addr", "add", "fd00:5::1/64", "dev", "lo", "nodad"])
        try setup("/usr/sbin/ip", ["-n", namespace, "addr", "add", "fd00:5::2/64", "dev", "lo", "nodad"])
        try waitForAddresses(["fd00:5::1", "fd00:5::2"], device: "lo", namespace: namespace)
        let first = try #require(IPv6Address("fd00:5::1"))
        let second = try #require(IPv6Address("fd00:5::2"))
        let (receiver, sender) = try NetworkNamespace.run(in: namespace) { () throws(SystemError) -> (UDPSocket, UDPSocket) in
            let receiver = try UDPSocket()
            try receiver.setReceivePacketInfo(true)
            try receiver.bind(SocketAddress6(address: .unspecified, port: 0))
            let sender = try UDPSocket()
            try sender.bind(SocketAddress6(address: .unspecified, port: 0))
            return (receiver, sender)
        }
        let port = try receiver.localAddress().port
        let target = SocketAddress6(address: first, port: port)
        #expect(try sender.send([1], to: target) == .done(1))
        #expect(try sender.send([2], to: target, from: second) == .done(1))
        let plain = try #require(try receiveOne(receiver))
        let chosen = try #require(try receiveOne(receiver))
        #expect(plain.bytes == [1] && plain.source.address == first)
        #expect(chosen.bytes == [2] && chosen.source.address == second)
        #expect(chosen.destination == first)
        // A source the host does not have is refused by the kernel, and surfaces as errno.
        #expect(throws: SystemError.self) { try sender.send([3], to: target, from: try #require(IPv6Address("fd00:6::9"))) }
    }

    /// GRASP-style link-local multicast between the two ends of a veth pair in a private netns:
    /// join ff02::13 on one end, send with IPV6_MULTICAST_IF on the other; the kernel reports
    /// the group as destination, the receiving interface, and the sender's link-local address.
    @Test func multicastOnVethInNamespace() throws {
        let namespace = "mc-udp-\(getpid())"
        try NetworkNamespace.create(namespace)
        defer { try? NetworkNamespace.delete(namespace) }
        // No DAD, so link-local addresses are usable at once.
        try setup("/usr/sbin/ip", ["netns", "exec", namespace, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0"])
        try setup("/usr/sbin/ip", ["-n", namespace, "link", "add", "va", "type", "veth", "peer", "name", "vb"])
        try setup("/usr/sbin/ip", ["-n", namespace, "link", "set", "va", "up"])
        try setup("/usr/sbin/ip", ["-n", namespace, "link", "set", "vb", "up"])
        let group = try #require(IPv6Address("ff02::13"))

        let (receiver, sender, vbIndex) = try NetworkNamespace.run(in: namespace) { () throws(SystemError) -> (UDPSocket, UDPSocket, UInt32) in
            let vb = try InterfaceIndex.index(of: "vb")
            let va = try InterfaceIndex.index(of: "va")
            let receiver = try UDPSocket()
            try receiver.setReceivePacketInfo(true)
            try receiver.bindToDevice("vb")
            try receiver.bind(SocketAddress6(address: .unspecified, port: 7017))
            try receiver.joinMulticast(group, interfaceIndex: vb)
            let sender = try UDPSocket()
            try sender.setMulticastInterface(va)
            try sender.setMulticastHops(1)
            try sender.setMulticastLoop(false)
            return (receiver, sender, vb)
        }
        // The kernel's view of the membership.
        let maddr = try run("/usr/sbin/ip", ["-n", namespace, "maddr", "show", "dev", "vb"]).output
        #expect(maddr.contains("ff02::13"))

        // Link-local of va from the kernel, to check the source address.
        var vaLinkLocal: IPv6Address? = nil
        for _ in 0..<50 {
            let addresses = try ipJSON(["-n", namespace, "-6", "addr", "show", "dev", "va", "scope", "link"])
            if let info = (addresses.first?["addr_info"] as? [[String: Any]])?.first, let local = info["local"] as? String {
                vaLinkLocal = IPv6Address(local)
                break
            }
            usleep(20_000)
        }
        let expectedSource = try #require(vaLinkLocal)

        let payload: [UInt8] = [0x85, 0x01]
        var datagram: Datagram? = nil
        // The first multicast can be lost while the link comes up: retry a few times.
        for _ in 0..<20 where datagram == nil {
            _ = try sender.send(payload, to: SocketAddress6(address: group, port: 7017))
            usleep(50_000)
            if case .done(let received) = try receiver.receive() { datagram = received }
        }
        let received = try #require(datagram)
        #expect(received.bytes == payload)
        #expect(received.destination == group)
        #expect(received.interfaceIndex == vbIndex)
        #expect(received.source.address == expectedSource)
        #expect(received.source.scopeID == vbIndex)
    }
}

extension IOResult {
    var isWouldBlock: Bool {
        if case .wouldBlock = self { return true }
        return false
    }
}
