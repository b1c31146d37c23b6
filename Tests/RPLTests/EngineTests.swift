import Platform
import Testing
@testable import RPL

/// One engine driven by hand with a fake clock and messages built field by field.
@Suite struct EngineTests {
    static let acp = RPLPrefix(IPv6Address("fd89:b714:f3db::")!, length: 48)!
    static let rootAddress = IPv6Address("fd89:b714:f3db::1:0")!
    static let ownAddress = IPv6Address("fd89:b714:f3db::2:0")!
    static let ownPrefix = RPLPrefix(ownAddress, length: 120)!
    static let childPrefix = RPLPrefix(IPv6Address("fd89:b714:f3db::3:0")!, length: 120)!
    static let parent = RPLNeighbour(interface: "acp_up", address: IPv6Address("fe80::99")!)
    static let child = RPLNeighbour(interface: "acp_down", address: IPv6Address("fe80::33")!)
    static let child2 = RPLNeighbour(interface: "acp_down2", address: IPv6Address("fe80::34")!)
    static let t0 = Instant(nanoseconds: 5_000_000_000)

    static func rootDIO(rank: UInt16 = 256, instance: UInt8 = 0, mop: UInt8 = 2, minHop: UInt16 = 256, dtsn: UInt8 = 240) -> RPLMessage {
        .dio(DIO(instanceID: instance, version: 240, rank: rank, grounded: true, modeOfOperation: mop, preference: 4,
                 dtsn: dtsn, dodagID: rootAddress, options: [.dodagConfiguration(DODAGConfiguration(
                    maxRankIncrease: 0, minHopRankIncrease: minHop, defaultLifetime: 30, lifetimeUnit: 60))]))
    }

    static func childDAO(_ target: RPLPrefix = childPrefix, sequence: UInt8 = 7, pathSequence: UInt8 = 5,
                         lifetime: UInt8 = 30, dodagID: IPv6Address? = rootAddress) -> RPLMessage {
        .dao(DAO(instanceID: 0, expectsACK: true, sequence: sequence, dodagID: dodagID, options: [
            .rplTarget(RPLTarget(prefix: target)),
            .transitInformation(TransitInformation(pathSequence: pathSequence, pathLifetime: lifetime)),
        ]))
    }

    /// A default node with an uplink and two downlinks, joined below the root.
    static func joinedNode() -> (RPLNode, [RPLAction]) {
        let node = RPLNode(configuration: RPLConfiguration(nodeAddress: ownAddress, announcedPrefix: ownPrefix,
                                                           acpPrefix: acp, role: .defaultNode), randomSeed: 1)
        _ = node.start(now: t0)
        _ = node.linkUp("acp_up", linkLocal: IPv6Address("fe80::2")!, speedMbps: 1000, now: t0)
        _ = node.linkUp("acp_down", linkLocal: IPv6Address("fe80::3")!, speedMbps: 1000, now: t0)
        _ = node.linkUp("acp_down2", linkLocal: IPv6Address("fe80::4")!, speedMbps: 1000, now: t0)
        return (node, node.receive(rootDIO(), from: parent, now: t0))
    }

    static func sends(_ actions: [RPLAction]) -> [(RPLMessage, IPv6Address, String)] {
        actions.compactMap { if case .send(let message, let to, let interface) = $0 { return (message, to, interface) } else { return nil } }
    }

    static func daos(_ actions: [RPLAction], to neighbour: RPLNeighbour) -> [DAO] {
        sends(actions).compactMap { message, to, interface in
            guard to == neighbour.address, interface == neighbour.interface, case .dao(let dao) = message else { return nil }
            return dao
        }
    }

    @Test func joiningSendsRouteDIOAndKFlaggedDAO() {
        let (node, actions) = Self.joinedNode()
        #expect(actions.contains(.addRoute(RPLRoute(prefix: Self.acp, nextHop: Self.parent))))
        let dao = Self.daos(actions, to: Self.parent)
        #expect(dao.count == 1)
        #expect(dao.first?.expectsACK == true && dao.first?.dodagID == Self.rootAddress)
        #expect(dao.first?.targetsWithTransit.map { $0.target } == [Self.ownPrefix])
        #expect(dao.first?.targetsWithTransit.first?.transit.pathLifetime == 30)
        // The new rank goes out on every interface: 256 + 3 × 256.
        let dios = Self.sends(actions).filter { if case .dio(let dio) = $0.0 { return dio.rank == 1024 && $0.1 == allRPLNodes } else { return false } }
        #expect(dios.count == 3)
        #expect(node.status(now: Self.t0).rank == 1024)
    }

