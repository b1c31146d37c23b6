// modules: Platform CBOR GRASP
// GRASP message parsing: never traps; whatever parses emits bytes that parse to the same message
// (and re-emit identically); the stream framer agrees with the parser; and both engines take the
// input as a datagram and as a TCP message without trapping.
import CBOR
import CLinux
import GRASP
import Platform

private let random = RandomSource { buffer in
    for index in 0..<buffer.count { buffer[index] = UInt8(truncatingIfNeeded: index &* 37 &+ 11) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let parsed = try? GraspMessage.parse(bytes) {
        let emitted = parsed.message.emit(envelope: parsed.envelope)
        guard let again = try? GraspMessage.parse(emitted, maximumSize: Int.max) else {
            print("emitted bytes do not parse")
            abort()
        }
        guard again.message == parsed.message, again.envelope == parsed.envelope,
              again.message.emit(envelope: again.envelope) == emitted else {
            print("round trip changed the message")
            abort()
        }
        // A message that parses is exactly one CBOR item: the framer must find its end.
        if case .message(let length) = StreamFraming.firstMessage(in: bytes), length != bytes.count {
            print("framer length \(length) for a \(bytes.count)-byte message")
            abort()
        }
    }
    if case .message(let length) = StreamFraming.firstMessage(in: bytes), length > bytes.count {
        print("framer length beyond the buffer")
        abort()
    }
    // Fresh engines per input: engine state kept in globals across inputs shows up as leaks to
    // LeakSanitizer (it does not follow Swift's tagged enum payload pointers); a million floods
    // through one engine keep its RSS flat, so that report is not a real leak.
    let dull = DullEngine(random: random)
    let grasp = GraspEngine(address: IPv6Address(high: 0xFD89_B714_F3DB_0000, low: 1), random: random)
    grasp.linkUp(interface: 1, linkLocal: IPv6Address(high: 0xFE80_0000_0000_0000, low: 1))
    grasp.linkUp(interface: 2, linkLocal: IPv6Address(high: 0xFE80_0000_0000_0000, low: 3))
    let now = Instant(nanoseconds: 1_000_000_000)
    let peer = IPv6Address(high: 0xFE80_0000_0000_0000, low: 2)
    _ = dull.received(bytes, from: .datagram(from: peer, port: 7017, interface: 1), now: now)
    _ = grasp.received(bytes, from: .datagram(from: peer, port: 7017, interface: 1), now: now)
    _ = grasp.received(bytes, from: .connection(ConnectionID(7), peer: peer, interface: 1), now: now)
    _ = dull.timerFired(now: now + .seconds(3600))
    _ = grasp.timerFired(now: now + .seconds(3600))
    return 0
}
