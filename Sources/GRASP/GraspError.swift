import CBOR
import Platform

/// The part of a message that was wrong, so a log line can say where without printing the bytes.
public enum GraspField: UInt8, Sendable {
    case message, messageType, sessionID, initiator, ttl, objective, objectiveName, objectiveFlags
    case loopCount, floodEntry, locator, transport, port, option, reason, waitingTime, envelope
}

/// Why a received GRASP message was refused. Every case is a drop (or an M_INVALID reply where
/// RFC 8990 allows one); none is fatal to the engine.
public enum GraspError: Error {
    /// The bytes are not one well-formed CBOR item within our limits (truncated, trailing data,
    /// too deep, ...): the CBOR bridge says which.
    case malformedCBOR(CBORError)
    /// Longer than GRASP_DEF_MAX_SIZE (RFC 8990 §2.8.3).
    case tooLarge(Int)
    /// Well-formed CBOR, but the message type is not one of RFC 8990's.
    case unknownMessageType(UInt64)
    /// A message with the wrong number of elements for its type.
    case wrongElementCount(MessageType, Int)
    /// A field of the wrong CBOR type or out of its CDDL range.
    case badField(GraspField)

    /// A short stable name for counters and rate-limited log lines.
    public var name: String {
        switch self {
        case .malformedCBOR: "malformed-cbor"
        case .tooLarge: "too-large"
        case .unknownMessageType: "unknown-message-type"
        case .wrongElementCount: "wrong-element-count"
        case .badField: "bad-field"
        }
    }
}
