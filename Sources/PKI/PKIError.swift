import ASN1
import Crypto

/// Why a certificate, CSR, AcpNodeName or SignedData was refused or could not be made.
public enum PKIError: Error, Equatable, CustomStringConvertible {
    /// The DER structure is broken (where, in `ASN1Error.offset`).
    case der(ASN1Error)
    /// mbedTLS refused a key, a signature operation, or a certificate.
    case crypto(CryptoError)
    /// Well-formed DER that is not the structure the RFC defines (wrong version, missing field).
    case malformed(String)
    /// An algorithm this implementation does not handle (RSA, SHA-1, …).
    case unsupportedAlgorithm(ASN1ObjectIdentifier)
    /// A signature or message digest did not match, or no signer certificate was found.
    case verificationFailed(String)
    /// Text that is not an RFC 8994 §6.2.2 acp-node-name.
    case invalidAcpNodeName(String)

    public var description: String {
        switch self {
        case .der(let error): return "\(error)"
        case .crypto(let error): return "\(error)"
        case .malformed(let what): return "malformed: \(what)"
        case .unsupportedAlgorithm(let oid): return "unsupported algorithm \(oid.dotted)"
        case .verificationFailed(let what): return "verification failed: \(what)"
        case .invalidAcpNodeName(let what): return "invalid AcpNodeName: \(what)"
        }
    }
}

/// Runs a DER-reading closure and wraps its error, so parsers in this module throw one type.
@inline(__always)
func readingDER<T>(_ body: () throws(ASN1Error) -> T) throws(PKIError) -> T {
    do { return try body() } catch { throw PKIError.der(error) }
}

@inline(__always)
func usingCrypto<T>(_ body: () throws(CryptoError) -> T) throws(PKIError) -> T {
    do { return try body() } catch { throw PKIError.crypto(error) }
}
