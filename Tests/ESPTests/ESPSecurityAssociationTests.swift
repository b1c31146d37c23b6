import Crypto
import Testing
@testable import ESP

@Suite struct ESPSecurityAssociationTests {
    let keyMaterial = Array(UInt8(0)..<36)

    func pair(spi: UInt32 = 0xC000_0001) throws -> (ESPSecurityAssociation, ESPSecurityAssociation) {
        (try ESPSecurityAssociation(spi: spi, keyMaterial: keyMaterial), try ESPSecurityAssociation(spi: spi, keyMaterial: keyMaterial))
    }

    /// Seals a hand-made plaintext (payload, padding, trailer) exactly as RFC 4106 frames it,
    /// with AES-GCM directly, to make authentic packets the SA's own sender would never produce.
    func forge(spi: UInt32, sequence: UInt32, plaintext: [UInt8]) throws -> [UInt8] {
        let header = [UInt8](spi.bigEndianBytes + sequence.bigEndianBytes)
        let iv = [UInt8](repeating: 0, count: 4) + sequence.bigEndianBytes
        let gcm = try AESGCM(key: Array(keyMaterial[0..<32]))
        return header + iv + (try gcm.seal(nonce: Array(keyMaterial[32...]) + iv, aad: header, plaintext: plaintext))
    }

    @Test func roundTripAndPadding() throws {
        var (sender, receiver) = try pair()
        for size in 0..<70 {
            let inner = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) }
            let packet = try sender.encapsulate(inner)
            // Header 8 + IV 8 + ICV 16, and the encrypted part is a multiple of 4 (RFC 4303 §2.4).
            #expect(packet.count % 4 == 0)
            #expect(packet.count - 32 >= size + 2 && packet.count - 32 <= size + 5)
            #expect(Array(packet[4..<8]) == UInt32(size + 1).bigEndianBytes)
            let (payload, nextHeader) = try receiver.decapsulate(packet)
            #expect(payload == inner)
            #expect(nextHeader == 41)
        }
    }

    @Test func wrongSPI() throws {
        var (sender, _) = try pair(spi: 1)
        var receiver = try ESPSecurityAssociation(spi: 2, keyMaterial: keyMaterial)
        let packet = try sender.encapsulate([1, 2, 3])
        #expect(throws: ESPError.unknownSPI(1)) { try receiver.decapsulate(packet) }
    }

    @Test func wrongICVDoesNotMoveTheWindow() throws {
        var (sender, receiver) = try pair()
        var packets: [[UInt8]] = []
        for _ in 0..<100 { packets.append(try sender.encapsulate([0x60, 0, 0, 0])) }
        var forged = packets[99]
        forged[forged.count - 1] ^= 0x80
        #expect(throws: ESPError.integrityCheckFailed(sequenceNumber: 100)) { try receiver.decapsulate(forged) }
        #expect(receiver.replayWindow.highest == 0)
        // Packet 1 is still acceptable: the forged number 100 did not shift the window.
        _ = try receiver.decapsulate(packets[0])
        // A ciphertext byte flipped is caught the same way.
        var flipped = packets[1]
        flipped[20] ^= 1
        #expect(throws: ESPError.integrityCheckFailed(sequenceNumber: 2)) { try receiver.decapsulate(flipped) }
    }

    @Test func badPadding() throws {
        var receiver = try ESPSecurityAssociation(spi: 7, keyMaterial: keyMaterial)
        // Padding must read 1, 2, … (RFC 4303 §2.4 default scheme).
        let zeros = try forge(spi: 7, sequence: 1, plaintext: [0xAA, 0, 1, 41])
        #expect(throws: ESPError.badPadding(sequenceNumber: 1)) { try receiver.decapsulate(zeros) }
        // Pad Length larger than what precedes it.
        let long = try forge(spi: 7, sequence: 2, plaintext: [1, 2, 200, 41])
        #expect(throws: ESPError.badPadding(sequenceNumber: 2)) { try receiver.decapsulate(long) }
        // Correct padding in a forged-but-authentic packet decodes.
        let good = try forge(spi: 7, sequence: 3, plaintext: [0xAA, 0xBB, 0xCC, 0xDD, 1, 2, 2, 41])
        #expect(try receiver.decapsulate(good) == ([0xAA, 0xBB, 0xCC, 0xDD], 41))
    }

    @Test func malformedLengths() throws {
        var (_, receiver) = try pair()
        for length in [0, 1, 8, 16, 33] {
            #expect(throws: ESPError.malformed(length: length)) {
                try receiver.decapsulate([UInt8](repeating: 0, count: length))
            }
        }
        // 34 bytes: long enough, but the encrypted part (2 bytes) is not 4-byte aligned.
        #expect(throws: ESPError.malformed(length: 34)) { try receiver.decapsulate([UInt8](repeating: 0, count: 34)) }
    }

    @Test func sequenceNumberExhaustion() throws {
        var (sender, receiver) = try pair()
        sender.sequenceNumber = UInt64(UInt32.max) - 1
        let last = try sender.encapsulate([9])
        #expect(throws: ESPError.sequenceNumberExhausted) { try sender.encapsulate([9]) }
        #expect(try receiver.decapsulate(last).payload == [9])
        #expect(receiver.replayWindow.highest == UInt64(UInt32.max))
    }

    @Test func dummyPacketNextHeader() throws {
        var (sender, receiver) = try pair()
        let packet = try sender.encapsulate([], nextHeader: ESPSecurityAssociation.noNextHeader)
        #expect(packet.count == 8 + 8 + 4 + 16)
        #expect(try receiver.decapsulate(packet) == ([], 59))
    }

    @Test func badKeyMaterial() {
        #expect(throws: ESPError.self) { try ESPSecurityAssociation(spi: 1, keyMaterial: [1, 2, 3, 4]) }
        #expect(throws: ESPError.self) { try ESPSecurityAssociation(spi: 1, keyMaterial: [UInt8](repeating: 0, count: 30)) }
    }
}

extension UInt32 {
    var bigEndianBytes: [UInt8] {
        [UInt8(truncatingIfNeeded: self >> 24), UInt8(truncatingIfNeeded: self >> 16), UInt8(truncatingIfNeeded: self >> 8), UInt8(truncatingIfNeeded: self)]
    }
}
