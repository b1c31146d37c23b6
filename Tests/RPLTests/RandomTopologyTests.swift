import Platform
import Testing
@testable import RPL

/// Random connected graphs and random cuts: after each change every pair of nodes that can still
/// reach each other physically has a loop-free path through the installed routes, and each
/// partition has one root — the best candidate in it.
@Suite struct RandomTopologyTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Components of the graph with these edges.
    static func components(_ count: Int, _ edges: [(Int, Int)]) -> [Int] {
        var component = Array(0..<count)
        func find(_ x: Int) -> Int { component[x] == x ? x : find(component[x]) }
        for (a, b) in edges { component[find(a)] = find(b) }
        return (0..<count).map(find)
    }

    @Test(arguments: 1...40) func randomGraphs(seed: Int) {
        var random = Generator(state: UInt64(seed) &* 0x9E37_79B9)
        let count = 6 + random.next(7)
        let roles: [Int: ACPRole] = [random.next(count): .registrar]
        let net = SimulatedNetwork(count: count, roles: roles)
        var edges: [(Int, Int)] = []
        for node in 1..<count { edges.append((random.next(node), node)) }  // a random spanning tree
        for _ in 0..<count {
            let a = random.next(count), b = random.next(count)
            if a != b && !edges.contains(where: { ($0 == (a, b)) || ($0 == (b, a)) }) { edges.append((a, b)) }
        }
        for (a, b) in edges { net.connect(a, b, speedMbps: random.next(2) == 0 ? 100 : 1000) }
        net.run(for: .seconds(3))
        #expect(net.fullyConnected(), "seed \(seed) before cuts")

        var cuts: [(Int, Int)] = []
        for round in 0..<3 {
            let (a, b) = edges.remove(at: random.next(edges.count))
            cuts.append((a, b))
            net.cut(a, b)
            net.run(for: .seconds(5))
            let component = Self.components(count, edges)
            for x in 0..<count {
                for y in 0..<count where x != y && component[x] == component[y] {
                    #expect(net.path(from: x, to: y) != nil, "seed \(seed) round \(round): \(x) -> \(y)")
                }
                // The root of x's partition: the registrar if it is there, else the lowest address.
                let members = (0..<count).filter { component[$0] == component[x] }
                let expectedRoot = members.first { roles[$0] != nil } ?? members.min()!
                #expect(net.status(x).dodagID == net.nodes[expectedRoot].address, "seed \(seed) round \(round): node \(x)")
            }
        }
        // Every link back: one DODAG again, rooted at the registrar, everyone reaching everyone.
        for (a, b) in cuts { net.connect(a, b) }
        net.run(for: .seconds(5))
        #expect(net.fullyConnected(), "seed \(seed) after restoring")
        for x in 0..<count { #expect(net.status(x).dodagID == net.nodes[roles.keys.first!].address, "seed \(seed) restored: node \(x)") }
    }
}
