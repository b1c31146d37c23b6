/// The receiver's anti-replay window (RFC 4303 §3.4.3, Appendix A): the highest authenticated
/// sequence number and a bitmap of the 64 numbers ending at it.
///
/// Checking and updating are separate steps on purpose: `check` runs before the ICV is verified,
/// to drop replays cheaply, and `accept` only after, so a forged packet can never move the window.
public struct ReplayWindow: Equatable, Sendable {
    public static let size: UInt64 = 64

    /// Highest sequence number accepted so far (0: none yet).
    public private(set) var highest: UInt64 = 0
    /// Bit n set: `highest - n` was accepted.
    private var bitmap: UInt64 = 0

    public init() {}

    /// Throws if `sequenceNumber` must be dropped without looking further.
    public func check(_ sequenceNumber: UInt64) throws(ESPError) {
        guard sequenceNumber != 0 else { throw .invalidSequenceNumber }
        if sequenceNumber > highest { return }
        let behind = highest - sequenceNumber
        guard behind < ReplayWindow.size else { throw .tooOld(sequenceNumber: sequenceNumber) }
        guard bitmap & (1 << behind) == 0 else { throw .replayed(sequenceNumber: sequenceNumber) }
    }

    /// Records an authenticated packet; the caller has passed `check` with it.
    public mutating func accept(_ sequenceNumber: UInt64) {
        if sequenceNumber > highest {
            let shift = sequenceNumber - highest
            bitmap = shift >= ReplayWindow.size ? 1 : bitmap << shift | 1
            highest = sequenceNumber
        } else {
            bitmap |= 1 << (highest - sequenceNumber)
        }
    }

    /// The full 64-bit number of a packet that carried only the low 32 bits, with extended
    /// sequence numbers (RFC 4303 Appendix A2.2): the high half is the window's, or one more when
    /// the low half has wrapped past the window, or one less when the window straddles a wrap and
    /// the packet falls in its older part. Nil when that would be before sequence number 0 or
    /// past 2^64 - 1.
    public func inferExtendedSequenceNumber(low: UInt32) -> UInt64? {
        let highHalf = highest >> 32
        let lowHalf = UInt32(truncatingIfNeeded: highest)
        let windowBottom = lowHalf &- UInt32(ReplayWindow.size - 1)
        if UInt64(lowHalf) >= ReplayWindow.size - 1 {
            // Case A: the window lies within one 2^32 block.
            if low >= windowBottom { return highHalf << 32 | UInt64(low) }
            guard highHalf < UInt64(UInt32.max) else { return nil }
            return (highHalf + 1) << 32 | UInt64(low)
        }
        // Case B: the window's bottom wrapped into the previous block.
        if low >= windowBottom {
            guard highHalf > 0 else { return nil }
            return (highHalf - 1) << 32 | UInt64(low)
        }
        return highHalf << 32 | UInt64(low)
    }
}
