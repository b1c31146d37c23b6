import Testing
@testable import ESP

/// Decapsulates ESP packets that strongSwan's libipsec produced (see StrongSwanESP.swift).
@Suite struct StrongSwanESPTests {
    @Test func initiatorPacketsDecapsulate() throws {
        #expect(UDPEncapsulation.classify(StrongSwanESP.fromInitiator1) == .esp)
        var sa = try ESPSecurityAssociation(spi: 0x69a5_48f3, keyMaterial: StrongSwanESP.initiatorKey)
        let (packet, nextHeader) = try sa.decapsulate(StrongSwanESP.fromInitiator1)
        #expect(nextHeader == ESPSecurityAssociation.ipv6)
        // The inner packet is the IPv6/UDP datagram the test sent: version 6, next header UDP,
        // fd00:f::1 → fd00:9::9, ports 40000 → 7017, and its payload.
        #expect(packet[0] >> 4 == 6)
        #expect(packet[6] == 17)
        #expect(Array(packet[8..<24]) == hex("fd00000f000000000000000000000001"))
        #expect(Array(packet[24..<40]) == hex("fd000009000000000000000000000009"))
        #expect(Array(packet[40..<44]) == hex("9c40 1b69"))
        #expect(Array(packet[48...]) == Array("minerva acp esp test".utf8))

        let (second, _) = try sa.decapsulate(StrongSwanESP.fromInitiator2)
        #expect(Array(second[48...]) == Array("second packet!".utf8))
        #expect(sa.replayWindow.highest == 2)
        #expect(throws: ESPError.replayed(sequenceNumber: 1)) { try sa.decapsulate(StrongSwanESP.fromInitiator1) }
    }

    @Test func responderPacketDecapsulates() throws {
        var sa = try ESPSecurityAssociation(spi: 0xa802_e204, keyMaterial: StrongSwanESP.responderKey)
        let (packet, nextHeader) = try sa.decapsulate(StrongSwanESP.fromResponder)
        #expect(nextHeader == 41)
        #expect(packet[0] >> 4 == 6)
        // With the other direction's key the ICV fails.
        var wrong = try ESPSecurityAssociation(spi: 0xa802_e204, keyMaterial: StrongSwanESP.initiatorKey)
        #expect(throws: ESPError.integrityCheckFailed(sequenceNumber: 1)) { try wrong.decapsulate(StrongSwanESP.fromResponder) }
    }
}
