import Foundation
import JSON
import Testing

@Suite struct RoundTripTests {
    /// Compact text parses and re-serializes to the same bytes (member order, number text and
    /// unescaped non-ASCII all preserved).
    @Test(arguments: [
        #"{"b":1,"a":[1.50,-0,2E+3],"c":{"d":null,"e":"x\"y\\z\n\u0001"},"f":"é€😀"}"#,
        #"[[],{},"",0,true,false,null]"#,
        #"{"ietf-voucher:voucher":{"assertion":"logged","serial-number":"00-D0-E5-F2-00-02"}}"#,
    ])
    func compactTextIsReproduced(text: String) throws {
        let value = try JSONValue.parse(text)
        #expect(value.text == text)
    }

    /// Escapes that are not needed are normalized: \/ and \u0041 become the plain characters,
    /// control characters keep the short escape or \u00XX.
    @Test func serializerEscapesExactlyWhatRFC8259Requires() throws {
        let value = try JSONValue.parse(#""\/\u0041\u001f\b\u00e9""#)
        #expect(value.text == #""/A\u001f\bé""#)
        // Foundation reads our escapes back to the same string.
        let decoded = try JSONSerialization.jsonObject(with: Data(value.serialized()), options: [.fragmentsAllowed]) as? String
        #expect(decoded == "/A\u{1F}\u{8}é")
    }

    /// Every string of one scalar in the control range and some beyond survives a round trip,
    /// and Foundation parses what we emit to the same string.
    @Test func everyControlCharacter() throws {
        for scalar in (0..<0x20).map({ UnicodeScalar(UInt8($0)) }) + ["\u{7F}", "\u{2028}", "\u{10FFFF}"] {
            let string = String(Character(scalar))
            let emitted = JSONValue.string(string).serialized()
            #expect(try JSONValue.parse(emitted) == .string(string))
            let decoded = try JSONSerialization.jsonObject(with: Data(emitted), options: [.fragmentsAllowed]) as? String
            #expect(decoded == string)
        }
    }
}
