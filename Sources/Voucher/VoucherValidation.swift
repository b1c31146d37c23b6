/// The checks a pledge makes on a voucher once its signature verified (RFC 8995 §5.6.1,
/// RFC 8366 §5.6). Pure: the current time, if the pledge has one, is passed in.
extension Voucher {
    /// The voucher carries exactly the nonce the request carried.
    public func nonceMatches(_ request: VoucherRequest) -> Bool {
        guard let sent = request.nonce, let received = nonce else { return false }
        return sent == received
    }

    public func serialNumberMatches(_ serialNumber: String) -> Bool {
        self.serialNumber.utf8.elementsEqual(serialNumber.utf8)
    }

    /// True when expires-on is present and lies before `secondsSince1970`.
    public func isExpired(at secondsSince1970: Int64) -> Bool {
        guard let expiresOn else { return false }
        return expiresOn.secondsSince1970 < secondsSince1970
    }

    /// A trust anchor is pinned (RFC 8366: pinned-domain-cert; cBRSKI: or a public key).
    public var hasPinnedDomain: Bool {
        pinnedDomainCert != nil || pinnedDomainPubk != nil || pinnedDomainPubkSha256 != nil
    }

    /// All of the above for the request the pledge sent: serial number, nonce (if the request
    /// had one), expiry (if the voucher has one; a nonceless voucher with expires-on needs
    /// `now`), and a pinned domain.
    public func validate(for request: VoucherRequest, serialNumber: String, now: Int64?) throws(VoucherError) {
        guard serialNumberMatches(serialNumber) else { throw .rejected(.serialNumberMismatch) }
        if request.nonce != nil {
            guard nonceMatches(request) else { throw .rejected(.nonceMismatch) }
        } else if expiresOn != nil && now == nil {
            throw .rejected(.noClockForNonceless)
        }
        if let now, isExpired(at: now) { throw .rejected(.expired) }
        guard hasPinnedDomain else { throw .rejected(.noPinnedDomain) }
    }
}
