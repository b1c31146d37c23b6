import ASN1
import CMbedTLS

/// A certificate validity time, UTC, as the certificate states it.
public struct CertificateTime: Equatable, Comparable, Sendable {
    public var year, month, day, hour, minute, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// The UTC calendar time of `seconds` since 1970-01-01T00:00:00Z, so a caller can turn its
    /// clock reading into the time certificates are checked against (proleptic Gregorian
    /// calendar; the one conversion DER times use too).
    public init(secondsSince1970 seconds: Int64) {
        let civil = DERTime.civil(seconds)
        self.init(year: civil.year, month: civil.month, day: civil.day,
                  hour: civil.hour, minute: civil.minute, second: civil.second)
    }

    init(_ time: mbedtls_x509_time) {
        self.init(
            year: Int(time.year), month: Int(time.mon), day: Int(time.day),
            hour: Int(time.hour), minute: Int(time.min), second: Int(time.sec))
    }

    public static func < (a: CertificateTime, b: CertificateTime) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute, a.second) < (b.year, b.month, b.day, b.hour, b.minute, b.second)
    }
}
