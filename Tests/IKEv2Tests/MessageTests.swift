import Platform
import Testing
@testable import IKEv2

/// An IKE_SA_INIT request written out by hand, field by field, from the figures of RFC 7296 §3
/// (header §3.1, SA §3.3, KE §3.4, Nonce §3.9, Notify §3.10) and RFC 7427 §4. It offers the ACP
/// suite: ENCR_AES_GCM_16/256, PRF_HMAC_SHA2_256, DH group 19.
let handWrittenSAInit: [UInt8] =
    // IKE header: SPIi, SPIr (0), next payload SA (33), version 2.0, IKE_SA_INIT (34),
    // flags I (0x08), message ID 0, length 218.
    hex("0102030405060708 0000000000000000 21 20 22 08 00000000 000000da")
    // SA: next KE (34), length 40; proposal: last, length 36, #1, IKE, SPI size 0, 3 transforms.
    + hex("22 00 0028  00 00 0024 01 01 00 03")
    // ENCR (1) id 20 + Key Length attribute (TV, type 14) 256; PRF (2) id 5; DH (4) id 19 (last).
    + hex("03 00 000c 01 00 0014 800e 0100  03 00 0008 02 00 0005  00 00 0008 04 00 0013")
    // KE: next Nonce (40), length 72, group 19, reserved, 64 bytes of x || y.
    + hex("28 00 0048 0013 0000") + [UInt8](repeating: 0xAA, count: 64)
    // Nonce: next Notify (41), length 36, 32 bytes.
    + hex("29 00 0024") + Array(UInt8(0)..<32)
    // Notify NAT_DETECTION_SOURCE_IP (16388): next Notify, length 28, no SPI, 20-byte hash.
    + hex("29 00 001c 00 00 4004") + [UInt8](repeating: 0x11, count: 20)
    // Notify SIGNATURE_HASH_ALGORITHMS (16431): last, length 14, SHA2-256/384/512 (2, 3, 4).
    + hex("00 00 000e 00 00 402f 0002 0003 0004")

let expectedSAInit = IKEv2Message(
    header: IKEv2Header(
        initiatorSPI: 0x0102_0304_0506_0708, responderSPI: 0, exchangeType: .ikeSAInit,
        flags: .initiator, messageID: 0),
    payloads: [
        .securityAssociation(SecurityAssociationPayload(proposals: [
            Proposal(number: 1, protocolID: .ike, transforms: [
                .encryption(EncryptionAlgorithm.aesGCM16, keyLength: 256),
                Transform(type: .pseudorandomFunction, id: PseudorandomFunctionID.hmacSHA2_256),
                Transform(type: .keyExchangeMethod, id: DiffieHellmanGroup.ecp256),
            ]),
        ])),
        .keyExchange(KeyExchangePayload(group: 19, data: [UInt8](repeating: 0xAA, count: 64))),
        .nonce(Array(UInt8(0)..<32)),
        .notify(NotifyPayload(.natDetectionSourceIP, data: [UInt8](repeating: 0x11, count: 20))),
        .notify(NotifyPayload(.signatureHashAlgorithms, data: hex("0002 0003 0004"))),
    ])

@Suite struct MessageTests {
    @Test func parsesHandWrittenSAInit() throws {
        #expect(handWrittenSAInit.count == 218)
        let message = try IKEv2Message.parse(handWrittenSAInit)
        #expect(message == expectedSAInit)
        #expect(message.notify(.natDetectionSourceIP)?.data.count == 20)
        guard case .securityAssociation(let sa) = message.payloads[0] else { Issue.record("no SA"); return }
        #expect(sa.proposals[0].transform(.encryptionAlgorithm)?.keyLength == 256)
    }

    @Test func emitsHandWrittenSAInitByteForByte() {
        #expect(hexString(expectedSAInit.emit()) == hexString(handWrittenSAInit))
    }

