import CMbedTLS

/// RSA keys with PKCS#1 v1.5 signatures (RFC 8017 §8.2), for the test PKIs of IKEv2 interop
/// (peers whose certificates are RSA) and for verifying RSA-signed certificates and CMS. The ACP
/// itself signs with ECDSA; RSA is here because domain CAs in the field still use it.
///
/// One thread at a time: mbedTLS updates the key's blinding values on every private operation.
public final class RSAPrivateKey {
    let pk: UnsafeMutablePointer<mbedtls_pk_context>

    private init(_ fill: (UnsafeMutablePointer<mbedtls_pk_context>) throws(CryptoError) -> Void) throws(CryptoError) {
        let pk = UnsafeMutablePointer<mbedtls_pk_context>.allocate(capacity: 1)
        mbedtls_pk_init(pk)
        do throws(CryptoError) {
            try fill(pk)
            guard mbedtls_pk_get_type(pk) == MBEDTLS_PK_RSA else {
                throw CryptoError("private key is not an RSA key", code: MBEDTLS_ERR_PK_TYPE_MISMATCH)
            }
        } catch {
            mbedtls_pk_free(pk)
            pk.deallocate()
            throw error
        }
        self.pk = pk
    }

    deinit {
        mbedtls_pk_free(pk)
        pk.deallocate()
    }

    /// A fresh key of `bits` (2048 or more for mbedTLS's default X.509 profile), exponent 65537.
    public static func generate(bits: Int) throws(CryptoError) -> RSAPrivateKey {
        try RSAPrivateKey { (pk) throws(CryptoError) in
            var status = mbedtls_pk_setup(pk, mbedtls_pk_info_from_type(MBEDTLS_PK_RSA))
            if status != 0 { throw CryptoError("mbedtls_pk_setup", code: status) }
            status = mbedtls_rsa_gen_key(mbedtls_pk_rsa(pk.pointee), mbedtlsRandom, nil, UInt32(bits), 65_537)
            if status != 0 { throw CryptoError("mbedtls_rsa_gen_key", code: status) }
        }
    }

    /// From DER (PKCS#1 `RSAPrivateKey` or PKCS#8) or PEM text; unencrypted keys only.
    public convenience init(encoded: [UInt8]) throws(CryptoError) {
        try self.init { (pk) throws(CryptoError) in try parsePrivateKey(pk, from: encoded) }
    }

    /// Modulus size in bits.
    public var bits: Int { Int(mbedtls_pk_get_bitlen(pk)) }

    /// SubjectPublicKeyInfo DER (RFC 3279 §2.3.1: rsaEncryption with NULL parameters).
    public var subjectPublicKeyInfoDER: [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 64 + bits / 4)
        // Writes at the END of the buffer; the buffer is sized for any modulus, so it cannot fail.
        let written = buffer.withUnsafeMutableBufferPointer { mbedtls_pk_write_pubkey_der(pk, $0.baseAddress, $0.count) }
        return written > 0 ? Array(buffer[(buffer.count - Int(written))...]) : []
    }

    /// PKCS#1 `RSAPrivateKey` DER (RFC 8017 Appendix A.1.2), the `RSA PRIVATE KEY` PEM body.
    public func pkcs1DER() throws(CryptoError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 64 + bits)
        let written = buffer.withUnsafeMutableBufferPointer { mbedtls_pk_write_key_der(pk, $0.baseAddress, $0.count) }
        if written < 0 { throw CryptoError("mbedtls_pk_write_key_der", code: written) }
        return Array(buffer[(buffer.count - Int(written))...])
    }

    /// PKCS#1 v1.5 signature of `digest`, which `hash` produced.
    public func signature(digest: [UInt8], hash: HashAlgorithm) throws(CryptoError) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: (bits + 7) / 8)
        var length = 0
        let status = digest.withUnsafeBufferPointer { d in
            signature.withUnsafeMutableBufferPointer { out in
                mbedtls_pk_sign(pk, hash.mdType, d.baseAddress, d.count, out.baseAddress, out.count, &length, mbedtlsRandom, nil)
            }
        }
        if status != 0 { throw CryptoError("mbedtls_pk_sign", code: status) }
        signature.removeLast(signature.count - length)
        return signature
    }
}

/// An RSA public key from a SubjectPublicKeyInfo, for checking PKCS#1 v1.5 signatures.
public struct RSAPublicKey: Equatable, Sendable {
    public let subjectPublicKeyInfoDER: [UInt8]

    /// Checks that `encoded` (DER or PEM) holds an RSA key.
    public init(subjectPublicKeyInfo encoded: [UInt8]) throws(CryptoError) {
        let der = try RSAPublicKey.withKey(encoded) { (pk) throws(CryptoError) -> [UInt8] in
            var buffer = [UInt8](repeating: 0, count: 64 + Int(mbedtls_pk_get_bitlen(pk)) / 4)
            let written = buffer.withUnsafeMutableBufferPointer { mbedtls_pk_write_pubkey_der(pk, $0.baseAddress, $0.count) }
            if written < 0 { throw CryptoError("mbedtls_pk_write_pubkey_der", code: written) }
            return Array(buffer[(buffer.count - Int(written))...])
        }
        subjectPublicKeyInfoDER = der
    }

    /// Checks a PKCS#1 v1.5 signature over `digest`; a mismatch throws MBEDTLS_ERR_RSA_VERIFY_FAILED
    /// (or MBEDTLS_ERR_PK_SIG_LEN_MISMATCH for a signature of the wrong length).
    public func verify(signature: [UInt8], digest: [UInt8], hash: HashAlgorithm) throws(CryptoError) {
        try RSAPublicKey.withKey(subjectPublicKeyInfoDER) { (pk) throws(CryptoError) in
            let status = digest.withUnsafeBufferPointer { d in
                signature.withUnsafeBufferPointer { s in
                    mbedtls_pk_verify(pk, hash.mdType, d.baseAddress, d.count, s.baseAddress, s.count)
                }
            }
            if status != 0 { throw CryptoError("mbedtls_pk_verify", code: status) }
        }
    }

    private static func withKey<R>(
        _ encoded: [UInt8], _ body: (UnsafeMutablePointer<mbedtls_pk_context>) throws(CryptoError) -> R
    ) throws(CryptoError) -> R {
        let pk = UnsafeMutablePointer<mbedtls_pk_context>.allocate(capacity: 1)
        mbedtls_pk_init(pk)
        defer {
            mbedtls_pk_free(pk)
            pk.deallocate()
        }
        let input = encoded.first == 0x30 || encoded.last == 0 ? encoded : encoded + [0]
        let status = input.withUnsafeBufferPointer { mbedtls_pk_parse_public_key(pk, $0.baseAddress, $0.count) }
        if status != 0 { throw CryptoError("mbedtls_pk_parse_public_key", code: status) }
        guard mbedtls_pk_get_type(pk) == MBEDTLS_PK_RSA else {
            throw CryptoError("public key is not an RSA key", code: MBEDTLS_ERR_PK_TYPE_MISMATCH)
        }
        return try body(pk)
    }
}