    @Test func daoACKLossIsRetriedThreeTimes() {
        let (node, actions) = Self.joinedNode()
        guard let first = Self.daos(actions, to: Self.parent).first else { Issue.record("no DAO"); return }
        #expect(actions.contains(.armTimer(at: Self.t0 + .milliseconds(256))))
        for retry in 1...3 {
            let now = Self.t0 + .milliseconds(256 * retry)
            let again = node.timerFired(now: now)
            // The same DAO, same DAOSequence, every 256 ms (RFC 8994 §6.11.1.4).
            #expect(Self.daos(again, to: Self.parent) == [first], "retry \(retry)")
        }
        let last = node.timerFired(now: Self.t0 + .milliseconds(1024))
        #expect(Self.daos(last, to: Self.parent).isEmpty)
        #expect(node.counters.daoRetransmissions == 3)
        #expect(node.counters.daoACKTimeouts == 1)
        #expect(last.contains { if case .log(_, let subject, _) = $0 { return subject == "acp_up" } else { return false } })
    }

    @Test func daoACKStopsTheRetries() {
        let (node, actions) = Self.joinedNode()
        guard let first = Self.daos(actions, to: Self.parent).first else { Issue.record("no DAO"); return }
        _ = node.timerFired(now: Self.t0 + .milliseconds(256))  // first ACK lost: one retry
        _ = node.receive(.daoACK(DAOACK(instanceID: 0, sequence: first.sequence, status: 0, dodagID: Self.rootAddress)),
                         from: Self.parent, now: Self.t0 + .milliseconds(300))
        for step in 2...5 {
            #expect(Self.daos(node.timerFired(now: Self.t0 + .milliseconds(256 * step)), to: Self.parent).isEmpty)
        }
        #expect(node.counters.daoRetransmissions == 1)
        #expect(node.counters.daoACKTimeouts == 0)
    }

