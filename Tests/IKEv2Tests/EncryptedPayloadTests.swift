import Testing
@testable import IKEv2

@Suite struct EncryptedPayloadTests {
    let key = Array(UInt8(0)..<32) + hex("a0a1a2a3")
    let header = IKEv2Header(
        initiatorSPI: 0x0102_0304_0506_0708, responderSPI: 0x1112_1314_1516_1718,
        exchangeType: .ikeAuth, flags: .initiator, messageID: 1)

    /// SK{N(INITIAL_CONTACT)} sealed with AES-256-GCM-16. Expected bytes computed independently
    /// with Python `cryptography` (OpenSSL) from the RFC 5282 layout: nonce = salt || IV,
    /// AAD = IKE header || SK generic header (next 41, length 37), plaintext = payload || pad length 0.
    @Test func sealMatchesIndependentAESGCM() throws {
        let cipher = try EncryptedPayloadCipher(key: key)
        let bytes = try cipher.seal(header: header, payloads: [.notify(NotifyPayload(.initialContact))], iv: 1)
        #expect(hexString(bytes) == """
            010203040506070811121314151617182e20230800000001000000412900002500000000000000\
            01b0afb8866c7486b41b977dd5d5b358ba2989637d699e063f9a
            """)
        let opened = try cipher.open(bytes)
        #expect(opened.header == header)
        #expect(opened.unprotected.isEmpty)
        #expect(opened.payloads == [.notify(NotifyPayload(.initialContact))])
    }

    @Test func roundTripWithPaddingAndManyPayloads() throws {
        let cipher = try EncryptedPayloadCipher(key: key)
        let payloads: [Payload] = [
            .identificationInitiator(IdentificationPayload(type: .ipv6Address, data: [UInt8](repeating: 0xFD, count: 16))),
            .authentication(AuthenticationPayload(method: .digitalSignature, data: [UInt8](repeating: 5, count: 80))),
            .securityAssociation(SecurityAssociationPayload(proposals: [
                Proposal(number: 1, protocolID: .esp, spi: [1, 2, 3, 4], transforms: [.encryption(20, keyLength: 256)]),
            ])),
            .trafficSelectorInitiator(TrafficSelectorPayload(selectors: [.allIPv6])),
            .trafficSelectorResponder(TrafficSelectorPayload(selectors: [.allIPv6])),
        ]
        let bytes = try cipher.seal(header: header, payloads: payloads, iv: 0xFFFF_FFFF_FFFF, padLength: 7)
        let opened = try cipher.open(bytes)
        #expect(opened.payloads == payloads)
        // The sealed message is itself a valid message with one SK payload.
        let outer = try IKEv2Message.parse(bytes)
        #expect(outer.payloads.count == 1)
        guard case .encrypted(let sk) = outer.payloads[0] else { Issue.record("no SK"); return }
        #expect(sk.firstPayload == .identificationInitiator)
    }

    @Test func everyFlippedBitFailsTheICV() throws {
        let cipher = try EncryptedPayloadCipher(key: key)
        let bytes = try cipher.seal(header: header, payloads: [.nonce([1, 2, 3])], iv: 9)
        let lengthFields = Set(24..<28).union(30..<32)
        for index in 0..<bytes.count {
            var tampered = bytes
            tampered[index] ^= 0x01
            do {
                _ = try cipher.open(tampered)
                Issue.record("byte \(index) flipped and still opened")
            } catch {
                // A changed length or first-payload type may fail parsing first; every other
                // byte (header fields, SK header, IV, ciphertext, ICV) is covered by the tag.
                if index >= IKEv2Header.size && !lengthFields.contains(index) && error.kind != .integrityCheckFailed {
                    Issue.record("byte \(index): \(error)")
                }
            }
        }
    }

    @Test func wrongKeyAndWrongDirection() throws {
        let sender = try EncryptedPayloadCipher(key: key)
        let bytes = try sender.seal(header: header, payloads: [.nonce([1])], iv: 1)
        var otherKey = key
        otherKey[35] ^= 1  // a different salt is a different nonce
        #expect(throws: IKEv2WireError(.integrityCheckFailed, at: 32, "Encrypted payload ICV")) {
            try EncryptedPayloadCipher(key: otherKey).open(bytes)
        }
        #expect(throws: IKEv2WireError.self) { try EncryptedPayloadCipher(key: [1, 2, 3]) }
    }

    @Test func openRequiresAnEncryptedPayload() throws {
        let cipher = try EncryptedPayloadCipher(key: key)
        #expect(throws: IKEv2WireError.self) { try cipher.open(handWrittenSAInit) }
        // SK followed by anything is rejected by the parser (§3.14: SK is last).
        var bytes = try cipher.seal(header: header, payloads: [.nonce([1])], iv: 1)
        bytes.append(0)
        bytes.patchU32(bytes.count, at: 24)
        #expect(throws: IKEv2WireError.self) { try IKEv2Message.parse(bytes) }
    }

    /// SKF (RFC 7383 §2.5): header fields round-trip; one fragment opens with the AAD covering
    /// Fragment Number and Total Fragments.
    @Test func encryptedFragment() throws {
        let fragment = EncryptedFragmentPayload(firstPayload: .identificationInitiator, fragmentNumber: 1, totalFragments: 2, data: [UInt8](repeating: 0, count: 30))
        let message = IKEv2Message(header: header, payloads: [.encryptedFragment(fragment)])
        let bytes = message.emit()
        #expect(Array(bytes[28..<36]) == hex("23 00 0026 0001 0002"))
        #expect(try IKEv2Message.parse(bytes) == message)

        var zero = bytes
        zero[33] = 0  // fragment number 0 is invalid
        #expect(throws: IKEv2WireError.self) { try IKEv2Message.parse(zero) }
        // The zero-filled body is not a valid sealed fragment.
        #expect(throws: IKEv2WireError.self) { try EncryptedPayloadCipher(key: key).openFragment(bytes) }
    }
}
