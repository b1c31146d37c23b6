import Crypto

/// What an IKE_AUTH signature covers (RFC 7296 §2.15):
///
///     InitiatorSignedOctets = RealMessage1 | NonceRData | prf(SK_pi, RestOfInitIDPayload)
///     ResponderSignedOctets = RealMessage2 | NonceIData | prf(SK_pr, RestOfRespIDPayload)
///
/// `message` is the sender's own IKE_SA_INIT message exactly as sent (RealMessage1 for the
/// initiator, RealMessage2 for the responder), `peerNonce` the other side's nonce, `key` the
/// sender's SK_p, and the ID is the sender's own IDi or IDr.
public func signedOctets(
    _ prf: PseudorandomFunction, message: [UInt8], peerNonce: [UInt8], key: [UInt8],
    identification: IdentificationPayload
) throws(CryptoError) -> [UInt8] {
    message + peerNonce + (try prf(key: key, identification.emitBody()))
}

/// Authentication Data of AUTH method 14, Digital Signature (RFC 7427 §3): a one-byte length,
/// the DER AlgorithmIdentifier of the signature algorithm, then the signature value.
public struct SignatureAuthenticationData: Equatable, Sendable {
    public var algorithmIdentifier: [UInt8]
    public var signature: [UInt8]

    public init(algorithmIdentifier: [UInt8], signature: [UInt8]) {
        self.algorithmIdentifier = algorithmIdentifier
        self.signature = signature
    }

    /// AlgorithmIdentifier blobs from RFC 7427 Appendix A.3 (ECDSA, parameters absent). The ACP
    /// uses ECDSA certificates; comparing blobs is what §3 suggests instead of parsing ASN.1.
    public static let ecdsaWithSHA256: [UInt8] = [0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02]
    public static let ecdsaWithSHA384: [UInt8] = [0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x03]
    public static let ecdsaWithSHA512: [UInt8] = [0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x04]

    /// Parses the data of an AUTH payload whose method is `.digitalSignature`. Offsets in errors
    /// count from the start of that data.
    public static func parse(_ data: [UInt8]) throws(IKEv2WireError) -> SignatureAuthenticationData {
        var reader = WireReader(data)
        let length = Int(try reader.u8("ASN.1 length"))
        guard length > 0 else { throw reader.error(.malformed, "empty AlgorithmIdentifier", at: 0) }
        let identifier = try reader.take(length, "AlgorithmIdentifier")
        return SignatureAuthenticationData(algorithmIdentifier: identifier, signature: reader.rest())
    }

    public func emit() -> [UInt8] {
        [UInt8(truncatingIfNeeded: algorithmIdentifier.count)] + algorithmIdentifier + signature
    }
}

/// Hash algorithm numbers of the SIGNATURE_HASH_ALGORITHMS notification (RFC 7427 §4, IANA
/// "IKEv2 Hash Algorithms").
public enum SignatureHashAlgorithm {
    public static let sha1: UInt16 = 1
    public static let sha2_256: UInt16 = 2
    public static let sha2_384: UInt16 = 3
    public static let sha2_512: UInt16 = 4
    /// RFC 8420: "sign the message itself" (EdDSA).
    public static let identity: UInt16 = 5
}

extension NotifyPayload {
    /// SIGNATURE_HASH_ALGORITHMS announcing `algorithms` (sent in IKE_SA_INIT).
    public static func signatureHashAlgorithms(_ algorithms: [UInt16]) -> NotifyPayload {
        var data: [UInt8] = []
        for algorithm in algorithms { data.appendU16(algorithm) }
        return NotifyPayload(.signatureHashAlgorithms, data: data)
    }

    /// The 16-bit algorithm numbers of a SIGNATURE_HASH_ALGORITHMS notification; a trailing odd
    /// byte is ignored rather than rejected, since the list only narrows what the peer may use.
    public var hashAlgorithms: [UInt16] {
        stride(from: 0, to: data.count - 1, by: 2).map { UInt16(data[$0]) << 8 | UInt16(data[$0 + 1]) }
    }
}
