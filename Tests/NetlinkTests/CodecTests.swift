import Testing
import CLinux
@testable import Netlink

// Expected bytes are written by hand from the layouts in <linux/netlink.h>, <linux/rtnetlink.h>,
// <linux/if_link.h>, <linux/if_addr.h> and <linux/veth.h>, with the numeric constants spelled out
// (RTM_NEWLINK = 16, IFLA_IFNAME = 3, …) rather than taken from the code under test.

private let zeroIfinfomsg = [UInt8](repeating: 0, count: 16)
private func cstr(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }

@Suite struct NetlinkMessageCodecTests {
    @Test func headerOfLinkDumpRequest() {
        let message = NetlinkMessage(type: 18, flags: [.request, .dump], sequence: 1, payload: zeroIfinfomsg)
        let expected: [UInt8] = [32, 0, 0, 0, 18, 0, 0x01, 0x03, 1, 0, 0, 0, 0, 0, 0, 0] + zeroIfinfomsg
        #expect(message.emit() == expected)
    }

    @Test func lengthCountsUnpaddedPayloadAndWalkSkipsPadding() throws {
        // A 5-byte payload: nlmsg_len 21, then 3 bytes of padding before the next header.
        let first = nlmsg(type: 0x99, flags: 0, seq: 7, pid: 42, [1, 2, 3, 4, 5])
        #expect(first.count == 24 && first[0] == 21)
        let second = nlmsg(type: 3, flags: 2, seq: 7, [0, 0, 0, 0])
        let messages = try NetlinkMessage.parseAll(first + second)
        #expect(messages.count == 2)
        #expect(messages[0] == NetlinkMessage(type: 0x99, flags: [], sequence: 7, portID: 42, payload: [1, 2, 3, 4, 5]))
        #expect(messages[1].type == NetlinkMessage.done && messages[1].flags == .multipart)
        #expect(NetlinkMessage(type: 0x99, flags: [], sequence: 7, portID: 42, payload: [1, 2, 3, 4, 5]).emit() == first)
    }

    @Test func errorWithExtendedAcknowledgement() throws {
        // nlmsgerr: error = -EEXIST, the capped request header (RTM_NEWADDR seq 9), then
        // NLMSGERR_ATTR_MSG (1) "File exists".
        let request = le32(16) + le16(20) + le16(0x0605) + le32(9) + le32(0)
        let payload = le32(UInt32(bitPattern: -17)) + request + rtattr(1, cstr("File exists"))
        let message = try #require(try NetlinkMessage.parseAll(nlmsg(type: 2, flags: 0x300, seq: 9, payload)).first)
        let acknowledgement = try NetlinkAcknowledgement.parse(message)
        #expect(acknowledgement == NetlinkAcknowledgement(errno: 17, requestType: 20, requestSequence: 9,
                                                          message: "File exists"))
        let plain = try NetlinkMessage.parseAll(nlmsg(type: 2, flags: 0x100, seq: 3, le32(0) + request))
        #expect(try NetlinkAcknowledgement.parse(plain[0]).errno == 0)
    }

    @Test func truncatedAndMalformedInputsGiveTypedErrors() {
        #expect(throws: NetlinkError.truncated(what: "nlmsghdr", needed: 16, available: 8)) {
            try NetlinkMessage.parseAll(Array(repeating: 0, count: 8))
        }
        #expect(throws: NetlinkError.malformed("nlmsg_len 4 shorter than nlmsghdr")) {
            try NetlinkMessage.parseAll(le32(4) + Array(repeating: 0, count: 12))
        }
        #expect(throws: NetlinkError.truncated(what: "netlink message", needed: 100, available: 20)) {
            try NetlinkMessage.parseAll(le32(100) + Array(repeating: 0, count: 16))
        }
        #expect(throws: NetlinkError.truncated(what: "attribute type 3", needed: 12, available: 8)) {
            try Attributes.parse(le16(12) + le16(3) + [0x61, 0x62, 0x63, 0x64])
        }
        #expect(throws: NetlinkError.malformed("attribute type 3 length 2")) {
            try Attributes.parse(le16(2) + le16(3))
        }
        #expect(throws: NetlinkError.truncated(what: "attribute header", needed: 4, available: 2)) {
            try Attributes.parse(rtattr(1, [1, 2, 3, 4]) + [0, 0])
        }
        #expect(throws: NetlinkError.truncated(what: "attribute type 4", needed: 4, available: 2)) {
            try Attributes.parse(rtattr(4, [0xdc, 0x05])).u32(4)
        }
        #expect(throws: NetlinkError.malformed("attribute type 4: 8 bytes, expected 4")) {
            try Attributes.parse(rtattr(4, [1, 2, 3, 4, 5, 6, 7, 8])).u32(4)
        }
        // A link without its name, a short ifinfomsg, a short nlmsgerr.
        #expect(throws: NetlinkError.malformed("link 3 without IFLA_IFNAME")) {
            try Link.parse(NetlinkMessage(type: 16, flags: [], payload: le32(0) + le32(3) + le32(0) + le32(0)))
        }
        #expect(throws: NetlinkError.truncated(what: "ifinfomsg", needed: 16, available: 3)) {
            try Link.parse(NetlinkMessage(type: 16, flags: [], payload: [0, 0, 0]))
        }
        #expect(throws: NetlinkError.truncated(what: "nlmsgerr", needed: 20, available: 4)) {
            try NetlinkAcknowledgement.parse(NetlinkMessage(type: 2, flags: [], payload: le32(0)))
        }
        #expect(throws: NetlinkError.truncated(what: "rtmsg", needed: 12, available: 8)) {
            try Route.parse(NetlinkMessage(type: 24, flags: [], payload: Array(repeating: 0, count: 8)))
        }
        #expect(throws: NetlinkError.truncated(what: "ifaddrmsg", needed: 8, available: 0)) {
            try InterfaceAddress.parse(NetlinkMessage(type: 20, flags: [], payload: []))
        }
    }

    /// Random bytes and every prefix of a valid message: parsing must throw or succeed, never trap.
    @Test func garbageNeverTraps() throws {
        var generator = SystemRandomNumberGenerator()
        var valid = le32(0x0a00) + le32(1) + le32(0x1043) + le32(0)  // ifinfomsg (family 0, type 10)
        valid += rtattr(3, cstr("eth0")) + rtattr(4, le32(1500)) + rtattr(18, rtattr(1, cstr("veth")))
        var inputs: [[UInt8]] = (0...valid.count).map { Array(valid.prefix($0)) }
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<96, using: &generator)
            inputs.append((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        for bytes in inputs {
            let message = NetlinkMessage(type: 16, flags: [], payload: bytes)
            _ = try? NetlinkMessage.parseAll(bytes)
            _ = try? Link.parse(message)
            _ = try? InterfaceAddress.parse(message)
            _ = try? Route.parse(message)
            _ = try? NetlinkAcknowledgement.parse(message)
            _ = try? XFRMState.parse(message)
            _ = try? XFRMPolicy.parse(message)
            _ = try? RouteEventListener.event(message)
        }
        #expect(try Link.parse(NetlinkMessage(type: 16, flags: [], payload: valid)).mtu == 1500)
    }
}

