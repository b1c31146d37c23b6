/// Why a byte string is not acceptable JSON text, and where the parser stopped.
public struct JSONError: Error, Equatable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The input ends inside a value (or is empty).
        case truncated
        /// A byte that the RFC 8259 grammar does not allow here (also: comments, trailing
        /// commas, single quotes, literals other than true/false/null).
        case unexpectedByte(UInt8)
        /// A string holds bytes that are not UTF-8 (RFC 3629: no overlong forms, no encoded
        /// surrogates, nothing above U+10FFFF) or an unescaped control character.
        case invalidString
        /// A backslash escape that RFC 8259 §7 does not define, or a \u escape of a lone
        /// surrogate.
        case invalidEscape
        /// A number that does not match the RFC 8259 §6 grammar.
        case invalidNumber
        /// Two members of one object have the same name (RFC 8259 §4 says names SHOULD be
        /// unique; a voucher with two "nonce" members must not be read either way).
        case duplicateMember
        /// One complete value was parsed but more than whitespace follows it.
        case trailingBytes
        /// Arrays and objects nested deeper than `JSONLimits.maxDepth`.
        case tooDeep
        /// Input longer than `JSONLimits.maxBytes`.
        case tooLarge
    }

    public var kind: Kind
    /// Byte offset in the input at which parsing stopped.
    public var offset: Int

    public init(_ kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        let name: String
        switch kind {
        case .truncated: name = "truncated"
        case .unexpectedByte(let byte): name = "unexpected byte 0x\(String(byte, radix: 16))"
        case .invalidString: name = "invalid string"
        case .invalidEscape: name = "invalid escape"
        case .invalidNumber: name = "invalid number"
        case .duplicateMember: name = "duplicate member name"
        case .trailingBytes: name = "trailing bytes"
        case .tooDeep: name = "nested too deep"
        case .tooLarge: name = "too large"
        }
        return "JSON \(name) at offset \(offset)"
    }
}

/// Bounds the parser enforces, so a hostile peer cannot make it recurse without end or hold
/// on to a huge document.
public struct JSONLimits: Equatable, Sendable {
    /// Maximum nesting of arrays and objects. The parser recurses once per level, so this
    /// also bounds its stack use: keep it in the tens or hundreds, not the millions.
    public var maxDepth: Int
    /// Maximum input length in bytes.
    public var maxBytes: Int

    public init(maxDepth: Int = 64, maxBytes: Int = 1 << 20) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }
}
