import Platform
import Testing
@testable import RPL

/// Hostile or broken input: dropped, counted, logged (rate-limited) with the interface name;
/// never a trap, never a route outside the ACP prefix.
@Suite struct BadInputTests {
    typealias E = EngineTests

    static func freshNode() -> RPLNode {
        let node = RPLNode(configuration: RPLConfiguration(nodeAddress: E.ownAddress, announcedPrefix: E.ownPrefix,
                                                           acpPrefix: E.acp, role: .defaultNode), randomSeed: 1)
        _ = node.start(now: E.t0)
        _ = node.linkUp("acp_up", linkLocal: IPv6Address("fe80::2")!, speedMbps: 1000, now: E.t0)
        _ = node.linkUp("acp_down", linkLocal: IPv6Address("fe80::3")!, speedMbps: 1000, now: E.t0)
        return node
    }

    static func routes(_ actions: [RPLAction]) -> [RPLRoute] {
        actions.compactMap { if case .addRoute(let route) = $0 { return route } else { return nil } }
    }

    static func logs(_ actions: [RPLAction]) -> [String] {
        actions.compactMap { if case .log(_, let subject, let message) = $0 { return "\(subject): \(message)" } else { return nil } }
    }

    @Test func malformedBytesAreCountedAndLogRateLimited() {
        let node = Self.freshNode()
        var lines: [String] = []
        for index in 0..<20 {
            lines += Self.logs(node.receive([155, 1, 0, 0, 0], from: E.parent, now: E.t0 + .milliseconds(index)))
        }
        #expect(node.counters.malformed == 20)
        #expect(lines.count == 5)
        #expect(lines.first?.hasPrefix("acp_up: dropped: malformed message from fe80::99") == true)
        // Ten seconds later one more line gets through, with the count of what was held back.
        let later = Self.logs(node.receive([155, 1], from: E.parent, now: E.t0 + .seconds(11)))
        #expect(later.count == 1 && later.first?.contains("15 similar lines suppressed") == true)
    }

    @Test func unusableDIOsDoNotMakeAParent() {
        let node = Self.freshNode()
        var actions: [RPLAction] = []
        actions += node.receive(E.rootDIO(instance: 1), from: E.parent, now: E.t0)
        actions += node.receive(E.rootDIO(mop: 1), from: E.parent, now: E.t0)
        actions += node.receive(E.rootDIO(rank: 100), from: E.parent, now: E.t0)
        actions += node.receive(E.rootDIO(minHop: 0), from: E.parent, now: E.t0)
        // Rank overflow: 0xFF00 + 768 passes INFINITE_RANK.
        actions += node.receive(E.rootDIO(rank: 0xFF00), from: E.parent, now: E.t0)
        // Our own DIO looped back (source is our link-local on acp_down).
        actions += node.receive(E.rootDIO(), from: RPLNeighbour(interface: "acp_down", address: IPv6Address("fe80::3")!), now: E.t0)
        actions += node.receive(.unknown(code: 0x81, body: [0]), from: E.parent, now: E.t0)
        #expect(node.counters.unknownInstance == 1)
        #expect(node.counters.unsupportedMode == 1)
        #expect(node.counters.invalidRank == 2)
        #expect(node.counters.fromSelf == 1)
        #expect(node.counters.unsupportedCode == 1)
        #expect(Self.routes(actions).isEmpty)
        #expect(node.status(now: E.t0).isRoot)
        #expect(Self.logs(actions).allSatisfy { $0.hasPrefix("acp_up: ") || $0.hasPrefix("acp_down: ") })
    }

