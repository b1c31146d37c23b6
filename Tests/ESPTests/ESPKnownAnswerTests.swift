import Crypto
import Testing
@testable import ESP

/// Known answers for AES-GCM in ESP.
///
/// draft-mcgrew-gcm-test-01 ("Test Cases for the use of GCM in IPsec ESP") test case 3 is an
/// ESP packet with a 256-bit key and a 32-bit sequence number, as this SA uses:
/// key abbccdde…, salt 11223344, SPI 4a2cbfe3, sequence 2, IV 0102030405060708, plaintext an
/// IPv4/TCP packet followed by the ESP trailer 01 02 | 02 | 01 (padding, pad length, next header).
/// Values as carried in several independent test suites (e.g. ell's unit/test-cipher.c, the
/// Snabb ESP selftest).
enum McGrewESPCase3 {
    static let key = hex("abbccddef00112233445566778899aababbccddef00112233445566778899aab")
    static let salt = hex("11223344")
    static let spi: UInt32 = 0x4a2c_bfe3
    static let innerPacket = hex("""
        4500003069a6400080062690c0a801029389155e0a9e008b2dc57ee0000000007002400020bf0000020405b40101\
        0402
        """)
    static let packet = hex("4a2cbfe3 00000002 0102030405060708") + hex("""
        ff425c9b724599df7a3bcd510194e00d6a78107f1b0b1cbf06efae9d65a5d763748a637985771d347f0545659f14\
        e99def842d8e b335f4eecfdbf831824b4c4915956c96
        """)
}

@Suite struct ESPKnownAnswerTests {
    /// McGrew–Viega GCM test case 16 (AES-256, 60-byte plaintext, 20-byte AAD): pins the AES-GCM
    /// primitive the ESP SA is built on.
    @Test func gcmTestCase16() throws {
        let gcm = try AESGCM(key: hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"))
        let sealed = try gcm.seal(
            nonce: hex("cafebabefacedbaddecaf888"), aad: hex("feedfacedeadbeeffeedfacedeadbeefabaddad2"),
            plaintext: hex("""
                d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e24\
                49a6b525b16aedf5aa0de657ba637b39
                """))
        #expect(hexString(sealed) == """
            522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b10\
            56828838c5f61e6393ba7a0abcc9f66276fc6ece0f4e1768cddf8853bb2d551b
            """)
    }

    @Test func decapsulatesDraftMcGrewCase3() throws {
        var sa = try ESPSecurityAssociation(spi: McGrewESPCase3.spi, keyMaterial: McGrewESPCase3.key + McGrewESPCase3.salt)
        let (payload, nextHeader) = try sa.decapsulate(McGrewESPCase3.packet)
        #expect(payload == McGrewESPCase3.innerPacket)
        #expect(nextHeader == 1)
        #expect(sa.replayWindow.highest == 2)
    }

    /// The first packet of an SA with the case 3 key: sequence number 1, IV = 1 (the sequence
    /// number, RFC 4106 §3.1 only asks for uniqueness). Expected bytes computed independently with
    /// Python `cryptography` (OpenSSL): SPI || seq || IV || AES-GCM(key, salt || IV,
    /// inner || 01 02 || 02 || 01, AAD = SPI || seq).
    @Test func encapsulatesFirstPacket() throws {
        var sa = try ESPSecurityAssociation(spi: McGrewESPCase3.spi, keyMaterial: McGrewESPCase3.key + McGrewESPCase3.salt)
        let packet = try sa.encapsulate(McGrewESPCase3.innerPacket, nextHeader: 1)
        #expect(hexString(packet) == """
            4a2cbfe30000000100000000000000015cc874ff6b2122c0b261d3d89c7fa4baab26160eeff97ac5f33b6a9f\
            1963f351f7814da2a9a4b3db685734f4c5cfecf398218031e66a9493962eb048c43ecf782991914a
            """)
        #expect(sa.sequenceNumber == 1)
    }
}
