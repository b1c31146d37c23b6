/// A strict DER reader: each element must have a one-octet tag, a definite minimal length that
/// stays inside its parent, and structures must be consumed exactly (`finish()`).
///
/// Nesting is bounded because a reader for the inside of an element is made with
/// `DERElement.reader()`, which counts depth: a hostile input of thousands of nested SEQUENCEs
/// fails with `.tooDeep` instead of exhausting the stack of a recursive walker.
public struct DERReader {
    /// Deepest nesting accepted. X.509 certificates and CMS SignedData nest about 12 levels.
    public static let maximumDepth = 32

    private let bytes: ArraySlice<UInt8>
    private var position: Int
    public let depth: Int

    public init(_ bytes: ArraySlice<UInt8>, depth: Int = 0) throws(ASN1Error) {
        if depth > DERReader.maximumDepth { throw ASN1Error(.tooDeep, at: bytes.startIndex) }
        self.bytes = bytes
        self.position = bytes.startIndex
        self.depth = depth
    }

    public init(_ bytes: [UInt8]) throws(ASN1Error) {
        try self.init(bytes[...])
    }

    public var isAtEnd: Bool { position == bytes.endIndex }

    /// Offset of the next element in the caller's array.
    public var offset: Int { position }

    /// The tag of the next element, without consuming it; nil at the end.
    public var nextTag: UInt8? { isAtEnd ? nil : bytes[position] }

    /// Reads the next element.
    public mutating func read() throws(ASN1Error) -> DERElement {
        let start = position
        guard position < bytes.endIndex else { throw ASN1Error(.truncated, at: position) }
        let tag = bytes[position]
        if tag & 0x1F == 0x1F { throw ASN1Error(.highTagNumber, at: position) }
        position += 1
        let length = try readLength()
        guard length <= bytes.endIndex - position else { throw ASN1Error(.truncated, at: start) }
        let value = bytes[position..<(position + length)]
        position += length
        return DERElement(tag: tag, value: value, encoded: bytes[start..<position], depth: depth)
    }

    /// Reads the next element and checks its tag.
    public mutating func read(_ tag: UInt8) throws(ASN1Error) -> DERElement {
        let element = try read()
        try element.expect(tag)
        return element
    }

    /// Reads the next element if it has `tag` (OPTIONAL and DEFAULT fields), else nothing.
    public mutating func readIfPresent(_ tag: UInt8) throws(ASN1Error) -> DERElement? {
        nextTag == tag ? try read() : nil
    }

    /// A reader over the contents of the next element, which must have `tag` (SEQUENCE, SET, [n]).
    public mutating func enter(_ tag: UInt8) throws(ASN1Error) -> DERReader {
        try read(tag).reader()
    }

    /// Throws unless every byte has been read.
    public func finish() throws(ASN1Error) {
        if !isAtEnd { throw ASN1Error(.trailingBytes, at: position) }
    }

    private mutating func readLength() throws(ASN1Error) -> Int {
        guard position < bytes.endIndex else { throw ASN1Error(.truncated, at: position) }
        let first = bytes[position]
        let at = position
        position += 1
        if first < 0x80 { return Int(first) }
        if first == 0x80 { throw ASN1Error(.indefiniteLength, at: at) }
        let count = Int(first & 0x7F)
        if count > 4 { throw ASN1Error(.lengthTooLong, at: at) }
        guard count <= bytes.endIndex - position else { throw ASN1Error(.truncated, at: at) }
        var length = 0
        for _ in 0..<count {
            length = length << 8 | Int(bytes[position])
            position += 1
        }
        // Minimal: long form only from 128 on, and no leading zero octet.
        if length < 0x80 || bytes[at + 1] == 0 { throw ASN1Error(.nonMinimalLength, at: at) }
        return length
    }
}

/// Parses exactly one element filling all of `bytes`.
public func derParseSingle(_ bytes: [UInt8]) throws(ASN1Error) -> DERElement {
    var reader = try DERReader(bytes)
    let element = try reader.read()
    try reader.finish()
    return element
}