@Suite struct LinkCodecTests {
    @Test func createVethWithPeerInAnotherNamespace() {
        var request = LinkRequest(name: "dull0")
        request.kind = .veth(peer: VethPeer(name: "pull0", namespaceFD: 5))
        // IFLA_LINKINFO(18) { IFLA_INFO_KIND(1) "veth", IFLA_INFO_DATA(2) { VETH_INFO_PEER(1)
        //   ifinfomsg + IFLA_IFNAME(3) "pull0" + IFLA_NET_NS_FD(28) 5 } }
        let peer = rtattr(1, zeroIfinfomsg + rtattr(3, cstr("pull0")) + rtattr(28, le32(5)))
        let expected = zeroIfinfomsg + rtattr(3, cstr("dull0"))
            + rtattr(18, rtattr(1, cstr("veth")) + rtattr(2, peer))
        #expect(request.emit() == expected)
    }

    @Test func createMacvlanAndXfrmInterface() {
        var macvlan = LinkRequest(name: "dull1")
        macvlan.lowerLink = 2
        macvlan.address = [0x02, 0, 0, 0, 0, 1]
        macvlan.kind = .macvlan(mode: .bridge)
        #expect(macvlan.emit() == zeroIfinfomsg + rtattr(3, cstr("dull1")) + rtattr(1, [0x02, 0, 0, 0, 0, 1])
            + rtattr(5, le32(2)) + rtattr(18, rtattr(1, cstr("macvlan")) + rtattr(2, rtattr(1, le32(4)))))

