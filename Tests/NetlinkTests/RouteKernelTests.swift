import Foundation
import Testing
import CLinux
import Platform
@testable import Netlink

// Against the kernel, in throwaway namespaces; iproute2's JSON output is the independent truth.

private func macText(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined(separator: ":")
}

private func kernelErrno(_ body: () throws -> Void) -> Int32? {
    do {
        try body()
        return nil
    } catch let error as NetlinkError {
        return error.errno
    } catch {
        return -1
    }
}

private final class ThreadOutcome: @unchecked Sendable {
    var setupFailure = ""
    var error: NetlinkError?
}

@Suite(.serialized) struct RouteKernelTests {
    @Test func vethAcrossNamespacesWithAddressesAndRoutes() throws {
        let a = try TestNamespace("a")
        defer { a.close() }
        let b = try TestNamespace("b")
        defer { b.close() }
        let routeA = try a.routeNetlink()
        let routeB = try b.routeNetlink()

        var veth = LinkRequest(name: "mcv0")
        veth.kind = .veth(peer: VethPeer(name: "mcv1"))
        try routeA.createLink(veth)
        let near = try routeA.link(named: "mcv0")
        let peerInA = try routeA.link(named: "mcv1")
        #expect(near.kind == "veth" && peerInA.kind == "veth")

        // Move the peer into B, rename it there, give both ends a MAC, bring them up.
        let fdB = try NetworkNamespace.open(b.name)
        defer { close(fdB) }
        try routeA.moveToNamespace(index: peerInA.index, namespaceFD: fdB)
        #expect(kernelErrno { _ = try routeA.link(named: "mcv1") } == ENODEV)
        let far = try routeB.link(named: "mcv1")
        try routeB.rename(index: far.index, to: "mcv1b")
        try routeA.setAddress(index: near.index, [0x02, 0, 0, 0, 0, 0xa1])
        try routeB.setAddress(index: far.index, [0x02, 0, 0, 0, 0, 0xb1])
        try routeA.setUp(index: near.index)
        try routeB.setUp(index: far.index)

        // Links: our dump and `ip -j link` agree on names, indices, MTU, MAC and IFF_UP.
        for (namespace, route) in [(a, routeA), (b, routeB)] {
            let ours = try route.dumpLinks()
            let theirs = try namespace.ipJSON(["link", "show"])
            #expect(ours.count == theirs.count)
            for entry in theirs {
                let index = try #require(entry["ifindex"] as? Int)
                let link = try #require(ours.first { Int($0.index) == index })
                #expect(link.name == entry["ifname"] as? String)
                #expect(Int(link.mtu ?? 0) == entry["mtu"] as? Int)
                #expect(macText(link.address ?? []) == entry["address"] as? String)
                #expect(link.isUp == ((entry["flags"] as? [String])?.contains("UP") ?? false))
            }
        }
        let farLink = try routeB.link(named: "mcv1b")
        #expect(farLink.address == [0x02, 0, 0, 0, 0, 0xb1] && farLink.isUp)
        #expect(try routeA.link(index: near.index).name == "mcv0")

        // Addresses (no DAD, so they are usable at once).
        let addressA = InterfaceAddress.ipv6(ipv6("fd00:1::1"), prefixLength: 64, interfaceIndex: UInt32(near.index))
        let addressB = InterfaceAddress.ipv6(ipv6("fd00:1::2"), prefixLength: 64, interfaceIndex: UInt32(far.index))
        try routeA.addAddress(addressA)
        try routeB.addAddress(addressB)
        let ourAddresses = try routeA.dumpAddresses()
        let mine = try #require(ourAddresses.first { $0.address == ipv6("fd00:1::1") })
        #expect(mine.prefixLength == 64 && mine.isNoDAD && !mine.isTentative && mine.scope == 0)
        var theirAddresses: [String] = []
        for entry in try a.ipJSON(["-6", "addr", "show"]) {
            let index = entry["ifindex"] as? Int ?? -1
            for info in entry["addr_info"] as? [[String: Any]] ?? [] {
                theirAddresses.append("\(index) \(info["local"] as? String ?? "?")/\(info["prefixlen"] as? Int ?? -1)")
                if info["local"] as? String == "fd00:1::1" { #expect(info["nodad"] as? Bool == true) }
            }
        }
        let ourAddressTexts = ourAddresses.map { "\($0.interfaceIndex) \(text($0.address ?? []))/\($0.prefixLength)" }
        #expect(ourAddressTexts.sorted() == theirAddresses.sorted())
        #expect(kernelErrno { try routeA.addAddress(addressA) } == EEXIST)

        // Routes: a unicast route through the neighbour and the ACP-style blackhole.
        let viaB = Route(destination: ipv6("fd00:99::"), destinationLength: 64, gateway: ipv6("fd00:1::2"),
                         outputInterface: UInt32(near.index), priority: 100)
        let blackhole = Route(destination: ipv6("fd00:ac::"), destinationLength: 48, type: .blackhole)
        try routeA.addRoute(viaB)
        try routeA.addRoute(blackhole)
        #expect(kernelErrno { try routeA.addRoute(blackhole) } == EEXIST)
        let ourRoutes = try routeA.dumpRoutes().filter { $0.table == Route.mainTable }
        let theirRoutes = try a.ipJSON(["-6", "route", "show"])
        func key(_ destination: String, _ type: String) -> String { "\(destination) \(type)" }
        let ourKeys = ourRoutes.map { route in
            key(route.destination.map { "\(text($0))/\(route.destinationLength)" } ?? "default",
                route.routeType == .blackhole ? "blackhole" : "unicast")
        }
        let theirKeys = theirRoutes.map { entry in
            let destination = entry["dst"] as? String ?? "?"
            return key(destination.contains("/") || destination == "default" ? destination : "\(destination)/128",
                       entry["type"] as? String ?? "unicast")
        }
        #expect(ourKeys.sorted() == theirKeys.sorted())
        #expect(ourKeys.contains("fd00:ac::/48 blackhole") && ourKeys.contains("fd00:99::/64 unicast"))
        let theirVia = try #require(theirRoutes.first { $0["dst"] as? String == "fd00:99::/64" })
        #expect(theirVia["gateway"] as? String == "fd00:1::2" && theirVia["dev"] as? String == "mcv0")
        #expect(theirVia["metric"] as? Int == 100)
        let ourVia = try #require(ourRoutes.first { $0.destination == ipv6("fd00:99::") })
        #expect(ourVia.gateway == ipv6("fd00:1::2") && ourVia.outputInterface == UInt32(near.index))

        // The kernel's own lookup uses what we configured.
        let lookup = try #require(try a.ipJSON(["-6", "route", "get", "fd00:99::5"]).first)
        #expect(lookup["gateway"] as? String == "fd00:1::2" && lookup["dev"] as? String == "mcv0")

        // Replace: same destination and metric, new gateway.
        var viaOther = viaB
        viaOther.gateway = ipv6("fd00:1::3")
        try routeA.replaceRoute(viaOther)
        let replaced = try a.ipJSON(["-6", "route", "show", "fd00:99::/64"])
        #expect(replaced.count == 1 && replaced.first?["gateway"] as? String == "fd00:1::3")
        try routeA.replaceRoute(viaB)

        // Down again: IFF_UP cleared, as iproute2 sees it.
        try routeB.setUp(index: far.index, false)
        #expect(try b.ipJSON(["link", "show", "mcv1b"]).first?["flags"] as? [String] == ["BROADCAST", "MULTICAST"])

        // Delete everything and check with iproute2.
        try routeA.deleteRoute(viaB)
        try routeA.deleteRoute(blackhole)
        #expect(try a.ipJSON(["-6", "route", "show"]).allSatisfy {
            ($0["dst"] as? String) != "fd00:99::/64" && ($0["dst"] as? String) != "fd00:ac::/48"
        })
        try routeA.deleteAddress(addressA)
        #expect(try !a.ip(["-6", "addr", "show"]).contains("fd00:1::1"))
        try routeA.deleteLink(index: near.index)
        #expect(try a.ipJSON(["link", "show"]).map { $0["ifname"] as? String } == ["lo"])
        #expect(try b.ipJSON(["link", "show"]).map { $0["ifname"] as? String } == ["lo"])   // peer went too

