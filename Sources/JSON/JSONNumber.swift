/// A JSON number, kept as its text: RFC 8259 §6 leaves range and precision to the
/// implementation, so the text is the only lossless form, and it re-emits byte for byte.
public struct JSONNumber: Sendable, Equatable {
    /// The number as it appears in JSON text (grammar of RFC 8259 §6).
    public let text: String

    /// From text matching the RFC 8259 number grammar; nil otherwise.
    public init?(_ text: String) {
        guard JSONNumber.grammarLength(Array(text.utf8), from: 0) == text.utf8.count else { return nil }
        self.text = text
    }

    init(validatedText: String) {
        self.text = validatedText
    }

    public static func == (a: JSONNumber, b: JSONNumber) -> Bool {
        a.text.utf8.elementsEqual(b.text.utf8)
    }

    /// The value if the number is an integer (no fraction, no exponent) that fits in Int64.
    public var int64Value: Int64? {
        var bytes = text.utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var magnitude: UInt64 = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - 0x30))
            if o1 || o2 { return nil }
            magnitude = sum
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The value as a Double. Correctly rounded when the decimal significand has at most 15
    /// digits and the decimal exponent is within ±22 (Clinger's fast path: one exact operand
    /// and one rounding); otherwise within a few units in the last place. The Embedded Swift
    /// runtime has no strtod, and nothing in BRSKI needs more than this.
    public var doubleValue: Double {
        var significand: UInt64 = 0
        var digits = 0
        var exponent = 0
        var negative = false
        var seenPoint = false
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                var exponentNegative = false
                var value = 0
                while let e = iterator.next() {
                    if e == UInt8(ascii: "-") { exponentNegative = true } else if e >= 0x30, e <= 0x39 {
                        // Saturate: anything past ±100000 is zero or infinity anyway.
                        value = min(value * 10 + Int(e - 0x30), 100_000)
                    }
                }
                exponent += exponentNegative ? -value : value
            default:
                // Keep 19 significant digits (fits UInt64); count dropped ones in the exponent.
                if significand == 0 && byte == 0x30 {
                    if seenPoint { exponent -= 1 }
                } else if digits < 19 {
                    significand = significand * 10 + UInt64(byte - 0x30)
                    digits += 1
                    if seenPoint { exponent -= 1 }
                } else if !seenPoint {
                    exponent += 1
                }
            }
        }
        var value = Double(significand)
        if exponent < 0 {
            value = scaleDown(value, by: -exponent)
        } else if exponent > 0 {
            value = scaleUp(value, by: exponent)
        }
        return negative ? -value : value
    }

    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    private func scaleUp(_ value: Double, by exponent: Int) -> Double {
        var value = value
        var remaining = exponent
        while remaining > 22 && value.isFinite && value != 0 {
            value *= 1e22
            remaining -= 22
        }
        return value * JSONNumber.exactPowersOfTen[min(remaining, 22)]
    }

    private func scaleDown(_ value: Double, by exponent: Int) -> Double {
        var value = value
        var remaining = exponent
        while remaining > 22 && value != 0 {
            // Divide in steps that stay in the normal range as long as possible.
            value /= 1e22
            remaining -= 22
        }
        return value / JSONNumber.exactPowersOfTen[min(remaining, 22)]
    }

    /// Length of the longest prefix of `bytes[start...]` matching
    /// `[ minus ] int [ frac ] [ exp ]`, or nil if there is none.
    static func grammarLength(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        func isDigit(_ k: Int) -> Bool { k < bytes.count && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
        if i < bytes.count && bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { return nil }
        if bytes[i] == 0x30 {
            i += 1
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
        }
        return i - start
    }
}
