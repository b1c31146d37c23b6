import CBOR
import Testing

/// RFC 8949 Appendix A, Table 6: every example whose diagnostic form our value model can state,
/// decoded and re-encoded byte for byte.
@Suite struct AppendixATests {
    static func text(_ s: String) -> CBORValue { .text(s) }
    static func ints(_ values: [UInt64]) -> CBORValue { .array(values.map { .unsigned($0) }) }

    static let examples: [(value: CBORValue, encoding: String)] = [
        (.unsigned(0), "00"), (.unsigned(1), "01"), (.unsigned(10), "0a"), (.unsigned(23), "17"),
        (.unsigned(24), "1818"), (.unsigned(25), "1819"), (.unsigned(100), "1864"), (.unsigned(1000), "1903e8"),
        (.unsigned(1_000_000), "1a000f4240"), (.unsigned(1_000_000_000_000), "1b000000e8d4a51000"),
        (.unsigned(18_446_744_073_709_551_615), "1bffffffffffffffff"),
        (.negative(18_446_744_073_709_551_615), "3bffffffffffffffff"),  // -18446744073709551616
        (.integer(-1), "20"), (.integer(-10), "29"), (.integer(-100), "3863"), (.integer(-1000), "3903e7"),
        (.float(0.0), "f90000"), (.float(-0.0), "f98000"), (.float(1.0), "f93c00"), (.float(1.1), "fb3ff199999999999a"),
        (.float(1.5), "f93e00"), (.float(65504.0), "f97bff"), (.float(100000.0), "fa47c35000"),
        (.float(3.4028234663852886e+38), "fa7f7fffff"), (.float(1.0e+300), "fb7e37e43c8800759c"),
        (.float(5.960464477539063e-8), "f90001"), (.float(0.00006103515625), "f90400"), (.float(-4.0), "f9c400"),
        (.float(-4.1), "fbc010666666666666"), (.float(.infinity), "f97c00"), (.float(.nan), "f97e00"),
        (.float(-.infinity), "f9fc00"),
        (.bool(false), "f4"), (.bool(true), "f5"), (.null, "f6"), (.undefined, "f7"),
        (.simple(16), "f0"), (.simple(255), "f8ff"),
        (.tagged(0, text("2013-03-21T20:04:00Z")), "c074323031332d30332d32315432303a30343a30305a"),
        (.tagged(1, .unsigned(1_363_896_240)), "c11a514b67b0"),
        (.tagged(1, .float(1_363_896_240.5)), "c1fb41d452d9ec200000"),
        (.tagged(23, .bytes([1, 2, 3, 4])), "d74401020304"),
        (.tagged(24, .bytes(hex("6449455446"))), "d818456449455446"),
        (.tagged(32, text("http://www.example.com")), "d82076687474703a2f2f7777772e6578616d706c652e636f6d"),
        (.bytes([]), "40"), (.bytes([1, 2, 3, 4]), "4401020304"),
        (text(""), "60"), (text("a"), "6161"), (text("IETF"), "6449455446"), (text("\"\\"), "62225c"),
        (text("\u{00fc}"), "62c3bc"), (text("\u{6c34}"), "63e6b0b4"), (text("\u{10151}"), "64f0908591"),
        (.array([]), "80"), (ints([1, 2, 3]), "83010203"),
        (.array([.unsigned(1), ints([2, 3]), ints([4, 5])]), "8301820203820405"),
        (ints(Array(1...25)), "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
        (.map([]), "a0"),
        (.map([(.unsigned(1), .unsigned(2)), (.unsigned(3), .unsigned(4))]), "a201020304"),
        (.map([(text("a"), .unsigned(1)), (text("b"), ints([2, 3]))]), "a26161016162820203"),
        (.array([text("a"), .map([(text("b"), text("c"))])]), "826161a161626163"),
        (.map(["a", "b", "c", "d", "e"].map { (text($0), text($0.uppercased())) }),
         "a56161614161626142616361436164614461656145"),
    ]

    @Test(arguments: 0..<examples.count) func decodesAndEncodesExactly(index: Int) throws {
        let (value, encoding) = Self.examples[index]
        #expect(value.encode() == hex(encoding), "encode \(encoding)")
        #expect(try CBORValue.decode(hex(encoding)) == value, "decode \(encoding)")
    }

    /// The indefinite-length examples decode to the same values as their definite forms, and
    /// re-encode in the preferred (definite) form.
    static let indefinite: [(encoding: String, definite: String)] = [
        ("5f42010243030405ff", "450102030405"),
        ("7f657374726561646d696e67ff", "6973747265616d696e67"),
        ("9fff", "80"),
        ("9f018202039f0405ffff", "8301820203820405"),
        ("9f01820203820405ff", "8301820203820405"),
        ("83018202039f0405ff", "8301820203820405"),
        ("83019f0203ff820405", "8301820203820405"),
        ("9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff",
         "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
        ("bf61610161629f0203ffff", "a26161016162820203"),
        ("826161bf61626163ff", "826161a161626163"),
        ("bf6346756ef563416d7421ff", "a26346756ef563416d7421"),
    ]

    @Test(arguments: 0..<indefinite.count) func indefiniteLengthsDecode(index: Int) throws {
        let (encoding, definite) = Self.indefinite[index]
        let value = try CBORValue.decode(hex(encoding))
        #expect(value == (try CBORValue.decode(hex(definite))))
        #expect(value.encode() == hex(definite))
    }

    /// Tags 6–20 fit in the initial byte (0xc6–0xd4); libcbor's decoder refuses them, the bridge
    /// must not: COSE_Sign1 is tag 18.
    @Test func oneByteTagsSixToTwenty() throws {
        for number in UInt64(6)...20 {
            let encoding = [0xC0 + UInt8(number), 0x80]
            #expect(CBORValue.tagged(number, .array([])).encode() == encoding)
            #expect(try CBORValue.decode(encoding) == .tagged(number, .array([])))
        }
        #expect(try CBORValue.decode(hex("d2d1c600")) == .tagged(18, .tagged(17, .tagged(6, .unsigned(0)))))
    }

    @Test func integerHelpers() throws {
        #expect(CBORValue.integer(-1000) == .negative(999))
        #expect(CBORValue.integer(Int64.min).integerValue == Int64.min)
        #expect(CBORValue.negative(UInt64.max).integerValue == nil)
        let map = try CBORValue.decode(hex("a26161016162820203"))
        #expect(map[.text("b")] == .array([.unsigned(2), .unsigned(3)]))
        #expect(map[.text("z")] == nil)
    }
}
