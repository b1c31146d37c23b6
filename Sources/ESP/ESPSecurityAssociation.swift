import Crypto

/// One direction of an ESP Child SA with ENCR_AES_GCM_16 (RFC 4303 with RFC 4106), as the
/// userspace data plane runs it: the sender side numbers and seals packets, the receiver side
/// checks, opens and de-duplicates them. No sockets, no clock: bytes in, bytes out.
///
/// Packet layout (RFC 4303 §2, RFC 4106 §3):
///
///     SPI (4) | Sequence Number (4) | IV (8) | ciphertext of [payload | padding | pad length | next header] | ICV (16)
///
/// The associated data is SPI || Sequence Number, or SPI || high 32 bits || low 32 bits with
/// extended sequence numbers (RFC 4106 §5), whose high half is never sent but inferred by the
/// receiver (RFC 4303 Appendix A2). The IV is the 64-bit sequence number: unique for every packet
/// under one key, which is all GCM needs (RFC 4106 §3.1); the counter never wraps because sending
/// stops at its maximum (§3.3.3), after which the SA must be rekeyed.
public struct ESPSecurityAssociation {
    public static let headerSize = 8
    public static let ivSize = 8
    public static let icvSize = 16
    /// Pad Length and Next Header.
    public static let trailerSize = 2
    /// Next Header for an IPv6 packet in tunnel mode (RFC 8994 §6.7.3.1.1 uses tunnel mode).
    public static let ipv6: UInt8 = 41
    /// Next Header of a dummy packet (RFC 4303 §2.6): authentic, but to be dropped after decryption.
    public static let noNextHeader: UInt8 = 59

    public let spi: UInt32
    /// Negotiated with the ESN transform (RFC 7296 §3.3.2, type 5).
    public let extendedSequenceNumbers: Bool
    private let aead: AESGCM
    private let salt: [UInt8]
    /// Sender: the last sequence number used (the first packet carries 1).
    public internal(set) var sequenceNumber: UInt64 = 0
    /// Receiver: the anti-replay window.
    public internal(set) var replayWindow = ReplayWindow()

    /// `keyMaterial` is this direction's slice of KEYMAT: a 16-, 24- or 32-byte AES key followed by
    /// the 4-byte salt (RFC 4106 §8.1).
    public init(spi: UInt32, keyMaterial: [UInt8], extendedSequenceNumbers: Bool = false) throws(ESPError) {
        guard keyMaterial.count > 4 else { throw .cryptoFailure("ESP key material of \(keyMaterial.count) bytes") }
        let split = keyMaterial.count - 4
        do throws(CryptoError) {
            aead = try AESGCM(key: Array(keyMaterial[0..<split]))
        } catch {
            throw .cryptoFailure(error.description)
        }
        self.spi = spi
        self.extendedSequenceNumbers = extendedSequenceNumbers
        salt = Array(keyMaterial[split...])
    }

    private var lastSequenceNumber: UInt64 {
        extendedSequenceNumbers ? UInt64.max : UInt64(UInt32.max)
    }

    /// Seals `payload` (in tunnel mode, a whole inner IPv6 packet) into an ESP packet with the next
    /// sequence number.
    public mutating func encapsulate(_ payload: [UInt8], nextHeader: UInt8 = ipv6) throws(ESPError) -> [UInt8] {
        guard sequenceNumber < lastSequenceNumber else { throw .sequenceNumberExhausted }
        sequenceNumber += 1
        // RFC 4303 §2.4: the ciphertext (payload, padding, the two trailer bytes) ends on a 4-byte
        // boundary; the padding bytes are 1, 2, 3, … so the receiver can check them.
        let padLength = (4 - (payload.count + ESPSecurityAssociation.trailerSize) % 4) % 4
        let plaintextSize = payload.count + padLength + ESPSecurityAssociation.trailerSize
        let start = ESPSecurityAssociation.headerSize + ESPSecurityAssociation.ivSize

        var packet: [UInt8] = []
        packet.reserveCapacity(start + plaintextSize + ESPSecurityAssociation.icvSize)
        appendBigEndian(spi, to: &packet)
        appendBigEndian(UInt32(truncatingIfNeeded: sequenceNumber), to: &packet)
        appendBigEndian(UInt32(truncatingIfNeeded: sequenceNumber >> 32), to: &packet)
        appendBigEndian(UInt32(truncatingIfNeeded: sequenceNumber), to: &packet)
        packet.append(contentsOf: payload)
        for index in 0..<padLength { packet.append(UInt8(index + 1)) }
        packet.append(UInt8(padLength))
        packet.append(nextHeader)
        packet.append(contentsOf: repeatElement(0, count: ESPSecurityAssociation.icvSize))

        let nonce = salt + packet[ESPSecurityAssociation.headerSize..<start]
        let aad = associatedData(sequenceNumber)
        let aead = self.aead
        var failure: CryptoError?
        nonce.withUnsafeBytes { nonce in
            aad.withUnsafeBytes { aad in
                packet.withUnsafeMutableBytes { buffer in
                    // Encrypt in place: the plaintext region becomes ciphertext, the ICV fills the tail.
                    let plaintext = UnsafeRawBufferPointer(rebasing: buffer[start..<(start + plaintextSize)])
                    let output = UnsafeMutableRawBufferPointer(rebasing: buffer[start...])
                    do throws(CryptoError) {
                        try aead.seal(nonce: nonce, aad: aad, plaintext: plaintext, into: output, tagLength: ESPSecurityAssociation.icvSize)
                    } catch {
                        failure = error
                    }
                }
            }
        }
        if let failure { throw .cryptoFailure(failure.description) }
        return packet
    }

