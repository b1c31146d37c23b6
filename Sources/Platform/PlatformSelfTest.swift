import CLinux

/// The Platform part of `minerva-connect selftest`: each check exercises one piece of this layer
/// against the running kernel, so a cross build with a wrong struct layout (epoll_event,
/// msghdr, in6_pktinfo, signalfd_siginfo differ between libcs and architectures) or a kernel
/// without what the ACP needs (IPv6, signalfd, getrandom) is caught on the device itself.
/// Needs no privileges and leaves nothing behind except SIGUSR1 blocked in the calling thread.
public enum PlatformSelfTest {
    public struct Failure: Error {
        public var reason: String
        public init(_ reason: String) { self.reason = reason }
    }

    public typealias Check = (name: String, run: () throws(Failure) -> String)

    public static var checks: [Check] { [
        ("ipv6-text", ipv6Text),
        ("clocks", clocks),
        ("getrandom", random),
        ("event-loop", eventLoop),
        ("signalfd", signals),
        ("udp-pktinfo", udpPacketInfo),
        ("tcp", tcp),
        ("atomic-file", atomicFile),
    ] }

    /// RFC 5952 §4.2.3: longest run compressed, first on a tie.
    static func ipv6Text() throws(Failure) -> String {
        guard let address = IPv6Address("2001:DB8:0:0:1:0:0:1") else { throw Failure("parse failed") }
        // Compared as bytes: String equality would pull in Unicode tables (absent on mipsel).
        guard Array(address.description.utf8) == Array("2001:db8::1:0:0:1".utf8) else {
            throw Failure("formatted as \(address.description)")
        }
        return "RFC 5952 2001:db8::1:0:0:1"
    }

    static func clocks() throws(Failure) -> String {
        let start = MonotonicClock.now()
        var pause = timespec(tv_sec: 0, tv_nsec: 10_000_000)
        var remaining = timespec()
        while nanosleep(&pause, &remaining) != 0 && mc_errno() == EINTR { pause = remaining }
        let slept = MonotonicClock.now() - start
        guard slept >= .milliseconds(10) else { throw Failure("monotonic clock advanced \(slept.totalNanoseconds) ns over a 10 ms sleep") }
        // Certificates and vouchers are checked against calendar time: a device that booted
        // without RTC or NTP (1970) cannot enroll.
        let wall = WallClock.now()
        guard wall > 1_704_067_200 else { throw Failure("wall clock \(wall) s is before 2024-01-01: set the time") }
        return "monotonic +\(slept.totalNanoseconds / 1_000_000) ms over 10 ms sleep, wall \(wall)"
    }

    static func random() throws(Failure) -> String {
        let first = try attempt { () throws(SystemError) in try SystemRandom.bytes(count: 512) }
        let second = try attempt { () throws(SystemError) in try SystemRandom.bytes(count: 512) }
        guard first != second, first != [UInt8](repeating: 0, count: 512) else { throw Failure("repeated output") }
        return "2 x 512 bytes, distinct"
    }

    /// Timers in deadline order with one cancelled, and a pipe whose readability reaches its
    /// handler with the bytes written.
    static func eventLoop() throws(Failure) -> String {
        let (order, received) = try attempt { () throws(SystemError) -> ([Int], [UInt8]) in
            let loop = try EventLoop()
            var order: [Int] = []
            loop.schedule(after: .milliseconds(6)) { order.append(2) }
            let dropped = loop.schedule(after: .milliseconds(3)) { order.append(-1) }
            loop.schedule(after: .milliseconds(3)) { order.append(1) }
            loop.cancel(dropped)
            var fds: [Int32] = [-1, -1]
            guard pipe2(&fds, O_NONBLOCK | O_CLOEXEC) == 0 else { throw SystemError.last("pipe2") }
            defer { close(fds[0]); close(fds[1]) }
            var received: [UInt8] = []
            // Stop once everything happened rather than after a fixed time: under emulation an
            // iteration can wake late enough for the write and a stop timer to fire together.
            func stopWhenDone() {
                if order.count >= 2 && received.count >= 3 { loop.stop() }
            }
            try loop.register(fd: fds[0], events: .readable) { _ in
                var buffer = [UInt8](repeating: 0, count: 8)
                let count = read(fds[0], &buffer, 8)
                received += buffer.prefix(max(0, count))
                stopWhenDone()
            }
            loop.schedule(after: .milliseconds(1)) { _ = write(fds[1], "acp", 3) }
            loop.schedule(after: .milliseconds(8)) { stopWhenDone() }
            loop.schedule(after: .seconds(1)) { loop.stop() }
            try loop.run()
            try loop.unregister(fd: fds[0])
            return (order, received)
        }
        guard order == [1, 2] else { throw Failure("timers fired as \(order.count) callbacks, not [1, 2]") }
        guard received == [0x61, 0x63, 0x70] else { throw Failure("pipe handler got \(received.count) bytes") }
        return "2 timers in order, 1 cancelled, pipe readable"
    }

