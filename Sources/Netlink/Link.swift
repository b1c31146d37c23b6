import CLinux

/// struct ifinfomsg, the fixed part of every RTM_*LINK message (16 bytes).
public struct InterfaceInfoHeader: Equatable, Sendable {
    public static let length = 16

    public var family: UInt8
    /// ARPHRD_* (1 Ethernet, 772 loopback, 65534 none for TUN/xfrm).
    public var type: UInt16
    public var index: Int32
    /// IFF_* flags (IFF_UP, IFF_RUNNING, IFF_LOWER_UP …).
    public var flags: UInt32
    /// Which of `flags` a request changes; 0 in replies.
    public var change: UInt32

    public init(family: UInt8 = UInt8(AF_UNSPEC), type: UInt16 = 0, index: Int32 = 0, flags: UInt32 = 0,
                change: UInt32 = 0) {
        self.family = family
        self.type = type
        self.index = index
        self.flags = flags
        self.change = change
    }

    public func emit() -> [UInt8] {
        var bytes: [UInt8] = [family, 0]
        bytes.appendNative(type)
        bytes.appendNative(index)
        bytes.appendNative(flags)
        bytes.appendNative(change)
        return bytes
    }

    public static func parse(_ bytes: [UInt8]) throws(NetlinkError) -> InterfaceInfoHeader {
        guard bytes.count >= length else {
            throw .truncated(what: "ifinfomsg", needed: length, available: bytes.count)
        }
        return InterfaceInfoHeader(family: bytes[0], type: bytes.native(at: 2), index: bytes.native(at: 4),
                                   flags: bytes.native(at: 8), change: bytes.native(at: 12))
    }
}

/// A network interface as RTM_NEWLINK / RTM_DELLINK (dump replies and events) describe it.
public struct Link: Equatable, Sendable {
    public var header: InterfaceInfoHeader
    public var name: String
    /// IFLA_ADDRESS: the MAC address (absent for TUN and xfrm interfaces).
    public var address: [UInt8]?
    public var mtu: UInt32?
    /// IFLA_OPERSTATE: RFC 2863 state (IF_OPER_UP = 6, IF_OPER_DOWN = 2, IF_OPER_UNKNOWN = 0 …).
    public var operationalState: UInt8?
    /// IFLA_MASTER: the bridge or VRF this port belongs to.
    public var master: Int32?
    /// IFLA_LINK: the peer (veth) or lower device (macvlan), possibly in another namespace.
    public var link: Int32?
    /// IFLA_LINK_NETNSID: the namespace id `link` lives in, when it is not this one.
    public var linkNamespaceID: Int32?
    /// IFLA_INFO_KIND: "veth", "macvlan", "xfrm", "dummy" …; nil for physical devices.
    public var kind: String?
    /// IFLA_INFO_DATA, kind-specific (IFLA_MACVLAN_*, IFLA_XFRM_*).
    public var kindData: Attributes?
    /// Every attribute, for the ones not lifted into fields above.
    public var attributes: Attributes

    public var index: Int32 { header.index }
    public var isUp: Bool { header.flags & UInt32(IFF_UP) != 0 }

    /// IFLA_XFRM_IF_ID of an xfrm interface.
    public var xfrmInterfaceID: UInt32? {
        guard kind == "xfrm" else { return nil }
        return try? kindData?.u32(UInt16(IFLA_XFRM_IF_ID))
    }

    public static func parse(_ message: NetlinkMessage) throws(NetlinkError) -> Link {
        let header = try InterfaceInfoHeader.parse(message.payload)
        let attributes = try Attributes.parse(message.payload, from: InterfaceInfoHeader.length)
        guard let name = try attributes.string(UInt16(IFLA_IFNAME)) else {
            throw .malformed("link \(header.index) without IFLA_IFNAME")
        }
        let info = try attributes.nested(UInt16(IFLA_LINKINFO))
        return Link(
            header: header, name: name,
            address: attributes.bytes(UInt16(IFLA_ADDRESS)),
            mtu: try attributes.u32(UInt16(IFLA_MTU)),
            operationalState: try attributes.u8(UInt16(IFLA_OPERSTATE)),
            master: try attributes.s32(UInt16(IFLA_MASTER)),
            link: try attributes.s32(UInt16(IFLA_LINK)),
            linkNamespaceID: try attributes.s32(UInt16(IFLA_LINK_NETNSID)),
            kind: try info?.string(UInt16(IFLA_INFO_KIND)),
            kindData: try info?.nested(UInt16(IFLA_INFO_DATA)),
            attributes: attributes)
    }
}

