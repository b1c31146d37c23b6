/// The leaves of the voucher (RFC 8366 §5.3, with cBRSKI's pinned-domain-pubk[-sha256]) and of
/// the voucher request (RFC 8995 §3.4, with cBRSKI's proximity-registrar-pubk[-sha256]), and
/// the two containers that hold them. Both the JSON form (names) and the CBOR form (SIDs,
/// RFC 9254) are driven from these tables, so the forms cannot disagree on a leaf.
public enum VoucherLeaf: Equatable, Sendable {
    case assertion
    case createdOn
    case domainCertRevocationChecks
    case expiresOn
    case idevidIssuer
    case lastRenewalDate
    case nonce
    case pinnedDomainCert
    case pinnedDomainPubk
    case pinnedDomainPubkSha256
    case priorSignedVoucherRequest
    case proximityRegistrarCert
    case proximityRegistrarPubk
    case proximityRegistrarPubkSha256
    case serialNumber

    /// The YANG leaf name.
    public var name: String {
        switch self {
        case .assertion: return "assertion"
        case .createdOn: return "created-on"
        case .domainCertRevocationChecks: return "domain-cert-revocation-checks"
        case .expiresOn: return "expires-on"
        case .idevidIssuer: return "idevid-issuer"
        case .lastRenewalDate: return "last-renewal-date"
        case .nonce: return "nonce"
        case .pinnedDomainCert: return "pinned-domain-cert"
        case .pinnedDomainPubk: return "pinned-domain-pubk"
        case .pinnedDomainPubkSha256: return "pinned-domain-pubk-sha256"
        case .priorSignedVoucherRequest: return "prior-signed-voucher-request"
        case .proximityRegistrarCert: return "proximity-registrar-cert"
        case .proximityRegistrarPubk: return "proximity-registrar-pubk"
        case .proximityRegistrarPubkSha256: return "proximity-registrar-pubk-sha256"
        case .serialNumber: return "serial-number"
        }
    }

    var type: LeafType {
        switch self {
        case .assertion: return .enumeration
        case .createdOn, .expiresOn, .lastRenewalDate: return .dateAndTime
        case .domainCertRevocationChecks: return .boolean
        case .serialNumber: return .string
        default: return .binary
        }
    }
}

enum LeafType {
    case enumeration, dateAndTime, boolean, binary, string
}

/// A leaf's value, typed by the leaf's YANG type.
enum LeafValue: Equatable {
    case assertion(Assertion)
    case dateAndTime(DateAndTime)
    case boolean(Bool)
    case binary([UInt8])
    case string(String)

    /// Strings compare as bytes, as they are signed.
    static func == (a: LeafValue, b: LeafValue) -> Bool {
        switch (a, b) {
        case (.assertion(let x), .assertion(let y)): return x == y
        case (.dateAndTime(let x), .dateAndTime(let y)): return x == y
        case (.boolean(let x), .boolean(let y)): return x == y
        case (.binary(let x), .binary(let y)): return x == y
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        default: return false
        }
    }
}

typealias LeafEntry = (leaf: VoucherLeaf, value: LeafValue)

/// A top-level container: its qualified name and SID, and its leaves with their SIDs.
struct VoucherContainer {
    let name: String
    let sid: UInt64
    /// In the order the JSON form emits them: the order of RFC 8995 Appendix C's vouchers
    /// and requests, so that those are reproduced byte for byte.
    let leaves: [(leaf: VoucherLeaf, sid: UInt64)]

    /// ietf-voucher SIDs 2451–2462 (cBRSKI §9.1.3; the .sid file numbers leaves
    /// alphabetically).
    static let voucher = VoucherContainer(name: "ietf-voucher:voucher", sid: 2451, leaves: [
        (.assertion, 2452), (.createdOn, 2453), (.expiresOn, 2455), (.serialNumber, 2462),
        (.idevidIssuer, 2456), (.nonce, 2458), (.pinnedDomainCert, 2459), (.pinnedDomainPubk, 2460),
        (.pinnedDomainPubkSha256, 2461), (.domainCertRevocationChecks, 2454), (.lastRenewalDate, 2457),
    ])

    /// ietf-voucher-request SIDs 2501–2514 (cBRSKI §9.1.1 and Appendix C.3/C.4: 2510
    /// prior-signed-voucher-request, 2513 proximity-registrar-pubk, 2514 serial-number; the
    /// .sid file puts proximity-registrar-pubk-sha256 at 2512, before -pubk at 2513).
    static let voucherRequest = VoucherContainer(name: "ietf-voucher-request:voucher", sid: 2501, leaves: [
        (.assertion, 2502), (.createdOn, 2503), (.expiresOn, 2505), (.serialNumber, 2514),
        (.idevidIssuer, 2506), (.nonce, 2508), (.pinnedDomainCert, 2509),
        (.proximityRegistrarCert, 2511), (.proximityRegistrarPubk, 2513), (.proximityRegistrarPubkSha256, 2512),
        (.priorSignedVoucherRequest, 2510), (.domainCertRevocationChecks, 2504), (.lastRenewalDate, 2507),
    ])

    func leaf(named name: String) -> VoucherLeaf? {
        for entry in leaves where entry.leaf.name.utf8.elementsEqual(name.utf8) { return entry.leaf }
        return nil
    }

    func leaf(sid: UInt64) -> VoucherLeaf? {
        for entry in leaves where entry.sid == sid { return entry.leaf }
        return nil
    }

    /// `entries` in this container's emission order.
    func ordered(_ entries: [LeafEntry]) -> [LeafEntry] {
        var result: [LeafEntry] = []
        for definition in leaves {
            for entry in entries where entry.leaf == definition.leaf { result.append(entry) }
        }
        return result
    }
}

/// Collected leaves of one container instance, with duplicate detection.
struct LeafSet {
    private(set) var entries: [LeafEntry] = []

    mutating func add(_ leaf: VoucherLeaf, _ value: LeafValue) throws(VoucherError) {
        for entry in entries where entry.leaf == leaf { throw .duplicateLeaf(leaf.name) }
        entries.append((leaf, value))
    }

    func value(_ leaf: VoucherLeaf) -> LeafValue? {
        for entry in entries where entry.leaf == leaf { return entry.value }
        return nil
    }

    func assertion(_ leaf: VoucherLeaf) -> Assertion? {
        if case .assertion(let value) = value(leaf) { return value }
        return nil
    }

    func dateAndTime(_ leaf: VoucherLeaf) -> DateAndTime? {
        if case .dateAndTime(let value) = value(leaf) { return value }
        return nil
    }

    func boolean(_ leaf: VoucherLeaf) -> Bool? {
        if case .boolean(let value) = value(leaf) { return value }
        return nil
    }

    func binary(_ leaf: VoucherLeaf) -> [UInt8]? {
        if case .binary(let value) = value(leaf) { return value }
        return nil
    }

    func string(_ leaf: VoucherLeaf) -> String? {
        if case .string(let value) = value(leaf) { return value }
        return nil
    }

    mutating func addIfPresent(_ leaf: VoucherLeaf, _ value: LeafValue?) {
        if let value { entries.append((leaf, value)) }
    }
}
