import CMbedTLS

/// Fills `pk` from an unencrypted private key in DER or PEM, whatever its algorithm; the EC and
/// RSA key types then check they got the kind they wrap.
func parsePrivateKey(_ pk: UnsafeMutablePointer<mbedtls_pk_context>, from encoded: [UInt8]) throws(CryptoError) {
    // mbedtls_pk_parse_key recognises PEM only in a NUL-terminated buffer whose length counts
    // the NUL. DER always starts with a SEQUENCE tag (0x30) and is passed as is.
    let input = encoded.first == 0x30 || encoded.last == 0 ? encoded : encoded + [0]
    let status = input.withUnsafeBufferPointer {
        mbedtls_pk_parse_key(pk, $0.baseAddress, $0.count, nil, 0, mbedtlsRandom, nil)
    }
    if status != 0 { throw CryptoError("mbedtls_pk_parse_key", code: status) }
}
