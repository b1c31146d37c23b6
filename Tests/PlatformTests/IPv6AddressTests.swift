import Testing
import CLinux
@testable import Platform

@Suite struct IPv6AddressTests {
    /// RFC 5952 §4 recommendations, with the RFC's own examples where it gives them.
    @Test(arguments: [
        // §4.1 leading zeros suppressed; §4.3 lowercase
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:0001", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1"),
        // §4.2.1 shorten as much as possible
        ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"),
        // §4.2.2 a single 16-bit 0 field is not shortened
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        // §4.2.3 longest run; first one on a tie
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("0:0:0:0:0:0:0:1", "::1"),
        ("fe80:0:0:0:0:0:0:0", "fe80::"),
        ("1:0:0:0:0:0:0:0", "1::"),
        ("fd12:3456:789a:1::1", "fd12:3456:789a:1::1"),
        // §5 IPv4-mapped addresses keep the dotted tail
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
        ("0:0:0:0:0:ffff:c000:0201", "::ffff:192.0.2.1"),
    ])
    func canonicalText(input: String, expected: String) throws {
        let address = try #require(IPv6Address(input))
        #expect(address.description == expected)
        #expect(IPv6Address(expected) == address)
    }

    /// The C library's inet_pton and inet_ntop as independent truth on a spread of addresses.
    @Test func agreesWithLibc() throws {
        let samples = ["::", "::1", "fe80::1", "2001:db8::8:800:200c:417a", "ff02::13", "ff02::1a",
                       "fd00:1:2:3:4:5:6:7", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "a:0:b:0:0:c:0:0",
                       "1:0:0:2:0:0:0:3", "::ffff:10.0.0.1", "::1.2.3.4"]
        for text in samples {
            var raw = in6_addr()
            #expect(inet_pton(AF_INET6, text, &raw) == 1)
            let ours = try #require(IPv6Address(text))
            #expect(ours == IPv6Address(raw), "\(text)")
            #expect(withUnsafeBytes(of: raw) { Array($0) } == ours.bytes)
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            #expect(inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count)) != nil)
            let libc = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // glibc prints ::a.b.c.d for v4-compatible addresses, which RFC 5952 does not ask for.
            if text != "::1.2.3.4" { #expect(ours.description == libc, "\(text)") }
        }
    }

    @Test(arguments: ["", ":", ":::", "1:2", "1::2::3", ":1::", "1::2:", "12345::", "g::",
                      "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "::1.2.3", "::1.2.3.256", "::01.2.3.4",
                      "1.2.3.4", "::1.2.3.4:5", "fe80::1%eth0", "[::1]"])
    func rejectsMalformed(input: String) {
        #expect(IPv6Address(input) == nil)
    }

    @Test func kinds() throws {
        #expect(try #require(IPv6Address("fe80::1")).isLinkLocal)
        #expect(try #require(IPv6Address("febf:ffff::1")).isLinkLocal)
        #expect(try !#require(IPv6Address("fec0::1")).isLinkLocal)
        #expect(try #require(IPv6Address("ff02::13")).isMulticast)
        #expect(try #require(IPv6Address("fd89:b714:f3db::1")).isUniqueLocal)
        #expect(try !#require(IPv6Address("2001:db8::1")).isUniqueLocal)
        #expect(IPv6Address.loopback.isLoopback)
        #expect(IPv6Address.unspecified.isUnspecified)
        #expect(try #require(IPv6Address("::1")) < #require(IPv6Address("fe80::")))
    }

    @Test func bytesRoundTrip() throws {
        let bytes: [UInt8] = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55]
        let address = try #require(IPv6Address(bytes: bytes))
        #expect(address.description == "fe80::211:22ff:fe33:4455")
        #expect(address.bytes == bytes)
        #expect(IPv6Address(address.in6) == address)
        #expect(IPv6Address(bytes: bytes.prefix(15)) == nil)
        #expect(address.group(5) == 0x22ff)
    }

    @Test func socketAddressText() throws {
        let address = SocketAddress6(address: try #require(IPv6Address("fe80::1")), port: 7017, scopeID: 3)
        #expect(address.description == "[fe80::1%3]:7017")
        #expect(SocketAddress6(address.sockaddr) == address)
        #expect(address.sockaddr.sin6_port == UInt16(7017).bigEndian)
    }
}
