import ASN1
import Crypto

/// ECDSA with a SHA-2 hash: the signature algorithms ACP and BRSKI certificates, CSRs and
/// vouchers use (RFC 5758 §3.2: AlgorithmIdentifier with the parameters field absent).
public enum SignatureAlgorithm: Equatable, Sendable {
    case ecdsaWithSHA256, ecdsaWithSHA384, ecdsaWithSHA512

    public var hash: HashAlgorithm {
        switch self {
        case .ecdsaWithSHA256: return .sha256
        case .ecdsaWithSHA384: return .sha384
        case .ecdsaWithSHA512: return .sha512
        }
    }

    public var identifier: ASN1ObjectIdentifier {
        switch self {
        case .ecdsaWithSHA256: return OID.ecdsaWithSHA256
        case .ecdsaWithSHA384: return OID.ecdsaWithSHA384
        case .ecdsaWithSHA512: return OID.ecdsaWithSHA512
        }
    }

    /// The algorithm matched to a signing key's curve (RFC 5480 §4).
    public init(for curve: ECCurve) {
        self = curve == .p256 ? .ecdsaWithSHA256 : .ecdsaWithSHA384
    }

    public init(identifier: ASN1ObjectIdentifier) throws(PKIError) {
        switch identifier {
        case OID.ecdsaWithSHA256: self = .ecdsaWithSHA256
        case OID.ecdsaWithSHA384: self = .ecdsaWithSHA384
        case OID.ecdsaWithSHA512: self = .ecdsaWithSHA512
        default: throw PKIError.unsupportedAlgorithm(identifier)
        }
    }

    /// Reads `AlgorithmIdentifier`; ECDSA identifiers must come without parameters.
    init(element: DERElement) throws(PKIError) {
        let oid = try readingDER { () throws(ASN1Error) in
            var reader = try element.reader()
            let oid = try reader.read(DERTag.objectIdentifier).objectIdentifier()
            try reader.finish()
            return oid
        }
        try self.init(identifier: oid)
    }

    public var algorithmIdentifier: DERNode { .sequence([.oid(identifier)]) }

    /// Signs `message` (hashed here) and returns the DER `Ecdsa-Sig-Value`.
    public func sign(_ message: [UInt8], with key: ECPrivateKey) throws(PKIError) -> [UInt8] {
        let digest = hash.hash(message)
        return try usingCrypto { () throws(CryptoError) in try key.signature(digest: digest) }
    }

    /// Checks a DER `Ecdsa-Sig-Value` over `message`.
    public func verify(_ signature: ArraySlice<UInt8>, over message: ArraySlice<UInt8>, with key: ECPublicKey) throws(PKIError) {
        let digest = Array(message).withUnsafeBytes { hash.hash($0) }
        do {
            try key.verify(signature: Array(signature), digest: digest)
        } catch {
            throw error.isVerificationFailure ? PKIError.verificationFailed("ECDSA signature") : PKIError.crypto(error)
        }
    }
}

/// A digest algorithm identifier of CMS (RFC 5754 §2: SHA-2 with parameters absent or NULL).
func hashAlgorithm(element: DERElement) throws(PKIError) -> HashAlgorithm {
    let oid = try readingDER { () throws(ASN1Error) in
        var reader = try element.reader()
        let oid = try reader.read(DERTag.objectIdentifier).objectIdentifier()
        if let parameters = try reader.readIfPresent(DERTag.null) { try parameters.null() }
        try reader.finish()
        return oid
    }
    switch oid {
    case OID.sha256: return .sha256
    case OID.sha384: return .sha384
    case OID.sha512: return .sha512
    default: throw PKIError.unsupportedAlgorithm(oid)
    }
}

func hashAlgorithmIdentifier(_ hash: HashAlgorithm) -> DERNode {
    switch hash {
    case .sha256: return .sequence([.oid(OID.sha256)])
    case .sha384: return .sequence([.oid(OID.sha384)])
    case .sha512: return .sequence([.oid(OID.sha512)])
    }
}