        // A pair whose peer is born directly in B (IFLA_NET_NS_FD inside VETH_INFO_PEER).
        var straight = LinkRequest(name: "mcv2")
        straight.kind = .veth(peer: VethPeer(name: "mcv3", address: [0x02, 0, 0, 0, 0, 0xb3], namespaceFD: fdB))
        try routeA.createLink(straight)
        let born = try #require(try b.ipJSON(["link", "show", "mcv3"]).first)
        #expect(born["address"] as? String == "02:00:00:00:00:b3")
        #expect(kernelErrno { _ = try routeA.link(named: "mcv3") } == ENODEV)
        let mcv2 = try routeA.link(named: "mcv2")
        #expect(mcv2.linkNamespaceID != nil && mcv2.link == Int32(born["ifindex"] as? Int ?? -1))
        try routeA.deleteLink(index: mcv2.index)
        #expect(try b.ipJSON(["link", "show"]).map { $0["ifname"] as? String } == ["lo"])
    }

    @Test func typedKernelErrors() throws {
        let n = try TestNamespace("err")
        defer { n.close() }
        let route = try n.routeNetlink()
        var pair = LinkRequest(name: "mcd0")
        pair.kind = .veth(peer: VethPeer(name: "mcd0p"))
        try route.createLink(pair)
        #expect(kernelErrno { try route.createLink(pair) } == EEXIST)
        #expect(kernelErrno { try route.setUp(index: 99_999) } == ENODEV)
        #expect(kernelErrno { _ = try route.link(named: "mc-none") } == ENODEV)
        #expect(kernelErrno {
            try route.addAddress(.ipv6(ipv6("fd00:5::1"), prefixLength: 64, interfaceIndex: 99_999))
        } == ENODEV)
        do {
            try route.createLink(pair)
            Issue.record("second create succeeded")
        } catch {
            #expect(error == .kernel(errno: EEXIST, request: "RTM_NEWLINK create mcd0"))
        }
    }

    // This development kernel has no dummy driver ("Unknown device type"), so veth pairs stand in.

    /// EPERM honestly: a thread that drops CAP_NET_ADMIN from its effective set (capabilities are
    /// per thread in Linux) and then asks rtnetlink for a change.
    @Test func permissionDeniedWithoutNetAdmin() throws {
        let n = try TestNamespace("perm")
        defer { n.close() }
        typealias CapFunction = @convention(c) (UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Int32
        let capget = unsafeBitCast(try #require(dlsym(nil, "capget")), to: CapFunction.self)
        let capset = unsafeBitCast(try #require(dlsym(nil, "capset")), to: CapFunction.self)
        let outcome = ThreadOutcome()
        let path = NetworkNamespace.path(n.name)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { finished.signal() }
            let target = open(path, O_RDONLY | O_CLOEXEC)
            guard target >= 0, setns(target, CLONE_NEWNET) == 0 else { outcome.setupFailure = "setns"; return }
            close(target)
            // _LINUX_CAPABILITY_VERSION_3, pid 0 (this thread); two data words for 64 capabilities.
            var header: [UInt32] = [0x2008_0522, 0]
            var data = [UInt32](repeating: 0, count: 6)   // {effective, permitted, inheritable} × 2
            guard capget(&header, &data) == 0 else { outcome.setupFailure = "capget"; return }
            data[0] &= ~(UInt32(1) << 12)                   // CAP_NET_ADMIN = 12, effective set
            guard capset(&header, &data) == 0 else { outcome.setupFailure = "capset"; return }
            do throws(NetlinkError) {
                let route = try RouteNetlink()
                var pair = LinkRequest(name: "mcp0")
                pair.kind = .veth(peer: VethPeer(name: "mcp0p"))
                try route.createLink(pair)
            } catch {
                outcome.error = error
            }
        }
        thread.start()
        finished.wait()
        #expect(outcome.setupFailure == "")
        guard let error = outcome.error else {
            Issue.record("create without CAP_NET_ADMIN did not fail")
            return
        }
        #expect(error.errno == EPERM)
        #expect(try n.ipJSON(["link", "show"]).map { $0["ifname"] as? String } == ["lo"])
    }

    @Test func macvlanAndXfrmInterface() throws {
        let n = try TestNamespace("kinds")
        defer { n.close() }
        let route = try n.routeNetlink()
        var lower = LinkRequest(name: "mcl0")
        lower.kind = .veth(peer: VethPeer(name: "mcl0p"))
        try route.createLink(lower)
        let lowerIndex = try route.link(named: "mcl0").index
        var macvlan = LinkRequest(name: "mcm0")
        macvlan.lowerLink = lowerIndex
        macvlan.kind = .macvlan(mode: .bridge)
        try route.createLink(macvlan)
        let ours = try route.link(named: "mcm0")
        #expect(ours.kind == "macvlan" && ours.link == lowerIndex)
        #expect(try ours.kindData?.u32(UInt16(IFLA_MACVLAN_MODE)) == MacvlanMode.bridge.rawValue)
        let theirs = try #require(try n.ipJSON(["-d", "link", "show", "mcm0"]).first)
        let info = theirs["linkinfo"] as? [String: Any]
        #expect(info?["info_kind"] as? String == "macvlan")
        #expect((info?["info_data"] as? [String: Any])?["mode"] as? String == "bridge")
        #expect(theirs["link"] as? String == "mcl0")

        // xfrm interfaces: this development kernel has no xfrmi ("Unknown device type"), a target
        // kernel has. Either way the answer must be the kernel's, typed.
        var xfrm = LinkRequest(name: "mcx0")
        xfrm.kind = .xfrm(interfaceID: 7, underlying: lowerIndex)
        do {
            try route.createLink(xfrm)
            let made = try route.link(named: "mcx0")
            #expect(made.kind == "xfrm" && made.xfrmInterfaceID == 7)
        } catch {
            #expect(error.errno == EOPNOTSUPP)
            #expect(error.description.contains("Unknown device type"))
            #expect(throws: ToolFailure.self) { try n.ip(["link", "add", "mcx1", "type", "xfrm", "if_id", "7"]) }
        }
        try route.deleteLink(index: ours.index)
        try route.deleteLink(index: lowerIndex)
    }

    @Test func sysctlsInsideNamespace() throws {
        let n = try TestNamespace("sysctl")
        defer { n.close() }
        let route = try n.routeNetlink()
        var pair = LinkRequest(name: "mcs0")
        pair.kind = .veth(peer: VethPeer(name: "mcs0p"))
        try route.createLink(pair)
        let settings: [(InterfaceSysctl, Int)] = [
            (.acceptDAD, 0), (.forwarding, 1), (.addressGenerationMode, 1), (.disablePolicy, 1),
            (.ipv4DisableXFRM, 1), (.ipv4DisablePolicy, 1), (.disableIPv6, 1),
        ]
        for (key, value) in settings {
            try n.run { try Sysctl.set(key, interface: "mcs0", to: value) }
            #expect(try n.run { try Sysctl.get(key, interface: "mcs0") } == value)
            let seen = try runTool("/usr/sbin/ip", ["netns", "exec", n.name, "cat", key.path(interface: "mcs0")])
            #expect(seen.trimmingCharacters(in: .whitespacesAndNewlines) == "\(value)")
        }
        // The host's copy is untouched (there is no mcs0 outside the namespace).
        #expect(throws: SystemError.self) { try Sysctl.get(.acceptDAD, interface: "mcs0") }
    }

    /// What `minerva-connect selftest` shows: a fresh namespace has exactly `lo`, index 1.
    @Test func selftestDumpOfFreshNamespace() throws {
        let n = try TestNamespace("self")
        defer { n.close() }
        let links = try n.routeNetlink().dumpLinks()
        #expect(links.map(\.name) == ["lo"] && links.map(\.index) == [1])
        #expect(try n.ipJSON(["link", "show"]).map { $0["ifname"] as? String } == ["lo"])
    }
}
