import CBOR
import Foundation
import Platform
@testable import GRASP

/// Bytes from hex text; whitespace (RFC line breaks) is ignored.
func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    precondition(digits.count % 2 == 0, "odd hex")
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

func toHex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

func address(_ text: String) -> IPv6Address { IPv6Address(text)! }

func at(_ milliseconds: Int64) -> Instant { Instant(nanoseconds: milliseconds * 1_000_000) }

/// Randomness from a fixed list of 64-bit values, repeated: jitter and session ids become
/// predictable in tests.
func fixedRandom(_ values: [UInt64]) -> RandomSource {
    final class Cursor: @unchecked Sendable { var index = 0 }
    let cursor = Cursor()
    return RandomSource { buffer in
        var value = values[cursor.index % values.count]
        cursor.index += 1
        withUnsafeBytes(of: &value) { raw in
            for index in 0..<buffer.count { buffer[index] = raw[index % 8] }
        }
    }
}

/// A counting source, for tests that need distinct session ids.
func countingRandom(from start: UInt64 = 1000) -> RandomSource {
    final class Counter: @unchecked Sendable { var value: UInt64 = 0 }
    let counter = Counter()
    counter.value = start
    return RandomSource { buffer in
        var value = counter.value
        counter.value += 1
        withUnsafeBytes(of: &value) { raw in
            for index in 0..<buffer.count { buffer[index] = raw[index % 8] }
        }
    }
}

extension GraspAction {
    var sent: (bytes: [UInt8], destination: GraspDestination)? {
        if case .send(let bytes, let destination) = self { return (bytes, destination) }
        return nil
    }

    var timer: Instant? {
        if case .armTimer(let instant) = self { return instant }
        return nil
    }

    var change: NeighbourChange? {
        if case .neighbourChanged(let change) = self { return change }
        return nil
    }

    var event: ASAEvent? {
        if case .deliver(let event) = self { return event }
        return nil
    }

    var logLine: String? {
        if case .log(let line) = self { return line }
        return nil
    }
}

extension Array where Element == GraspAction {
    var sends: [(bytes: [UInt8], destination: GraspDestination)] { compactMap { $0.sent } }
    var messages: [GraspMessage] { sends.compactMap { try? GraspMessage.parse($0.bytes).message } }
    var timers: [Instant] { compactMap { $0.timer } }
    var changes: [NeighbourChange] { compactMap { $0.change } }
    var events: [ASAEvent] { compactMap { $0.event } }
    var logs: [String] { compactMap { $0.logLine } }
}
