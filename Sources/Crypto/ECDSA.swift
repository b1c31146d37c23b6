import CMbedTLS

/// ECDSA over a precomputed digest (FIPS 186-4), in the two signature encodings in use:
/// DER `Ecdsa-Sig-Value` (X.509, CMS, IKEv2 with RFC 7427) and raw `r || s` (COSE, RFC 8152 §8.1).
///
/// Signing is deterministic (RFC 6979, mbedTLS's `MBEDTLS_ECDSA_DETERMINISTIC`), with the nonce
/// derived through HMAC with the hash matching the digest length; randomness only blinds the
/// scalar multiplication.
extension ECPrivateKey {
    /// DER signature of `digest`.
    public func signature(digest: [UInt8]) throws(CryptoError) -> [UInt8] {
        // DER of two INTEGERs of at most size+1 bytes each, in a SEQUENCE: under 2·size + 16.
        var signature = [UInt8](repeating: 0, count: 2 * curve.size + 16)
        var length = 0
        let status = digest.withUnsafeBufferPointer { d in
            signature.withUnsafeMutableBufferPointer { out in
                mbedtls_ecdsa_write_signature(
                    keypair, nonceHash(digestSize: d.count).mdType, d.baseAddress, d.count,
                    out.baseAddress, out.count, &length, mbedtlsRandom, nil)
            }
        }
        if status != 0 { throw CryptoError("mbedtls_ecdsa_write_signature", code: status) }
        signature.removeLast(signature.count - length)
        return signature
    }

    /// `r || s` signature of `digest`, each `curve.size` bytes big-endian.
    public func rawSignature(digest: [UInt8]) throws(CryptoError) -> [UInt8] {
        let scalars = SignatureScalars()
        try scalars.read(der: try signature(digest: digest))
        return try scalars.raw(size: curve.size)
    }

    private func nonceHash(digestSize: Int) -> HashAlgorithm {
        switch digestSize {
        case 48: return .sha384
        case 64: return .sha512
        case 32: return .sha256
        default: return curve.hash
        }
    }
}

extension ECPublicKey {
    /// Checks a DER signature over `digest`; throws (`isVerificationFailure`) if it does not match.
    public func verify(signature: [UInt8], digest: [UInt8]) throws(CryptoError) {
        let scalars = SignatureScalars()
        try scalars.read(der: signature)
        try verify(scalars, digest: digest)
    }

    /// Checks an `r || s` signature over `digest`.
    public func verify(rawSignature: [UInt8], digest: [UInt8]) throws(CryptoError) {
        guard rawSignature.count == 2 * curve.size else {
            throw CryptoError("ECDSA raw signature: \(rawSignature.count) bytes", code: MBEDTLS_ERR_ECP_SIG_LEN_MISMATCH)
        }
        let scalars = SignatureScalars()
        try scalars.read(raw: rawSignature)
        try verify(scalars, digest: digest)
    }

    private func verify(_ scalars: SignatureScalars, digest: [UInt8]) throws(CryptoError) {
        try withPoint { (group, point) throws(CryptoError) in
            let status = digest.withUnsafeBufferPointer {
                mbedtls_ecdsa_verify(group, $0.baseAddress, $0.count, point, scalars.r.mpi, scalars.s.mpi)
            }
            if status != 0 { throw CryptoError("mbedtls_ecdsa_verify", code: status) }
        }
    }
}

/// The (r, s) pair of a signature.
final class SignatureScalars {
    let r = BigNumber()
    let s = BigNumber()

    /// `SEQUENCE { INTEGER r, INTEGER s }` with nothing after it — the same strictness as
    /// mbedtls_ecdsa_read_signature, which needs a key-pair object this bridge does not build
    /// for public keys.
    func read(der: [UInt8]) throws(CryptoError) {
        let status = der.withUnsafeBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return MBEDTLS_ERR_ASN1_OUT_OF_DATA }
            // The ASN.1 reader takes `unsigned char **` but only reads through it.
            var cursor: UnsafeMutablePointer<UInt8>? = UnsafeMutablePointer(mutating: base)
            let end = base + buffer.count
            var length = 0
            var status = mbedtls_asn1_get_tag(&cursor, end, &length, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)
            if status != 0 { return status }
            if let c = cursor, UnsafePointer(c) + length != end { return MBEDTLS_ERR_ASN1_LENGTH_MISMATCH }
            status = mbedtls_asn1_get_mpi(&cursor, end, r.mpi)
            if status != 0 { return status }
            status = mbedtls_asn1_get_mpi(&cursor, end, s.mpi)
            if status != 0 { return status }
            if let c = cursor, UnsafePointer(c) != end { return MBEDTLS_ERR_ASN1_LENGTH_MISMATCH }
            return 0
        }
        if status != 0 { throw CryptoError("ECDSA DER signature", code: status) }
    }

    func read(raw: [UInt8]) throws(CryptoError) {
        try r.read(raw[..<(raw.count / 2)])
        try s.read(raw[(raw.count / 2)...])
    }

    func raw(size: Int) throws(CryptoError) -> [UInt8] {
        try r.bytes(size: size) + s.bytes(size: size)
    }
}
