import Platform
import Testing
@testable import IKEv2

/// RFC 7383 fragments: strongSwan's opened and reassembled, resealed byte for byte, and our own
/// fragments round-tripped.
@Suite struct FragmentationTests {
    typealias F = StrongSwanFragments

    func open(_ datagram: [UInt8], key: [UInt8]) throws -> (fragment: EncryptedFragmentPayload, plaintext: [UInt8]) {
        guard case .ike(let message) = classifyPort4500(datagram) else { throw IKEv2WireError(.malformed, at: 0, "not IKE") }
        return try EncryptedPayloadCipher(key: key).openFragment(message)
    }

    /// The RFC 3948 marker check, inline so this target does not depend on the ESP module.
    enum Port4500 { case ike([UInt8]), other }
    func classifyPort4500(_ datagram: [UInt8]) -> Port4500 {
        datagram.starts(with: [0, 0, 0, 0]) ? .ike(Array(datagram.dropFirst(4))) : .other
    }

    @Test func strongSwanRequestReassembles() throws {
        let first = try open(F.requestFragment1, key: F.skEI)
        let second = try open(F.requestFragment2, key: F.skEI)
        #expect(first.fragment.fragmentNumber == 1 && first.fragment.totalFragments == 2)
        #expect(first.fragment.firstPayload == .identificationInitiator)
        #expect(second.fragment.fragmentNumber == 2 && second.fragment.firstPayload == .noNextPayload)
        // Order of arrival does not matter.
        let payloads = try EncryptedPayloadCipher.reassemble([second, first])
        #expect(payloads.first == .identificationInitiator(
            IdentificationPayload(type: .ipv6Address, data: try #require(IPv6Address("fd00:f::1")).bytes)))
        #expect(payloads.contains { $0.type == .authentication })
        #expect(payloads.contains(.trafficSelectorResponder(TrafficSelectorPayload(selectors: [.allIPv6]))))
    }

    @Test func strongSwanResponseReassemblesWithTheResponderKey() throws {
        let payloads = try EncryptedPayloadCipher.reassemble([
            try open(F.responseFragment1, key: F.skER), try open(F.responseFragment2, key: F.skER),
        ])
        #expect(payloads.first == .identificationResponder(
            IdentificationPayload(type: .ipv6Address, data: try #require(IPv6Address("fd00:f::2")).bytes)))
    }

    /// Sealing each opened fragment again with strongSwan's IV reproduces its datagram: the AAD
    /// covers the header and the whole SKF header, Fragment Number and Total Fragments included.
    @Test func strongSwanFragmentsResealByteForByte() throws {
        let cipher = try EncryptedPayloadCipher(key: F.skEI)
        for datagram in [F.requestFragment1, F.requestFragment2] {
            let message = Array(datagram.dropFirst(4))
            let parsed = try IKEv2Message.parse(message)
            guard case .encryptedFragment(let skf) = parsed.payloads.last else { Issue.record("no SKF"); continue }
            let iv = skf.data.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let (fragment, plaintext) = try cipher.openFragment(message)
            #expect(try cipher.seal(header: parsed.header, fragment: fragment, content: plaintext, iv: iv) == message)
        }
    }

    @Test func ownFragmentsRoundTrip() throws {
        let cipher = try EncryptedPayloadCipher(key: F.skEI)
        let header = IKEv2Header(initiatorSPI: 1, responderSPI: 2, exchangeType: .ikeAuth, flags: .initiator, messageID: 1)
        let payloads: [Payload] = [
            .identificationInitiator(IdentificationPayload(type: .ipv6Address, data: [UInt8](repeating: 0xFD, count: 16))),
            .certificate(CertificatePayload(encoding: .x509Signature, data: [UInt8](repeating: 0x30, count: 900))),
            .authentication(AuthenticationPayload(method: .digitalSignature, data: [UInt8](repeating: 1, count: 80))),
        ]
        let messages = try cipher.sealFragments(header: header, payloads: payloads, maximumPlaintext: 300, firstIV: 100)
        #expect(messages.count == 4)  // 4 + 20 + 4 + 901 + 4 + 84 = 1017 bytes of chain
        let opened = try messages.map { (message) throws(IKEv2WireError) in try cipher.openFragment(message) }
        #expect(opened.map(\.fragment.fragmentNumber) == [1, 2, 3, 4])
        #expect(try EncryptedPayloadCipher.reassemble(opened.reversed()) == payloads)

        // Missing, duplicated or inconsistent fragments are refused.
        #expect(throws: IKEv2WireError.self) { try EncryptedPayloadCipher.reassemble(Array(opened.dropLast())) }
        #expect(throws: IKEv2WireError.self) { try EncryptedPayloadCipher.reassemble([opened[0], opened[0], opened[1], opened[2]]) }
        #expect(throws: IKEv2WireError.self) { try EncryptedPayloadCipher.reassemble([]) }
        // One message when everything fits.
        #expect(try cipher.sealFragments(header: header, payloads: [.nonce([1])], maximumPlaintext: 300, firstIV: 1).count == 1)
    }
}
