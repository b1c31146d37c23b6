/// The voucher `assertion` enumeration (RFC 8366 §5.3): what the MASA checked before issuing.
/// Raw values are the YANG enum values, used by the CBOR form (RFC 9254 §6.6).
public enum Assertion: Int64, Equatable, Sendable {
    case verified = 0
    case logged = 1
    case proximity = 2

    /// The YANG enum name, used by the JSON form.
    public var name: String {
        switch self {
        case .verified: return "verified"
        case .logged: return "logged"
        case .proximity: return "proximity"
        }
    }

    /// Compared as bytes: YANG enum names are ASCII, and byte comparison keeps Unicode
    /// tables out of targets that lack them.
    public init?(name: String) {
        for candidate in [Assertion.verified, .logged, .proximity] where candidate.name.utf8.elementsEqual(name.utf8) {
            self = candidate
            return
        }
        return nil
    }
}
