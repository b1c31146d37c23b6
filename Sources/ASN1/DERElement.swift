/// One tag-length-value element inside a larger DER input. Both slices keep the indices of the
/// caller's array, so `encoded.startIndex` is the element's offset in the original input and
/// `encoded` is exactly the bytes a signature covers (a TBSCertificate, CMS signed attributes).
public struct DERElement: Equatable, Sendable {
    public let tag: UInt8
    /// The content octets.
    public let value: ArraySlice<UInt8>
    /// Tag, length and content octets.
    public let encoded: ArraySlice<UInt8>
    /// How many constructed elements enclose this one.
    public let depth: Int

    public var offset: Int { encoded.startIndex }

    /// A reader over the elements inside this one.
    public func reader() throws(ASN1Error) -> DERReader {
        guard DERTag.isConstructed(tag) else { throw ASN1Error(.unexpectedTag(expected: tag | DERTag.constructedBit, found: tag), at: offset) }
        return try DERReader(value, depth: depth + 1)
    }

    /// Throws unless the tag is `expected`.
    public func expect(_ expected: UInt8) throws(ASN1Error) {
        if tag != expected { throw ASN1Error(.unexpectedTag(expected: expected, found: tag), at: offset) }
    }
}
