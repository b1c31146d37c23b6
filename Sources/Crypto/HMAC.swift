import CMbedTLS

/// HMAC (RFC 2104) with SHA-256/384/512: the IKEv2 PRFs (RFC 4868) and prf+ (RFC 7296 §2.13).
///
/// One-shot: `try HMAC.sha256(key: k, message: m)`. Incremental: `HMAC(.sha256, key: k)`, then
/// `update` and `finalize`; `finalize` re-arms the same key, which is what prf+ needs for
/// T1, T2, … under one key.
public final class HMAC {
    public let algorithm: HashAlgorithm
    private let context: UnsafeMutablePointer<mbedtls_md_context_t>

    public init(_ algorithm: HashAlgorithm, key: [UInt8]) throws(CryptoError) {
        // Assigned to `self.context` only on success: once every stored property is set, a throw
        // from init runs deinit, which would free the context a second time.
        let context = UnsafeMutablePointer<mbedtls_md_context_t>.allocate(capacity: 1)
        mbedtls_md_init(context)
        // Everything that can fail (unknown digest, allocation) fails here, so that update and
        // finalize on a constructed object cannot.
        let info = mbedtls_md_info_from_type(algorithm.mdType)
        var status = mbedtls_md_setup(context, info, 1)
        if status == 0 {
            status = key.withUnsafeBufferPointer { mbedtls_md_hmac_starts(context, $0.baseAddress, $0.count) }
        }
        if status != 0 {
            mbedtls_md_free(context)
            context.deallocate()
            throw CryptoError("mbedtls_md_hmac_starts", code: status)
        }
        self.algorithm = algorithm
        self.context = context
    }

    deinit {
        mbedtls_md_free(context)
        context.deallocate()
    }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        _ = mbedtls_md_hmac_update(context, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The MAC of everything passed to `update` since the last `finalize` (or `init`); the object
    /// is then ready for a new message under the same key.
    public func finalize() -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: algorithm.digestSize)
        mac.withUnsafeMutableBufferPointer { _ = mbedtls_md_hmac_finish(context, $0.baseAddress) }
        _ = mbedtls_md_hmac_reset(context)
        return mac
    }

    /// One-shot HMAC.
    public static func authenticationCode(
        _ algorithm: HashAlgorithm, key: [UInt8], message: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: algorithm.digestSize)
        let status = key.withUnsafeBufferPointer { k in
            message.withUnsafeBufferPointer { m in
                mac.withUnsafeMutableBufferPointer { out in
                    mbedtls_md_hmac(
                        mbedtls_md_info_from_type(algorithm.mdType), k.baseAddress, k.count,
                        m.baseAddress, m.count, out.baseAddress)
                }
            }
        }
        if status != 0 { throw CryptoError("mbedtls_md_hmac", code: status) }
        return mac
    }

    public static func sha256(key: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try authenticationCode(.sha256, key: key, message: message)
    }

    public static func sha384(key: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try authenticationCode(.sha384, key: key, message: message)
    }

    public static func sha512(key: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try authenticationCode(.sha512, key: key, message: message)
    }
}
