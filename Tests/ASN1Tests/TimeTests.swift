import ASN1
import Foundation
import Testing

@Suite struct TimeTests {
    /// Foundation's calendar is the independent clock arithmetic.
    static func formatted(_ seconds: Int64, _ format: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    @Test func matchesFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        let samples: [Int64] = [0, -631_152_000, 951_782_400, 1_618_350_204, 2_524_607_999, 2_524_608_000, 32_503_680_000]
            + (0..<200).map { _ in Int64.random(in: -631_152_000...32_503_680_000, using: &generator) }
        for seconds in samples {
            let node = DERNode.time(secondsSince1970: seconds)
            guard case .primitive(let tag, let value) = node else { Issue.record("not primitive"); continue }
            let year = Int(Self.formatted(seconds, "yyyy"))!
            let expected = year >= 1950 && year <= 2049
                ? Self.formatted(seconds, "yyMMddHHmmss") + "Z" : Self.formatted(seconds, "yyyyMMddHHmmss") + "Z"
            #expect(tag == (year >= 1950 && year <= 2049 ? DERTag.utcTime : DERTag.generalizedTime))
            #expect(String(decoding: value, as: UTF8.self) == expected, "\(seconds)")
            #expect(try derParseSingle(node.encoded).time() == seconds)
            #expect(try derParseSingle(DERNode.generalizedTime(secondsSince1970: seconds).encoded).time() == seconds)
        }
    }

    @Test func utcTimeCentury() throws {
        // RFC 5280 §4.1.2.5.1: YY ≥ 50 → 19YY, else 20YY.
        #expect(try derParseSingle([0x17, 13] + Array("500101000000Z".utf8)).time() == -631_152_000)
        #expect(try derParseSingle([0x17, 13] + Array("491231235959Z".utf8)).time() == 2_524_607_999)
    }

    @Test func rejectsNonDERForms() {
        for text in ["2104132143Z", "210413214324", "210413214324+0000", "211313214324Z", "210230000000Z", "210413246000Z", "2104132143.4Z"] {
            #expect(throws: ASN1Error.self, "\(text)") { try derParseSingle([0x17, UInt8(text.utf8.count)] + Array(text.utf8)).time() }
        }
        #expect(throws: ASN1Error.self) { try derParseSingle([0x18, 15] + Array("20210413214324Z".utf8).dropLast() + [0x30]).time() }
    }
}
