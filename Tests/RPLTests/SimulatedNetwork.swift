import Platform
@testable import RPL

/// N engines joined by point-to-point links (one interface per neighbour, as ACP secure
/// channels are), a fake clock and an event queue. Messages travel as bytes (emit, then the
/// receiver parses), take 1 ms, and can be dropped by a filter. Routes are tracked only from the
/// engines' actions, so the assertions check what the platform would install.
final class SimulatedNetwork {
    struct Node {
        var engine: RPLNode
        var address: IPv6Address
        var prefix: RPLPrefix
        var linkLocal: IPv6Address
        var routes: [RPLPrefix: RPLRoute] = [:]
        var blackholes: [RPLPrefix] = []
        var timer: Instant?
        var logs: [String] = []
    }

    enum Event {
        case deliver(bytes: [UInt8], to: Int, interface: String, from: IPv6Address)
        case timer(node: Int, at: Instant)
    }

    static let acpPrefix = RPLPrefix(IPv6Address("fd89:b714:f3db::")!, length: 48)!
    static let latency: Duration = .milliseconds(1)

    var nodes: [Node] = []
    /// Interface name → (node, peer node, peer's interface name).
    var links: [String: (node: Int, peer: Int, peerInterface: String)] = [:]
    var now = Instant(nanoseconds: 1_000_000_000)
    private var queue: [(time: Instant, order: Int, event: Event)] = []
    private var order = 0
    /// Everything sent: (sender, message, interface).
    var sent: [(node: Int, message: RPLMessage, interface: String)] = []
    /// Return false to lose a message from `from` to `to`.
    var deliverFilter: (_ from: Int, _ to: Int, _ message: RPLMessage) -> Bool = { _, _, _ in true }

    init(count: Int, roles: [Int: ACPRole] = [:]) {
        for index in 0..<count {
            let address = SimulatedNetwork.address(of: index)
            let prefix = RPLPrefix(address, length: 120)!
            let configuration = RPLConfiguration(nodeAddress: address, announcedPrefix: prefix,
                                                 acpPrefix: SimulatedNetwork.acpPrefix, role: roles[index] ?? .defaultNode)
            let linkLocal = IPv6Address(high: 0xFE80_0000_0000_0000, low: UInt64(index + 1))
            nodes.append(Node(engine: RPLNode(configuration: configuration, randomSeed: UInt64(index + 1)),
                              address: address, prefix: prefix, linkLocal: linkLocal))
        }
        for index in 0..<count { apply(nodes[index].engine.start(now: now), from: index) }
    }

    /// fd89:b714:f3db::N:0 with N = index + 1, a /120 each (Vlong-style).
    static func address(of index: Int) -> IPv6Address {
        IPv6Address(high: 0xFD89_B714_F3DB_0000, low: UInt64(index + 1) << 16)
    }

    static func interface(_ node: Int, _ peer: Int) -> String { "acp_\(node)_\(peer)" }

    func connect(_ a: Int, _ b: Int, speedMbps: UInt32 = 1000) {
        let ia = SimulatedNetwork.interface(a, b), ib = SimulatedNetwork.interface(b, a)
        links[ia] = (a, b, ib)
        links[ib] = (b, a, ia)
        apply(nodes[a].engine.linkUp(ia, linkLocal: nodes[a].linkLocal, speedMbps: speedMbps, now: now), from: a)
        apply(nodes[b].engine.linkUp(ib, linkLocal: nodes[b].linkLocal, speedMbps: speedMbps, now: now), from: b)
    }

    func cut(_ a: Int, _ b: Int) {
        let ia = SimulatedNetwork.interface(a, b), ib = SimulatedNetwork.interface(b, a)
        links[ia] = nil
        links[ib] = nil
        apply(nodes[a].engine.linkDown(ia, now: now), from: a)
        apply(nodes[b].engine.linkDown(ib, now: now), from: b)
    }

    func apply(_ actions: [RPLAction], from index: Int) {
        for action in actions {
            switch action {
            case .send(let message, let destination, let interface):
                sent.append((index, message, interface))
                guard let link = links[interface] else { continue }
                guard destination == allRPLNodes || destination == nodes[link.peer].linkLocal else { continue }
                guard deliverFilter(index, link.peer, message) else { continue }
                schedule(now + SimulatedNetwork.latency,
                         .deliver(bytes: message.emit(), to: link.peer, interface: link.peerInterface, from: nodes[index].linkLocal))
            case .addRoute(let route):
                nodes[index].routes[route.prefix] = route
            case .removeRoute(let route):
                if nodes[index].routes[route.prefix] == route { nodes[index].routes[route.prefix] = nil }
            case .addBlackhole(let prefix):
                nodes[index].blackholes.append(prefix)
            case .armTimer(let at):
                nodes[index].timer = at
                schedule(at, .timer(node: index, at: at))
            case .log(_, let subject, let message):
                nodes[index].logs.append("\(subject): \(message)")
            }
        }
    }

    private func schedule(_ time: Instant, _ event: Event) {
        order += 1
        queue.append((time, order, event))
    }

    /// Events processed so far; a message storm shows up here instead of hanging the test.
    var processed = 0
    var eventLimit = 100_000

    /// Processes events until `duration` from now has passed (or the event limit is reached).
    func run(for duration: Duration) {
        let end = now + duration
        while processed < eventLimit {
            guard let index = queue.indices.min(by: { (queue[$0].time, queue[$0].order) < (queue[$1].time, queue[$1].order) }),
                  queue[index].time <= end else { break }
            let (time, _, event) = queue.remove(at: index)
            processed += 1
            now = max(now, time)
            switch event {
            case .deliver(let bytes, let to, let interface, let from):
                guard links[interface] != nil else { continue }
                apply(nodes[to].engine.receive(bytes, from: RPLNeighbour(interface: interface, address: from), now: now), from: to)
            case .timer(let node, let at):
                guard nodes[node].timer == at else { continue }
                nodes[node].timer = nil
                apply(nodes[node].engine.timerFired(now: now), from: node)
            }
        }
        now = end
    }

    /// The nodes a packet from `source` to `destination`'s address visits, following only the
    /// routes the engines installed (longest prefix match); nil on a dead end or a loop.
    func path(from source: Int, to destination: Int) -> [Int]? {
        let target = nodes[destination].address
        var current = source
        var visited = [source]
        while !nodes[current].prefix.contains(target) {
            let match = nodes[current].routes.values.filter { $0.prefix.contains(target) }.max { $0.prefix.length < $1.prefix.length }
            guard let match, let link = links[match.nextHop.interface], nodes[link.peer].linkLocal == match.nextHop.address,
                  !visited.contains(link.peer) else { return nil }
            current = link.peer
            visited.append(current)
        }
        return visited
    }

    /// True when every node reaches every other node's prefix.
    func fullyConnected() -> Bool {
        for a in nodes.indices { for b in nodes.indices where a != b { if path(from: a, to: b) == nil { return false } } }
        return true
    }

    func status(_ index: Int) -> RPLStatus { nodes[index].engine.status(now: now) }
}
