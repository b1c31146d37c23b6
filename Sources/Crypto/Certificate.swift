import CMbedTLS

/// An X.509 certificate parsed by mbedTLS: the fields BRSKI and the ACP need to look at (subject,
/// issuer, validity, public key) and whether another certificate issued it.
public final class Certificate {
    let crt: UnsafeMutablePointer<mbedtls_x509_crt>

    /// From DER, or PEM text (`-----BEGIN CERTIFICATE-----`); of a PEM bundle, the first
    /// certificate is the one this object describes.
    public init(encoded: [UInt8]) throws(CryptoError) {
        // Assigned to `self.crt` only on success: once every stored property is set, a throw
        // from init runs deinit, which would free the context a second time.
        let crt = UnsafeMutablePointer<mbedtls_x509_crt>.allocate(capacity: 1)
        mbedtls_x509_crt_init(crt)
        // mbedtls_x509_crt_parse takes DER, or PEM in a NUL-terminated buffer whose length
        // counts the NUL; a positive result counts certificates of a PEM bundle that failed to
        // parse, an error here too. DER always starts with a SEQUENCE tag (0x30).
        let input = encoded.first == 0x30 || encoded.last == 0 ? encoded : encoded + [0]
        let status = input.withUnsafeBufferPointer { mbedtls_x509_crt_parse(crt, $0.baseAddress, $0.count) }
        if status != 0 {
            mbedtls_x509_crt_free(crt)
            crt.deallocate()
            throw CryptoError("mbedtls_x509_crt_parse", code: status < 0 ? status : MBEDTLS_ERR_X509_INVALID_FORMAT)
        }
        self.crt = crt
    }

    public convenience init(pem: String) throws(CryptoError) {
        try self.init(encoded: Array(pem.utf8))
    }

    deinit {
        mbedtls_x509_crt_free(crt)
        crt.deallocate()
    }

    /// The certificate's DER encoding.
    public var der: [UInt8] {
        let raw = crt.pointee.raw
        return Array(UnsafeBufferPointer(start: raw.p, count: raw.len))
    }

    /// Subject distinguished name as mbedTLS prints it, e.g. `CN=jrc, O=example`.
    public var subject: String { distinguishedName(&crt.pointee.subject) }

    /// Issuer distinguished name.
    public var issuer: String { distinguishedName(&crt.pointee.issuer) }

    /// Start of the validity period (UTC).
    public var notBefore: CertificateTime { CertificateTime(crt.pointee.valid_from) }

    /// End of the validity period (UTC).
    public var notAfter: CertificateTime { CertificateTime(crt.pointee.valid_to) }

    /// The subject public key, if it is a P-256 or P-384 key.
    public func publicKey() throws(CryptoError) -> ECPublicKey {
        guard mbedtls_pk_can_do(&crt.pointee.pk, MBEDTLS_PK_ECKEY) != 0, let keypair = mbedtls_pk_ec(crt.pointee.pk) else {
            throw CryptoError("certificate key is not an EC key", code: MBEDTLS_ERR_PK_TYPE_MISMATCH)
        }
        return try ECPublicKey(keypair: keypair)
    }

    private func distinguishedName(_ name: UnsafePointer<mbedtls_x509_name>) -> String {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let length = buffer.withUnsafeMutableBufferPointer { out -> Int32 in
            guard let base = out.baseAddress else { return -1 }
            return base.withMemoryRebound(to: CChar.self, capacity: out.count) { mbedtls_x509_dn_gets($0, out.count, name) }
        }
        // A negative length means the name did not fit in 1 KiB, far beyond any name in use.
        return length > 0 ? String(decoding: buffer[..<Int(length)], as: UTF8.self) : ""
    }
}
