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

    /// True when `a` is newer than `b`. Counters further apart than the window "are not
    /// comparable" (RFC 6550 §7.2); here the numerically larger one counts as newer, so the
    /// relation stays antisymmetric and two desynchronised nodes cannot both think they are behind.
    public static func isNewer(_ a: UInt8, than b: UInt8) -> Bool {
        if a == b { return false }
        let a = Int(a), b = Int(b)
        if a >= 128 && b < 128 {
            // b is in the circular region: b is newer when a is within the window below 256.
            return 256 + b - a > window
        }
        if a < 128 && b >= 128 {
            return 256 + a - b <= window
        }
        if a >= 128 {
            // Both in the straight region: no wrap inside it.
            return a > b
        }
        let forward = (a - b + 128) % 128
        if forward <= window { return true }
        if 128 - forward <= window { return false }
        return a > b
    }
}
