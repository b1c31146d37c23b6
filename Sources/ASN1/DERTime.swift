/// UTCTime and GeneralizedTime in their DER forms (X.690 §11.7–11.8: UTC, `Z`, seconds present, no
/// fraction) converted to and from seconds since 1970-01-01T00:00:00Z, so callers pass their
/// clock reading and no calendar type is needed. RFC 5280 §4.1.2.5: UTCTime for 1950–2049,
/// GeneralizedTime otherwise; a two-digit year below 50 is 20YY.
public enum DERTime {
    /// The tag RFC 5280 prescribes for this instant.
    public static func tag(forSecondsSince1970 seconds: Int64) -> UInt8 {
        let year = civil(seconds).year
        return year >= 1950 && year <= 2049 ? DERTag.utcTime : DERTag.generalizedTime
    }

    /// Content octets for `tag` (UTCTime or GeneralizedTime).
    public static func encode(secondsSince1970 seconds: Int64, tag: UInt8) -> [UInt8] {
        let c = civil(seconds)
        var text = tag == DERTag.utcTime ? digits(c.year % 100, 2) : digits(c.year, 4)
        text += digits(c.month, 2) + digits(c.day, 2) + digits(c.hour, 2) + digits(c.minute, 2) + digits(c.second, 2) + "Z"
        return Array(text.utf8)
    }

    /// Seconds since 1970 from UTCTime or GeneralizedTime content.
    public static func decode(_ value: ArraySlice<UInt8>, tag: UInt8, offset: Int) throws(ASN1Error) -> Int64 {
        let yearDigits = tag == DERTag.utcTime ? 2 : 4
        guard tag == DERTag.utcTime || tag == DERTag.generalizedTime,
              value.count == yearDigits + 11, value.last == UInt8(ascii: "Z") else { throw ASN1Error(.invalidTime, at: offset) }
        var fields: [Int] = []
        var index = value.startIndex
        for width in [yearDigits, 2, 2, 2, 2, 2] {
            var number = 0
            for _ in 0..<width {
                let byte = value[index]
                guard byte >= 0x30 && byte <= 0x39 else { throw ASN1Error(.invalidTime, at: offset) }
                number = number * 10 + Int(byte - 0x30)
                index += 1
            }
            fields.append(number)
        }
        var year = fields[0]
        if tag == DERTag.utcTime { year += year < 50 ? 2000 : 1900 }
        let (month, day, hour, minute, second) = (fields[1], fields[2], fields[3], fields[4], fields[5])
        guard month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { throw ASN1Error(.invalidTime, at: offset) }
        let days = daysFromCivil(year: year, month: month, day: day)
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// A UTC calendar time.
    public struct Civil: Equatable, Sendable { public var year, month, day, hour, minute, second: Int }

    /// Days-to-civil after H. Hinnant's `civil_from_days` (proleptic Gregorian calendar). Public
    /// because certificate validity checks (Crypto.CertificateTime) need the same conversion.
    public static func civil(_ seconds: Int64) -> Civil {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return Civil(year: Int(year), month: Int(month), day: Int(day),
                     hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60)
    }

    /// Hinnant's `days_from_civil`.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension DERElement {
    /// A UTCTime or GeneralizedTime as seconds since 1970.
    public func time() throws(ASN1Error) -> Int64 {
        try DERTime.decode(value, tag: tag, offset: offset)
    }
}