        var xfrm = LinkRequest(name: "acp_1")
        xfrm.kind = .xfrm(interfaceID: 7, underlying: 1)
        // IFLA_XFRM_LINK = 1, IFLA_XFRM_IF_ID = 2.
        #expect(xfrm.emit() == zeroIfinfomsg + rtattr(3, cstr("acp_1"))
            + rtattr(18, rtattr(1, cstr("xfrm")) + rtattr(2, rtattr(1, le32(1)) + rtattr(2, le32(7)))))
    }

    @Test func changeRequests() {
        // ifi_index 7, ifi_flags IFF_UP (1), ifi_change IFF_UP.
        #expect(LinkRequest.setUp(index: 7, true).emit() == [0, 0, 0, 0] + le32(7) + le32(1) + le32(1))
        #expect(LinkRequest.setUp(index: 7, false).emit() == [0, 0, 0, 0] + le32(7) + le32(0) + le32(1))
        var move = LinkRequest(index: 9)
        move.namespaceFD = 12
        move.mtu = 1400
        #expect(move.emit() == [0, 0, 0, 0] + le32(9) + le32(0) + le32(0) + rtattr(4, le32(1400)) + rtattr(28, le32(12)))
    }

    @Test func parseNewLinkKeepsUnknownAttributes() throws {
        // ifinfomsg: family 0, type 1 (ARPHRD_ETHER), index 4, flags UP|BROADCAST|RUNNING|MULTICAST|LOWER_UP.
        let header: [UInt8] = [0, 0] + le16(1) + le32(4) + le32(0x11043) + le32(0)
        let linkInfo = rtattr(1, cstr("macvlan")) + rtattr(2, rtattr(1, le32(4)))
        let attributes = rtattr(3, cstr("dull0")) + rtattr(4, le32(1500)) + rtattr(1, [2, 0, 0, 0, 0, 9])
            + rtattr(16, [6]) + rtattr(5, le32(2)) + rtattr(0x3ff0, [1, 2, 3])
            + rtattr(18 | 0x8000, linkInfo)   // NLA_F_NESTED set, as newer kernels may
        let link = try Link.parse(NetlinkMessage(type: 16, flags: [], payload: header + attributes))
        #expect(link.index == 4 && link.name == "dull0" && link.mtu == 1500 && link.isUp)
        #expect(link.address == [2, 0, 0, 0, 0, 9] && link.operationalState == 6 && link.link == 2)
        #expect(link.kind == "macvlan")
        #expect(try link.kindData?.u32(1) == 4)
        #expect(link.attributes.first(0x3ff0)?.value == [1, 2, 3])
        #expect(link.header.type == 1)
    }
}

@Suite struct AddressAndRouteCodecTests {
    @Test func addIPv6AddressNoDAD() throws {
        let address = InterfaceAddress.ipv6(ipv6("fd00:1::1"), prefixLength: 64, interfaceIndex: 3)
        // ifaddrmsg: AF_INET6 (10), prefixlen 64, flags IFA_F_NODAD (2), scope 0, index 3; IFA_ADDRESS (1).
        let expected: [UInt8] = [10, 64, 2, 0] + le32(3) + rtattr(1, ipv6("fd00:1::1"))
        #expect(address.emit() == expected)
        #expect(try InterfaceAddress.parse(NetlinkMessage(type: 20, flags: [], payload: expected)) == address)

        // A flag above 8 bits (IFA_F_NOPREFIXROUTE 0x200) needs IFA_FLAGS (8), which parse prefers.
        var wide = address
        wide.flags = 0x202
        #expect(wide.emit() == [10, 64, 2, 0] + le32(3) + rtattr(1, ipv6("fd00:1::1")) + rtattr(8, le32(0x202)))
        #expect(try InterfaceAddress.parse(NetlinkMessage(type: 20, flags: [], payload: wide.emit())).flags == 0x202)
    }

    @Test func blackholeAndUnicastRoutes() throws {
        let blackhole = Route(destination: ipv6("fd00:ac::"), destinationLength: 48, type: .blackhole)
        // rtmsg: family 10, dst_len 48, src_len 0, tos 0, table 254, protocol 3 (boot), scope 0,
        // type 6 (RTN_BLACKHOLE), flags 0; RTA_TABLE (15), RTA_DST (1).
        let expected: [UInt8] = [10, 48, 0, 0, 254, 3, 0, 6] + le32(0) + rtattr(15, le32(254))
            + rtattr(1, ipv6("fd00:ac::"))
        #expect(blackhole.emit() == expected)
        #expect(try Route.parse(NetlinkMessage(type: 24, flags: [], payload: expected)) == blackhole)

        let unicast = Route(destination: ipv6("fd00:2::"), destinationLength: 64, gateway: ipv6("fe80::1"),
                            outputInterface: 5, priority: 1024, table: 1000)
        // A table above 255: header field RT_TABLE_UNSPEC (0), the real id in RTA_TABLE.
        let unicastBytes: [UInt8] = [10, 64, 0, 0, 0, 3, 0, 1] + le32(0) + rtattr(15, le32(1000))
            + rtattr(1, ipv6("fd00:2::")) + rtattr(6, le32(1024)) + rtattr(5, ipv6("fe80::1")) + rtattr(4, le32(5))
        #expect(unicast.emit() == unicastBytes)
        #expect(try Route.parse(NetlinkMessage(type: 24, flags: [], payload: unicastBytes)) == unicast)
    }
}
