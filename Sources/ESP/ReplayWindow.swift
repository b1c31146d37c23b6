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
}
