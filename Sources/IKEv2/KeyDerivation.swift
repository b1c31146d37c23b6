import Crypto

/// The keys of an IKE SA (RFC 7296 §2.14):
///
///     SKEYSEED = prf(Ni | Nr, g^ir)
///     {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr)
///
/// With an AEAD cipher (AES-GCM, RFC 5282 §7.1) there is no integrity transform, so SK_ai and
/// SK_ar are empty and SK_ei/SK_er are the AES key plus a 4-byte salt.
public struct IKESAKeys: Equatable {
    public var d: [UInt8]
    public var ai: [UInt8]
    public var ar: [UInt8]
    public var ei: [UInt8]
    public var er: [UInt8]
    public var pi: [UInt8]
    public var pr: [UInt8]

    /// SKEYSEED for a new IKE SA. `Ni | Nr` is the HMAC key whole: only fixed-key-size PRFs
    /// (AES-XCBC, AES-CMAC) would take 64 bits of each nonce.
    public static func skeyseed(
        _ prf: PseudorandomFunction, sharedSecret: [UInt8], initiatorNonce: [UInt8], responderNonce: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        try prf(key: initiatorNonce + responderNonce, sharedSecret)
    }

    /// SKEYSEED when an IKE SA is rekeyed with CREATE_CHILD_SA (§2.18):
    /// prf(SK_d (old), g^ir (new) | Ni | Nr), with the nonces of the rekeying exchange.
    public static func rekeyedSkeyseed(
        _ prf: PseudorandomFunction, oldSKd: [UInt8], sharedSecret: [UInt8],
        initiatorNonce: [UInt8], responderNonce: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        try prf(key: oldSKd, sharedSecret + initiatorNonce + responderNonce)
    }

    /// Splits prf+(SKEYSEED, Ni | Nr | SPIi | SPIr) into the seven keys, in the RFC's order.
    /// `encryptionKeySize` includes the salt for AEAD ciphers (36 for 256-bit AES-GCM);
    /// `integrityKeySize` is 0 for them. For a rekeyed IKE SA the SPIs and nonces are the new ones.
    public static func derive(
        _ prf: PseudorandomFunction, skeyseed: [UInt8], initiatorNonce: [UInt8], responderNonce: [UInt8],
        initiatorSPI: UInt64, responderSPI: UInt64, encryptionKeySize: Int, integrityKeySize: Int = 0
    ) throws(CryptoError) -> IKESAKeys {
        var seed = initiatorNonce + responderNonce
        seed.appendU64(initiatorSPI)
        seed.appendU64(responderSPI)
        let sizes = [prf.outputSize, integrityKeySize, integrityKeySize, encryptionKeySize, encryptionKeySize,
                     prf.outputSize, prf.outputSize]
        let material = try prf.plus(key: skeyseed, seed: seed, length: sizes.reduce(0, +))
        var keys: [[UInt8]] = []
        var offset = 0
        for size in sizes {
            keys.append(Array(material[offset..<(offset + size)]))
            offset += size
        }
        return IKESAKeys(d: keys[0], ai: keys[1], ar: keys[2], ei: keys[3], er: keys[4], pi: keys[5], pr: keys[6])
    }

    public init(d: [UInt8], ai: [UInt8], ar: [UInt8], ei: [UInt8], er: [UInt8], pi: [UInt8], pr: [UInt8]) {
        self.d = d
        self.ai = ai
        self.ar = ar
        self.ei = ei
        self.er = er
        self.pi = pi
        self.pr = pr
    }
}

/// Keys of a Child SA pair (RFC 7296 §2.17):
///
///     KEYMAT = prf+(SK_d, Ni | Nr)                    (IKE_AUTH, or CREATE_CHILD_SA without KE)
///     KEYMAT = prf+(SK_d, g^ir (new) | Ni | Nr)       (CREATE_CHILD_SA with KE payloads)
///
/// taken in the order: initiator→responder encryption, integrity, then responder→initiator
/// encryption, integrity. With AES-GCM (RFC 4106 §8.1) each encryption key carries its 4-byte
/// salt at the end and the integrity keys are empty.
public struct ChildSAKeys: Equatable {
    /// Key (+ salt) protecting traffic from the IKE initiator to the responder.
    public var initiatorToResponder: [UInt8]
    public var initiatorToResponderIntegrity: [UInt8]
    public var responderToInitiator: [UInt8]
    public var responderToInitiatorIntegrity: [UInt8]

    public static func derive(
        _ prf: PseudorandomFunction, skD: [UInt8], sharedSecret: [UInt8]? = nil,
        initiatorNonce: [UInt8], responderNonce: [UInt8], encryptionKeySize: Int, integrityKeySize: Int = 0
    ) throws(CryptoError) -> ChildSAKeys {
        let seed = (sharedSecret ?? []) + initiatorNonce + responderNonce
        let keymat = try prf.plus(key: skD, seed: seed, length: 2 * (encryptionKeySize + integrityKeySize))
        let half = encryptionKeySize + integrityKeySize
        return ChildSAKeys(
            initiatorToResponder: Array(keymat[0..<encryptionKeySize]),
            initiatorToResponderIntegrity: Array(keymat[encryptionKeySize..<half]),
            responderToInitiator: Array(keymat[half..<(half + encryptionKeySize)]),
            responderToInitiatorIntegrity: Array(keymat[(half + encryptionKeySize)...]))
    }
}
