import CBOR
import Platform

/// An objective's name (RFC 8990 §2.10.1): UTF-8 text compared byte for byte. Kept as bytes so
/// lookups need no Unicode tables (the mipsel build has none) and "AN_ACP" never matches a
/// differently normalised look-alike.
public struct ObjectiveName: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var utf8: [UInt8]

    public init(utf8: [UInt8]) {
        self.utf8 = utf8
    }

    public init(_ text: String) {
        utf8 = Array(text.utf8)
    }

    public init(stringLiteral value: StaticString) {
        utf8 = Array(UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    public var description: String { String(decoding: utf8, as: UTF8.self) }

    /// RFC 8994 §6.4: ACP neighbour announcement on each DULL link.
    public static let anACP: ObjectiveName = "AN_ACP"
    /// RFC 8995 §4.1.1: a join proxy announcing itself to pledges.
    public static let anProxy: ObjectiveName = "AN_Proxy"
    /// RFC 8995 §4.3: a registrar announcing itself to join proxies in the ACP.
    public static let anJoinRegistrar: ObjectiveName = "AN_join_registrar"
    /// RFC 8994 §6.1.5.1: an EST server in the ACP.
    public static let srvEST: ObjectiveName = "SRV.est"
}

/// objective-flags (RFC 8990 §2.10.2): which procedures an objective supports.
public struct ObjectiveFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let discovery = ObjectiveFlags(rawValue: 1 << 0)        // F_DISC
    public static let negotiation = ObjectiveFlags(rawValue: 1 << 1)      // F_NEG
    public static let synchronization = ObjectiveFlags(rawValue: 1 << 2)  // F_SYNCH
    public static let dryRun = ObjectiveFlags(rawValue: 1 << 3)           // F_NEG_DRY
}

/// objective = [objective-name, objective-flags, loop-count, ?objective-value].
public struct Objective: Equatable, Sendable {
    public var name: ObjectiveName
    public var flags: ObjectiveFlags
    public var loopCount: UInt8
    /// Arbitrary CBOR, opaque to GRASP; nil when the element is absent (not CBOR null).
    public var value: CBORValue?

    public init(name: ObjectiveName, flags: ObjectiveFlags, loopCount: UInt8, value: CBORValue? = nil) {
        self.name = name
        self.flags = flags
        self.loopCount = loopCount
        self.value = value
    }
}
