import CLinux

/// rtnetlink requests (NETLINK_ROUTE) in the namespace the calling thread was in when this was
/// created: links, addresses and routes. Every change waits for the kernel's ACK, so when a call
/// returns the change is in place, and refusals come back as `.kernel(errno:…)`.
public final class RouteNetlink {
    public let socket: NetlinkSocket

    public init() throws(NetlinkError) {
        socket = try NetlinkSocket(protocol: NETLINK_ROUTE)
    }

    // MARK: Links

    /// Every interface in the namespace (RTM_GETLINK dump).
    public func dumpLinks() throws(NetlinkError) -> [Link] {
        let replies = try socket.dump(type: UInt16(RTM_GETLINK), payload: InterfaceInfoHeader().emit(),
                                      describing: "RTM_GETLINK dump")
        var links: [Link] = []
        for message in replies where message.type == UInt16(RTM_NEWLINK) {
            links.append(try Link.parse(message))
        }
        return links
    }

    /// One interface by name; ENODEV when there is none.
    public func link(named name: String) throws(NetlinkError) -> Link {
        try getLink(LinkRequest(name: name), describing: "RTM_GETLINK \(name)")
    }

    /// One interface by index; ENODEV when there is none.
    public func link(index: Int32) throws(NetlinkError) -> Link {
        try getLink(LinkRequest(index: index), describing: "RTM_GETLINK ifindex \(index)")
    }

    private func getLink(_ request: LinkRequest, describing description: String) throws(NetlinkError) -> Link {
        let replies = try socket.execute(type: UInt16(RTM_GETLINK), payload: request.emit(), describing: description)
        guard let reply = replies.first(where: { $0.type == UInt16(RTM_NEWLINK) }) else {
            throw .unexpectedReply("\(description): no RTM_NEWLINK")
        }
        return try Link.parse(reply)
    }

    /// Creates an interface (NLM_F_CREATE | NLM_F_EXCL: EEXIST if the name is taken).
    public func createLink(_ request: LinkRequest) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(RTM_NEWLINK), flags: [.create, .exclusive], payload: request.emit(),
                               describing: "RTM_NEWLINK create \(request.name ?? "")")
    }

    /// Changes an existing interface: whatever `request` sets (flags, name, MAC, MTU, namespace).
    public func changeLink(_ request: LinkRequest) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(RTM_NEWLINK), payload: request.emit(),
                               describing: "RTM_NEWLINK ifindex \(request.header.index)")
    }

    public func setUp(index: Int32, _ up: Bool = true) throws(NetlinkError) {
        try changeLink(.setUp(index: index, up))
    }

    public func setAddress(index: Int32, _ address: [UInt8]) throws(NetlinkError) {
        var request = LinkRequest(index: index)
        request.address = address
        try changeLink(request)
    }

    public func rename(index: Int32, to name: String) throws(NetlinkError) {
        try changeLink(LinkRequest(index: index, name: name))
    }

    /// Moves the interface into the namespace `namespaceFD` refers to (it gets a new index there).
    public func moveToNamespace(index: Int32, namespaceFD: Int32) throws(NetlinkError) {
        var request = LinkRequest(index: index)
        request.namespaceFD = namespaceFD
        try changeLink(request)
    }

    public func deleteLink(index: Int32) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(RTM_DELLINK), payload: LinkRequest(index: index).emit(),
                               describing: "RTM_DELLINK ifindex \(index)")
    }

    // MARK: Addresses

    /// Adds an address (EEXIST if it is already on the interface).
    public func addAddress(_ address: InterfaceAddress) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(RTM_NEWADDR), flags: [.create, .exclusive], payload: address.emit(),
                               describing: "RTM_NEWADDR ifindex \(address.interfaceIndex)")
    }

    public func deleteAddress(_ address: InterfaceAddress) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(RTM_DELADDR), payload: address.emit(),
                               describing: "RTM_DELADDR ifindex \(address.interfaceIndex)")
    }

    /// Every address of `family` (AF_INET6 by default; AF_UNSPEC for all).
    public func dumpAddresses(family: Int32 = AF_INET6) throws(NetlinkError) -> [InterfaceAddress] {
        let header: [UInt8] = [UInt8(family), 0, 0, 0, 0, 0, 0, 0]
        let replies = try socket.dump(type: UInt16(RTM_GETADDR), payload: header, describing: "RTM_GETADDR dump")
        var addresses: [InterfaceAddress] = []
        for message in replies where message.type == UInt16(RTM_NEWADDR) {
            let address = try InterfaceAddress.parse(message)
            if family == AF_UNSPEC || Int32(address.family) == family { addresses.append(address) }
        }
        return addresses
    }

    // MARK: Routes

    /// Adds a route (EEXIST if the same one is there).
    public func addRoute(_ route: Route) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(RTM_NEWROUTE), flags: [.create, .exclusive], payload: route.emit(),
                               describing: "RTM_NEWROUTE /\(route.destinationLength)")
    }

    /// Adds the route or replaces the one with the same destination, table and metric.
    public func replaceRoute(_ route: Route) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(RTM_NEWROUTE), flags: [.create, .replace], payload: route.emit(),
                               describing: "RTM_NEWROUTE replace /\(route.destinationLength)")
    }

    public func deleteRoute(_ route: Route) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(RTM_DELROUTE), payload: route.emit(),
                               describing: "RTM_DELROUTE /\(route.destinationLength)")
    }

    /// Every route of `family` in every table (local and main included; filter on `table`).
    public func dumpRoutes(family: Int32 = AF_INET6) throws(NetlinkError) -> [Route] {
        var header: [UInt8] = [UInt8(family), 0, 0, 0, 0, 0, 0, 0]
        header.appendNative(UInt32(0))
        let replies = try socket.dump(type: UInt16(RTM_GETROUTE), payload: header, describing: "RTM_GETROUTE dump")
        var routes: [Route] = []
        for message in replies where message.type == UInt16(RTM_NEWROUTE) {
            let route = try Route.parse(message)
            if family == AF_UNSPEC || Int32(route.family) == family { routes.append(route) }
        }
        return routes
    }
}
