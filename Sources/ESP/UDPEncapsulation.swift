/// UDP encapsulation of IKE and ESP on port 4500 (RFC 3948): one socket carries both, told
/// apart by their first bytes. strongSwan's userspace ESP always uses it (shared/notes/FACTS.md).
public enum UDPEncapsulation {
    public static let port: UInt16 = 4500

    /// What a datagram received on port 4500 holds.
    public enum Content: Equatable, Sendable {
        /// An IKE message behind the 4-byte Non-ESP Marker (§2.2); the marker is removed.
        case ike([UInt8])
        /// An ESP packet starting at the first byte (its SPI is never zero, RFC 4303 §2.1).
        case esp
        /// A NAT-keepalive (§2.3): one 0xFF byte, to be ignored.
        case natKeepalive
        /// Too short to be any of these.
        case invalid
    }

    public static let nonESPMarker: [UInt8] = [0, 0, 0, 0]

    public static func classify(_ datagram: [UInt8]) -> Content {
        if datagram.count == 1 && datagram[0] == 0xFF { return .natKeepalive }
        guard datagram.count >= 4 else { return .invalid }
        if datagram[0] == 0 && datagram[1] == 0 && datagram[2] == 0 && datagram[3] == 0 {
            return .ike(Array(datagram[4...]))
        }
        return .esp
    }

    /// The datagram payload that sends `ikeMessage` on port 4500.
    public static func frameIKE(_ ikeMessage: [UInt8]) -> [UInt8] {
        nonESPMarker + ikeMessage
    }
}
