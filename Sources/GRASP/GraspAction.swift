import CBOR
import Platform

/// A TCP connection the platform holds for the engine; the number is the engine's or the
/// platform's (for accepted connections), never reused while open.
public struct ConnectionID: Hashable, Sendable {
    public var value: UInt32
    public init(_ value: UInt32) { self.value = value }
}

/// Where a GRASP message goes. The platform owns the sockets: UDP 7017 bound per interface for
/// multicast, TCP connections for unicast (RFC 8990 §2.5.3: in the ACP, unicast is TCP).
public enum GraspDestination: Hashable, Sendable {
    /// UDP to ALL_GRASP_NEIGHBORS (ff02::13) port 7017, out of one interface.
    case allNeighbours(interface: UInt32)
    /// An open (or opening, see `GraspAction.connect`) TCP connection.
    case connection(ConnectionID)
}

/// Where a received message came from.
public enum GraspSource: Hashable, Sendable {
    /// A UDP datagram (multicast or unicast) on `interface` from `address`.
    case datagram(from: IPv6Address, port: UInt16, interface: UInt32)
    /// A TCP connection, with its peer (for logs and session disambiguation).
    case connection(ConnectionID, peer: IPv6Address, interface: UInt32)

    public var address: IPv6Address {
        switch self {
        case .datagram(let address, _, _), .connection(_, let address, _): address
        }
    }

    public var interface: UInt32 {
        switch self {
        case .datagram(_, _, let interface), .connection(_, _, let interface): interface
        }
    }
}

/// What an engine asks the platform (or the ASA glue) to do.
public enum GraspAction {
    case send([UInt8], to: GraspDestination)
    /// Open a TCP connection; sends queued on `id` go out once it is up. Failure comes back as
    /// `connectionClosed(id)`.
    case connect(ConnectionID, to: IPv6Address, port: UInt16, interface: UInt32)
    case close(ConnectionID)
    /// Call `timerFired(now:)` at (or after) this instant; a later action replaces earlier ones.
    case armTimer(at: Instant)
    case neighbourChanged(NeighbourChange)
    /// Something for an ASA (see GraspASA.swift).
    case deliver(ASAEvent)
    /// A rate-limited line for the log.
    case log(String)
}

extension GraspAction {
    var isSend: Bool {
        if case .send = self { return true }
        return false
    }
}
