import CLinux

/// rtnetlink multicast groups (RTMGRP_*) a listener can join.
public struct RouteGroups: OptionSet, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let link = RouteGroups(rawValue: UInt32(RTMGRP_LINK))
    public static let ipv4Address = RouteGroups(rawValue: UInt32(RTMGRP_IPV4_IFADDR))
    public static let ipv4Route = RouteGroups(rawValue: UInt32(RTMGRP_IPV4_ROUTE))
    public static let ipv6Address = RouteGroups(rawValue: UInt32(RTMGRP_IPV6_IFADDR))
    public static let ipv6Route = RouteGroups(rawValue: UInt32(RTMGRP_IPV6_ROUTE))
}

/// What changed. RTM_NEWLINK means "new or changed" (up/down, carrier, rename), so a link event
/// is a current snapshot, not necessarily a creation.
public enum RouteEvent: Equatable, Sendable {
    case newLink(Link)
    case deletedLink(Link)
    case newAddress(InterfaceAddress)
    case deletedAddress(InterfaceAddress)
    case newRoute(Route)
    case deletedRoute(Route)
    /// The kernel dropped events because we read too slowly (ENOBUFS): state must be re-read with
    /// a dump.
    case overrun
}

/// A non-blocking rtnetlink socket subscribed to multicast groups. Its `fd` goes into the event
/// loop; when readable, `receiveEvents()` returns everything queued. One per namespace.
public final class RouteEventListener {
    public let socket: NetlinkSocket
    public var fd: Int32 { socket.fd }

    public init(groups: RouteGroups = [.link, .ipv6Address, .ipv6Route]) throws(NetlinkError) {
        socket = try NetlinkSocket(protocol: NETLINK_ROUTE, groups: groups.rawValue, nonBlocking: true)
    }

    /// Drains the socket. Message types this listener does not model are skipped.
    public func receiveEvents() throws(NetlinkError) -> [RouteEvent] {
        var events: [RouteEvent] = []
        while true {
            let messages: [NetlinkMessage]
            do throws(NetlinkError) {
                guard let received = try socket.receive() else { return events }
                messages = received
            } catch {
                guard error.errno == ENOBUFS else { throw error }
                events.append(.overrun)
                continue
            }
            for message in messages {
                if let event = try Self.event(message) { events.append(event) }
            }
        }
    }

    /// The event one message describes, or nil for types not modelled (neighbours, rules …).
    public static func event(_ message: NetlinkMessage) throws(NetlinkError) -> RouteEvent? {
        switch Int(message.type) {
        case Int(RTM_NEWLINK): return .newLink(try Link.parse(message))
        case Int(RTM_DELLINK): return .deletedLink(try Link.parse(message))
        case Int(RTM_NEWADDR): return .newAddress(try InterfaceAddress.parse(message))
        case Int(RTM_DELADDR): return .deletedAddress(try InterfaceAddress.parse(message))
        case Int(RTM_NEWROUTE): return .newRoute(try Route.parse(message))
        case Int(RTM_DELROUTE): return .deletedRoute(try Route.parse(message))
        default: return nil
        }
    }
}