    static func signals() throws(Failure) -> String {
        let received = try attempt { () throws(SystemError) -> Int32 in
            let loop = try EventLoop()
            var received: Int32 = 0
            let watcher = try SignalWatcher(signals: [SIGUSR1], loop: loop) { signal in
                received = signal
                loop.stop()
            }
            guard raise(SIGUSR1) == 0 else { throw SystemError.last("raise") }
            loop.schedule(after: .seconds(1)) { loop.stop() }
            try loop.run()
            _ = watcher
            return received
        }
        guard received == SIGUSR1 else { throw Failure("SIGUSR1 did not arrive through signalfd (got \(received))") }
        return "SIGUSR1 through signalfd"
    }

    /// A datagram over ::1 with packet info and hop limit: exercises msghdr/cmsg layouts.
    static func udpPacketInfo() throws(Failure) -> String {
        let (got, port, lo) = try attempt { () throws(SystemError) -> (Datagram?, UInt16, UInt32) in
            let receiver = try UDPSocket()
            try receiver.setReceivePacketInfo(true)
            try receiver.setReceiveHopLimit(true)
            try receiver.bind(SocketAddress6(address: .loopback, port: 0))
            let sender = try UDPSocket()
            try sender.setUnicastHops(201)
            let target = try receiver.localAddress()
            _ = try sender.send([0xAC, 0x90], to: target)
            let loop = try EventLoop()
            var got: Datagram? = nil
            try loop.register(fd: receiver.fd, events: .readable) { _ in
                if case .done(let datagram)? = try? receiver.receive() { got = datagram }
                loop.stop()
            }
            loop.schedule(after: .seconds(1)) { loop.stop() }
            try loop.run()
            try loop.unregister(fd: receiver.fd)
            return (got, target.port, try InterfaceIndex.index(of: "lo"))
        }
        guard let datagram = got else { throw Failure("nothing received on [::1]:\(port)") }
        guard datagram.bytes == [0xAC, 0x90], datagram.destination == .loopback,
              datagram.interfaceIndex == lo, datagram.hopLimit == 201 else {
            throw Failure("got \(datagram.bytes.count) bytes, ifindex \(datagram.interfaceIndex) (lo is \(lo)), hop limit \(datagram.hopLimit ?? -1)")
        }
        return "[::1]:\(port), pktinfo ifindex \(lo), hop limit 201"
    }

    static func tcp() throws(Failure) -> String {
        let reply = try attempt { () throws(SystemError) -> [UInt8] in
            let loop = try EventLoop()
            let listener = try TCPListener(address: SocketAddress6(address: .loopback, port: 0))
            let client = try TCPStream.connect(to: try listener.localAddress())
            var accepted: TCPStream? = nil
            var reply: [UInt8] = []
            try loop.register(fd: listener.fd, events: .readable) { _ in
                guard case .done(let connection)? = try? listener.accept() else { return }
                accepted = connection.stream
                _ = try? connection.stream.write([0x45, 0x53, 0x54])
            }
            try loop.register(fd: client.fd, events: .readable) { _ in
                if case .bytes(let bytes)? = try? client.read() { reply += bytes }
                if reply.count >= 3 { loop.stop() }
            }
            loop.schedule(after: .seconds(1)) { loop.stop() }
            try loop.run()
            try loop.unregister(fd: listener.fd)
            try loop.unregister(fd: client.fd)
            _ = accepted
            return reply
        }
        guard reply == [0x45, 0x53, 0x54] else { throw Failure("client read \(reply.count) of 3 bytes") }
        return "connect, accept, write, read on ::1"
    }

    static func atomicFile() throws(Failure) -> String {
        let path = "/tmp/minerva-selftest.\(getpid())"
        let (mode, content) = try attempt { () throws(SystemError) -> (UInt32, [UInt8]) in
            try AtomicFile.write([1, 2, 3, 4], to: path, mode: 0o600)
            defer { unlink(path) }
            var info = stat()
            guard stat(path, &info) == 0 else { throw SystemError.last("stat", subject: path) }
            return (UInt32(info.st_mode) & 0o777, try AtomicFile.read(path))
        }
        guard mode == 0o600 else { throw Failure("mode \(String(mode, radix: 8)), not 600") }
        guard content == [1, 2, 3, 4] else { throw Failure("read back differs") }
        return "\(path) written with mode 600, read back"
    }

    private static func attempt<T>(_ body: () throws(SystemError) -> T) throws(Failure) -> T {
        do throws(SystemError) {
            return try body()
        } catch {
            throw Failure(error.description)
        }
    }
}
