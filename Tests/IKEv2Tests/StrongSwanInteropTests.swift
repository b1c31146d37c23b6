import Platform
import Testing
@testable import IKEv2

/// Parses, re-emits, derives keys for and decrypts a real strongSwan exchange (see
/// StrongSwanExchange.swift for where every byte comes from).
@Suite struct StrongSwanInteropTests {
    typealias X = StrongSwanExchange

    /// The UDP 4500 payloads start with the non-ESP marker (RFC 3948 §2.2).
    func ikeMessage(_ datagram: [UInt8]) throws -> [UInt8] {
        #expect(Array(datagram.prefix(4)) == [0, 0, 0, 0])
        return Array(datagram.dropFirst(4))
    }

    func nonce(_ message: IKEv2Message) throws -> [UInt8] {
        for case .nonce(let nonce) in message.payloads { return nonce }
        throw IKEv2WireError(.malformed, at: 0, "no nonce in the test message")
    }

    @Test func saInitMessagesParseAndReEmitByteForByte() throws {
        let request = try IKEv2Message.parse(X.saInitRequest)
        let response = try IKEv2Message.parse(X.saInitResponse)
        #expect(request.emit() == X.saInitRequest)
        #expect(response.emit() == X.saInitResponse)

        #expect(request.header.exchangeType == .ikeSAInit)
        #expect(request.header.flags == .initiator)
        #expect(request.header.responderSPI == 0)
        #expect(response.header.flags == .response)
        #expect(response.header.initiatorSPI == request.header.initiatorSPI)

        guard case .securityAssociation(let sa) = response.payloads[0] else { Issue.record("no SA first"); return }
        let chosen = try #require(sa.proposals.first)
        #expect(chosen.protocolID == .ike)
        #expect(chosen.transform(.encryptionAlgorithm) == .encryption(EncryptionAlgorithm.aesGCM16, keyLength: 256))
        #expect(chosen.transform(.pseudorandomFunction)?.id == PseudorandomFunctionID.hmacSHA2_256)
        #expect(chosen.transform(.keyExchangeMethod)?.id == DiffieHellmanGroup.ecp256)
        guard case .keyExchange(let ke) = response.payloads[1] else { Issue.record("no KE second"); return }
        #expect(ke.group == 19 && ke.data.count == 64)
        #expect(try nonce(request).count == 32)
        #expect(request.notify(.natDetectionSourceIP)?.data.count == 20)
        #expect(request.notify(.natDetectionDestinationIP)?.data.count == 20)
        #expect(request.notify(.ikev2FragmentationSupported) != nil)
        // RFC 7427 §4: 16-bit hash algorithm numbers (2 = SHA2-256 …).
        #expect(request.notify(.signatureHashAlgorithms)?.data.prefix(2) == [0, 2])
    }

    /// SKEYSEED and the seven keys from the captured nonces and SPIs and the logged g^ir must be
    /// what strongSwan derived.
    @Test func keyDerivationMatchesStrongSwan() throws {
        let request = try IKEv2Message.parse(X.saInitRequest)
        let response = try IKEv2Message.parse(X.saInitResponse)
        let prf = PseudorandomFunction.hmac(.sha256)
        let ni = try nonce(request), nr = try nonce(response)
        let skeyseed = try IKESAKeys.skeyseed(prf, sharedSecret: X.sharedSecret, initiatorNonce: ni, responderNonce: nr)
        #expect(skeyseed == X.skeyseed)
        let keys = try IKESAKeys.derive(
            prf, skeyseed: skeyseed, initiatorNonce: ni, responderNonce: nr,
            initiatorSPI: response.header.initiatorSPI, responderSPI: response.header.responderSPI,
            encryptionKeySize: 36)
        #expect(keys.d == X.skD)
        #expect(keys.ei == X.skEI)
        #expect(keys.er == X.skER)
        #expect(keys.pi == X.skPI)
        #expect(keys.pr == X.skPR)
        #expect(keys.ai.isEmpty && keys.ar.isEmpty)

        let child = try ChildSAKeys.derive(prf, skD: keys.d, initiatorNonce: ni, responderNonce: nr, encryptionKeySize: 36)
        #expect(child.initiatorToResponder == X.childInitiatorKey)
        #expect(child.responderToInitiator == X.childResponderKey)
    }

