import Testing
import CLinux
@testable import Netlink

// The C compiler is the independent truth for XFRM layouts: each test fills the <linux/xfrm.h>
// struct field by field through Swift's import of it, and compares its bytes with ours.

private func zeroed<T>(_ type: T.Type) -> T {
    let pointer = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<T>.size, alignment: MemoryLayout<T>.alignment)
    defer { pointer.deallocate() }
    pointer.initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<T>.size)
    return pointer.load(as: T.self)
}

private func bytes<T>(of value: T) -> [UInt8] {
    var copy = value
    return withUnsafeBytes(of: &copy) { Array($0) }
}

private func setAddress(_ address: inout xfrm_address_t, _ value: [UInt8]) {
    withUnsafeMutableBytes(of: &address) { raw in
        for (index, byte) in value.enumerated() { raw[index] = byte }
    }
}

private func cSelector() -> xfrm_selector {
    var selector = zeroed(xfrm_selector.self)
    setAddress(&selector.daddr, ipv6("fd00:2::"))
    setAddress(&selector.saddr, ipv6("fd00:1::"))
    selector.dport = UInt16(500).bigEndian
    selector.dport_mask = UInt16(0xffff).bigEndian
    selector.sport = UInt16(4500).bigEndian
    selector.sport_mask = UInt16(0xffff).bigEndian
    selector.family = UInt16(AF_INET6)
    selector.prefixlen_d = 64
    selector.prefixlen_s = 48
    selector.proto = 17
    selector.ifindex = 3
    selector.user = 1000
    return selector
}

private func swiftSelector() -> XFRMSelector {
    var selector = XFRMSelector(destination: ipv6("fd00:2::"), destinationPrefixLength: 64,
                                source: ipv6("fd00:1::"), sourcePrefixLength: 48, upperProtocol: 17)
    selector.destinationPort = 500
    selector.destinationPortMask = 0xffff
    selector.sourcePort = 4500
    selector.sourcePortMask = 0xffff
    selector.interfaceIndex = 3
    selector.user = 1000
    return selector
}

@Suite struct XFRMLayoutTests {
    @Test func sizesMatchTheCStructures() {
        #expect(MemoryLayout<xfrm_selector>.size == XFRMSelector.length)
        #expect(MemoryLayout<xfrm_lifetime_cfg>.size == XFRMLifetimeConfig.length)
        #expect(MemoryLayout<xfrm_lifetime_cur>.size == XFRMLifetimeCurrent.length)
        #expect(MemoryLayout<xfrm_usersa_info>.size == XFRMLayout.userSAInfo)
        #expect(MemoryLayout<xfrm_usersa_id>.size == XFRMLayout.userSAID)
        #expect(MemoryLayout<xfrm_userspi_info>.size == XFRMLayout.userSPIInfo)
        #expect(MemoryLayout<xfrm_userpolicy_info>.size == XFRMLayout.userPolicyInfo)
        #expect(MemoryLayout<xfrm_userpolicy_id>.size == XFRMLayout.userPolicyID)
        #expect(MemoryLayout<xfrm_user_tmpl>.size == XFRMLayout.userTemplate)
        #expect(MemoryLayout<xfrm_encap_tmpl>.size == XFRMLayout.encapsulationTemplate)
        #expect(MemoryLayout<xfrm_algo_aead>.size == XFRMLayout.aeadHeader)
    }

    @Test func stateInfoMatchesCLayout() throws {
        var info = zeroed(xfrm_usersa_info.self)
        info.sel = cSelector()
        setAddress(&info.id.daddr, ipv6("fd00:2::1"))
        info.id.spi = UInt32(0x1234_5678).bigEndian
        info.id.proto = 50
        setAddress(&info.saddr, ipv6("fd00:1::1"))
        info.lft.soft_byte_limit = UInt64.max
        info.lft.hard_byte_limit = UInt64.max
        info.lft.soft_packet_limit = UInt64.max
        info.lft.hard_packet_limit = UInt64.max
        info.lft.hard_add_expires_seconds = 3600
        info.seq = 11
        info.reqid = 42
        info.family = UInt16(AF_INET6)
        info.mode = 0
        info.replay_window = 32
        info.flags = 8

        var state = XFRMState(source: ipv6("fd00:1::1"), destination: ipv6("fd00:2::1"), spi: 0x1234_5678,
                              selector: swiftSelector())
        state.lifetime.hardAddExpiresSeconds = 3600
        state.sequence = 11
        state.requestID = 42
        state.replayWindow = 32
        state.flags = 8
        let emitted = state.emit()
        #expect(emitted == bytes(of: info))   // no attributes set: exactly the struct

        // Attributes after the struct: XFRMA_ALG_AEAD (18), XFRMA_ENCAP (4), XFRMA_IF_ID (31).
        state.aead = XFRMAEAD(key: Array(0..<20))
        state.encapsulation = XFRMEncapsulation(sourcePort: 4500, destinationPort: 4500)
        state.interfaceID = 7
        var aead = zeroed(xfrm_algo_aead.self)
        withUnsafeMutableBytes(of: &aead.alg_name) { raw in
            for (index, byte) in "rfc4106(gcm(aes))".utf8.enumerated() { raw[index] = byte }
        }
        aead.alg_key_len = 160
        aead.alg_icv_len = 128
        var encap = zeroed(xfrm_encap_tmpl.self)
        encap.encap_type = 2
        encap.encap_sport = UInt16(4500).bigEndian
        encap.encap_dport = UInt16(4500).bigEndian
        let expected = bytes(of: info) + rtattr(18, bytes(of: aead) + Array(0..<20)) + rtattr(4, bytes(of: encap))
            + rtattr(31, le32(7))
        #expect(state.emit() == expected)
        #expect(try XFRMState.parse(NetlinkMessage(type: 16, flags: [], payload: expected)) == state)
    }

