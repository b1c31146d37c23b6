import CMbedTLS

/// The SHA-2 functions used by IKEv2 (PRF/integrity), ECDSA and certificates (FIPS 180-4).
public enum HashAlgorithm: Equatable, Sendable {
    case sha256, sha384, sha512

    /// Digest length in bytes.
    public var digestSize: Int {
        switch self {
        case .sha256: return 32
        case .sha384: return 48
        case .sha512: return 64
        }
    }

    var mdType: mbedtls_md_type_t {
        switch self {
        case .sha256: return MBEDTLS_MD_SHA256
        case .sha384: return MBEDTLS_MD_SHA384
        case .sha512: return MBEDTLS_MD_SHA512
        }
    }

    /// One-shot digest.
    ///
    /// The mbedTLS SHA-2 functions return an error only for invalid arguments (a NULL context or
    /// an `is384` flag other than 0/1), which this bridge never passes, so hashing cannot fail and
    /// the return codes are not checked here or in `SHA2Hasher`.
    public func hash(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 64)
        digest.withUnsafeMutableBufferPointer { out in
            let input = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
            switch self {
            case .sha256: _ = mbedtls_sha256(input, message.count, out.baseAddress, 0)
            case .sha384: _ = mbedtls_sha512(input, message.count, out.baseAddress, 1)
            case .sha512: _ = mbedtls_sha512(input, message.count, out.baseAddress, 0)
            }
        }
        digest.removeLast(64 - digestSize)
        return digest
    }

    public func hash(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { hash($0) }
    }
}

/// SHA-256 one-shot: `SHA256.hash(bytes)`.
public enum SHA256 {
    public static func hash(_ message: [UInt8]) -> [UInt8] { HashAlgorithm.sha256.hash(message) }
}

/// SHA-384 one-shot.
public enum SHA384 {
    public static func hash(_ message: [UInt8]) -> [UInt8] { HashAlgorithm.sha384.hash(message) }
}

/// SHA-512 one-shot.
public enum SHA512 {
    public static func hash(_ message: [UInt8]) -> [UInt8] { HashAlgorithm.sha512.hash(message) }
}

/// Incremental SHA-2 over data that arrives in pieces (signed message parts, certificate TBS).
/// `finalize()` returns the digest and starts a new hash, so one hasher can be reused.
public final class SHA2Hasher {
    public let algorithm: HashAlgorithm
    // mbedTLS contexts live at a fixed address for their whole life; Swift stored properties of
    // C struct type have no stable address to hand out, so the contexts are allocated here.
    private let sha256: UnsafeMutablePointer<mbedtls_sha256_context>?
    private let sha512: UnsafeMutablePointer<mbedtls_sha512_context>?

    public init(_ algorithm: HashAlgorithm) {
        self.algorithm = algorithm
        if algorithm == .sha256 {
            let context = UnsafeMutablePointer<mbedtls_sha256_context>.allocate(capacity: 1)
            mbedtls_sha256_init(context)
            sha256 = context
            sha512 = nil
        } else {
            let context = UnsafeMutablePointer<mbedtls_sha512_context>.allocate(capacity: 1)
            mbedtls_sha512_init(context)
            sha256 = nil
            sha512 = context
        }
        start()
    }

    deinit {
        if let sha256 {
            mbedtls_sha256_free(sha256)
            sha256.deallocate()
        }
        if let sha512 {
            mbedtls_sha512_free(sha512)
            sha512.deallocate()
        }
    }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        let input = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        if let sha256 { _ = mbedtls_sha256_update(sha256, input, bytes.count) }
        if let sha512 { _ = mbedtls_sha512_update(sha512, input, bytes.count) }
    }

    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of everything passed to `update` since the last `finalize` (or `init`).
    public func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 64)
        digest.withUnsafeMutableBufferPointer { out in
            if let sha256 { _ = mbedtls_sha256_finish(sha256, out.baseAddress) }
            if let sha512 { _ = mbedtls_sha512_finish(sha512, out.baseAddress) }
        }
        digest.removeLast(64 - algorithm.digestSize)
        start()
        return digest
    }

    private func start() {
        if let sha256 { _ = mbedtls_sha256_starts(sha256, 0) }
        if let sha512 { _ = mbedtls_sha512_starts(sha512, algorithm == .sha384 ? 1 : 0) }
    }
}
