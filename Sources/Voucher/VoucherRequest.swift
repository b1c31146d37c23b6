/// A voucher request (RFC 8995 §3): from the pledge to the registrar (PVR), or from the
/// registrar to the MASA (RVR) with the pledge's request inside. Every leaf is optional
/// (RFC 8995 §3.4 refines the voucher's mandatory leaves away); cBRSKI adds the
/// proximity-registrar-pubk leaves.
public struct VoucherRequest: Equatable, Sendable {
    public var assertion: Assertion?
    public var createdOn: DateAndTime?
    public var expiresOn: DateAndTime?
    public var serialNumber: String?
    public var idevidIssuer: [UInt8]?
    public var nonce: [UInt8]?
    public var pinnedDomainCert: [UInt8]?
    /// The registrar's TLS server certificate as the pledge saw it (DER).
    public var proximityRegistrarCert: [UInt8]?
    /// The registrar's DER SubjectPublicKeyInfo (cBRSKI), instead of its certificate.
    public var proximityRegistrarPubk: [UInt8]?
    public var proximityRegistrarPubkSha256: [UInt8]?
    /// The pledge's signed request, as received (CMS or COSE bytes), inside the registrar's.
    public var priorSignedVoucherRequest: [UInt8]?
    public var domainCertRevocationChecks: Bool?
    public var lastRenewalDate: DateAndTime?

    public init(
        assertion: Assertion? = nil, createdOn: DateAndTime? = nil, expiresOn: DateAndTime? = nil,
        serialNumber: String? = nil, idevidIssuer: [UInt8]? = nil, nonce: [UInt8]? = nil,
        pinnedDomainCert: [UInt8]? = nil, proximityRegistrarCert: [UInt8]? = nil,
        proximityRegistrarPubk: [UInt8]? = nil, proximityRegistrarPubkSha256: [UInt8]? = nil,
        priorSignedVoucherRequest: [UInt8]? = nil, domainCertRevocationChecks: Bool? = nil,
        lastRenewalDate: DateAndTime? = nil
    ) {
        self.assertion = assertion
        self.createdOn = createdOn
        self.expiresOn = expiresOn
        self.serialNumber = serialNumber
        self.idevidIssuer = idevidIssuer
        self.nonce = nonce
        self.pinnedDomainCert = pinnedDomainCert
        self.proximityRegistrarCert = proximityRegistrarCert
        self.proximityRegistrarPubk = proximityRegistrarPubk
        self.proximityRegistrarPubkSha256 = proximityRegistrarPubkSha256
        self.priorSignedVoucherRequest = priorSignedVoucherRequest
        self.domainCertRevocationChecks = domainCertRevocationChecks
        self.lastRenewalDate = lastRenewalDate
    }

    init(_ set: LeafSet) {
        self.init(
            assertion: set.assertion(.assertion), createdOn: set.dateAndTime(.createdOn),
            expiresOn: set.dateAndTime(.expiresOn), serialNumber: set.string(.serialNumber),
            idevidIssuer: set.binary(.idevidIssuer), nonce: set.binary(.nonce),
            pinnedDomainCert: set.binary(.pinnedDomainCert), proximityRegistrarCert: set.binary(.proximityRegistrarCert),
            proximityRegistrarPubk: set.binary(.proximityRegistrarPubk),
            proximityRegistrarPubkSha256: set.binary(.proximityRegistrarPubkSha256),
            priorSignedVoucherRequest: set.binary(.priorSignedVoucherRequest),
            domainCertRevocationChecks: set.boolean(.domainCertRevocationChecks),
            lastRenewalDate: set.dateAndTime(.lastRenewalDate))
    }

    var leafSet: LeafSet {
        var set = LeafSet()
        set.addIfPresent(.assertion, assertion.map { .assertion($0) })
        set.addIfPresent(.createdOn, createdOn.map { .dateAndTime($0) })
        set.addIfPresent(.expiresOn, expiresOn.map { .dateAndTime($0) })
        set.addIfPresent(.serialNumber, serialNumber.map { .string($0) })
        set.addIfPresent(.idevidIssuer, idevidIssuer.map { .binary($0) })
        set.addIfPresent(.nonce, nonce.map { .binary($0) })
        set.addIfPresent(.pinnedDomainCert, pinnedDomainCert.map { .binary($0) })
        set.addIfPresent(.proximityRegistrarCert, proximityRegistrarCert.map { .binary($0) })
        set.addIfPresent(.proximityRegistrarPubk, proximityRegistrarPubk.map { .binary($0) })
        set.addIfPresent(.proximityRegistrarPubkSha256, proximityRegistrarPubkSha256.map { .binary($0) })
        set.addIfPresent(.priorSignedVoucherRequest, priorSignedVoucherRequest.map { .binary($0) })
        set.addIfPresent(.domainCertRevocationChecks, domainCertRevocationChecks.map { .boolean($0) })
        set.addIfPresent(.lastRenewalDate, lastRenewalDate.map { .dateAndTime($0) })
        return set
    }

    public static func == (a: VoucherRequest, b: VoucherRequest) -> Bool {
        a.leafSet.entries.elementsEqual(b.leafSet.entries) { $0.leaf == $1.leaf && $0.value == $1.value }
    }
}
