import Foundation
import JSON
import Testing

/// Numbers keep their text; the accessors are checked against Foundation's conversions.
@Suite struct NumberTests {
    @Test func int64Range() throws {
        #expect(try JSONValue.parse("9223372036854775807").int64Value == Int64.max)
        #expect(try JSONValue.parse("-9223372036854775808").int64Value == Int64.min)
        #expect(try JSONValue.parse("9223372036854775808").int64Value == nil)
        #expect(try JSONValue.parse("-9223372036854775809").int64Value == nil)
        #expect(try JSONValue.parse("1.0").int64Value == nil)
        #expect(try JSONValue.parse("1e2").int64Value == nil)
        #expect(try JSONValue.parse("-0").int64Value == 0)
    }

    /// Inside the fast path the value is correctly rounded: equal to strtod's.
    @Test(arguments: ["0", "-0.5", "3.14159", "1e22", "123456789012345", "0.000001", "-2.5e-10", "4.35", "1E-22", "9007199254740993"])
    func fastPathMatchesStrtod(text: String) throws {
        guard case .number(let number) = try JSONValue.parse(text) else { return }
        #expect(number.doubleValue == Double(text)!)
        #expect(number.text == text)
    }

    /// Outside it, within a relative error of 1e-14.
    @Test(arguments: ["1.7976931348623157e308", "2.2250738585072014e-308", "12345678901234567890123e-5", "1e300", "6.02214076e23", "1e-300"])
    func slowPathIsClose(text: String) throws {
        guard case .number(let number) = try JSONValue.parse(text) else { return }
        let expected = Double(text)!
        #expect(abs(number.doubleValue - expected) <= abs(expected) * 1e-14)
    }

    @Test func extremeExponentsSaturate() throws {
        guard case .number(let big) = try JSONValue.parse("1e999999999999"),
              case .number(let small) = try JSONValue.parse("1e-999999999999") else { return }
        #expect(big.doubleValue == .infinity)
        #expect(small.doubleValue == 0)
    }

    @Test func numberInitChecksGrammar() {
        #expect(JSONNumber("1.5e3")?.text == "1.5e3")
        #expect(JSONNumber("01") == nil)
        #expect(JSONNumber("1.") == nil)
        #expect(JSONNumber("") == nil)
    }
}
