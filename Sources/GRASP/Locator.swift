import CBOR
import Platform

/// transport-proto (RFC 8990 §2.9.5): the CDDL admits only these two.
public enum TransportProtocol: UInt8, Hashable, Sendable {
    case tcp = 6
    case udp = 17
}

/// An IPv4 address as GRASP carries it (4 bytes); the ACP is IPv6-only, but a peer may send one.
public struct IPv4Address: Hashable, Sendable {
    public var value: UInt32
    public init(value: UInt32) { self.value = value }

    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 else { return nil }
        value = bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    public var bytes: [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }
}

/// locator-option (RFC 8990 §2.9.5): where the peer ASA for an objective can be reached.
/// FQDN and URI text is kept as its UTF-8 bytes: locators are cache keys (RFC 8990 §2.8.11), and
/// byte keys need no Unicode tables.
public enum Locator: Hashable, Sendable {
    case ipv6(IPv6Address, TransportProtocol, port: UInt16)
    case ipv4(IPv4Address, TransportProtocol, port: UInt16)
    case fqdn(utf8: [UInt8], TransportProtocol, port: UInt16)
    /// Protocol and port are null when the URI's scheme implies them.
    case uri(utf8: [UInt8], TransportProtocol?, port: UInt16?)
}

/// The address of the node that started a discovery or flood (RFC 8990 §2.8.4): it
/// disambiguates session ids, nothing is sent to it.
public enum InitiatorAddress: Hashable, Sendable {
    case ipv6(IPv6Address)
    case ipv4(IPv4Address)
}

extension TransportProtocol: CustomStringConvertible {
    public var description: String { self == .tcp ? "tcp" : "udp" }
}

extension IPv4Address: CustomStringConvertible {
    public var description: String { bytes.map { "\($0)" }.joined(separator: ".") }
}

extension Locator: CustomStringConvertible {
    /// As an operator writes it: `[fe80::1]:500/udp`, `192.0.2.1:53/udp`, `name:443/tcp`, the URI.
    public var description: String {
        switch self {
        case .ipv6(let address, let proto, let port): "[\(address)]:\(port)/\(proto)"
        case .ipv4(let address, let proto, let port): "\(address):\(port)/\(proto)"
        case .fqdn(let name, let proto, let port): "\(String(decoding: name, as: UTF8.self)):\(port)/\(proto)"
        case .uri(let uri, _, _): String(decoding: uri, as: UTF8.self)
        }
    }
}
