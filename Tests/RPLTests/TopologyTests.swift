import Platform
import Testing
@testable import RPL

/// Whole-network behaviour in simulated topologies. Expected ranks come from RFC 6552 with the
/// ACP profile: ROOT_RANK = MinHopRankIncrease = 256, and each ≥1 Gbit/s hop adds
/// (Rf 1 × Sp 3 + Sr 0) × 256 = 768; a ≤100 Mbit/s hop (Rf 5) adds 3840.
@Suite struct TopologyTests {
    static func rank(hops: Int, perHop: Int = 768) -> UInt16 { UInt16(256 + perHop * hops) }

    @Test func lineOfFive() {
        let net = SimulatedNetwork(count: 5, roles: [0: .configuredRoot])
        for index in 0..<4 { net.connect(index, index + 1) }
        net.run(for: .seconds(2))
        for index in 0..<5 {
            let status = net.status(index)
            #expect(status.dodagID == net.nodes[0].address)
            #expect(status.rank == Self.rank(hops: index), "node \(index)")
            #expect(status.isRoot == (index == 0))
        }
        #expect(net.fullyConnected())
        // Storing mode: the root holds a route to every other prefix, each via node 1.
        #expect(net.nodes[0].routes.count == 4)
        for index in 1..<5 {
            #expect(net.nodes[0].routes[net.nodes[index].prefix]?.nextHop.interface == SimulatedNetwork.interface(0, 1))
        }
        // The upward route covers the ACP prefix; every node black-holes its own prefix.
        #expect(net.nodes[4].routes[SimulatedNetwork.acpPrefix]?.nextHop.interface == SimulatedNetwork.interface(4, 3))
        #expect(net.nodes.allSatisfy { $0.blackholes == [$0.prefix] })
        #expect(net.path(from: 4, to: 0) == [4, 3, 2, 1, 0])
        #expect(net.path(from: 3, to: 1) == [3, 2, 1])
    }

    @Test func slowLinksUseTheLowSpeedFactor() {
        let net = SimulatedNetwork(count: 3, roles: [0: .configuredRoot])
        net.connect(0, 1, speedMbps: 100)
        net.connect(1, 2, speedMbps: 10_000)
        net.run(for: .seconds(1))
        #expect(net.status(1).rank == 256 + 3840)
        #expect(net.status(2).rank == 256 + 3840 + 768)
    }