    @Test func ikeAuthRequestOpens() throws {
        let bytes = try ikeMessage(X.ikeAuthRequest4500)
        let opened = try EncryptedPayloadCipher(key: X.skEI).open(bytes)
        #expect(opened.header.exchangeType == .ikeAuth)
        #expect(opened.header.messageID == 1)
        #expect(opened.unprotected.isEmpty)

        var idi: IdentificationPayload?, auth: AuthenticationPayload?, certificate: CertificatePayload?
        var tsi: TrafficSelectorPayload?, tsr: TrafficSelectorPayload?, esp: SecurityAssociationPayload?
        for payload in opened.payloads {
            switch payload {
            case .identificationInitiator(let p): idi = p
            case .authentication(let p): auth = p
            case .certificate(let p): certificate = p
            case .trafficSelectorInitiator(let p): tsi = p
            case .trafficSelectorResponder(let p): tsr = p
            case .securityAssociation(let p): esp = p
            default: break
            }
        }
        #expect(idi == IdentificationPayload(type: .ipv6Address, data: try #require(IPv6Address("fd00:f::1")).bytes))
        #expect(auth?.method == .digitalSignature)
        #expect(certificate?.encoding == .x509Signature)
        #expect(certificate?.data.first == 0x30)  // a DER SEQUENCE
        #expect(tsi == TrafficSelectorPayload(selectors: [.allIPv6]))
        #expect(tsr == TrafficSelectorPayload(selectors: [.allIPv6]))
        let proposal = try #require(esp?.proposals.first)
        #expect(proposal.protocolID == .esp && proposal.spi.count == 4)
        #expect(proposal.transform(.encryptionAlgorithm)?.keyLength == 256)

        // Sealing the same payloads with strongSwan's IV gives back its exact message: same
        // framing, same associated data, same (zero) padding.
        let sk = try IKEv2Message.parse(bytes).payloads.last
        guard case .encrypted(let encrypted) = sk else { Issue.record("no SK"); return }
        let iv = encrypted.data.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let resealed = try EncryptedPayloadCipher(key: X.skEI).seal(header: opened.header, payloads: opened.payloads, iv: iv)
        #expect(resealed == bytes)
    }

    @Test func ikeAuthResponseOpensWithTheResponderKey() throws {
        let bytes = try ikeMessage(X.ikeAuthResponse4500)
        #expect(throws: IKEv2WireError.self) { try EncryptedPayloadCipher(key: X.skEI).open(bytes) }
        let opened = try EncryptedPayloadCipher(key: X.skER).open(bytes)
        #expect(opened.header.flags == .response)
        let idr = opened.payloads.compactMap { payload -> IdentificationPayload? in
            if case .identificationResponder(let id) = payload { return id }
            return nil
        }
        #expect(idr == [IdentificationPayload(type: .ipv6Address, data: try #require(IPv6Address("fd00:f::2")).bytes)])
        #expect(try IKEv2Message.parse(bytes).emit() == bytes)
    }

    @Test func informationalDeleteAndEmptyResponse() throws {
        let request = try EncryptedPayloadCipher(key: X.skEI).open(try ikeMessage(X.informationalRequest4500))
        #expect(request.header.exchangeType == .informational)
        #expect(request.payloads == [.delete(.ikeSA)])
        let response = try EncryptedPayloadCipher(key: X.skER).open(try ikeMessage(X.informationalResponse4500))
        #expect(response.payloads.isEmpty)
    }

    /// RFC 7296 §2.15 octets, checked against what charon logged it signed and verified.
    @Test func signedOctetsMatchStrongSwan() throws {
        let request = try IKEv2Message.parse(X.saInitRequest)
        let response = try IKEv2Message.parse(X.saInitResponse)
        let prf = PseudorandomFunction.hmac(.sha256)
        let initiatorID = IdentificationPayload(type: .ipv6Address, data: try #require(IPv6Address("fd00:f::1")).bytes)
        let responderID = IdentificationPayload(type: .ipv6Address, data: try #require(IPv6Address("fd00:f::2")).bytes)
        let initiatorOctets = try signedOctets(
            prf, message: X.saInitRequest, peerNonce: try nonce(response), key: X.skPI, identification: initiatorID)
        #expect(initiatorOctets == X.saInitRequest + (try nonce(response)) + X.initiatorMACedID)
        let responderOctets = try signedOctets(
            prf, message: X.saInitResponse, peerNonce: try nonce(request), key: X.skPR, identification: responderID)
        #expect(responderOctets == X.saInitResponse + (try nonce(request)) + X.responderMACedID)
    }

    /// RFC 7427: the AUTH payload of method 14 starts with the ecdsa-with-SHA256 blob of
    /// Appendix A.3.2; SIGNATURE_HASH_ALGORITHMS lists SHA2-256/384/512 and Identity.
    @Test func digitalSignatureAuthData() throws {
        let opened = try EncryptedPayloadCipher(key: X.skEI).open(try ikeMessage(X.ikeAuthRequest4500))
        let auth = try #require(opened.payloads.compactMap { payload -> AuthenticationPayload? in
            if case .authentication(let auth) = payload { return auth }
            return nil
        }.first)
        let data = try SignatureAuthenticationData.parse(auth.data)
        #expect(data.algorithmIdentifier == hex("300a 0608 2a86 48ce 3d04 0302"))
        #expect(data.algorithmIdentifier == SignatureAuthenticationData.ecdsaWithSHA256)
        #expect(data.signature.first == 0x30)  // DER ECDSA-Sig-Value
        #expect(data.emit() == auth.data)

        let request = try IKEv2Message.parse(X.saInitRequest)
        let announced = try #require(request.notify(.signatureHashAlgorithms))
        #expect(announced.hashAlgorithms == [SignatureHashAlgorithm.sha2_256, SignatureHashAlgorithm.sha2_384,
                                             SignatureHashAlgorithm.sha2_512, SignatureHashAlgorithm.identity])
        #expect(NotifyPayload.signatureHashAlgorithms(announced.hashAlgorithms) == announced)
        #expect(throws: IKEv2WireError.self) { try SignatureAuthenticationData.parse([]) }
        #expect(throws: IKEv2WireError.self) { try SignatureAuthenticationData.parse([12, 0x30]) }
    }
}
