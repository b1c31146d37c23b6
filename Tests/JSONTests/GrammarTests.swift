import Foundation
import JSON
import Testing

/// Must-accept and must-reject cases in the manner of JSONTestSuite, written from the RFC 8259
/// grammar (§2–§8), plus the RFC's own examples. Accepted texts are also checked against
/// Foundation's JSONSerialization as an independent parser.
@Suite struct GrammarTests {
    static let accepted: [String] = [
        "[]", "{}", " [ ] ", "\t\r\n{}\n", "0", "-0", "1", "-1", "123", "1.5", "-0.0e0", "1e10", "1E+2",
        "1e-2", "12345678901234567890", "1.7976931348623157e308", "\"\"", "\"a\"", "true", "false", "null",
        "[1,2,3]", "{\"a\":1,\"b\":[true,false,null]}", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]",
        "\"\\u0041\\u00e9\\u20AC\"", "\"\\ud83d\\ude00\"", "\"€😀\"", "[[[[[]]]]]", "{\"\":0}",
        "{\"a\":{\"a\":{}}}", "\"\\u0000\"", "[1 , 2 ]", "\"\u{7F}\"",
    ]

    static let rejected: [(String, JSONError.Kind)] = [
        ("", .truncated), (" ", .truncated), ("[", .truncated), ("[1,", .truncated), ("{\"a\"", .truncated),
        ("\"abc", .truncated), ("[1,]", .unexpectedByte(UInt8(ascii: "]"))), ("{\"a\":1,}", .unexpectedByte(UInt8(ascii: "}"))),
        ("[,1]", .unexpectedByte(UInt8(ascii: ","))), ("[1 2]", .unexpectedByte(UInt8(ascii: "2"))),
        ("{'a':1}", .unexpectedByte(UInt8(ascii: "'"))), ("{a:1}", .unexpectedByte(UInt8(ascii: "a"))),
        ("{\"a\" 1}", .unexpectedByte(UInt8(ascii: "1"))), ("// c\n[]", .unexpectedByte(UInt8(ascii: "/"))),
        ("[] /* c */", .trailingBytes), ("[]]", .trailingBytes), ("1 2", .trailingBytes), ("01", .trailingBytes),
        ("-", .invalidNumber), ("+1", .unexpectedByte(UInt8(ascii: "+"))), ("1.", .invalidNumber), (".5", .unexpectedByte(UInt8(ascii: "."))),
        ("1e", .invalidNumber), ("1e+", .invalidNumber), ("-a", .invalidNumber), ("NaN", .unexpectedByte(UInt8(ascii: "N"))),
        ("Infinity", .unexpectedByte(UInt8(ascii: "I"))), ("tru", .truncated), ("trUe", .unexpectedByte(UInt8(ascii: "U"))),
        ("nul", .truncated), ("True", .unexpectedByte(UInt8(ascii: "T"))), ("\"\t\"", .invalidString),
        ("\"\n\"", .invalidString), ("\"\\x41\"", .invalidEscape), ("\"\\u12G4\"", .invalidEscape), ("\"\\u12", .truncated),
        ("\"\\ud800\"", .invalidEscape), ("\"\\udc00\"", .invalidEscape), ("\"\\ud800\\u0041\"", .invalidEscape),
        ("\"\\ud800x\"", .invalidEscape), ("\"\\'\"", .invalidEscape), ("{\"a\":1,\"a\":2}", .duplicateMember),
        ("[\u{FEFF}]", .unexpectedByte(0xEF)),
    ]

    @Test(arguments: accepted) func accepts(text: String) throws {
        let value = try JSONValue.parse(text)
        // Foundation agrees the text is JSON.
        _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        // Our compact form parses back to the same value.
        #expect(try JSONValue.parse(value.serialized()) == value)
    }

    @Test(arguments: 0..<rejected.count) func rejects(index: Int) {
        let (text, kind) = Self.rejected[index]
        #expect(throws: JSONError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.kind == kind, "\(text): \(error)")
        }
    }

    /// Bytes that are not UTF-8 inside strings: overlong forms, encoded surrogates, beyond
    /// U+10FFFF, stray continuation bytes, truncated sequences (RFC 3629 §4, RFC 8259 §8.1).
    @Test(arguments: [
        [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF5, 0x80, 0x80, 0x80], [0x80], [0xBF], [0xC3], [0xE2, 0x82], [0xFF], [0xFE],
    ] as [[UInt8]])
    func rejectsInvalidUTF8(sequence: [UInt8]) {
        let text: [UInt8] = [0x22] + sequence + [0x22]
        #expect(throws: JSONError.self) { try JSONValue.parse(text) }
        // Foundation agrees.
        #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed]) }
    }

    @Test func decodesEscapesToTheRightScalars() throws {
        #expect(try JSONValue.parse("\"\\u0041\\u00e9\\u20AC\\ud83d\\ude00\\/\"") == .string("Aé€😀/"))
        #expect(try JSONValue.parse("\"\\u0000\"").stringValue?.utf8.elementsEqual([0]) == true)
    }

    @Test func errorsCarryOffsets() {
        do {
            _ = try JSONValue.parse("[1, 2, x]")
            Issue.record("accepted")
        } catch {
            #expect(error == JSONError(.unexpectedByte(UInt8(ascii: "x")), offset: 7))
        }
    }

    /// RFC 8259 §13, the two examples.
    @Test func rfc8259Examples() throws {
        let image = """
        {
          "Image": {
              "Width":  800,
              "Height": 600,
              "Title":  "View from 15th Floor",
              "Thumbnail": {
                  "Url":    "http://www.example.com/image/481989943",
                  "Height": 125,
                  "Width":  100
              },
              "Animated" : false,
              "IDs": [116, 943, 234, 38793]
            }
        }
        """
        let value = try JSONValue.parse(image)
        #expect(value["Image"]?["Width"]?.int64Value == 800)
        #expect(value["Image"]?["Thumbnail"]?["Url"]?.stringValue == "http://www.example.com/image/481989943")
        #expect(value["Image"]?["Animated"]?.boolValue == false)
        #expect(value["Image"]?["IDs"] == .array([.integer(116), .integer(943), .integer(234), .integer(38793)]))
        #expect(value.text == #"{"Image":{"Width":800,"Height":600,"Title":"View from 15th Floor","Thumbnail":{"Url":"http://www.example.com/image/481989943","Height":125,"Width":100},"Animated":false,"IDs":[116,943,234,38793]}}"#)

        let places = """
        [
          {
             "precision": "zip",
             "Latitude":  37.7668,
             "Longitude": -122.3959,
             "Address":   "",
             "City":      "SAN FRANCISCO",
             "State":     "CA",
             "Zip":       "94107",
             "Country":   "US"
          },
          {
             "precision": "zip",
             "Latitude":  37.371991,
             "Longitude": -122.026020,
             "Address":   "",
             "City":      "SUNNYVALE",
             "State":     "CA",
             "Zip":       "94085",
             "Country":   "US"
          }
        ]
        """
        guard case .array(let entries) = try JSONValue.parse(places), entries.count == 2,
              case .number(let longitude) = entries[1]["Longitude"]
        else {
            Issue.record("not two places")
            return
        }
        #expect(longitude.text == "-122.026020")
        #expect(longitude.doubleValue == -122.02602)
        #expect(try JSONValue.parse("\"Hello world!\"") == .string("Hello world!"))
        #expect(try JSONValue.parse("42").int64Value == 42)
        #expect(try JSONValue.parse("true") == .bool(true))
    }
}
