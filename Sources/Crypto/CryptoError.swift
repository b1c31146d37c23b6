import CMbedTLS

/// A failed mbedTLS call: which operation, and the mbedTLS error code it returned.
///
/// Codes are mbedTLS's own negative values (high-level module code plus low-level code), so a
/// caller can match on them (`MBEDTLS_ERR_GCM_AUTH_FAILED` …) and a log line can be looked up in
/// mbedTLS's error.h. Checks this bridge makes itself (a wrong key or nonce length) report the
/// mbedTLS "bad input" code of the module the value was meant for.
public struct CryptoError: Error, Equatable, CustomStringConvertible {
    /// The call or step that failed, e.g. "mbedtls_gcm_auth_decrypt" or "ECDSA verify".
    public var operation: String
    /// The mbedTLS error code (negative).
    public var code: Int32

    public init(_ operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// True when an AEAD tag or a signature did not verify, as opposed to malformed input or a
    /// missing feature: ESP counts the first kind as an integrity failure, not as a bug.
    public var isVerificationFailure: Bool {
        code == MBEDTLS_ERR_GCM_AUTH_FAILED || code == MBEDTLS_ERR_ECP_VERIFY_FAILED
            || code == MBEDTLS_ERR_PK_SIG_LEN_MISMATCH || code == MBEDTLS_ERR_ECP_SIG_LEN_MISMATCH
            || code == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED
    }

    public var description: String {
        let magnitude = code < 0 ? -Int(code) : Int(code)
        return "\(operation): \(mbedtlsErrorName(code)) (-0x\(String(magnitude, radix: 16)))"
    }
}

/// The macro name of the mbedTLS codes this bridge can produce. A small table rather than
/// `mbedtls_strerror`, which would link every module's message strings into the binary.
public func mbedtlsErrorName(_ code: Int32) -> String {
    switch code {
    case MBEDTLS_ERR_GCM_AUTH_FAILED: return "GCM_AUTH_FAILED"
    case MBEDTLS_ERR_GCM_BAD_INPUT: return "GCM_BAD_INPUT"
    case MBEDTLS_ERR_MD_BAD_INPUT_DATA: return "MD_BAD_INPUT_DATA"
    case MBEDTLS_ERR_MD_ALLOC_FAILED: return "MD_ALLOC_FAILED"
    case MBEDTLS_ERR_ECP_BAD_INPUT_DATA: return "ECP_BAD_INPUT_DATA"
    case MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE: return "ECP_FEATURE_UNAVAILABLE"
    case MBEDTLS_ERR_ECP_VERIFY_FAILED: return "ECP_VERIFY_FAILED"
    case MBEDTLS_ERR_ECP_RANDOM_FAILED: return "ECP_RANDOM_FAILED"
    case MBEDTLS_ERR_ECP_INVALID_KEY: return "ECP_INVALID_KEY"
    case MBEDTLS_ERR_ECP_SIG_LEN_MISMATCH: return "ECP_SIG_LEN_MISMATCH"
    case MBEDTLS_ERR_PK_TYPE_MISMATCH: return "PK_TYPE_MISMATCH"
    case MBEDTLS_ERR_PK_BAD_INPUT_DATA: return "PK_BAD_INPUT_DATA"
    case MBEDTLS_ERR_PK_KEY_INVALID_FORMAT: return "PK_KEY_INVALID_FORMAT"
    case MBEDTLS_ERR_PK_UNKNOWN_PK_ALG: return "PK_UNKNOWN_PK_ALG"
    case MBEDTLS_ERR_PK_PASSWORD_REQUIRED: return "PK_PASSWORD_REQUIRED"
    case MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE: return "PK_UNKNOWN_NAMED_CURVE"
    case MBEDTLS_ERR_PK_SIG_LEN_MISMATCH: return "PK_SIG_LEN_MISMATCH"
    case MBEDTLS_ERR_PK_BUFFER_TOO_SMALL: return "PK_BUFFER_TOO_SMALL"
    case MBEDTLS_ERR_ASN1_OUT_OF_DATA: return "ASN1_OUT_OF_DATA"
    case MBEDTLS_ERR_ASN1_UNEXPECTED_TAG: return "ASN1_UNEXPECTED_TAG"
    case MBEDTLS_ERR_ASN1_LENGTH_MISMATCH: return "ASN1_LENGTH_MISMATCH"
    case MBEDTLS_ERR_ASN1_INVALID_LENGTH: return "ASN1_INVALID_LENGTH"
    case MBEDTLS_ERR_MPI_BAD_INPUT_DATA: return "MPI_BAD_INPUT_DATA"
    case MBEDTLS_ERR_MPI_BUFFER_TOO_SMALL: return "MPI_BUFFER_TOO_SMALL"
    case MBEDTLS_ERR_ENTROPY_SOURCE_FAILED: return "ENTROPY_SOURCE_FAILED"
    case MBEDTLS_ERR_X509_INVALID_FORMAT: return "X509_INVALID_FORMAT"
    case MBEDTLS_ERR_X509_CERT_VERIFY_FAILED: return "X509_CERT_VERIFY_FAILED"
    case MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT: return "X509_CERT_UNKNOWN_FORMAT"
    default: return "MBEDTLS_ERR"
    }
}