    @Test func daoTargetsOutsideTheACPAreRejected() {
        let (node, _) = E.joinedNode()
        let outside = RPLPrefix(IPv6Address("2001:db8::")!, length: 64)!
        let actions = node.receive(E.childDAO(outside), from: E.child, now: E.t0)
        #expect(Self.routes(actions).isEmpty)
        #expect(node.counters.targetOutsideACP == 1)
        #expect(actions.contains(.send(.daoACK(DAOACK(instanceID: 0, sequence: 7, status: DAOACK.rejected, dodagID: E.rootAddress)),
                                       to: E.child.address, interface: "acp_down")))
        // The whole ACP /48 (would shadow our upward route) and a default route are outside too.
        _ = node.receive(E.childDAO(RPLPrefix(.unspecified, length: 0)!), from: E.child, now: E.t0)
        #expect(node.counters.targetOutsideACP == 2)
        // Our own prefix is ours.
        _ = node.receive(E.childDAO(E.ownPrefix), from: E.child, now: E.t0)
        #expect(node.counters.targetIsOurs == 1)
        #expect(node.status(now: E.t0).routes.isEmpty)
    }

    @Test func daosFromParentsOtherDODAGsOrInstancesAreDropped() {
        let (node, _) = E.joinedNode()
        var actions = node.receive(E.childDAO(), from: E.parent, now: E.t0)
        actions += node.receive(E.childDAO(dodagID: IPv6Address("fd89:b714:f3db::9:0")!), from: E.child, now: E.t0)
        actions += node.receive(.dao(DAO(instanceID: 5, expectsACK: true, sequence: 1, dodagID: nil, options: [])), from: E.child, now: E.t0)
        #expect(node.counters.daoFromParent == 1)
        #expect(node.counters.daoForOtherDODAG == 1)
        #expect(node.counters.unknownInstance == 1)
        #expect(Self.routes(actions).isEmpty)
        #expect(!actions.contains { if case .send(.daoACK, _, _) = $0 { return true } else { return false } })
    }

    @Test func noPathsCountEvenFromAnotherDODAG() {
        let (node, _) = E.joinedNode()
        _ = node.receive(E.childDAO(), from: E.child, now: E.t0)
        // The child has moved to another DODAG and says it no longer reaches its target.
        let actions = node.receive(E.childDAO(lifetime: 0, dodagID: IPv6Address("fd89:b714:f3db::9:0")!), from: E.child, now: E.t0)
        #expect(actions.contains(.removeRoute(RPLRoute(prefix: E.childPrefix, nextHop: E.child))))
        #expect(node.counters.daoForOtherDODAG == 0)
    }

    @Test func rejectingDAOACKIsCounted() {
        let (node, actions) = E.joinedNode()
        guard let dao = E.daos(actions, to: E.parent).first else { Issue.record("no DAO"); return }
        _ = node.receive(.daoACK(DAOACK(instanceID: 0, sequence: dao.sequence, status: 200, dodagID: nil)), from: E.parent, now: E.t0)
        #expect(node.counters.daoRejected == 1)
        #expect(E.daos(node.timerFired(now: E.t0 + .seconds(1)), to: E.parent).isEmpty)
    }

    @Test func solicitationsForOtherInstancesGetNoAnswer() {
        let node = Self.freshNode()
        let other = SolicitedInformation(instanceID: 3, matchVersion: false, matchInstanceID: true, matchDODAGID: false,
                                         dodagID: .unspecified, version: 0)
        #expect(E.sends(node.receive(.dis(DIS(options: [.solicitedInformation(other)])), from: E.parent, now: E.t0)).isEmpty)
        let answer = E.sends(node.receive(.dis(DIS()), from: E.parent, now: E.t0))
        #expect(answer.count == 1 && answer.first?.1 == E.parent.address)
    }

    @Test func tablesAreBounded() {
        var configuration = RPLConfiguration(nodeAddress: E.ownAddress, announcedPrefix: E.ownPrefix, acpPrefix: E.acp, role: .defaultNode)
        configuration.maxNeighbours = 2
        configuration.maxRoutes = 3
        let node = RPLNode(configuration: configuration, randomSeed: 1)
        _ = node.start(now: E.t0)
        _ = node.linkUp("acp_up", linkLocal: IPv6Address("fe80::2")!, speedMbps: 1000, now: E.t0)
        _ = node.linkUp("acp_down", linkLocal: IPv6Address("fe80::3")!, speedMbps: 1000, now: E.t0)
        for index in 0..<5 {
            let spoofed = RPLNeighbour(interface: "acp_down", address: IPv6Address(high: 0xFE80_0000_0000_0000, low: UInt64(0x100 + index)))
            _ = node.receive(E.rootDIO(rank: 5000), from: spoofed, now: E.t0)
        }
        #expect(node.counters.tooManyNeighbours == 3)
        _ = node.receive(E.rootDIO(), from: E.parent, now: E.t0)  // a real parent too, while the table is full
        #expect(node.counters.tooManyNeighbours == 4)
        var installed = 0
        for index in 0..<6 {
            let target = RPLPrefix(IPv6Address(high: 0xFD89_B714_F3DB_0000, low: UInt64(0x10_0000 + index * 256)), length: 120)!
            installed += Self.routes(node.receive(E.childDAO(target), from: E.child, now: E.t0)).count
        }
        #expect(installed == 3)
        #expect(node.counters.routeTableFull == 3)
    }

    @Test func randomBytesNeverTrap() {
        // A deterministic sweep of short inputs through the whole engine.
        let (node, _) = E.joinedNode()
        var state: UInt64 = 0x1234_5678
        for index in 0..<5_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 59) + 4
            var bytes = [UInt8](repeating: 0, count: length)
            for position in 0..<length { bytes[position] = UInt8(truncatingIfNeeded: state >> UInt64((position % 8) * 8) &+ UInt64(position)) }
            bytes[0] = 155
            bytes[1] = UInt8(index % 4)
            let from = index % 2 == 0 ? E.parent : E.child
            for action in node.receive(bytes, from: from, now: E.t0 + .milliseconds(index)) {
                if case .addRoute(let route) = action { #expect(E.acp.contains(route.prefix)) }
            }
        }
    }
}

