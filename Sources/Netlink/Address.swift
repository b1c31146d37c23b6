import CLinux

/// An interface address: struct ifaddrmsg (8 bytes) plus IFA_* attributes, used for RTM_NEWADDR /
/// RTM_DELADDR requests, dump replies and events alike.
public struct InterfaceAddress: Equatable, Sendable {
    public static let headerLength = 8

    public var family: UInt8
    public var prefixLength: UInt8
    /// IFA_F_* flags. The header holds only the low 8 bits; IFA_FLAGS carries all 32, so this is
    /// the full set (IFA_F_NODAD, IFA_F_PERMANENT, IFA_F_TENTATIVE, IFA_F_NOPREFIXROUTE …).
    public var flags: UInt32
    /// RT_SCOPE_*: 0 universe (global), 253 link, 254 host.
    public var scope: UInt8
    public var interfaceIndex: UInt32
    /// IFA_ADDRESS: for IPv6 the address itself; on point-to-point links the peer.
    public var address: [UInt8]?
    /// IFA_LOCAL: the local address (IPv4; IPv6 only on point-to-point links).
    public var local: [UInt8]?

    public init(family: UInt8 = UInt8(AF_INET6), prefixLength: UInt8, flags: UInt32 = 0, scope: UInt8 = 0,
                interfaceIndex: UInt32, address: [UInt8]? = nil, local: [UInt8]? = nil) {
        self.family = family
        self.prefixLength = prefixLength
        self.flags = flags
        self.scope = scope
        self.interfaceIndex = interfaceIndex
        self.address = address
        self.local = local
    }

    /// An IPv6 address as the ACP adds them: IFA_F_NODAD, because ACP addresses are unique by
    /// construction (RFC 8994 §6.11) and DAD would delay their use by a second or more.
    public static func ipv6(_ address: [UInt8], prefixLength: UInt8, interfaceIndex: UInt32,
                            noDAD: Bool = true) -> InterfaceAddress {
        InterfaceAddress(prefixLength: prefixLength, flags: noDAD ? UInt32(IFA_F_NODAD) : 0,
                         interfaceIndex: interfaceIndex, address: address)
    }

    public var isNoDAD: Bool { flags & UInt32(IFA_F_NODAD) != 0 }
    public var isTentative: Bool { flags & UInt32(IFA_F_TENTATIVE) != 0 }

    public func emit() -> [UInt8] {
        var bytes: [UInt8] = [family, prefixLength, UInt8(truncatingIfNeeded: flags), scope]
        bytes.appendNative(interfaceIndex)
        var attributes = AttributeWriter()
        if let local { attributes.append(UInt16(IFA_LOCAL), local) }
        if let address { attributes.append(UInt16(IFA_ADDRESS), address) }
        // IFA_FLAGS only when a flag does not fit the 8-bit header field (e.g. IFA_F_NOPREFIXROUTE).
        if flags > 0xFF { attributes.u32(UInt16(IFA_FLAGS), flags) }
        return bytes + attributes.bytes
    }

    public static func parse(_ message: NetlinkMessage) throws(NetlinkError) -> InterfaceAddress {
        let payload = message.payload
        guard payload.count >= headerLength else {
            throw .truncated(what: "ifaddrmsg", needed: headerLength, available: payload.count)
        }
        let attributes = try Attributes.parse(payload, from: headerLength)
        return InterfaceAddress(
            family: payload[0], prefixLength: payload[1],
            flags: try attributes.u32(UInt16(IFA_FLAGS)) ?? UInt32(payload[2]),
            scope: payload[3], interfaceIndex: payload.native(at: 4),
            address: attributes.bytes(UInt16(IFA_ADDRESS)), local: attributes.bytes(UInt16(IFA_LOCAL)))
    }
}
