import Foundation
import Testing
import CLinux
@testable import Netlink

/// Waits up to `seconds` for events that satisfy `done`, polling the listener's fd as the event
/// loop will.
private func collect(_ listener: RouteEventListener, seconds: Int32 = 3,
                     until done: ([RouteEvent]) -> Bool) throws -> [RouteEvent] {
    var events: [RouteEvent] = []
    var waits = 0
    while !done(events) && waits < seconds * 10 {
        var descriptor = pollfd(fd: listener.fd, events: Int16(POLLIN), revents: 0)
        if poll(&descriptor, 1, 100) > 0 { events += try listener.receiveEvents() }
        waits += 1
    }
    return events
}

private func linkNames(_ events: [RouteEvent], deleted: Bool) -> Set<String> {
    var names: Set<String> = []
    for event in events {
        switch event {
        case .newLink(let link) where !deleted: names.insert(link.name)
        case .deletedLink(let link) where deleted: names.insert(link.name)
        default: break
        }
    }
    return names
}

@Suite struct EventKernelTests {
    /// Changes made by iproute2 (an independent actor) reach our listener, typed and named.
    @Test func linkAndAddressEventsFromAnotherProgram() throws {
        let n = try TestNamespace("ev")
        defer { n.close() }
        let listener = try n.run { try RouteEventListener() }
        #expect(try listener.receiveEvents().isEmpty)   // non-blocking: nothing yet, no wait

        try n.ip(["link", "add", "mce0", "type", "veth", "peer", "name", "mce0p"])
        let created = try collect(listener) { linkNames($0, deleted: false).isSuperset(of: ["mce0", "mce0p"]) }
        #expect(linkNames(created, deleted: false).isSuperset(of: ["mce0", "mce0p"]))
        let index = try #require(try n.ipJSON(["link", "show", "mce0"]).first?["ifindex"] as? Int)
        #expect(created.contains { if case .newLink(let link) = $0 { link.name == "mce0" && Int(link.index) == index } else { false } })

        try n.ip(["addr", "add", "fd00:7::1/64", "dev", "mce0", "nodad"])
        let added = try collect(listener) { events in
            events.contains { if case .newAddress(let address) = $0 { address.address == ipv6("fd00:7::1") } else { false } }
        }
        let address = added.compactMap { event -> InterfaceAddress? in
            if case .newAddress(let address) = event { address } else { nil }
        }.first { $0.address == ipv6("fd00:7::1") }
        #expect(address?.interfaceIndex == UInt32(index) && address?.prefixLength == 64 && address?.isNoDAD == true)

        try n.ip(["link", "del", "mce0"])
        let deleted = try collect(listener) { linkNames($0, deleted: true).isSuperset(of: ["mce0", "mce0p"]) }
        #expect(linkNames(deleted, deleted: true).isSuperset(of: ["mce0", "mce0p"]))
        #expect(deleted.contains { if case .deletedAddress(let a) = $0 { a.address == ipv6("fd00:7::1") } else { false } })
    }
}
