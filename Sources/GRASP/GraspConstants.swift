import CBOR
import Platform

/// Numbers of RFC 8990 §2.6 and §2.8.1/§2.9 (IANA registry "GRASP Messages and Options").
public enum GraspConstants {
    /// GRASP_LISTEN_PORT: UDP port for link-local multicast (and our unicast) GRASP.
    public static let listenPort: UInt16 = 7017
    /// ALL_GRASP_NEIGHBORS, ff02::13.
    public static let allGraspNeighbors = IPv6Address(high: 0xFF02_0000_0000_0000, low: 0x13)
    /// GRASP_DEF_TIMEOUT: an operation that has not completed by then has failed.
    public static let defaultTimeout: Duration = .milliseconds(60000)
    /// GRASP_DEF_LOOPCT.
    public static let defaultLoopCount: UInt8 = 6
    /// GRASP_DEF_MAX_SIZE: larger messages are neither sent nor accepted.
    public static let defaultMaximumSize = 2048
    /// Objective values and M_INVALID diagnostics are arbitrary CBOR; GRASP itself nests at most
    /// message → flood entry → objective → value, so 16 levels leave objectives room without
    /// letting a hostile peer make the decoder recurse deeply.
    public static let maximumNesting = 16
}

/// The message type, first element of every GRASP message (RFC 8990 §2.8.1).
public enum MessageType: UInt8, Sendable {
    case noop = 0
    case discovery = 1
    case response = 2
    case requestNegotiation = 3
    case requestSynchronization = 4
    case negotiate = 5
    case end = 6
    case wait = 7
    case synch = 8
    case flood = 9
    case invalid = 99
}

/// Option types (RFC 8990 §2.9).
public enum OptionType: UInt8, Sendable {
    case divert = 100
    case accept = 101
    case decline = 102
    case ipv6Locator = 103
    case ipv4Locator = 104
    case fqdnLocator = 105
    case uriLocator = 106
}
