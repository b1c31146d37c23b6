/// Transform types and the transform IDs this node negotiates (RFC 7296 §3.3.2, IANA "IKEv2
/// Transform Type n" registries). The ACP profile (RFC 8994 §6.7.3) needs ENCR_AES_GCM_16 with a
/// 256-bit key, PRF_HMAC_SHA2_256/384/512, and DH groups 19 and 14; the other names are there so
/// that a peer's offers read well in logs.
public struct TransformType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let encryptionAlgorithm = TransformType(rawValue: 1)
    public static let pseudorandomFunction = TransformType(rawValue: 2)
    public static let integrityAlgorithm = TransformType(rawValue: 3)
    public static let keyExchangeMethod = TransformType(rawValue: 4)
    public static let extendedSequenceNumbers = TransformType(rawValue: 5)
}

/// Transform IDs for type 1 (encryption).
public enum EncryptionAlgorithm {
    public static let aesCBC: UInt16 = 12
    /// AES-GCM with an 8-, 12- and 16-octet ICV (RFC 4106 for ESP, RFC 5282 for IKEv2).
    public static let aesGCM8: UInt16 = 18
    public static let aesGCM12: UInt16 = 19
    public static let aesGCM16: UInt16 = 20
}

/// Transform IDs for type 2 (PRF), RFC 4868 for the SHA-2 ones.
public enum PseudorandomFunctionID {
    public static let hmacSHA1: UInt16 = 2
    public static let hmacSHA2_256: UInt16 = 5
    public static let hmacSHA2_384: UInt16 = 6
    public static let hmacSHA2_512: UInt16 = 7
}

/// Transform IDs for type 3 (integrity). AEAD suites carry none, or NONE (RFC 5282 §8).
public enum IntegrityAlgorithm {
    public static let none: UInt16 = 0
    public static let hmacSHA2_256_128: UInt16 = 12
}

/// Transform IDs for type 4 (Diffie-Hellman / key exchange method).
public enum DiffieHellmanGroup {
    public static let modp2048: UInt16 = 14
    public static let ecp256: UInt16 = 19
    public static let ecp384: UInt16 = 20
    public static let ecp521: UInt16 = 21
}

/// Transform IDs for type 5 (extended sequence numbers).
public enum ExtendedSequenceNumbers {
    public static let no: UInt16 = 0
    public static let yes: UInt16 = 1
}

/// Transform attribute types (RFC 7296 §3.3.5): only Key Length is defined.
public enum TransformAttributeType {
    public static let keyLength: UInt16 = 14
}
