import CMbedTLS

/// Elliptic-curve Diffie-Hellman for IKEv2 groups 19 and 20 (RFC 5903).
extension ECPrivateKey {
    /// The shared secret with `peer`: the X coordinate of d·Q, `curve.size` bytes (RFC 5903 §7).
    /// The peer's point was checked on the curve when its `ECPublicKey` was made, and
    /// mbedtls_ecdh_compute_shared checks it again, along with the result.
    public func sharedSecret(with peer: ECPublicKey) throws(CryptoError) -> [UInt8] {
        guard peer.curve == curve else {
            throw CryptoError("ECDH: peer key on another curve", code: MBEDTLS_ERR_ECP_BAD_INPUT_DATA)
        }
        let privateScalar = BigNumber()
        let secret = BigNumber()
        return try peer.withPoint { (group, point) throws(CryptoError) in
            var status = mbedtls_ecp_export(keypair, nil, privateScalar.mpi, nil)
            if status != 0 { throw CryptoError("mbedtls_ecp_export", code: status) }
            status = mbedtls_ecdh_compute_shared(group, secret.mpi, point, privateScalar.mpi, mbedtlsRandom, nil)
            if status != 0 { throw CryptoError("mbedtls_ecdh_compute_shared", code: status) }
            return try secret.bytes(size: curve.size)
        }
    }
}