@Suite struct SequenceCounterTests {
    // RFC 6550 §7.2: lollipop comparison around the 127/128 and 255/0 boundaries.
    @Test func lollipop() {
        #expect(SequenceCounter.isNewer(241, than: 240))
        #expect(!SequenceCounter.isNewer(240, than: 241))
        #expect(SequenceCounter.isNewer(0, than: 240))     // 256 + 0 - 240 = 16 ≤ window
        #expect(!SequenceCounter.isNewer(0, than: 200))    // far behind the straight part: the straight one wins
        #expect(SequenceCounter.isNewer(200, than: 0))
        #expect(SequenceCounter.isNewer(0, than: 127))     // circular wrap
        #expect(!SequenceCounter.isNewer(127, than: 0))
        #expect(SequenceCounter.isNewer(5, than: 120))
        // Never both newer than each other, even when "not comparable" (further apart than the window).
        var antisymmetric = true
        for a in 0...255 { for b in 0...255 where SequenceCounter.isNewer(UInt8(a), than: UInt8(b)) && SequenceCounter.isNewer(UInt8(b), than: UInt8(a)) { antisymmetric = false } }
        #expect(antisymmetric)
        #expect(SequenceCounter.increment(127) == 0 && SequenceCounter.increment(255) == 0 && SequenceCounter.increment(7) == 8)
    }

    @Test func objectiveFunctionZero() {
        // RFC 6552 §4.1 with the ACP factors: Rf 5 at ≤ 100 Mbit/s, 1 above; Sp 3; Sr 0.
        #expect(ObjectiveFunctionZero.rankIncrease(linkSpeedMbps: 100, minHopRankIncrease: 256) == 3840)
        #expect(ObjectiveFunctionZero.rankIncrease(linkSpeedMbps: 1000, minHopRankIncrease: 256) == 768)
        #expect(ObjectiveFunctionZero.rank(throughParentRank: 0xFD00, increase: 768) == nil)
        #expect(ObjectiveFunctionZero.rank(throughParentRank: 256, increase: 768) == 1024)
        #expect(ObjectiveFunctionZero.dagRank(1024, minHopRankIncrease: 256) == 4)
        #expect(ObjectiveFunctionZero.dagRank(1024, minHopRankIncrease: 0) == 1024)
    }
}
