import CMbedTLS

extension Certificate {
    /// Whether `time` lies in the validity period (both ends included, RFC 5280 §4.1.2.5).
    public func isValid(at time: CertificateTime) -> Bool {
        notBefore <= time && time <= notAfter
    }

    /// Checks that `issuer` issued this certificate: names chain, the issuer may sign
    /// certificates (basicConstraints cA, keyUsage keyCertSign when present), the signature
    /// verifies with an algorithm and key mbedTLS's default profile accepts (SHA-2, P-256/P-384,
    /// RSA ≥ 2048), and both certificates are valid at `time`.
    ///
    /// The time is a parameter because mbedTLS would judge validity by the system clock, which an
    /// embedded node may not have set before enrolment; its clock-based verdicts are ignored.
    public func verify(issuedBy issuer: Certificate, at time: CertificateTime) throws(CryptoError) {
        var flags: UInt32 = 0
        let status = mbedtls_x509_crt_verify(crt, issuer.crt, nil, nil, &flags, nil, nil)
        let clockFlags = UInt32(MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE)
        let problems = flags & ~clockFlags
        if problems != 0 {
            throw CryptoError("X.509 verify: \(verifyFlagNames(problems))", code: MBEDTLS_ERR_X509_CERT_VERIFY_FAILED)
        }
        if status != 0 && status != MBEDTLS_ERR_X509_CERT_VERIFY_FAILED {
            throw CryptoError("mbedtls_x509_crt_verify", code: status)
        }
        guard isValid(at: time) else {
            throw CryptoError("X.509 verify: certificate not valid at that time", code: MBEDTLS_ERR_X509_CERT_VERIFY_FAILED)
        }
        guard issuer.isValid(at: time) else {
            throw CryptoError("X.509 verify: issuer not valid at that time", code: MBEDTLS_ERR_X509_CERT_VERIFY_FAILED)
        }
    }
}

/// The MBEDTLS_X509_BADCERT_* names of the bits set in `flags`, for the log.
private func verifyFlagNames(_ flags: UInt32) -> String {
    let names: [(Int32, String)] = [
        (MBEDTLS_X509_BADCERT_NOT_TRUSTED, "NOT_TRUSTED"), (MBEDTLS_X509_BADCERT_KEY_USAGE, "KEY_USAGE"),
        (MBEDTLS_X509_BADCERT_EXT_KEY_USAGE, "EXT_KEY_USAGE"), (MBEDTLS_X509_BADCERT_BAD_MD, "BAD_MD"),
        (MBEDTLS_X509_BADCERT_BAD_PK, "BAD_PK"), (MBEDTLS_X509_BADCERT_BAD_KEY, "BAD_KEY"),
        (MBEDTLS_X509_BADCERT_MISSING, "MISSING"), (MBEDTLS_X509_BADCERT_OTHER, "OTHER"),
    ]
    var text = ""
    var rest = flags
    for (bit, name) in names where flags & UInt32(bit) != 0 {
        text += text.isEmpty ? name : "|" + name
        rest &= ~UInt32(bit)
    }
    if rest != 0 { text += (text.isEmpty ? "" : "|") + "0x" + String(rest, radix: 16) }
    return text
}