    @Test func stateIDAndSPIRequestMatchCLayout() {
        var id = zeroed(xfrm_usersa_id.self)
        setAddress(&id.daddr, ipv6("fd00:2::1"))
        id.spi = UInt32(0xc001_d00d).bigEndian
        id.family = UInt16(AF_INET6)
        id.proto = 50
        #expect(XFRMStateID(destination: ipv6("fd00:2::1"), spi: 0xc001_d00d).emit() == bytes(of: id))

        var spi = zeroed(xfrm_userspi_info.self)
        spi.info.family = UInt16(AF_INET6)
        spi.info.sel.family = UInt16(AF_INET6)
        setAddress(&spi.info.id.daddr, ipv6("fd00:2::1"))
        setAddress(&spi.info.saddr, ipv6("fd00:1::1"))
        spi.info.id.proto = 50
        spi.info.lft.soft_byte_limit = UInt64.max
        spi.info.lft.hard_byte_limit = UInt64.max
        spi.info.lft.soft_packet_limit = UInt64.max
        spi.info.lft.hard_packet_limit = UInt64.max
        spi.min = 0x100
        spi.max = 0xffff_ffff
        let request = XFRMSPIRequest(state: XFRMState(source: ipv6("fd00:1::1"), destination: ipv6("fd00:2::1"), spi: 0))
        #expect(request.emit() == bytes(of: spi))
    }

    @Test func policyAndTemplateMatchCLayout() throws {
        var info = zeroed(xfrm_userpolicy_info.self)
        info.sel = cSelector()
        info.lft.soft_byte_limit = UInt64.max
        info.lft.hard_byte_limit = UInt64.max
        info.lft.soft_packet_limit = UInt64.max
        info.lft.hard_packet_limit = UInt64.max
        info.priority = 100
        info.index = 0
        info.dir = 1
        info.action = 0
        info.flags = 0
        info.share = 0

        var template = zeroed(xfrm_user_tmpl.self)
        setAddress(&template.id.daddr, ipv6("fd00:2::1"))
        template.id.proto = 50
        template.family = UInt16(AF_INET6)
        setAddress(&template.saddr, ipv6("fd00:1::1"))
        template.reqid = 42
        template.mode = 0
        template.aalgos = ~0
        template.ealgos = ~0
        template.calgos = ~0

        let policy = XFRMPolicy(
            selector: swiftSelector(), direction: .output, priority: 100,
            templates: [XFRMTemplate(source: ipv6("fd00:1::1"), destination: ipv6("fd00:2::1"), requestID: 42)],
            interfaceID: 9)
        // XFRMA_TMPL (5) holds the array of templates; XFRMA_IF_ID (31).
        let expected = bytes(of: info) + rtattr(5, bytes(of: template)) + rtattr(31, le32(9))
        #expect(policy.emit() == expected)
        #expect(try XFRMPolicy.parse(NetlinkMessage(type: 19, flags: [], payload: expected)) == policy)

        var id = zeroed(xfrm_userpolicy_id.self)
        id.sel = cSelector()
        id.dir = 1
        #expect(XFRMPolicyID(selector: swiftSelector(), direction: .output, interfaceID: 9).emit()
                == bytes(of: id) + rtattr(31, le32(9)))
    }

    @Test func xfrmTruncationsAreTyped() {
        #expect(throws: NetlinkError.truncated(what: "xfrm_usersa_info", needed: 224, available: 100)) {
            try XFRMState.parse(NetlinkMessage(type: 16, flags: [], payload: Array(repeating: 0, count: 100)))
        }
        #expect(throws: NetlinkError.malformed("XFRMA_TMPL of 10 bytes, not a multiple of 64")) {
            let info = [UInt8](repeating: 0, count: 168)
            try XFRMPolicy.parse(NetlinkMessage(type: 19, flags: [], payload: info + rtattr(5, Array(repeating: 0, count: 10))))
        }
        #expect(throws: NetlinkError.truncated(what: "xfrm_algo_aead key", needed: 92, available: 76)) {
            var info = [UInt8](repeating: 0, count: 224)
            info[212] = 10
            var aead = [UInt8](repeating: 0, count: 72) + [1, 2, 3, 4]
            aead[64] = 160   // 160-bit key announced, 4 bytes present
            try XFRMState.parse(NetlinkMessage(type: 16, flags: [], payload: info + rtattr(18, aead)))
        }
    }
}