    @Test func childDAOInstallsRouteAcksAndPropagates() {
        let (node, _) = Self.joinedNode()
        let actions = node.receive(Self.childDAO(), from: Self.child, now: Self.t0 + .milliseconds(10))
        #expect(actions.contains(.addRoute(RPLRoute(prefix: Self.childPrefix, nextHop: Self.child))))
        #expect(actions.contains(.send(.daoACK(DAOACK(instanceID: 0, sequence: 7, status: 0, dodagID: Self.rootAddress)),
                                       to: Self.child.address, interface: "acp_down")))
        let up = Self.daos(actions, to: Self.parent)
        #expect(up.count == 1)
        #expect(up.first?.options == [.rplTarget(RPLTarget(prefix: Self.childPrefix)),
                                      .transitInformation(TransitInformation(pathSequence: 5, pathLifetime: 30))])
        let status = node.status(now: Self.t0 + .seconds(10))
        #expect(status.routes == [RPLStatus.Route(prefix: Self.childPrefix, nextHop: Self.child, pathSequence: 5,
                                                  remaining: .seconds(1800) - .milliseconds(9_990))])
        #expect(status.lines.contains("route fd89:b714:f3db::3:0/120 via fe80::33%acp_down sequence 5 lifetime 1790s"))
        #expect(status.lines.first == "instance 0 dodag fd89:b714:f3db::1:0 version 240 rank 1024 grounded preference 4")
        #expect(status.lines.contains("preferred parent fe80::99%acp_up"))
    }

    @Test func linkLossSendsExactNoPathDAO() {
        let (node, _) = Self.joinedNode()
        _ = node.receive(Self.childDAO(), from: Self.child, now: Self.t0)
        let actions = node.linkDown("acp_down", now: Self.t0 + .milliseconds(20))
        #expect(actions.contains(.removeRoute(RPLRoute(prefix: Self.childPrefix, nextHop: Self.child))))
        let up = Self.daos(actions, to: Self.parent)
        #expect(up.count == 1)
        // A No-Path DAO (RFC 6550 §6.4.3): the target, then Transit Information with lifetime 0.
        #expect(up.first?.expectsACK == true)
        #expect(up.first?.options == [.rplTarget(RPLTarget(prefix: Self.childPrefix)),
                                      .transitInformation(TransitInformation(pathSequence: 5, pathLifetime: 0))])
        guard let noPath = up.first else { return }
        var expected: [UInt8] = [155, 0x02, 0, 0, 0x00, 0xC0, 0x00, noPath.sequence]
        expected += Self.rootAddress.bytes
        expected += [0x05, 17, 0x00, 120] + Array(Self.childPrefix.address.bytes[0..<15])
        expected += [0x06, 4, 0x00, 0x00, 5, 0]
        #expect(RPLMessage.dao(noPath).emit() == expected)
    }

    @Test func noNoPathWhileAnotherWayRemains() {
        let (node, _) = Self.joinedNode()
        _ = node.receive(Self.childDAO(), from: Self.child, now: Self.t0)
        let second = node.receive(Self.childDAO(sequence: 9), from: Self.child2, now: Self.t0)
        #expect(Self.daos(second, to: Self.parent).isEmpty)  // same path sequence: nothing new upward
        let actions = node.linkDown("acp_down", now: Self.t0 + .milliseconds(20))
        #expect(actions.contains(.addRoute(RPLRoute(prefix: Self.childPrefix, nextHop: Self.child2))))
        #expect(Self.daos(actions, to: Self.parent).isEmpty)
    }

    @Test func noPathFromTheChildRemovesTheRoute() {
        let (node, _) = Self.joinedNode()
        _ = node.receive(Self.childDAO(), from: Self.child, now: Self.t0)
        let actions = node.receive(Self.childDAO(sequence: 8, lifetime: 0), from: Self.child, now: Self.t0)
        #expect(actions.contains(.removeRoute(RPLRoute(prefix: Self.childPrefix, nextHop: Self.child))))
        #expect(Self.daos(actions, to: Self.parent).first?.targetsWithTransit.first?.transit.pathLifetime == 0)
    }

    @Test func routesExpireWithoutRefresh() {
        let (node, _) = Self.joinedNode()
        _ = node.receive(Self.childDAO(lifetime: 1), from: Self.child, now: Self.t0)  // 1 × 60 s
        #expect(node.timerFired(now: Self.t0 + .seconds(59)).contains(.removeRoute(RPLRoute(prefix: Self.childPrefix, nextHop: Self.child))) == false)
        #expect(node.timerFired(now: Self.t0 + .seconds(60)).contains(.removeRoute(RPLRoute(prefix: Self.childPrefix, nextHop: Self.child))))
    }

    @Test func parentRankGoingBackwardsDetaches() {
        let (node, _) = Self.joinedNode()
        let actions = node.receive(Self.rootDIO(rank: 3000), from: Self.parent, now: Self.t0 + .seconds(1))
        #expect(node.counters.parentRankNotLower == 1)
        #expect(actions.contains(.removeRoute(RPLRoute(prefix: Self.acp, nextHop: Self.parent))))
        let status = node.status(now: Self.t0)
        #expect(status.isRoot && status.dodagID == Self.ownAddress && status.grounded == false)
    }

    @Test func rebootedRootContinuesAboveTheLiveVersion() {
        let root = RPLNode(configuration: RPLConfiguration(nodeAddress: Self.rootAddress, announcedPrefix: RPLPrefix(Self.rootAddress, length: 120)!,
                                                           acpPrefix: Self.acp, role: .configuredRoot), randomSeed: 3)
        _ = root.start(now: Self.t0)
        _ = root.linkUp("acp_down", linkLocal: IPv6Address("fe80::1")!, speedMbps: 1000, now: Self.t0)
        #expect(root.status(now: Self.t0).version == 240)
        // A child still advertises the DODAG at version 250, the root's counter before the reboot.
        // (A counter already in the circular part, like 3, is older than a fresh 240 by the
        // lollipop rule, RFC 6550 §7.2, so that case needs nothing.)
        let stale = RPLMessage.dio(DIO(instanceID: 0, version: 250, rank: 1024, grounded: true, modeOfOperation: 2, preference: 4,
                                       dtsn: 0, dodagID: Self.rootAddress, options: []))
        let actions = root.receive(stale, from: Self.child, now: Self.t0)
        #expect(root.status(now: Self.t0).version == 251)
        #expect(root.status(now: Self.t0).isRoot)
        #expect(Self.sends(actions).contains { if case .dio(let dio) = $0.0 { return dio.version == 251 && dio.rank == 256 } else { return false } })
    }

    @Test func dtsnIncrementAsksForFreshDAOs() {
        let (node, _) = Self.joinedNode()
        _ = node.receive(Self.childDAO(), from: Self.child, now: Self.t0)
        let actions = node.receive(Self.rootDIO(dtsn: 241), from: Self.parent, now: Self.t0 + .seconds(1))
        let dao = Self.daos(actions, to: Self.parent)
        #expect(dao.count == 1)
        #expect(dao.first?.targetsWithTransit.map { $0.target } == [Self.ownPrefix, Self.childPrefix])
        // Our own DTSN moved too, so our children refresh theirs.
        #expect(Self.sends(actions).contains { if case .dio(let dio) = $0.0 { return dio.dtsn == 241 } else { return false } } == false)
        #expect(Self.sends(node.receive(.dis(DIS()), from: Self.child, now: Self.t0 + .seconds(2))).contains {
            if case .dio(let dio) = $0.0 { return dio.dtsn == 241 } else { return false }
        })
    }
}
