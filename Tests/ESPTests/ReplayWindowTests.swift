import Testing
@testable import ESP

/// RFC 4303 §3.4.3 window edges, with a 64-packet window.
@Suite struct ReplayWindowTests {
    func accepted(_ numbers: [UInt64]) throws -> ReplayWindow {
        var window = ReplayWindow()
        for number in numbers {
            try window.check(number)
            window.accept(number)
        }
        return window
    }

    @Test func firstPacketAndZero() throws {
        var window = ReplayWindow()
        #expect(throws: ESPError.invalidSequenceNumber) { try window.check(0) }
        try window.check(1)
        window.accept(1)
        #expect(window.highest == 1)
        // The very first packet may also arrive late, e.g. number 5 first, then 1.
        window = try accepted([5, 1])
        #expect(window.highest == 5)
    }

    @Test func duplicate() throws {
        let window = try accepted([1, 2, 3])
        #expect(throws: ESPError.replayed(sequenceNumber: 2)) { try window.check(2) }
        #expect(throws: ESPError.replayed(sequenceNumber: 3)) { try window.check(3) }
    }

    @Test func justInsideAndJustOutside() throws {
        let window = try accepted([100])
        // 100 - 63 = 37 is the oldest number still inside a 64-wide window ending at 100.
        try window.check(37)
        #expect(throws: ESPError.tooOld(sequenceNumber: 36)) { try window.check(36) }
        var moved = window
        moved.accept(37)
        #expect(throws: ESPError.replayed(sequenceNumber: 37)) { try moved.check(37) }
    }

    @Test func farAheadShiftsEverythingOut() throws {
        var window = try accepted(Array(1...64))
        window.accept(1000)
        #expect(window.highest == 1000)
        // Nothing from before survives a shift of more than the window.
        #expect(throws: ESPError.tooOld(sequenceNumber: 64)) { try window.check(64) }
        // The new window is empty except for 1000 itself.
        try window.check(999)
        try window.check(937)
        #expect(throws: ESPError.tooOld(sequenceNumber: 936)) { try window.check(936) }
        #expect(throws: ESPError.replayed(sequenceNumber: 1000)) { try window.check(1000) }
    }

    @Test func shiftByExactlyTheWindow() throws {
        var window = try accepted([10])
        window.accept(74)
        // 10 is now 64 behind: outside. 11 … 73 were never seen: acceptable.
        #expect(throws: ESPError.tooOld(sequenceNumber: 10)) { try window.check(10) }
        try window.check(11)
        window = try accepted([10])
        window.accept(73)
        #expect(throws: ESPError.replayed(sequenceNumber: 10)) { try window.check(10) }
    }

    @Test func outOfOrderWithinTheWindow() throws {
        let window = try accepted([3, 1, 2, 10, 5, 64, 7])
        for seen: UInt64 in [1, 2, 3, 5, 7, 10, 64] {
            #expect(throws: ESPError.replayed(sequenceNumber: seen)) { try window.check(seen) }
        }
        for unseen: UInt64 in [4, 6, 8, 9, 11, 63, 65] { try window.check(unseen) }
    }
}
