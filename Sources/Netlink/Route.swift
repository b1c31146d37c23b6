import CLinux

/// RTN_* route types the ACP uses.
public enum RouteType: UInt8, Sendable {
    case unicast = 1
    case local = 2
    case broadcast = 3
    case anycast = 4
    case multicast = 5
    /// Silently drop: the ACP's covering route for its own prefix (RFC 8994 §6.12.5.1).
    case blackhole = 6
    case unreachable = 7
    case prohibit = 8
}

/// A route: struct rtmsg (12 bytes) plus RTA_* attributes, for RTM_NEWROUTE / RTM_DELROUTE
/// requests, dump replies and events.
public struct Route: Equatable, Sendable {
    public static let headerLength = 12
    /// RT_TABLE_MAIN.
    public static let mainTable: UInt32 = 254

    public var family: UInt8
    public var destinationLength: UInt8
    public var sourceLength: UInt8
    public var tos: UInt8
    /// The full table id (RTA_TABLE); the header's 8-bit field is filled from it.
    public var table: UInt32
    /// RTPROT_*: who installed it (3 boot as `ip` does by default, 4 static, 2 kernel).
    public var routingProtocol: UInt8
    /// RT_SCOPE_*: 0 universe, 253 link, 254 host.
    public var scope: UInt8
    /// RTN_*, kept raw so unknown types in dumps still parse; see `RouteType`.
    public var type: UInt8
    public var flags: UInt32
    public var destination: [UInt8]?
    public var gateway: [UInt8]?
    public var outputInterface: UInt32?
    /// RTA_PRIORITY, the metric.
    public var priority: UInt32?

    public init(family: UInt8 = UInt8(AF_INET6), destination: [UInt8]?, destinationLength: UInt8,
                type: RouteType = .unicast, gateway: [UInt8]? = nil, outputInterface: UInt32? = nil,
                priority: UInt32? = nil, table: UInt32 = Route.mainTable, routingProtocol: UInt8 = 3,
                scope: UInt8 = 0) {
        self.family = family
        self.destinationLength = destinationLength
        self.sourceLength = 0
        self.tos = 0
        self.table = table
        self.routingProtocol = routingProtocol
        self.scope = scope
        self.type = type.rawValue
        self.flags = 0
        self.destination = destination
        self.gateway = gateway
        self.outputInterface = outputInterface
        self.priority = priority
    }

    public var routeType: RouteType? { RouteType(rawValue: type) }

    public func emit() -> [UInt8] {
        var bytes: [UInt8] = [family, destinationLength, sourceLength, tos,
                              table < 256 ? UInt8(table) : UInt8(RT_TABLE_UNSPEC.rawValue),
                              routingProtocol, scope, type]
        bytes.appendNative(flags)
        var attributes = AttributeWriter()
        attributes.u32(UInt16(RTA_TABLE.rawValue), table)
        if let destination { attributes.append(UInt16(RTA_DST.rawValue), destination) }
        if let priority { attributes.u32(UInt16(RTA_PRIORITY.rawValue), priority) }
        if let gateway { attributes.append(UInt16(RTA_GATEWAY.rawValue), gateway) }
        if let outputInterface { attributes.u32(UInt16(RTA_OIF.rawValue), outputInterface) }
        return bytes + attributes.bytes
    }

    public static func parse(_ message: NetlinkMessage) throws(NetlinkError) -> Route {
        let payload = message.payload
        guard payload.count >= headerLength else {
            throw .truncated(what: "rtmsg", needed: headerLength, available: payload.count)
        }
        let attributes = try Attributes.parse(payload, from: headerLength)
        var route = Route(family: payload[0], destination: attributes.bytes(UInt16(RTA_DST.rawValue)),
                          destinationLength: payload[1],
                          gateway: attributes.bytes(UInt16(RTA_GATEWAY.rawValue)),
                          outputInterface: try attributes.u32(UInt16(RTA_OIF.rawValue)),
                          priority: try attributes.u32(UInt16(RTA_PRIORITY.rawValue)),
                          table: try attributes.u32(UInt16(RTA_TABLE.rawValue)) ?? UInt32(payload[4]),
                          routingProtocol: payload[5], scope: payload[6])
        route.sourceLength = payload[2]
        route.tos = payload[3]
        route.type = payload[7]
        route.flags = payload.native(at: 8)
        return route
    }
}
