// modules: Platform RPL
// RPL control messages (RFC 6550 §6): parsing never traps, and whatever parses emits bytes that
// parse back to the same value (parse and emit are inverses on everything parse accepts). Each
// message that parses is then fed to an engine that has joined a DODAG: it must not trap either,
// and must never ask for a route outside the ACP prefix.
import CLinux
import Platform
import RPL

let acpPrefix = RPLPrefix(IPv6Address(high: 0xFD89_B714_F3DB_0000, low: 0), length: 48)!
let nodeAddress = IPv6Address(high: 0xFD89_B714_F3DB_0000, low: 0x2_0000)
let start = Instant(nanoseconds: 1_000_000_000)
let parent = RPLNeighbour(interface: "acp_up", address: IPv6Address(high: 0xFE80_0000_0000_0000, low: 0x99))
let child = RPLNeighbour(interface: "acp_down", address: IPv6Address(high: 0xFE80_0000_0000_0000, low: 0x33))
let rootDIO = RPLMessage.dio(DIO(
    instanceID: 0, version: 240, rank: 256, grounded: true, modeOfOperation: 2, preference: 4, dtsn: 240,
    dodagID: IPv6Address(high: 0xFD89_B714_F3DB_0000, low: 0x1_0000),
    options: [.dodagConfiguration(DODAGConfiguration(maxRankIncrease: 0, minHopRankIncrease: 256,
                                                     defaultLifetime: 30, lifetimeUnit: 60))]))

func checkRoutes(_ actions: [RPLAction]) {
    for action in actions {
        if case .addRoute(let route) = action, !acpPrefix.contains(route.prefix) {
            print("route outside the ACP: \(route)")
            abort()
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let message = try? RPLMessage.parse(bytes) else { return 0 }
    let emitted = message.emit()
    guard let again = try? RPLMessage.parse(emitted), again == message else {
        print("round trip broke for a \(bytes.count)-octet message of code \(message.code)")
        abort()
    }
    // Checksummed emission must verify and parse to the same value too.
    let source = IPv6Address(high: 0xFE80_0000_0000_0000, low: 1)
    let destination = IPv6Address(high: 0xFF02_0000_0000_0000, low: 0x1A)
    guard let checked = try? RPLMessage.parse(message.emit(source: source, destination: destination),
                                              source: source, destination: destination), checked == message else {
        print("checksummed round trip broke for code \(message.code)")
        abort()
    }

    let configuration = RPLConfiguration(nodeAddress: nodeAddress, announcedPrefix: RPLPrefix(nodeAddress, length: 120)!,
                                         acpPrefix: acpPrefix, role: .defaultNode)
    let node = RPLNode(configuration: configuration, randomSeed: 1)
    _ = node.start(now: start)
    _ = node.linkUp("acp_up", linkLocal: IPv6Address(high: 0xFE80_0000_0000_0000, low: 2), speedMbps: 1000, now: start)
    _ = node.linkUp("acp_down", linkLocal: IPv6Address(high: 0xFE80_0000_0000_0000, low: 3), speedMbps: 1000, now: start)
    _ = node.receive(rootDIO, from: parent, now: start)
    let from = size % 2 == 0 ? parent : child
    checkRoutes(node.receive(message, from: from, now: start + .milliseconds(1)))
    checkRoutes(node.timerFired(now: start + .seconds(2)))
    checkRoutes(node.linkDown(from.interface, now: start + .seconds(3)))
    return 0
}
