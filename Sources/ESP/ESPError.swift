/// Why an ESP packet was not sent or not accepted (RFC 4303 §3.4). Each kind is a separate
/// counter in the SA statistics and a separate audit reason; none of them is answered on the wire.
public enum ESPError: Error, Equatable, CustomStringConvertible {
    /// Shorter than SPI, sequence number, IV, trailer and ICV, or not 4-byte aligned (§2.4).
    case malformed(length: Int)
    /// The SPI is not this SA's (§3.4.2): the caller picked the wrong SA.
    case unknownSPI(UInt32)
    /// Sequence number 0, which a sender never uses (§3.3.3).
    case invalidSequenceNumber
    /// Already received within the window (§3.4.3).
    case replayed(sequenceNumber: UInt64)
    /// Left of the 64-packet window (§3.4.3).
    case tooOld(sequenceNumber: UInt64)
    /// The AES-GCM ICV did not verify (§3.4.4): forged, corrupted, or the wrong key.
    case integrityCheckFailed(sequenceNumber: UInt64)
    /// Authentic, but Pad Length runs past the payload or the padding is not 1, 2, 3, … (§2.4).
    case badPadding(sequenceNumber: UInt64)
    /// The 32-bit counter is used up; the SA must be rekeyed before sending more (§3.3.3).
    case sequenceNumberExhausted
    /// The crypto bridge failed for a reason other than a wrong tag (e.g. a bad key length).
    case cryptoFailure(String)

    public var description: String {
        switch self {
        case .malformed(let length): return "malformed ESP packet of \(length) bytes"
        case .unknownSPI(let spi): return "unknown SPI \(String(spi, radix: 16))"
        case .invalidSequenceNumber: return "sequence number 0"
        case .replayed(let number): return "replayed sequence number \(number)"
        case .tooOld(let number): return "sequence number \(number) left of the window"
        case .integrityCheckFailed(let number): return "ICV check failed (sequence number \(number))"
        case .badPadding(let number): return "bad padding (sequence number \(number))"
        case .sequenceNumberExhausted: return "sequence numbers exhausted: rekey"
        case .cryptoFailure(let what): return "crypto failure: \(what)"
        }
    }
}
