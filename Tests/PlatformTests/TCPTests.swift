import Testing
import CLinux
@testable import Platform

@Suite struct TCPTests {
    /// A full exchange on ::1 driven by the event loop: non-blocking connect, accept, write,
    /// read, half-close seen as end of stream.
    @Test func connectAcceptExchangeOnLoopback() throws {
        let loop = try EventLoop()
        let listener = try TCPListener(address: SocketAddress6(address: .loopback, port: 0))
        let listenAddress = try listener.localAddress()
        #expect(try listener.accept().isWouldBlock)

        let client = try TCPStream.connect(to: listenAddress)
        var server: TCPStream? = nil
        var serverReceived: [UInt8] = []
        var clientConnected = false
        var serverSawEnd = false

        try loop.register(fd: listener.fd, events: .readable) { _ in
            guard case .done(let accepted)? = try? listener.accept() else { return }
            #expect(accepted.peer.address == .loopback)
            server = accepted.stream
            try? loop.register(fd: accepted.stream.fd, events: .readable) { _ in
                while true {
                    switch try? accepted.stream.read() {
                    case .bytes(let bytes)?: serverReceived += bytes
                    case .endOfStream?:
                        serverSawEnd = true
                        loop.stop()
                        return
                    default: return
                    }
                }
            }
        }
        try loop.register(fd: client.fd, events: .writable) { _ in
            #expect(throws: Never.self) { try client.finishConnect() }
            clientConnected = true
            _ = try? client.write(Array("voucher-request".utf8))
            try? client.shutdownWrite()
            try? loop.modify(fd: client.fd, events: [])
        }
        loop.schedule(after: .seconds(3)) { loop.stop() }
        try loop.run()

        #expect(clientConnected)
        #expect(serverReceived == Array("voucher-request".utf8))
        #expect(serverSawEnd)
        let serverStream = try #require(server)
        #expect(try serverStream.peerAddress() == client.localAddress())
        #expect(try client.peerAddress() == listenAddress)
        try loop.unregister(fd: listener.fd)
        try loop.unregister(fd: client.fd)
        try loop.unregister(fd: serverStream.fd)
    }

    @Test func refusedConnectSurfacesErrno() throws {
        // Find a free port, then close it so nothing listens there.
        let port = try TCPListener(address: SocketAddress6(address: .loopback, port: 0)).localAddress().port
        let client = try TCPStream.connect(to: SocketAddress6(address: .loopback, port: port))
        let loop = try EventLoop()
        var outcome: SystemError? = nil
        try loop.register(fd: client.fd, events: .writable) { _ in
            do throws(SystemError) { try client.finishConnect() } catch { outcome = error }
            loop.stop()
        }
        loop.schedule(after: .seconds(3)) { loop.stop() }
        try loop.run()
        #expect(outcome?.errno == ECONNREFUSED)
        try loop.unregister(fd: client.fd)
    }
}
