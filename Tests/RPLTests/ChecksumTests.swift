import CLinux
import Platform
import Testing
@testable import RPL

/// The ICMPv6 checksum against the one independent implementation at hand: the Linux kernel,
/// which fills in the checksum of everything sent on a raw ICMPv6 socket (RFC 3542 §3.1).
@Suite struct ChecksumTests {
    /// Sends `message` to ::1 on a raw ICMPv6 socket and returns what a second raw socket
    /// receives: the same message with the kernel's checksum.
    func throughKernel(_ message: [UInt8]) throws -> [UInt8]? {
        let receiver = socket(AF_INET6, MC_SOCK_RAW, Int32(IPPROTO_ICMPV6))
        let sender = socket(AF_INET6, MC_SOCK_RAW, Int32(IPPROTO_ICMPV6))
        guard receiver >= 0, sender >= 0 else { return nil }
        defer { close(receiver); close(sender) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(receiver, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var destination = sockaddr_in6()
        destination.sin6_family = sa_family_t(AF_INET6)
        destination.sin6_addr = IPv6Address.loopback.in6
        let sent = message.withUnsafeBytes { raw in
            withUnsafePointer(to: &destination) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    mc_sendto(sender, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        guard sent == message.count else { return nil }
        // Other ICMPv6 traffic on lo (neighbour discovery, other tests) may come first.
        for _ in 0..<50 {
            var buffer = [UInt8](repeating: 0, count: 2048)
            let count = recv(receiver, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            let received = Array(buffer[0..<count])
            if received.count == message.count && Array(received[4...]) == Array(message[4...]) && received[0] == 155 {
                return received
            }
        }
        return nil
    }

    @Test func matchesTheKernel() throws {
        let messages: [RPLMessage] = [
            try RPLMessage.parse(WireTests.dioBytes),
            .daoACK(DAOACK(instanceID: 0, sequence: 9, status: 0, dodagID: nil)),
            .dis(DIS(options: [.padN(1)])),  // odd length: the last octet is padded with zero
        ]
        for message in messages {
            let ours = message.emit(source: .loopback, destination: .loopback)
            guard let kernel = try throughKernel(message.emit()) else {
                Issue.record("raw ICMPv6 socket unavailable (tests run as root)")
                return
            }
            #expect(kernel == ours)
            #expect(ICMPv6Checksum.verify(kernel, source: .loopback, destination: .loopback))
            #expect(try RPLMessage.parse(kernel, source: .loopback, destination: .loopback) == message)
        }
    }

    @Test func wrongChecksumOrAddressIsRefused() throws {
        let message = RPLMessage.daoACK(DAOACK(instanceID: 0, sequence: 9, status: 0, dodagID: nil))
        let source = IPv6Address("fe80::1")!
        let destination = IPv6Address("fe80::2")!
        var bytes = message.emit(source: source, destination: destination)
        #expect(try RPLMessage.parse(bytes, source: source, destination: destination) == message)
        // Swapping source and destination keeps the sum; another destination does not.
        #expect(throws: RPLWireError.self) { try RPLMessage.parse(bytes, source: source, destination: IPv6Address("ff02::1a")!) }
        bytes[7] ^= 1
        #expect(throws: RPLWireError.self) { try RPLMessage.parse(bytes, source: source, destination: destination) }
    }
}
