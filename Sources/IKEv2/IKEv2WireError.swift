/// Why an IKEv2 message could not be parsed or opened, and where.
///
/// `offset` counts from the first byte of the IKE header, so a log line points into the datagram
/// as a packet capture shows it. The engine maps `kind` to its reply: an unknown critical payload
/// becomes an UNSUPPORTED_CRITICAL_PAYLOAD notify (RFC 7296 §2.5), malformed input INVALID_SYNTAX
/// (only once the message is authenticated), a failed ICV a silent drop (§2.21.2).
public struct IKEv2WireError: Error, Equatable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The data ends before a field or a length says it should.
        case truncated
        /// A length field is smaller than its header or disagrees with its container.
        case badLength
        /// The major version is not 2 (RFC 7296 §2.5: answer INVALID_MAJOR_VERSION).
        case unsupportedVersion(major: UInt8)
        /// A payload this implementation does not know, with the critical bit set.
        case unsupportedCriticalPayload(PayloadType)
        /// A field holds a value the RFC forbids (wrong substructure marker, address length …).
        case malformed
        /// The Encrypted payload is not the last one, or appears twice.
        case misplacedEncryptedPayload
        /// The AES-GCM tag of an Encrypted payload did not verify.
        case integrityCheckFailed
        /// An encrypt/decrypt call into the crypto bridge failed for another reason.
        case cryptoFailure
    }

    public var kind: Kind
    /// Byte offset from the start of the IKE message (or of the buffer being parsed).
    public var offset: Int
    /// What was being read, e.g. "SA proposal length".
    public var what: String

    public init(_ kind: Kind, at offset: Int, _ what: String) {
        self.kind = kind
        self.offset = offset
        self.what = what
    }

    public var description: String {
        "IKEv2 \(kindName) at offset \(offset): \(what)"
    }

    private var kindName: String {
        switch kind {
        case .truncated: return "truncated"
        case .badLength: return "bad length"
        case .unsupportedVersion(let major): return "unsupported major version \(major)"
        case .unsupportedCriticalPayload(let type): return "unsupported critical payload \(type.rawValue)"
        case .malformed: return "malformed"
        case .misplacedEncryptedPayload: return "misplaced Encrypted payload"
        case .integrityCheckFailed: return "integrity check failed"
        case .cryptoFailure: return "crypto failure"
        }
    }
}
