import Testing
@testable import ESP

/// Extended (64-bit) sequence numbers: RFC 4303 §2.2.1 and Appendix A2, RFC 4106 §5.
@Suite struct ExtendedSequenceNumberTests {
    /// draft-mcgrew-gcm-test-01 test case 1: AES-128, SPI 00004321, ESN 0x87654321_00000000
    /// (so the packet carries sequence number 0), IV 4956ed7e3b244cfe, 12-byte AAD. The
    /// receiver must infer the high half from its window, here just below 2^32 * 0x87654321.
    static let key = hex("4c80cdefbb5d10da906ac73c3613a634 2e443b68")
    static let innerPacket = hex("""
        45000048699a000080114db7c0a80102c0a801010a9bf15638d301000001000000000000045f736970045f7564\
        70037369700963796265726369747902646b0000210001
        """)

    @Test func decapsulatesDraftMcGrewCase1() throws {
        var sa = try ESPSecurityAssociation(spi: 0x4321, keyMaterial: Self.key, extendedSequenceNumbers: true)
        sa.replayWindow.accept(0x8765_4320_FFFF_FFF0)
        let packet = hex("00004321 00000000 4956ed7e3b244cfe") + hex("""
            fecf537e729d5b07dc30df528dd22b768d1b98736696a6fd348509fa13ceac34cfa2436f14a3f3cf65925bf1\
            f4a13c5d15b21e1884f5ff6247aeabb786b93bce61bc17d768fd9732459018148f6cbe722fd04796562dfdb4
            """)
        let (payload, nextHeader) = try sa.decapsulate(packet)
        #expect(payload == Self.innerPacket)
        #expect(nextHeader == 1)
        #expect(sa.replayWindow.highest == 0x8765_4321_0000_0000)
        // Without ESN the same bytes authenticate nothing: the AAD differs.
        var plain = try ESPSecurityAssociation(spi: 0x4321, keyMaterial: Self.key)
        #expect(throws: ESPError.invalidSequenceNumber) { try plain.decapsulate(packet) }
    }

    /// Sender side with the case 1 key at the same sequence number; expected bytes computed with
    /// Python `cryptography` (AAD = SPI || 87654321 || 00000000, IV = the 64-bit number).
    @Test func encapsulatesWithTheHighHalfInTheAADOnly() throws {
        var sa = try ESPSecurityAssociation(spi: 0x4321, keyMaterial: Self.key, extendedSequenceNumbers: true)
        sa.sequenceNumber = 0x8765_4321_0000_0000 - 1
        let packet = try sa.encapsulate(Self.innerPacket, nextHeader: 1)
        #expect(hexString(packet) == """
            000043210000000087654321000000002fbd56ac31700c3f7a23c192ca61e930e229e3ba64678b1318e4021b\
            ebf5578f94218913a25dd8d20b007a0e9223a01f886d67c02b0d5ef8a3e826a4f5cfc38397ce40ad353dc980\
            19176aa3187b3beff9ed0c24183bccd1
            """)
    }

    @Test func acrossThe32BitBoundaryAndBack() throws {
        let key = Array(UInt8(0)..<36)
        var sender = try ESPSecurityAssociation(spi: 9, keyMaterial: key, extendedSequenceNumbers: true)
        var receiver = try ESPSecurityAssociation(spi: 9, keyMaterial: key, extendedSequenceNumbers: true)
        sender.sequenceNumber = (1 << 32) - 4
        // The receiver has seen traffic up to just before: a fresh window cannot place a first
        // packet near 2^32 (it would read as "before 0").
        receiver.replayWindow.accept((1 << 32) - 10)
        var packets: [[UInt8]] = []
        for _ in 0..<6 { packets.append(try sender.encapsulate([0x60])) }  // 2^32-3 … 2^32+2
        #expect(Array(packets[3][4..<8]) == [0, 0, 0, 0])  // 2^32 travels as 0
        // Deliver 2^32-3, then 2^32+1, then the late 2^32-2 and 2^32-1 (window straddles the wrap).
        for index in [0, 4, 1, 2, 3, 5] {
            #expect(try receiver.decapsulate(packets[index]).payload == [0x60])
        }
        #expect(receiver.replayWindow.highest == (1 << 32) + 2)
        #expect(throws: ESPError.replayed(sequenceNumber: (1 << 32) - 2)) { try receiver.decapsulate(packets[1]) }
    }

    @Test func inference() {
        var window = ReplayWindow()
        #expect(window.inferExtendedSequenceNumber(low: 1) == 1)
        #expect(window.inferExtendedSequenceNumber(low: UInt32.max) == nil)  // before 0
        window.accept(5 << 32 | 1000)
        #expect(window.inferExtendedSequenceNumber(low: 1001) == 5 << 32 | 1001)
        #expect(window.inferExtendedSequenceNumber(low: 937) == 5 << 32 | 937)   // bottom of the window
        #expect(window.inferExtendedSequenceNumber(low: 936) == 6 << 32 | 936)   // taken as wrapped
        window.accept(6 << 32 | 10)
        #expect(window.inferExtendedSequenceNumber(low: UInt32.max - 52) == 5 << 32 | UInt64(UInt32.max - 52))
        #expect(window.inferExtendedSequenceNumber(low: 11) == 6 << 32 | 11)
    }

    @Test func exhaustionAt64Bits() throws {
        var sender = try ESPSecurityAssociation(spi: 9, keyMaterial: Array(UInt8(0)..<36), extendedSequenceNumbers: true)
        sender.sequenceNumber = UInt64(UInt32.max)
        _ = try sender.encapsulate([1])  // 2^32 is fine with ESN
        sender.sequenceNumber = UInt64.max
        #expect(throws: ESPError.sequenceNumberExhausted) { try sender.encapsulate([1]) }
    }
}
