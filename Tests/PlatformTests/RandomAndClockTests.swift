import Foundation
import Testing
import CLinux
@testable import Platform

@Suite struct RandomAndClockTests {
    @Test func systemRandomFillsLargeBuffers() throws {
        // Above 256 bytes getrandom may return short counts: the loop must fill everything.
        let a = try SystemRandom.bytes(count: 4096)
        let b = try SystemRandom.bytes(count: 4096)
        #expect(a != b)
        // Every byte value shows up in 8 KiB of uniform bytes (the chance of a miss is ~1e-12).
        #expect(Set(a + b).count == 256)
        #expect(a.suffix(64) != [UInt8](repeating: 0, count: 64))
    }

    @Test func randomSourceIsInjectable() {
        var counter: UInt8 = 0
        let fake = RandomSource { buffer in
            for index in 0..<buffer.count { counter &+= 1; buffer[index] = counter }
        }
        #expect(fake.bytes(count: 3) == [1, 2, 3])
        var generator = SourceRandomGenerator(fake)
        #expect(generator.next() == 0x0b0a_0908_0706_0504)   // little-endian load of 4...11
        #expect(RandomSource.system.bytes(count: 32) != RandomSource.system.bytes(count: 32))
    }

    @Test func clocksAgreeWithFoundation() {
        // CLOCK_MONOTONIC is what ProcessInfo.systemUptime reads on Linux.
        let ours = Double(MonotonicClock.now().nanoseconds) / 1e9
        #expect(abs(ours - ProcessInfo.processInfo.systemUptime) < 0.5)
        let wall = WallClock.now()
        #expect(abs(Double(wall) - Date().timeIntervalSince1970) < 2)
    }

    @Test func instantArithmetic() {
        let t = Instant(nanoseconds: 5_000_000)
        #expect(t + .milliseconds(3) == Instant(nanoseconds: 8_000_000))
        #expect((t + .milliseconds(3)) - t == .milliseconds(3))
        #expect(Duration.nanoseconds(1).totalMillisecondsRoundedUp == 1)
        #expect(Duration.milliseconds(2).totalMillisecondsRoundedUp == 2)
        #expect(Duration.seconds(Int64.max / 2).totalNanoseconds == Int64.max)
        #expect(t + .seconds(Int64.max / 2) == Instant(nanoseconds: Int64.max))
    }
}
