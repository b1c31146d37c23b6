/// Why a DER input was refused, and where: `offset` is the index into the caller's byte array of
/// the element (or byte) at fault, so a log line points at the exact spot of a hostile input.
public struct ASN1Error: Error, Equatable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// A tag or length runs past the end of the enclosing element.
        case truncated
        /// Length octet 0x80: BER's indefinite form, forbidden in DER.
        case indefiniteLength
        /// More than four length octets (0x85…): no element here is 4 GiB long.
        case lengthTooLong
        /// A long-form length that fits a shorter form (DER requires the minimal one).
        case nonMinimalLength
        /// Tag number 31 or more (multi-byte tags): nothing in X.509 or CMS uses them.
        case highTagNumber
        /// More nested constructed elements than `DERReader.maximumDepth`.
        case tooDeep
        /// Another tag than the one the structure requires here.
        case unexpectedTag(expected: UInt8, found: UInt8)
        /// Bytes left over after the last element of a structure.
        case trailingBytes
        /// Empty INTEGER, or one with a redundant leading 0x00 / 0xFF octet.
        case invalidInteger
        /// An INTEGER that does not fit the requested Swift type, or a negative one read as unsigned.
        case integerOutOfRange
        case invalidObjectIdentifier
        case invalidBoolean
        case invalidBitString
        case invalidNull
        /// Bytes outside the string type's character set (or not UTF-8 for UTF8String).
        case invalidString
        /// A UTCTime / GeneralizedTime not in the DER form `YYMMDDHHMMSSZ` / `YYYYMMDDHHMMSSZ`.
        case invalidTime
    }

    public var kind: Kind
    public var offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        switch kind {
        case .unexpectedTag(let expected, let found):
            return "DER: tag 0x\(String(found, radix: 16)) where 0x\(String(expected, radix: 16)) belongs, at offset \(offset)"
        default:
            return "DER: \(kind) at offset \(offset)"
        }
    }
}
