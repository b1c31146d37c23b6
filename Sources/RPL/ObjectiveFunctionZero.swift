/// Objective Function Zero (RFC 6552) with the ACP profile's parameters (RFC 8994 §6.11.1.6):
/// rank_increase = (Rf * Sp + Sr) * MinHopRankIncrease, where the rank factor Rf comes from the
/// link speed and there is no stretch.
public enum ObjectiveFunctionZero {
    /// OCP 0 (RFC 6552 §6).
    public static let objectiveCodePoint: UInt16 = 0
    /// DEFAULT_STEP_OF_RANK (RFC 6552 §6.1).
    public static let stepOfRank: UInt32 = 3
    /// "stretch_rank: none provided" (RFC 8994 §6.11.1.7).
    public static let stretchOfRank: UInt32 = 0
    /// LOW_SPEED_FACTOR and HIGH_SPEED_FACTOR (RFC 8994 §6.11.1.6).
    public static let lowSpeedFactor: UInt32 = 5
    public static let highSpeedFactor: UInt32 = 1
    public static let infiniteRank: UInt16 = 0xFFFF

    /// Links of 100 Mbit/s or less are "low speed".
    public static func rankFactor(linkSpeedMbps: UInt32) -> UInt32 {
        linkSpeedMbps <= 100 ? lowSpeedFactor : highSpeedFactor
    }

    public static func rankIncrease(linkSpeedMbps: UInt32, minHopRankIncrease: UInt16) -> UInt32 {
        (rankFactor(linkSpeedMbps: linkSpeedMbps) * stepOfRank + stretchOfRank) * UInt32(minHopRankIncrease)
    }

    /// The rank through a parent advertising `parentRank`, or nil when it would reach
    /// INFINITE_RANK (the parent is unusable, not a reason to wrap around).
    public static func rank(throughParentRank parentRank: UInt16, increase: UInt32) -> UInt16? {
        let rank = UInt32(parentRank) + increase
        return rank < UInt32(infiniteRank) ? UInt16(rank) : nil
    }

    /// DAGRank(rank) = floor(rank / MinHopRankIncrease) (RFC 6550 §3.5.1); the comparison that
    /// decides who may be whose parent.
    public static func dagRank(_ rank: UInt16, minHopRankIncrease: UInt16) -> UInt16 {
        rank / max(1, minHopRankIncrease)
    }
}
