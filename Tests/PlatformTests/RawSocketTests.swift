import Testing
import CLinux
@testable import Platform

@Suite struct RawSocketTests {
    /// An ICMPv6 echo request to ::1 on a raw socket whose ICMP6_FILTER passes only echo
    /// replies: the reply comes from the kernel (independent truth), the request — which the
    /// socket also sees on lo — is filtered out.
    @Test func icmpv6EchoThroughFilter() throws {
        let socket = try RawSocket(protocol: Int32(IPPROTO_ICMPV6))
        try socket.setICMPv6Filter(passing: [129])
        try socket.setReceivePacketInfo(true)
        let identifier = UInt16(truncatingIfNeeded: getpid())
        // Type 128, code 0, checksum 0 (the kernel fills it for ICMPv6 raw sockets), id, seq 1.
        let request: [UInt8] = [128, 0, 0, 0, UInt8(identifier >> 8), UInt8(identifier & 0xFF), 0, 1,
                                0xAC, 0x90]
        #expect(try socket.send(request, to: SocketAddress6(address: .loopback, port: 0)) == .done(request.count))

        let loop = try EventLoop()
        var types: [UInt8] = []
        var reply: Datagram? = nil
        try loop.register(fd: socket.fd, events: .readable) { _ in
            while case .done(let datagram)? = try? socket.receive() {
                types.append(datagram.bytes.first ?? 0)
                if datagram.bytes.count >= 6 && datagram.bytes[4] == UInt8(identifier >> 8)
                    && datagram.bytes[5] == UInt8(identifier & 0xFF) {
                    reply = datagram
                    loop.stop()
                }
            }
        }
        loop.schedule(after: .seconds(2)) { loop.stop() }
        try loop.run()
        try loop.unregister(fd: socket.fd)

        let echo = try #require(reply)
        #expect(types.allSatisfy { $0 == 129 })
        #expect(echo.bytes.count == request.count)
        #expect(Array(echo.bytes[6...]) == [0, 1, 0xAC, 0x90])
        #expect(echo.source.address == .loopback)
        #expect(echo.destination == .loopback)
    }

    @Test func espRawSocketOpens() throws {
        let socket = try RawSocket(protocol: 50)
        #expect(socket.ipProtocol == 50)
        #expect(socket.fd >= 0)
        #expect(try socket.receive().isWouldBlock)
    }
}
