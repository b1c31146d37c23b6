import ASN1
import Foundation
import Testing
import TestSupport

@Suite struct ReaderTests {
    @Test func hostileLengths() {
        // Length past the end.
        #expect(throws: ASN1Error(.truncated, at: 0)) { try derParseSingle(hex("300501")) }
        // Five length octets.
        #expect(throws: ASN1Error(.lengthTooLong, at: 1)) { try derParseSingle(hex("04850000000001ff")) }
        // Indefinite length (BER only).
        #expect(throws: ASN1Error(.indefiniteLength, at: 1)) { try derParseSingle(hex("30800000")) }
        // Long form for a short length, and a leading zero length octet.
        #expect(throws: ASN1Error(.nonMinimalLength, at: 1)) { try derParseSingle(hex("048105") + [UInt8](repeating: 0, count: 5)) }
        #expect(throws: ASN1Error(.nonMinimalLength, at: 1)) { try derParseSingle(hex("04820080") + [UInt8](repeating: 0, count: 128)) }
        // Length octets missing.
        #expect(throws: ASN1Error(.truncated, at: 1)) { try derParseSingle(hex("0482ff")) }
        #expect(throws: ASN1Error(.truncated, at: 1)) { try derParseSingle(hex("04")) }
        // Multi-byte tag, trailing bytes.
        #expect(throws: ASN1Error(.highTagNumber, at: 0)) { try derParseSingle(hex("1f2000")) }
        #expect(throws: ASN1Error(.trailingBytes, at: 2)) { try derParseSingle(hex("050000")) }
    }

    @Test func deepNestingIsBounded() throws {
        var bytes: [UInt8] = [0x05, 0x00]
        for _ in 0..<200 { bytes = DERNode.sequence([.encoded(bytes)]).encoded }
        #expect(throws: ASN1Error.self) { try DERNode.parse(bytes) }
        do {
            _ = try DERNode.parse(bytes)
        } catch {
            #expect(error.kind == .tooDeep)
        }
        // Exactly at the limit parses.
        var ok: [UInt8] = [0x05, 0x00]
        for _ in 0..<DERReader.maximumDepth { ok = DERNode.sequence([.encoded(ok)]).encoded }
        #expect(try DERNode.parse(ok).encoded == ok)
    }

    @Test func offsetsPointIntoTheInput() throws {
        var reader = try DERReader(hex("3006020101020102"))
        var inner = try reader.enter(DERTag.sequence)
        #expect(try inner.read(DERTag.integer).offset == 2)
        #expect(inner.offset == 5)
        #expect(throws: ASN1Error(.unexpectedTag(expected: DERTag.boolean, found: DERTag.integer), at: 5)) { try inner.read(DERTag.boolean) }
    }

    @Test func primitiveValues() throws {
        #expect(try derParseSingle(hex("0101ff")).boolean() == true)
        #expect(try derParseSingle(hex("010100")).boolean() == false)
        #expect(throws: ASN1Error(.invalidBoolean, at: 0)) { try derParseSingle(hex("010101")).boolean() }
        #expect(throws: ASN1Error(.invalidNull, at: 0)) { try derParseSingle(hex("050100")).null() }
        let bits = try derParseSingle(hex("03020186")).bitString()
        #expect(Array(bits.bytes) == [0x86] && bits.unusedBits == 1)
        #expect(throws: ASN1Error(.invalidBitString, at: 0)) { try derParseSingle(hex("03020187")).bitString() }
        #expect(throws: ASN1Error(.invalidBitString, at: 0)) { try derParseSingle(hex("030101")).bitString() }
        #expect(try derParseSingle(DERNode.printableString("00-D0-E5-F2-00-02").encoded).string() == "00-D0-E5-F2-00-02")
        #expect(throws: ASN1Error(.invalidString, at: 0)) { try derParseSingle(hex("130140")).string() }
        #expect(throws: ASN1Error(.invalidString, at: 0)) { try derParseSingle(hex("160180")).string() }
        #expect(throws: ASN1Error(.invalidString, at: 0)) { try derParseSingle(hex("0c01ff")).string() }
        #expect(try derParseSingle(DERNode.utf8String("Zürich").encoded).string() == "Zürich")
    }

    @Test func explicitAndImplicitTags() {
        #expect(DERNode.explicit(0, .integer(2)).encoded == hex("a003020102"))
        #expect(DERNode.implicit(0, .octetString([1, 2])).encoded == hex("80020102"))
        #expect(DERNode.implicit(1, .sequence([.null])).encoded == hex("a1020500"))
        #expect(DERNode.implicit(2, .encoded(hex("0401ff"))).encoded == hex("8201ff"))
    }

    @Test func setOfIsSorted() {
        let set = DERNode.setOf([.integer(300), .integer(5), .octetString([])])
        #expect(set.encoded == hex("3109 020105 0202012c 0400"))
    }

    /// Real certificates (from the RFC 8995 vectors, written by OpenSSL) parse into a tree that
    /// re-encodes to the same bytes; long lengths (0x82) appear in them.
    @Test(arguments: ["masa.crt", "jrc_prime256v1.crt", "idevid_00-D0-E5-F2-00-02.crt", "ownerca_secp384r1.crt"])
    func certificateRoundTrip(file: String) throws {
        let der = try pemFile(Shared.vector("brski-rfc8995/" + file))
        let tree = try DERNode.parse(der)
        #expect(tree.encoded == der)
        guard case .constructed(_, let children) = tree else { Issue.record("not constructed"); return }
        #expect(children.count == 3)
        #expect(try DERNode.parse(tree.encoded) == tree)
    }

    @Test func builtTreesRoundTrip() throws {
        let tree = DERNode.sequence([
            .integer(-5), .boolean(true), .null, .oid(ASN1ObjectIdentifier(arcs: 1, 2, 3)),
            .octetString([UInt8](repeating: 7, count: 300)), .bitString([0xA0], unusedBits: 5),
            .utf8String("x"), .printableString("A b"), .ia5String("a@b"), .utcTime(secondsSince1970: 0),
            .generalizedTime(secondsSince1970: 4_102_444_800), .explicit(3, .sequence([])),
            .implicit(0, .octetString([9])), .setOf([.integer(2), .integer(1)]),
        ])
        let bytes = tree.encoded
        // setOf holds pre-encoded children; compare through a second parse/emit cycle.
        let parsed = try DERNode.parse(bytes)
        #expect(parsed.encoded == bytes)
        #expect(try DERNode.parse(parsed.encoded) == parsed)
        // openssl agrees it is one well-formed element using every byte.
        let path = NSTemporaryDirectory() + "asn1-tree-\(getpid()).der"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let text = String(decoding: try run(["openssl", "asn1parse", "-inform", "DER", "-in", path]), as: UTF8.self)
        #expect(text.contains("UTCTIME           :700101000000Z"))
        #expect(text.contains("GENERALIZEDTIME   :21000101000000Z"))
        #expect(text.contains("INTEGER           :-05"))
    }
}
