import ASN1
import CMbedTLS
import Crypto

/// The signature algorithms of certificates, CSRs and CMS here: ECDSA with SHA-2 (RFC 5758
/// §3.2, parameters absent) — what the ACP and BRSKI use — and RSA PKCS#1 v1.5 with SHA-2
/// (RFC 4055 §5, NULL parameters) for domain CAs and IKEv2 peers that still use RSA.
public enum SignatureAlgorithm: Equatable, Sendable {
    case ecdsaWithSHA256, ecdsaWithSHA384, ecdsaWithSHA512
    case sha256WithRSAEncryption, sha384WithRSAEncryption, sha512WithRSAEncryption

    public var hash: HashAlgorithm {
        switch self {
        case .ecdsaWithSHA256, .sha256WithRSAEncryption: return .sha256
        case .ecdsaWithSHA384, .sha384WithRSAEncryption: return .sha384
        case .ecdsaWithSHA512, .sha512WithRSAEncryption: return .sha512
        }
    }

    public var isRSA: Bool {
        self == .sha256WithRSAEncryption || self == .sha384WithRSAEncryption || self == .sha512WithRSAEncryption
    }

    public var identifier: ASN1ObjectIdentifier {
        switch self {
        case .ecdsaWithSHA256: return OID.ecdsaWithSHA256
        case .ecdsaWithSHA384: return OID.ecdsaWithSHA384
        case .ecdsaWithSHA512: return OID.ecdsaWithSHA512
        case .sha256WithRSAEncryption: return OID.sha256WithRSAEncryption
        case .sha384WithRSAEncryption: return OID.sha384WithRSAEncryption
        case .sha512WithRSAEncryption: return OID.sha512WithRSAEncryption
        }
    }

    /// The ECDSA algorithm matched to a signing key's curve (RFC 5480 §4).
    public init(for curve: ECCurve) {
        self = curve == .p256 ? .ecdsaWithSHA256 : .ecdsaWithSHA384
    }

    public init(identifier: ASN1ObjectIdentifier) throws(PKIError) {
        switch identifier {
        case OID.ecdsaWithSHA256: self = .ecdsaWithSHA256
        case OID.ecdsaWithSHA384: self = .ecdsaWithSHA384
        case OID.ecdsaWithSHA512: self = .ecdsaWithSHA512
        case OID.sha256WithRSAEncryption: self = .sha256WithRSAEncryption
        case OID.sha384WithRSAEncryption: self = .sha384WithRSAEncryption
        case OID.sha512WithRSAEncryption: self = .sha512WithRSAEncryption
        default: throw PKIError.unsupportedAlgorithm(identifier)
        }
    }

    /// Reads `AlgorithmIdentifier`: ECDSA without parameters, RSA with NULL (or, as some
    /// writers do, without).
    init(element: DERElement) throws(PKIError) {
        let (oid, hasNull) = try readingDER { () throws(ASN1Error) in
            var reader = try element.reader()
            let oid = try reader.read(DERTag.objectIdentifier).objectIdentifier()
            let parameters = try reader.readIfPresent(DERTag.null)
            try parameters?.null()
            try reader.finish()
            return (oid, parameters != nil)
        }
        try self.init(identifier: oid)
        if hasNull && !isRSA { throw PKIError.malformed("ECDSA AlgorithmIdentifier with parameters (RFC 5758 §3.2)") }
    }

    public var algorithmIdentifier: DERNode {
        isRSA ? .sequence([.oid(identifier), .null]) : .sequence([.oid(identifier)])
    }

    /// Checks `signature` over `message` with the key of a SubjectPublicKeyInfo (of a
    /// certificate, CSR or issuer).
    public func verify(_ signature: ArraySlice<UInt8>, over message: ArraySlice<UInt8>, subjectPublicKeyInfo: [UInt8]) throws(PKIError) {
        let digest = Array(message).withUnsafeBytes { hash.hash($0) }
        do {
            if isRSA {
                try RSAPublicKey(subjectPublicKeyInfo: subjectPublicKeyInfo).verify(signature: Array(signature), digest: digest, hash: hash)
            } else {
                try ECPublicKey(subjectPublicKeyInfo: subjectPublicKeyInfo).verify(signature: Array(signature), digest: digest)
            }
        } catch {
            if error.isVerificationFailure || error.code == MBEDTLS_ERR_RSA_VERIFY_FAILED || error.code == MBEDTLS_ERR_RSA_INVALID_PADDING {
                throw PKIError.verificationFailed(isRSA ? "RSA signature" : "ECDSA signature")
            }
            throw PKIError.crypto(error)
        }
    }
}

/// A private key that signs certificates, CSRs and CMS: `ECPrivateKey` (ECDSA, the curve's hash)
/// or `RSAPrivateKey` (PKCS#1 v1.5 with SHA-256).
public protocol SigningKey: AnyObject {
    var signatureAlgorithm: SignatureAlgorithm { get }
    var subjectPublicKeyInfoDER: [UInt8] { get }
    /// The signature value (DER `Ecdsa-Sig-Value`, or the RSA octets) over `message`.
    func sign(_ message: [UInt8]) throws(PKIError) -> [UInt8]
}

extension ECPrivateKey: SigningKey {
    public var signatureAlgorithm: SignatureAlgorithm { SignatureAlgorithm(for: curve) }
    public var subjectPublicKeyInfoDER: [UInt8] { publicKey.subjectPublicKeyInfoDER }
    public func sign(_ message: [UInt8]) throws(PKIError) -> [UInt8] {
        let digest = signatureAlgorithm.hash.hash(message)
        return try usingCrypto { () throws(CryptoError) in try signature(digest: digest) }
    }
}

extension RSAPrivateKey: SigningKey {
    public var signatureAlgorithm: SignatureAlgorithm { .sha256WithRSAEncryption }
    public func sign(_ message: [UInt8]) throws(PKIError) -> [UInt8] {
        let digest = HashAlgorithm.sha256.hash(message)
        return try usingCrypto { () throws(CryptoError) in try signature(digest: digest, hash: .sha256) }
    }
}

/// A public key to certify: anything with a SubjectPublicKeyInfo.
public protocol SubjectPublicKey {
    var subjectPublicKeyInfoDER: [UInt8] { get }
}

extension ECPublicKey: SubjectPublicKey {}
extension RSAPublicKey: SubjectPublicKey {}

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