    /// Checks and opens an ESP packet addressed to this SA, in the order RFC 4303 §3.4 requires:
    /// SPI, replay pre-check, ICV, and only then the window update. Returns the payload and its
    /// Next Header (41 for IPv6 in tunnel mode; 59 marks a dummy packet to drop).
    public mutating func decapsulate(_ packet: [UInt8]) throws(ESPError) -> (payload: [UInt8], nextHeader: UInt8) {
        let start = ESPSecurityAssociation.headerSize + ESPSecurityAssociation.ivSize
        let minimum = start + ESPSecurityAssociation.trailerSize + ESPSecurityAssociation.icvSize
        guard packet.count >= minimum, (packet.count - start - ESPSecurityAssociation.icvSize) % 4 == 0 else {
            throw .malformed(length: packet.count)
        }
        let receivedSPI = bigEndian32(packet, at: 0)
        guard receivedSPI == spi else { throw .unknownSPI(receivedSPI) }
        let low = bigEndian32(packet, at: 4)
        let sequence: UInt64
        if extendedSequenceNumbers {
            guard let inferred = replayWindow.inferExtendedSequenceNumber(low: low) else {
                throw .tooOld(sequenceNumber: UInt64(low))
            }
            sequence = inferred
        } else {
            sequence = UInt64(low)
        }
        try replayWindow.check(sequence)

        let nonce = salt + packet[ESPSecurityAssociation.headerSize..<start]
        let aad = associatedData(sequence)
        var plaintext = [UInt8](repeating: 0, count: packet.count - start - ESPSecurityAssociation.icvSize)
        let aead = self.aead
        var failure: CryptoError?
        nonce.withUnsafeBytes { nonce in
            aad.withUnsafeBytes { aad in
                packet.withUnsafeBytes { buffer in
                    plaintext.withUnsafeMutableBytes { output in
                        let sealed = UnsafeRawBufferPointer(rebasing: buffer[start...])
                        do throws(CryptoError) {
                            try aead.open(nonce: nonce, aad: aad, sealed: sealed, into: output, tagLength: ESPSecurityAssociation.icvSize)
                        } catch {
                            failure = error
                        }
                    }
                }
            }
        }
        if let failure {
            if failure.isVerificationFailure { throw .integrityCheckFailed(sequenceNumber: sequence) }
            throw .cryptoFailure(failure.description)
        }
        replayWindow.accept(sequence)

        let nextHeader = plaintext.removeLast()
        let padLength = Int(plaintext.removeLast())
        guard padLength <= plaintext.count else { throw .badPadding(sequenceNumber: sequence) }
        let payloadSize = plaintext.count - padLength
        for index in 0..<padLength where plaintext[payloadSize + index] != UInt8(index + 1) {
            throw .badPadding(sequenceNumber: sequence)
        }
        plaintext.removeLast(padLength)
        return (plaintext, nextHeader)
    }

    /// RFC 4106 §5: SPI || Sequence Number, or SPI || high || low with extended sequence numbers.
    private func associatedData(_ sequence: UInt64) -> [UInt8] {
        var aad: [UInt8] = []
        aad.reserveCapacity(12)
        appendBigEndian(spi, to: &aad)
        if extendedSequenceNumbers { appendBigEndian(UInt32(truncatingIfNeeded: sequence >> 32), to: &aad) }
        appendBigEndian(UInt32(truncatingIfNeeded: sequence), to: &aad)
        return aad
    }
}

private func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
    bytes.append(UInt8(truncatingIfNeeded: value >> 24))
    bytes.append(UInt8(truncatingIfNeeded: value >> 16))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    bytes.append(UInt8(truncatingIfNeeded: value))
}

private func bigEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
}