/// MACVLAN_MODE_*: the ACP uses `bridge` for its DULL macvlans so several can share a port.
public enum MacvlanMode: UInt32, Sendable {
    case `private` = 1
    case vepa = 2
    case bridge = 4
    case passthru = 8
    case source = 16
}

/// The far end of a veth pair, created in the same request (VETH_INFO_PEER).
public struct VethPeer: Equatable, Sendable {
    public var name: String
    public var address: [UInt8]?
    /// Create the peer directly in the namespace this fd refers to.
    public var namespaceFD: Int32?

    public init(name: String, address: [UInt8]? = nil, namespaceFD: Int32? = nil) {
        self.name = name
        self.address = address
        self.namespaceFD = namespaceFD
    }
}

/// The link types Minerva Connect creates. TUN interfaces are not made through rtnetlink but
/// with the TUNSETIFF ioctl on /dev/net/tun (Platform layer).
public enum LinkKind: Equatable, Sendable {
    case veth(peer: VethPeer)
    /// The lower device goes in `LinkRequest.lowerLink`.
    case macvlan(mode: MacvlanMode)
    /// xfrm interface (IFLA_XFRM_IF_ID matches the if_id of the SAs; IFLA_XFRM_LINK the
    /// underlying device for route lookups, optional).
    case xfrm(interfaceID: UInt32, underlying: Int32?)
}

/// The payload of an RTM_NEWLINK (create or change) or RTM_DELLINK request. Only what is set is
/// sent, so one type serves "create veth", "set up", "rename", "move to netns" and "delete".
public struct LinkRequest: Equatable, Sendable {
    public var header = InterfaceInfoHeader()
    public var name: String?
    public var address: [UInt8]?
    public var mtu: UInt32?
    public var master: Int32?
    /// IFLA_LINK: the lower device of a macvlan.
    public var lowerLink: Int32?
    /// IFLA_NET_NS_FD: move (or create) the interface into that namespace.
    public var namespaceFD: Int32?
    public var kind: LinkKind?

    public init(index: Int32 = 0, name: String? = nil) {
        header.index = index
        self.name = name
    }

    /// IFF_UP set or cleared, leaving the other flags alone.
    public static func setUp(index: Int32, _ up: Bool) -> LinkRequest {
        var request = LinkRequest(index: index)
        let flag = UInt32(IFF_UP)
        request.header.flags = up ? flag : 0
        request.header.change = flag
        return request
    }

    public func emit() -> [UInt8] {
        var attributes = AttributeWriter()
        if let name { attributes.string(UInt16(IFLA_IFNAME), name) }
        if let address { attributes.append(UInt16(IFLA_ADDRESS), address) }
        if let mtu { attributes.u32(UInt16(IFLA_MTU), mtu) }
        if let master { attributes.s32(UInt16(IFLA_MASTER), master) }
        if let lowerLink { attributes.s32(UInt16(IFLA_LINK), lowerLink) }
        if let namespaceFD { attributes.s32(UInt16(IFLA_NET_NS_FD), namespaceFD) }
        if let kind { Self.emitLinkInfo(kind, into: &attributes) }
        return header.emit() + attributes.bytes
    }

    private static func emitLinkInfo(_ kind: LinkKind, into attributes: inout AttributeWriter) {
        attributes.nested(UInt16(IFLA_LINKINFO)) { info in
            switch kind {
            case .veth(let peer):
                info.string(UInt16(IFLA_INFO_KIND), "veth")
                info.nested(UInt16(IFLA_INFO_DATA)) { data in
                    data.nested(UInt16(VETH_INFO_PEER), header: InterfaceInfoHeader().emit()) { peerAttributes in
                        peerAttributes.string(UInt16(IFLA_IFNAME), peer.name)
                        if let address = peer.address { peerAttributes.append(UInt16(IFLA_ADDRESS), address) }
                        if let fd = peer.namespaceFD { peerAttributes.s32(UInt16(IFLA_NET_NS_FD), fd) }
                    }
                }
            case .macvlan(let mode):
                info.string(UInt16(IFLA_INFO_KIND), "macvlan")
                info.nested(UInt16(IFLA_INFO_DATA)) { data in
                    data.u32(UInt16(IFLA_MACVLAN_MODE), mode.rawValue)
                }
            case .xfrm(let interfaceID, let underlying):
                info.string(UInt16(IFLA_INFO_KIND), "xfrm")
                info.nested(UInt16(IFLA_INFO_DATA)) { data in
                    if let underlying { data.u32(UInt16(IFLA_XFRM_LINK), UInt32(bitPattern: underlying)) }
                    data.u32(UInt16(IFLA_XFRM_IF_ID), interfaceID)
                }
            }
        }
    }
}
