import Foundation
import Testing
import Voucher

/// date-and-time and base64 against Foundation, and the pledge's acceptance checks.
@Suite struct ValueTests {
    @Test(arguments: [
        "1970-01-01T00:00:00Z", "2021-04-13T17:43:24.589-04:00", "2022-12-06T20:23:30.708Z", "2000-02-29T23:59:59+14:00",
        "1969-12-31T23:59:59.999Z", "2100-03-01T00:00:00-00:30", "9999-12-31T23:59:59Z", "1600-02-29T12:00:00Z",
    ])
    func dateAndTimeMatchesFoundation(text: String) throws {
        let date = try #require(DateAndTime(text))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        let expected = try #require(formatter.date(from: text)).timeIntervalSince1970
        #expect(date.secondsSince1970 == Int64(expected.rounded(.down)))
        #expect(date.text == text)
        // UTC re-formatting agrees with Foundation's.
        let utc = DateAndTime(secondsSince1970: date.secondsSince1970)
        let plain = ISO8601DateFormatter()
        #expect(utc.text == plain.string(from: Date(timeIntervalSince1970: TimeInterval(date.secondsSince1970))))
        #expect(DateAndTime(utc.text)?.secondsSince1970 == date.secondsSince1970)
    }

    @Test(arguments: [
        "", "2021-04-13", "2021-04-13T17:43:24", "2021-04-13 17:43:24Z", "2021-04-13t17:43:24z", "2021-13-01T00:00:00Z",
        "2021-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2021-04-31T00:00:00Z", "2021-04-13T24:00:00Z", "2021-04-13T23:60:00Z",
        "2021-04-13T23:59:61Z", "2021-04-13T00:00:00.Z", "2021-04-13T00:00:00+0400", "2021-04-13T00:00:00+24:00",
        "21-04-13T00:00:00Z", "2021-04-13T00:00:00ZZ", "2021-04-13T00:00:00Z ", "２021-04-13T00:00:00Z",
    ])
    func dateAndTimeRejects(text: String) {
        #expect(DateAndTime(text) == nil)
    }

    @Test func base64AgainstFoundation() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<80 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Base64.encode(bytes)
            #expect(text == Data(bytes).base64EncodedString())
            #expect(Base64.decode(text) == bytes)
            // URL-safe alphabet without padding, as RFC 8995 Appendix C writes nonces.
            let url = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Base64.decode(url) == bytes)
        }
    }

    @Test(arguments: ["A", "AB=", "A===", "AB=C", "AB C", "ABC\n", "AB==AB==", "AB*D", "AR==", "ABD="])
    func base64Rejects(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    static let request = VoucherRequest(assertion: .proximity, serialNumber: "JADA123456789", nonce: [1, 2, 3])
    static func voucher(nonce: [UInt8]? = [1, 2, 3], expires: Int64? = nil, pinned: Bool = true, serial: String = "JADA123456789") -> Voucher {
        Voucher(
            assertion: .proximity, createdOn: DateAndTime(secondsSince1970: 1000),
            expiresOn: expires.map { DateAndTime(secondsSince1970: $0) }, serialNumber: serial,
            pinnedDomainCert: pinned ? [0x30, 0x00] : nil, nonce: nonce)
    }

    @Test func validation() throws {
        try Self.voucher().validate(for: Self.request, serialNumber: "JADA123456789", now: nil)
        #expect(throws: VoucherError.rejected(.serialNumberMismatch)) {
            try Self.voucher(serial: "JADA12345678").validate(for: Self.request, serialNumber: "JADA123456789", now: nil)
        }
        #expect(throws: VoucherError.rejected(.nonceMismatch)) {
            try Self.voucher(nonce: [1, 2, 4]).validate(for: Self.request, serialNumber: "JADA123456789", now: nil)
        }
        #expect(throws: VoucherError.rejected(.nonceMismatch)) {
            try Self.voucher(nonce: nil).validate(for: Self.request, serialNumber: "JADA123456789", now: nil)
        }
        #expect(throws: VoucherError.rejected(.noPinnedDomain)) {
            try Self.voucher(pinned: false).validate(for: Self.request, serialNumber: "JADA123456789", now: nil)
        }
        // Nonceless: expiry decides, and needs a time.
        let nonceless = VoucherRequest(serialNumber: "JADA123456789")
        try Self.voucher(nonce: nil, expires: 2000).validate(for: nonceless, serialNumber: "JADA123456789", now: 2000)
        #expect(throws: VoucherError.rejected(.expired)) {
            try Self.voucher(nonce: nil, expires: 2000).validate(for: nonceless, serialNumber: "JADA123456789", now: 2001)
        }
        #expect(throws: VoucherError.rejected(.noClockForNonceless)) {
            try Self.voucher(nonce: nil, expires: 2000).validate(for: nonceless, serialNumber: "JADA123456789", now: nil)
        }
        #expect(Self.voucher(expires: 5).isExpired(at: 6) && !Self.voucher(expires: 5).isExpired(at: 5) && !Self.voucher().isExpired(at: .max))
    }
}
