import ASN1
import Testing

@Suite struct IntegerTests {
    /// X.690 §8.3 two's complement, minimal octets.
    static let cases: [(Int64, String)] = [
        (0, "020100"), (1, "020101"), (127, "02017f"), (128, "02020080"), (256, "02020100"),
        (-1, "0201ff"), (-128, "020180"), (-129, "0202ff7f"), (65_535, "020300ffff"),
        (Int64.max, "02087fffffffffffffff"), (Int64.min, "02088000000000000000"),
    ]

    @Test func encodeAndDecode() throws {
        for (value, der) in Self.cases {
            #expect(DERNode.integer(value).encoded == hex(der), "\(value)")
            #expect(try derParseSingle(hex(der)).int64() == value, "\(value)")
        }
    }

    @Test func unsignedMagnitudes() throws {
        #expect(DERNode.integer(unsignedBigEndian: [0xFF]).encoded == hex("020200ff"))
        #expect(DERNode.integer(unsignedBigEndian: [0, 0, 1]).encoded == hex("020101"))
        #expect(DERNode.integer(unsignedBigEndian: []).encoded == hex("020100"))
        #expect(try derParseSingle(hex("020200ff")).unsignedIntegerBytes() == [0xFF])
        #expect(throws: ASN1Error(.integerOutOfRange, at: 0)) { try derParseSingle(hex("0201ff")).unsignedIntegerBytes() }
    }

    @Test func rejectsNonMinimalAndEmpty() {
        #expect(throws: ASN1Error(.invalidInteger, at: 0)) { try derParseSingle(hex("0200")).int64() }
        #expect(throws: ASN1Error(.invalidInteger, at: 0)) { try derParseSingle(hex("0202007f")).int64() }
        #expect(throws: ASN1Error(.invalidInteger, at: 0)) { try derParseSingle(hex("0202ff80")).int64() }
        #expect(throws: ASN1Error(.integerOutOfRange, at: 0)) { try derParseSingle(hex("0209010000000000000000")).int64() }
    }
}
