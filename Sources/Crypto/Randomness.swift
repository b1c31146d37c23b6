import CLinux
import CMbedTLS

/// Randomness for mbedTLS and for callers that need key material or nonces.
///
/// mbedTLS takes randomness as an `f_rng(p_rng, output, length)` callback on every call that needs
/// it (key generation, ECDSA blinding, key parsing). The kernel's CSPRNG through getrandom(2) is
/// enough for that, so no DRBG state is kept here: nothing global, nothing to seed.
///
/// Why there is no `psa_crypto_init()` call: the build uses mbedTLS 3.6's default configuration,
/// where `MBEDTLS_USE_PSA_CRYPTO` is off and no hash or cipher is provided only by a PSA driver, so
/// the hash, HMAC, GCM, ECP, PK and X.509 functions used here take their built-in paths and never
/// touch the PSA subsystem (mbedtls_config.h, notes on MBEDTLS_USE_PSA_CRYPTO and
/// MBEDTLS_SSL_PROTO_TLS1_3). The one default-enabled user of PSA is TLS 1.3, and since 3.6.1 a
/// handshake calls `psa_crypto_init()` itself (ChangeLog, "Default behavior changes"); a TLS bridge
/// may still call it once at start-up to see an entropy failure there rather than mid-handshake.
public enum Randomness {
    /// Fills `buffer` from getrandom(2), retrying on EINTR and on short reads.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        guard let base = buffer.baseAddress else { return }
        if !fillFromKernel(base, buffer.count) {
            throw CryptoError("getrandom", code: MBEDTLS_ERR_ENTROPY_SOURCE_FAILED)
        }
    }

    /// `count` random bytes.
    public static func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var result: Result<Void, CryptoError> = .success(())
        out.withUnsafeMutableBytes { buffer in result = Result { () throws(CryptoError) in try fill(buffer) } }
        try result.get()
        return out
    }
}

/// The `f_rng` callback handed to mbedTLS. A plain function, so it converts to a C function pointer
/// and needs no context (`p_rng` is passed as nil).
func mbedtlsRandom(
    _ context: UnsafeMutableRawPointer?, _ output: UnsafeMutablePointer<UInt8>?, _ length: Int
) -> Int32 {
    guard length > 0 else { return 0 }
    guard let output else { return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED }
    return fillFromKernel(UnsafeMutableRawPointer(output), length) ? 0 : MBEDTLS_ERR_ENTROPY_SOURCE_FAILED
}

/// getrandom(2) returns at most 32 MiB per call and may be interrupted by a signal before it has
/// copied anything: loop until the whole buffer is filled.
private func fillFromKernel(_ base: UnsafeMutableRawPointer, _ count: Int) -> Bool {
    var filled = 0
    while filled < count {
        let got = getrandom(base + filled, count - filled, 0)
        if got > 0 {
            filled += got
        } else if got < 0 && mc_errno() == EINTR {
            continue
        } else {
            return false
        }
    }
    return true
}
