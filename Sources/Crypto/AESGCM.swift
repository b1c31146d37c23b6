import CMbedTLS

/// AES-GCM (NIST SP 800-38D) with a 12-byte nonce, as ESP (RFC 4106) and IKEv2 (RFC 5282) use it.
///
/// The key schedule is computed once in `init`; `seal`/`open` then run per packet. The
/// buffer-pointer variants write into caller memory and allocate nothing, and may work in place
/// (output starting at the input's address), so ESP can encrypt a packet inside its own buffer.
/// Sealed data is `ciphertext || tag`, the layout of an ESP payload followed by its ICV.
public final class AESGCM {
    /// GCM nonce length: RFC 4106's 4-byte salt followed by the 8-byte IV.
    public static let nonceSize = 12
    private let context: UnsafeMutablePointer<mbedtls_gcm_context>

    /// A context for a 128-, 192- or 256-bit AES key.
    public init(key: [UInt8]) throws(CryptoError) {
        guard key.count == 16 || key.count == 24 || key.count == 32 else {
            throw CryptoError("AES-GCM key length \(key.count)", code: MBEDTLS_ERR_GCM_BAD_INPUT)
        }
        // Assigned to `self.context` only on success (a throw after that would run deinit too).
        let context = UnsafeMutablePointer<mbedtls_gcm_context>.allocate(capacity: 1)
        mbedtls_gcm_init(context)
        let status = key.withUnsafeBufferPointer {
            mbedtls_gcm_setkey(context, MBEDTLS_CIPHER_ID_AES, $0.baseAddress, UInt32($0.count * 8))
        }
        if status != 0 {
            mbedtls_gcm_free(context)
            context.deallocate()
            throw CryptoError("mbedtls_gcm_setkey", code: status)
        }
        self.context = context
    }

    deinit {
        // mbedtls_gcm_free zeroizes the key schedule.
        mbedtls_gcm_free(context)
        context.deallocate()
    }

    /// Encrypts `plaintext` and writes `ciphertext || tag` to the start of `output`, which must
    /// hold `plaintext.count + tagLength` bytes. `output` may begin at `plaintext`'s address.
    public func seal(
        nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, plaintext: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer, tagLength: Int = 16
    ) throws(CryptoError) {
        try check(nonce: nonce, tagLength: tagLength, needed: plaintext.count + tagLength, output: output.count)
        guard let out = output.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let status = mbedtls_gcm_crypt_and_tag(
            context, MBEDTLS_GCM_ENCRYPT, plaintext.count,
            bytes(nonce), nonce.count, bytes(aad), aad.count,
            bytes(plaintext), out, tagLength, out + plaintext.count)
        if status != 0 { throw CryptoError("mbedtls_gcm_crypt_and_tag", code: status) }
    }

    /// Checks the tag of `sealed` (`ciphertext || tag`) and writes the plaintext to the start of
    /// `output` (at least `sealed.count - tagLength` bytes; it may begin at `sealed`'s address).
    /// Returns the plaintext length. A wrong tag throws `MBEDTLS_ERR_GCM_AUTH_FAILED`, and then the
    /// output holds zeros, never unauthenticated plaintext.
    @discardableResult
    public func open(
        nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, sealed: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer, tagLength: Int = 16
    ) throws(CryptoError) -> Int {
        guard sealed.count >= tagLength else {
            throw CryptoError("AES-GCM open: \(sealed.count) bytes, shorter than the tag", code: MBEDTLS_ERR_GCM_AUTH_FAILED)
        }
        let length = sealed.count - tagLength
        try check(nonce: nonce, tagLength: tagLength, needed: length, output: output.count)
        let input = bytes(sealed)
        let status = mbedtls_gcm_auth_decrypt(
            context, length, bytes(nonce), nonce.count, bytes(aad), aad.count,
            input.map { $0 + length }, tagLength, input,
            output.baseAddress?.assumingMemoryBound(to: UInt8.self))
        if status != 0 { throw CryptoError("mbedtls_gcm_auth_decrypt", code: status) }
        return length
    }

    /// `ciphertext || tag` of `plaintext`.
    public func seal(nonce: [UInt8], aad: [UInt8] = [], plaintext: [UInt8], tagLength: Int = 16) throws(CryptoError) -> [UInt8] {
        var sealed = [UInt8](repeating: 0, count: plaintext.count + tagLength)
        // Array.withUnsafeBytes is `rethrows`, which would erase the typed error: carry it out.
        var result: Result<Void, CryptoError> = .success(())
        nonce.withUnsafeBytes { n in
            aad.withUnsafeBytes { a in
                plaintext.withUnsafeBytes { p in
                    sealed.withUnsafeMutableBytes { out in
                        result = Result { () throws(CryptoError) in
                            try seal(nonce: n, aad: a, plaintext: p, into: out, tagLength: tagLength)
                        }
                    }
                }
            }
        }
        try result.get()
        return sealed
    }

    /// The plaintext of `sealed` (`ciphertext || tag`); throws if the tag does not verify.
    public func open(nonce: [UInt8], aad: [UInt8] = [], sealed: [UInt8], tagLength: Int = 16) throws(CryptoError) -> [UInt8] {
        var plaintext = [UInt8](repeating: 0, count: max(sealed.count - tagLength, 0))
        var result: Result<Int, CryptoError> = .success(0)
        nonce.withUnsafeBytes { n in
            aad.withUnsafeBytes { a in
                sealed.withUnsafeBytes { s in
                    plaintext.withUnsafeMutableBytes { out in
                        result = Result { () throws(CryptoError) in
                            try open(nonce: n, aad: a, sealed: s, into: out, tagLength: tagLength)
                        }
                    }
                }
            }
        }
        _ = try result.get()
        return plaintext
    }

    private func check(nonce: UnsafeRawBufferPointer, tagLength: Int, needed: Int, output: Int) throws(CryptoError) {
        guard nonce.count == AESGCM.nonceSize else {
            throw CryptoError("AES-GCM nonce length \(nonce.count)", code: MBEDTLS_ERR_GCM_BAD_INPUT)
        }
        // RFC 4106 defines 8-, 12- and 16-byte ICVs.
        guard tagLength == 8 || tagLength == 12 || tagLength == 16 else {
            throw CryptoError("AES-GCM tag length \(tagLength)", code: MBEDTLS_ERR_GCM_BAD_INPUT)
        }
        guard output >= needed else {
            throw CryptoError("AES-GCM output \(output) bytes, need \(needed)", code: MBEDTLS_ERR_GCM_BUFFER_TOO_SMALL)
        }
    }
}

private func bytes(_ buffer: UnsafeRawBufferPointer) -> UnsafePointer<UInt8>? {
    buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
}
