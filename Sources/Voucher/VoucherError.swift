import CBOR
import Crypto
import JSON
import PKI

/// Why a voucher or voucher request was not read, not signed or not accepted.
public enum VoucherError: Error, Equatable {
    /// The JSON form is not JSON text.
    case json(JSONError)
    /// The CBOR form is not one well-formed CBOR item.
    case cbor(CBORError)
    /// The top level is not exactly one `ietf-voucher:voucher` / `ietf-voucher-request:voucher`
    /// container (by name, or by SID 2451 / 2501 in CBOR) holding a map or object.
    case notAVoucher
    /// A mandatory leaf (RFC 8366 §5.3: assertion, created-on, serial-number) is absent.
    case missingLeaf(String)
    /// A leaf holds the wrong type or an invalid value (bad base64, bad date-and-time,
    /// unknown assertion).
    case invalidLeaf(String)
    /// A leaf appears twice (possible in CBOR, which does not forbid duplicate map keys).
    case duplicateLeaf(String)
    /// The CMS SignedData (RFC 8366 §5.2) is malformed or does not verify.
    case cms(PKIError)
    /// The CMS content type is neither id-ct-animaJSONVoucher nor id-data.
    case unexpectedContentType
    /// The COSE_Sign1 structure (RFC 9052 §4.2) or its headers are malformed.
    case malformedCOSE(String)
    /// A COSE algorithm other than ES256 (-7) or ES384 (-35), or one that does not match the
    /// key's curve.
    case unsupportedAlgorithm(Int64)
    /// Signing failed, or the signature does not verify (`isVerificationFailure`).
    case crypto(CryptoError)
    /// The voucher is well formed but must not be accepted (RFC 8995 §5.6.1, RFC 8366 §5.6).
    case rejected(VoucherRejection)
}

/// The pure checks a pledge makes on a voucher whose signature verified.
public enum VoucherRejection: Equatable, Sendable {
    /// serial-number differs from the pledge's own.
    case serialNumberMismatch
    /// The request carried a nonce and the voucher does not carry the same one.
    case nonceMismatch
    /// expires-on lies before the given time.
    case expired
    /// The voucher has no nonce and expires-on cannot be checked without a time.
    case noClockForNonceless
    /// Neither pinned-domain-cert nor pinned-domain-pubk is present: there is no trust anchor.
    case noPinnedDomain
}