    @Test func ringOfSixReroutesAfterACut() {
        let net = SimulatedNetwork(count: 6, roles: [0: .configuredRoot])
        for index in 0..<6 { net.connect(index, (index + 1) % 6) }
        net.run(for: .seconds(2))
        let hops = [0, 1, 2, 3, 2, 1]
        for index in 0..<6 { #expect(net.status(index).rank == Self.rank(hops: hops[index]), "node \(index)") }
        // Node 3 is two hops from the root both ways: two parents.
        #expect(net.status(3).parents.count == 2)
        #expect(net.fullyConnected())

        net.cut(0, 1)
        net.run(for: .seconds(3))
        let after = [0, 5, 4, 3, 2, 1]
        for index in 0..<6 {
            #expect(net.status(index).dodagID == net.nodes[0].address)
            #expect(net.status(index).rank == Self.rank(hops: after[index]), "node \(index) after the cut")
        }
        #expect(net.fullyConnected())
        #expect(net.path(from: 1, to: 0) == [1, 2, 3, 4, 5, 0])
        #expect(net.path(from: 0, to: 2) == [0, 5, 4, 3, 2])
    }

    @Test func gridThreeByThree() {
        // Node r*3+c; the root in a corner.
        let net = SimulatedNetwork(count: 9, roles: [0: .configuredRoot])
        for r in 0..<3 {
            for c in 0..<3 {
                if c < 2 { net.connect(r * 3 + c, r * 3 + c + 1) }
                if r < 2 { net.connect(r * 3 + c, (r + 1) * 3 + c) }
            }
        }
        net.run(for: .seconds(2))
        for r in 0..<3 {
            for c in 0..<3 {
                let status = net.status(r * 3 + c)
                #expect(status.rank == Self.rank(hops: r + c))
                // Parents: every neighbour one hop closer to the root.
                #expect(status.parents.count == (r > 0 ? 1 : 0) + (c > 0 ? 1 : 0), "node \(r * 3 + c)")
            }
        }
        #expect(net.fullyConnected())
        // The far corner has both its neighbours as parents and sent its DAOs to both.
        let corner = net.status(8)
        #expect(Set(corner.parents.map { $0.neighbour.interface }) == [SimulatedNetwork.interface(8, 5), SimulatedNetwork.interface(8, 7)])
        #expect(net.nodes[5].routes[net.nodes[8].prefix] != nil)
        #expect(net.nodes[7].routes[net.nodes[8].prefix] != nil)

        // Losing one of two parents changes nothing visible: no detach, same rank, still connected.
        net.cut(8, 5)
        net.run(for: .seconds(2))
        #expect(net.status(8).rank == Self.rank(hops: 4))
        #expect(net.status(8).parents.count == 1)
        #expect(net.fullyConnected())
        // Cutting the root's links to node 1 sends node 1 round through node 4.
        net.cut(0, 1)
        net.run(for: .seconds(3))
        #expect(net.status(1).rank == Self.rank(hops: 3))
        #expect(net.fullyConnected())
    }

    @Test func betterPreferenceWinsTheRootElection() {
        // A registrar (0b011) at one end, a configured root (0b100) at the other.
        let net = SimulatedNetwork(count: 5, roles: [0: .registrar, 4: .configuredRoot])
        for index in 0..<4 { net.connect(index, index + 1) }
        net.run(for: .seconds(2))
        for index in 0..<5 {
            let status = net.status(index)
            #expect(status.dodagID == net.nodes[4].address, "node \(index)")
            #expect(status.preference == ACPRole.configuredRoot.rawValue)
            #expect(status.rank == Self.rank(hops: 4 - index))
        }
        #expect(net.status(4).isRoot && !net.status(0).isRoot)
        #expect(net.fullyConnected())
    }

    @Test func defaultNodesElectTheLowestAddress() {
        let net = SimulatedNetwork(count: 4)
        for index in 0..<3 { net.connect(index + 1, index) }
        net.run(for: .seconds(2))
        for index in 0..<4 { #expect(net.status(index).dodagID == net.nodes[0].address) }
        #expect(net.status(0).grounded == false)
        #expect(net.fullyConnected())
    }

    @Test func parentLossDetachesThenReattaches() {
        // 0 root, 1 and 2 in a line, 2 also linked to 3 which hangs off the root.
        let net = SimulatedNetwork(count: 4, roles: [0: .configuredRoot])
        net.connect(0, 1)
        net.connect(1, 2)
        net.connect(0, 3)
        net.connect(3, 2)
        net.run(for: .seconds(2))
        #expect(net.status(1).preferredParent?.interface == SimulatedNetwork.interface(1, 0))
        let before = net.sent.count

        net.cut(0, 1)
        net.run(for: .milliseconds(50))
        // Node 1 lost its only parent: it is now root of its own floating DODAG.
        #expect(net.status(1).isRoot && net.status(1).dodagID == net.nodes[1].address)
        net.run(for: .seconds(2))
        let detachDIOs = net.sent[before...].filter { sent in
            guard sent.node == 1, case .dio(let dio) = sent.message else { return false }
            return dio.dodagID == net.nodes[1].address && sent.interface == SimulatedNetwork.interface(1, 2)
        }
        // "DIOs SHOULD be sent 2 or 3 times to inform children when losing the last parent".
        #expect(detachDIOs.count >= 3)
        // Re-attached through 2 and 3.
        #expect(net.status(1).dodagID == net.nodes[0].address)
        #expect(net.status(1).rank == Self.rank(hops: 3))
        #expect(net.path(from: 1, to: 0) == [1, 2, 3, 0])
        #expect(net.fullyConnected())
        // Restoring the link brings node 1 back next to the root.
        net.connect(0, 1)
        net.run(for: .seconds(2))
        #expect(net.status(1).rank == Self.rank(hops: 1))
        #expect(net.fullyConnected())
    }

    @Test func globalRepairMovesEveryoneToTheNewVersion() {
        let net = SimulatedNetwork(count: 3, roles: [0: .configuredRoot])
        net.connect(0, 1)
        net.connect(1, 2)
        net.run(for: .seconds(1))
        let version = net.status(0).version
        net.apply(net.nodes[0].engine.globalRepair(now: net.now), from: 0)
        net.run(for: .seconds(1))
        for index in 0..<3 { #expect(net.status(index).version == SequenceCounter.increment(version)) }
        #expect(net.fullyConnected())
    }

    @Test func lostDAOACKsAreRetriedAcrossTheNetwork() {
        let net = SimulatedNetwork(count: 3, roles: [0: .configuredRoot])
        // Lose the first two DAO-ACKs the root sends.
        var lost = 0
        net.deliverFilter = { from, _, message in
            guard from == 0, case .daoACK = message, lost < 2 else { return true }
            lost += 1
            return false
        }
        net.connect(0, 1)
        net.connect(1, 2)
        net.run(for: .seconds(2))
        #expect(lost == 2)
        #expect(net.nodes[1].engine.counters.daoRetransmissions == 2)
        #expect(net.nodes[1].engine.counters.daoACKTimeouts == 0)
        #expect(net.fullyConnected())
    }

    @Test func refreshesKeepRoutesBeyondTheirLifetime() {
        // Path lifetime 30 × 60 s; DAO refresh every third of it, DIO refresh about every minute.
        let net = SimulatedNetwork(count: 4, roles: [0: .configuredRoot])
        for index in 0..<3 { net.connect(index, index + 1) }
        net.run(for: .seconds(2))
        let dios = net.sent.count
        net.run(for: .seconds(3600))
        #expect(net.fullyConnected())
        // No Trickle, a slow refresh: 4 nodes × ~1 DIO per 45–60 s per interface, a few DAOs.
        #expect(net.sent.count - dios < 600)
        let remaining = net.status(0).routes.map { $0.remaining ?? .zero }
        #expect(remaining.allSatisfy { $0 > .seconds(600) })
    }
}
