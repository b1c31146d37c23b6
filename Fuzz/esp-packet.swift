// modules: Platform ASN1 Crypto ESP
// ESP (RFC 4303/4106). The first byte picks a mode:
//   0: decapsulate the rest with a fixed SA: never traps, never accepts (the ICV cannot be forged);
//   1: encapsulate the rest, decapsulate it with the peer SA (with extended sequence numbers when
//      the length is even): the payload comes back unchanged;
//   2: the rest is a list of 16-bit sequence numbers fed to the anti-replay window, whose verdicts
//      must match a naive model (a set of seen numbers and the highest one).
//   3: RFC 3948 classification of the rest never traps and round-trips IKE framing.
import CLinux
import ESP

private let key = Array(UInt8(0)..<36)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let rest = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 4 {
    case 0: decapsulateRandom(rest)
    case 1: roundTrip(rest)
    case 2: replayModel(rest)
    default: classify(rest)
    }
    return 0
}

private func decapsulateRandom(_ packet: [UInt8]) {
    guard var sa = try? ESPSecurityAssociation(spi: 0x0102_0304, keyMaterial: key) else { abort() }
    if (try? sa.decapsulate(packet)) != nil {
        print("a fuzzed ESP packet passed the ICV")
        abort()
    }
}

private func roundTrip(_ payload: [UInt8]) {
    let esn = payload.count % 2 == 0
    guard var sender = try? ESPSecurityAssociation(spi: 7, keyMaterial: key, extendedSequenceNumbers: esn),
          var receiver = try? ESPSecurityAssociation(spi: 7, keyMaterial: key, extendedSequenceNumbers: esn) else { abort() }
    let nextHeader = payload.first ?? 41
    for _ in 0..<2 {
        guard let packet = try? sender.encapsulate(payload, nextHeader: nextHeader),
              let (opened, header) = try? receiver.decapsulate(packet),
              opened == payload, header == nextHeader else {
            print("ESP round trip broke for \(payload.count) bytes")
            abort()
        }
    }
}

private func replayModel(_ bytes: [UInt8]) {
    var window = ReplayWindow()
    var seen: Set<UInt64> = []
    var highest: UInt64 = 0
    var index = 0
    while index + 1 < bytes.count {
        let number = UInt64(bytes[index]) << 8 | UInt64(bytes[index + 1])
        index += 2
        let modelAccepts = number != 0 && (number > highest || (highest - number < 64 && !seen.contains(number)))
        let accepted = (try? window.check(number)) != nil
        guard accepted == modelAccepts else {
            print("replay window disagrees with the model at \(number) (highest \(highest))")
            abort()
        }
        if accepted {
            window.accept(number)
            seen.insert(number)
            highest = max(highest, number)
        }
    }
}

private func classify(_ datagram: [UInt8]) {
    if case .ike(let message) = UDPEncapsulation.classify(datagram),
       UDPEncapsulation.classify(UDPEncapsulation.frameIKE(message)) != .ike(message) {
        print("IKE framing does not round-trip")
        abort()
    }
}
