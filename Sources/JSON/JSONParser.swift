/// Strict RFC 8259 parsing: exactly the grammar, no extensions (no comments, no trailing
/// commas, no NaN, no single quotes), valid UTF-8 only, unique member names.
extension JSONValue {
    /// Parses one JSON text (a value with optional surrounding whitespace).
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) throws(JSONError) -> JSONValue {
        guard bytes.count <= limits.maxBytes else { throw JSONError(.tooLarge, offset: limits.maxBytes) }
        var parser = JSONParser(bytes: bytes, maxDepth: limits.maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw JSONError(.trailingBytes, offset: parser.index) }
        return value
    }

    /// Parses JSON text given as a String (its UTF-8 bytes).
    public static func parse(_ text: String, limits: JSONLimits = JSONLimits()) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8), limits: limits)
    }
}

struct JSONParser {
    let bytes: [UInt8]
    let maxDepth: Int
    var index = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func peek() throws(JSONError) -> UInt8 {
        guard index < bytes.count else { throw JSONError(.truncated, offset: index) }
        return bytes[index]
    }

    mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        let byte = try peek()
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), 0x30...0x39: return .number(try parseNumber())
        default: throw JSONError(.unexpectedByte(byte), offset: index)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        for expected in UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount) {
            guard index < bytes.count else { throw JSONError(.truncated, offset: index) }
            guard bytes[index] == expected else { throw JSONError(.unexpectedByte(bytes[index]), offset: index) }
            index += 1
        }
    }

    private mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = index
        guard let length = JSONNumber.grammarLength(bytes, from: start) else {
            throw JSONError(.invalidNumber, offset: start)
        }
        index += length
        return JSONNumber(validatedText: String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maxDepth else { throw JSONError(.tooDeep, offset: index) }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            let byte = try peek()
            index += 1
            if byte == UInt8(ascii: "]") { return .array(elements) }
            guard byte == UInt8(ascii: ",") else { throw JSONError(.unexpectedByte(byte), offset: index - 1) }
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maxDepth else { throw JSONError(.tooDeep, offset: index) }
        let start = index
        index += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            let byte = try peek()
            guard byte == UInt8(ascii: "\"") else { throw JSONError(.unexpectedByte(byte), offset: index) }
            let name = try parseString()
            skipWhitespace()
            let colon = try peek()
            guard colon == UInt8(ascii: ":") else { throw JSONError(.unexpectedByte(colon), offset: index) }
            index += 1
            skipWhitespace()
            members.append(JSONMember(name, try parseValue(depth: depth)))
            skipWhitespace()
            let separator = try peek()
            index += 1
            if separator == UInt8(ascii: "}") { break }
            guard separator == UInt8(ascii: ",") else { throw JSONError(.unexpectedByte(separator), offset: index - 1) }
        }
        if JSONParser.hasDuplicateNames(members) { throw JSONError(.duplicateMember, offset: start) }
        return .object(members)
    }

    /// Sorting the names finds duplicates in O(n log n) without hashing; a pairwise scan
    /// would let a large hostile object cost quadratic time.
    static func hasDuplicateNames(_ members: [JSONMember]) -> Bool {
        if members.count < 2 { return false }
        if members.count < 9 {
            for i in 1..<members.count {
                for j in 0..<i where members[i].name.utf8.elementsEqual(members[j].name.utf8) { return true }
            }
            return false
        }
        let names = members.map { Array($0.name.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        for i in 1..<names.count where names[i] == names[i - 1] { return true }
        return false
    }

    /// A string from its opening quote through its closing quote.
    private mutating func parseString() throws(JSONError) -> String {
        index += 1
        var utf8: [UInt8] = []
        while true {
            guard index < bytes.count else { throw JSONError(.truncated, offset: index) }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &utf8)
            case 0x00..<0x20:
                throw JSONError(.invalidString, offset: index)
            case 0x20..<0x80:
                utf8.append(byte)
                index += 1
            default:
                let length = try validUTF8SequenceLength(at: index)
                utf8.append(contentsOf: bytes[index..<index + length])
                index += length
            }
        }
    }

    /// Length of the well-formed UTF-8 sequence starting with a non-ASCII byte at `at`
    /// (RFC 3629 §4 table), or an error.
    private func validUTF8SequenceLength(at start: Int) throws(JSONError) -> Int {
        let lead = bytes[start]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F  // excludes the surrogates U+D800–U+DFFF
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F  // nothing above U+10FFFF
        default: throw JSONError(.invalidString, offset: start)
        }
        guard start + length <= bytes.count else { throw JSONError(.truncated, offset: start) }
        let second = bytes[start + 1]
        guard second >= low, second <= high else { throw JSONError(.invalidString, offset: start + 1) }
        for k in 2..<length where bytes[start + k] & 0xC0 != 0x80 {
            throw JSONError(.invalidString, offset: start + k)
        }
        return length
    }

    private mutating func parseEscape(into utf8: inout [UInt8]) throws(JSONError) {
        let start = index
        guard index + 1 < bytes.count else { throw JSONError(.truncated, offset: index) }
        let letter = bytes[index + 1]
        index += 2
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(letter)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if scalar >= 0xDC00 && scalar <= 0xDFFF { throw JSONError(.invalidEscape, offset: start) }
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                // A high surrogate must be followed by an escaped low surrogate (RFC 8259 §7).
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw JSONError(.invalidEscape, offset: start) }
                index += 2
                let low = try hex4()
                guard low >= 0xDC00 && low <= 0xDFFF else { throw JSONError(.invalidEscape, offset: start) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            JSONParser.appendUTF8(scalar, to: &utf8)
        default:
            throw JSONError(.invalidEscape, offset: start)
        }
    }

    private mutating func hex4() throws(JSONError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONError(.truncated, offset: index) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw JSONError(.invalidEscape, offset: index)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    static func appendUTF8(_ scalar: UInt32, to utf8: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            utf8.append(UInt8(scalar))
        case 0x80..<0x800:
            utf8.append(UInt8(0xC0 | scalar >> 6))
            utf8.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            utf8.append(UInt8(0xE0 | scalar >> 12))
            utf8.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            utf8.append(UInt8(0x80 | scalar & 0x3F))
        default:
            utf8.append(UInt8(0xF0 | scalar >> 18))
            utf8.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            utf8.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            utf8.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
