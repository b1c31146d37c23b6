/// RPL's lollipop sequence counters (RFC 6550 §7.2) for DODAG Version, DTSN, DAOSequence and
/// Path Sequence: 128–255 is the "straight" part a counter starts in after a reboot, 0–127 the
/// circular part, so a rebooted node's fresh counter is recognised as newer than stale ones.
public enum SequenceCounter {
    public static let window: Int = 16
    /// RFC 6550 §7.2: "recommended … 256 minus SEQUENCE_WINDOW".
    public static let initial: UInt8 = 240

    public static func increment(_ value: UInt8) -> UInt8 {
        value == 127 || value == 255 ? 0 : value + 1
    }

    /// True when `a` is newer than `b`. Counters further apart than the window are not
    /// comparable; RFC 6550 leaves the choice to the receiver, and taking the received value as
    /// newer lets a desynchronised neighbour resynchronise instead of being ignored for ever.
    public static func isNewer(_ a: UInt8, than b: UInt8) -> Bool {
        if a == b { return false }
        let a = Int(a), b = Int(b)
        if a >= 128 && b < 128 {
            // b is in the circular region: b is newer unless a is within the window behind 256.
            return 256 + b - a > window
        }
        if a < 128 && b >= 128 {
            return 256 + a - b <= window
        }
        let size = a < 128 ? 128 : 256
        let difference = (a - b + size) % size
        if a >= 128 {
            // Straight region: no wrap inside it.
            let straight = a - b
            return abs(straight) > window ? true : straight > 0
        }
        if difference == 0 { return false }
        if difference <= window { return true }
        if size - difference <= window { return false }
        return true
    }
}
