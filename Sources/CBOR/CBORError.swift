/// Why a byte string is not an acceptable CBOR item, and where the decoder stopped.
public struct CBORError: Error, Equatable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The input ends inside an item (also: a declared length or count beyond the input).
        case truncated
        /// One complete item was decoded but bytes follow it.
        case trailingBytes
        /// Not well-formed (reserved additional information, stray break, simple value < 32 in
        /// two bytes, mixed chunk types) or not valid (text that is not UTF-8).
        case malformed
        /// Nesting of arrays, maps and tags deeper than `CBORLimits.maxDepth`.
        case tooDeep
        /// More items than `CBORLimits.maxItems`, or input longer than `CBORLimits.maxBytes`.
        case tooLarge
    }

    public var kind: Kind
    /// Offset of the item head at which decoding stopped.
    public var offset: Int

    public init(_ kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        let name: String
        switch kind {
        case .truncated: name = "truncated"
        case .trailingBytes: name = "trailing bytes"
        case .malformed: name = "malformed"
        case .tooDeep: name = "nested too deep"
        case .tooLarge: name = "too large"
        }
        return "CBOR \(name) at offset \(offset)"
    }
}

/// Bounds the decoder enforces before it allocates anything, so a hostile peer cannot make it
/// recurse, allocate by a declared length, or loop over a huge item count.
public struct CBORLimits: Equatable, Sendable {
    /// Maximum nesting of arrays, maps, tags and indefinite-length strings.
    public var maxDepth: Int
    /// Maximum number of data items (every item at every level counts).
    public var maxItems: Int
    /// Maximum input length in bytes.
    public var maxBytes: Int

    public init(maxDepth: Int = 32, maxItems: Int = 16_384, maxBytes: Int = 65_536) {
        self.maxDepth = maxDepth
        self.maxItems = maxItems
        self.maxBytes = maxBytes
    }
}