    @Test func headerFlagsAndVersion() throws {
        var bytes = handWrittenSAInit
        bytes[19] = 0x20 | 0x08 | 0x01  // response + initiator + an undefined bit, which is ignored
        let message = try IKEv2Message.parse(bytes)
        #expect(message.header.flags == [.response, .initiator])
        bytes[17] = 0x30  // major version 3
        #expect(throws: IKEv2WireError(.unsupportedVersion(major: 3), at: 17, "major version")) {
            try IKEv2Message.parse(bytes)
        }
    }

    @Test func lengthMustMatchTheDatagram() {
        let longer = handWrittenSAInit + [0]
        #expect(throws: IKEv2WireError.self) { try IKEv2Message.parse(longer) }
        #expect(throws: IKEv2WireError.self) { try IKEv2Message.parse(Array(handWrittenSAInit.prefix(27))) }
        // A length beyond Int32.max must be an error, not a trap, on 32-bit targets too: the length
        // is compared as a 64-bit value instead of being converted to Int.
        var huge = handWrittenSAInit
        huge[24] = 0xFF
        #expect(throws: IKEv2WireError(.badLength, at: 24, "message length 4278190298, datagram 218")) {
            try IKEv2Message.parse(huge)
        }
    }

    /// Every truncation, with the header length patched to match so the payload walker itself
    /// meets the short data, must be a typed error.
    @Test func everyTruncationIsATypedError() {
        for cut in IKEv2Header.size..<handWrittenSAInit.count {
            var bytes = Array(handWrittenSAInit.prefix(cut))
            bytes.patchU32(cut, at: 24)
            #expect(throws: IKEv2WireError.self) { try IKEv2Message.parse(bytes) }
        }
    }

    @Test func unknownPayloads() throws {
        // Replace the last Notify by an unknown payload type 200 with body 01 02 03.
        var base = Array(handWrittenSAInit.prefix(218 - 14))
        base[28 + 40 + 72 + 36] = 200  // the first Notify's Next Payload now names type 200
        var nonCritical = base + hex("00 00 0007 010203")
        nonCritical.patchU32(nonCritical.count, at: 24)
        let message = try IKEv2Message.parse(nonCritical)
        #expect(message.payloads.last == .other(type: PayloadType(rawValue: 200), critical: false, body: [1, 2, 3]))
        #expect(message.emit() == nonCritical)

        var critical = base + hex("00 80 0007 010203")
        critical.patchU32(critical.count, at: 24)
        #expect(throws: IKEv2WireError(.unsupportedCriticalPayload(PayloadType(rawValue: 200)), at: 218 - 14, "payload type 200")) {
            try IKEv2Message.parse(critical)
        }

        // The critical bit on a payload this implementation knows is ignored (RFC 7296 §2.5).
        var knownCritical = handWrittenSAInit
        knownCritical[28 + 1] = 0x80
        #expect(try IKEv2Message.parse(knownCritical) == expectedSAInit)
    }

    @Test func proposalAndTransformMarkersAreChecked() {
        var bytes = handWrittenSAInit
        bytes[32] = 1  // proposal "Last Substruc" must be 0 or 2
        #expect(throws: IKEv2WireError.self) { try IKEv2Message.parse(bytes) }
        bytes = handWrittenSAInit
        bytes[40] = 0  // the first of three transforms claims to be the last
        #expect(throws: IKEv2WireError.self) { try IKEv2Message.parse(bytes) }
    }

    /// An IKE_AUTH-style payload set with every decoded type, through emit → parse.
    @Test func roundTripsEveryPayloadType() throws {
        let acpAddress = try #require(IPv6Address("fd89:b714:f3db::1"))
        let message = IKEv2Message(
            header: IKEv2Header(initiatorSPI: 1, responderSPI: 2, exchangeType: .createChildSA, flags: .response, messageID: 7),
            payloads: [
                .securityAssociation(SecurityAssociationPayload(proposals: [
                    Proposal(number: 1, protocolID: .esp, spi: [0xC0, 0, 0, 1], transforms: [
                        .encryption(EncryptionAlgorithm.aesGCM16, keyLength: 256),
                        Transform(type: .extendedSequenceNumbers, id: ExtendedSequenceNumbers.no),
                    ]),
                    Proposal(number: 2, protocolID: .esp, spi: [0xC0, 0, 0, 1], transforms: [
                        Transform(type: .encryptionAlgorithm, id: 99, attributes: [TransformAttribute(type: 0x1234, value: .long([9, 9]))]),
                    ]),
                ])),
                .identificationInitiator(IdentificationPayload(type: .ipv6Address, data: acpAddress.bytes)),
                .identificationResponder(IdentificationPayload(type: .fqdn, data: Array("node.example".utf8))),
                .certificate(CertificatePayload(encoding: .x509Signature, data: [0x30, 0x82, 0x01])),
                .certificateRequest(CertificatePayload(encoding: .x509Signature, data: [UInt8](repeating: 7, count: 20))),
                .authentication(AuthenticationPayload(method: .digitalSignature, data: [1, 2, 3, 4])),
                .notify(NotifyPayload(.rekeySA, protocolID: .esp, spi: [1, 2, 3, 4])),
                .delete(.esp([0xC000_0001, 0xC000_0002])),
                .delete(.ikeSA),
                .vendorID(Array("minerva".utf8)),
                .trafficSelectorInitiator(TrafficSelectorPayload(selectors: [.allIPv6])),
                .trafficSelectorResponder(TrafficSelectorPayload(selectors: [
                    .addressRange(.init(type: .ipv4AddressRange, ipProtocol: 17, startPort: 500, endPort: 500,
                                        startAddress: [10, 0, 0, 1], endAddress: [10, 0, 0, 1])),
                    .unknown(type: TrafficSelectorType(rawValue: 10), body: [0, 0xAB, 0xCD]),
                ])),
            ])
        let bytes = message.emit()
        #expect(try IKEv2Message.parse(bytes) == message)
        #expect(try IKEv2Message.parse(bytes).emit() == bytes)
    }

    /// TS for ::/0 laid out by hand (§3.13.1): type 8, any protocol, length 40, ports 0-65535.
    @Test func allIPv6TrafficSelectorBytes() {
        var bytes: [UInt8] = []
        TrafficSelector.allIPv6.emit(into: &bytes)
        #expect(bytes == hex("08 00 0028 0000 ffff") + [UInt8](repeating: 0, count: 16) + [UInt8](repeating: 0xFF, count: 16))
    }

    @Test func deleteAndNotifyLayouts() {
        var bytes: [UInt8] = []
        DeletePayload.esp([0xC000_0001]).emit(into: &bytes)
        #expect(bytes == hex("03 04 0001 c0000001"))
        bytes = []
        NotifyPayload(.cookie, data: [0xAB]).emit(into: &bytes)
        #expect(bytes == hex("00 00 4006 ab"))
        #expect(NotifyType.authenticationFailed.isError && !NotifyType.cookie.isError)
    }

    @Test func identificationAddressLengthIsChecked() throws {
        let message = IKEv2Message(
            header: IKEv2Header(initiatorSPI: 1, responderSPI: 2, exchangeType: .ikeAuth, flags: .initiator, messageID: 1),
            payloads: [.identificationInitiator(IdentificationPayload(type: .ipv6Address, data: [1, 2, 3]))])
        #expect(throws: IKEv2WireError.self) { try IKEv2Message.parse(message.emit()) }
        #expect(IdentificationPayload(type: .fqdn, data: [0x61]).emitBody() == hex("02 000000 61"))
    }
}
