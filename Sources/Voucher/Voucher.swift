/// A voucher (RFC 8366 §5.3): the MASA's signed statement that a pledge, named by its serial
/// number, may trust a domain, pinned by a certificate or public key. cBRSKI adds the
/// pinned-domain-pubk leaves.
public struct Voucher: Equatable, Sendable {
    public var assertion: Assertion
    public var createdOn: DateAndTime
    public var expiresOn: DateAndTime?
    public var serialNumber: String
    /// The Authority Key Identifier of the pledge's IDevID issuer (RFC 8366 §5.3).
    public var idevidIssuer: [UInt8]?
    /// DER of the domain certificate (usually the registrar's CA) the pledge is to trust.
    public var pinnedDomainCert: [UInt8]?
    /// DER SubjectPublicKeyInfo of the domain's key (cBRSKI), instead of a certificate.
    public var pinnedDomainPubk: [UInt8]?
    public var pinnedDomainPubkSha256: [UInt8]?
    public var domainCertRevocationChecks: Bool?
    public var nonce: [UInt8]?
    public var lastRenewalDate: DateAndTime?

    public init(
        assertion: Assertion, createdOn: DateAndTime, expiresOn: DateAndTime? = nil, serialNumber: String,
        idevidIssuer: [UInt8]? = nil, pinnedDomainCert: [UInt8]? = nil, pinnedDomainPubk: [UInt8]? = nil,
        pinnedDomainPubkSha256: [UInt8]? = nil, domainCertRevocationChecks: Bool? = nil, nonce: [UInt8]? = nil,
        lastRenewalDate: DateAndTime? = nil
    ) {
        self.assertion = assertion
        self.createdOn = createdOn
        self.expiresOn = expiresOn
        self.serialNumber = serialNumber
        self.idevidIssuer = idevidIssuer
        self.pinnedDomainCert = pinnedDomainCert
        self.pinnedDomainPubk = pinnedDomainPubk
        self.pinnedDomainPubkSha256 = pinnedDomainPubkSha256
        self.domainCertRevocationChecks = domainCertRevocationChecks
        self.nonce = nonce
        self.lastRenewalDate = lastRenewalDate
    }

    init(_ set: LeafSet) throws(VoucherError) {
        guard let assertion = set.assertion(.assertion) else { throw .missingLeaf(VoucherLeaf.assertion.name) }
        guard let createdOn = set.dateAndTime(.createdOn) else { throw .missingLeaf(VoucherLeaf.createdOn.name) }
        guard let serialNumber = set.string(.serialNumber) else { throw .missingLeaf(VoucherLeaf.serialNumber.name) }
        self.init(
            assertion: assertion, createdOn: createdOn, expiresOn: set.dateAndTime(.expiresOn), serialNumber: serialNumber,
            idevidIssuer: set.binary(.idevidIssuer), pinnedDomainCert: set.binary(.pinnedDomainCert),
            pinnedDomainPubk: set.binary(.pinnedDomainPubk), pinnedDomainPubkSha256: set.binary(.pinnedDomainPubkSha256),
            domainCertRevocationChecks: set.boolean(.domainCertRevocationChecks), nonce: set.binary(.nonce),
            lastRenewalDate: set.dateAndTime(.lastRenewalDate))
    }

    var leafSet: LeafSet {
        var set = LeafSet()
        set.addIfPresent(.assertion, .assertion(assertion))
        set.addIfPresent(.createdOn, .dateAndTime(createdOn))
        set.addIfPresent(.expiresOn, expiresOn.map { .dateAndTime($0) })
        set.addIfPresent(.serialNumber, .string(serialNumber))
        set.addIfPresent(.idevidIssuer, idevidIssuer.map { .binary($0) })
        set.addIfPresent(.pinnedDomainCert, pinnedDomainCert.map { .binary($0) })
        set.addIfPresent(.pinnedDomainPubk, pinnedDomainPubk.map { .binary($0) })
        set.addIfPresent(.pinnedDomainPubkSha256, pinnedDomainPubkSha256.map { .binary($0) })
        set.addIfPresent(.domainCertRevocationChecks, domainCertRevocationChecks.map { .boolean($0) })
        set.addIfPresent(.nonce, nonce.map { .binary($0) })
        set.addIfPresent(.lastRenewalDate, lastRenewalDate.map { .dateAndTime($0) })
        return set
    }

    public static func == (a: Voucher, b: Voucher) -> Bool {
        a.leafSet.entries.elementsEqual(b.leafSet.entries) { $0.leaf == $1.leaf && $0.value == $1.value }
    }
}
