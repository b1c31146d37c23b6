/// Typed readings of primitive elements. Each checks the tag and the DER form of the content.
extension DERElement {
    /// INTEGER content octets after checking the minimal two's-complement form (X.690 §8.3.2).
    public func integerOctets() throws(ASN1Error) -> ArraySlice<UInt8> {
        try expect(DERTag.integer)
        try validateInteger()
        return value
    }

    /// An INTEGER that fits Int64.
    public func int64() throws(ASN1Error) -> Int64 {
        let octets = try integerOctets()
        guard octets.count <= 8 else { throw ASN1Error(.integerOutOfRange, at: offset) }
        var result: Int64 = octets.first.map { $0 & 0x80 != 0 ? -1 : 0 } ?? 0
        for byte in octets { result = result << 8 | Int64(byte) }
        return result
    }

    /// A non-negative INTEGER as big-endian magnitude without the sign octet (serial numbers).
    public func unsignedIntegerBytes() throws(ASN1Error) -> [UInt8] {
        let octets = try integerOctets()
        guard let first = octets.first, first & 0x80 == 0 else { throw ASN1Error(.integerOutOfRange, at: offset) }
        let magnitude = first == 0 && octets.count > 1 ? octets.dropFirst() : octets
        return Array(magnitude)
    }

    /// Minimal two's complement, also for `[n] IMPLICIT INTEGER`.
    func validateInteger() throws(ASN1Error) {
        guard let first = value.first else { throw ASN1Error(.invalidInteger, at: offset) }
        if value.count > 1 {
            let second = value[value.startIndex + 1]
            if (first == 0x00 && second & 0x80 == 0) || (first == 0xFF && second & 0x80 != 0) {
                throw ASN1Error(.invalidInteger, at: offset)
            }
        }
    }

    public func objectIdentifier() throws(ASN1Error) -> ASN1ObjectIdentifier {
        try expect(DERTag.objectIdentifier)
        return try ASN1ObjectIdentifier(contentOctets: Array(value), offset: offset)
    }

    /// DER BOOLEAN: one octet, 0x00 or 0xFF (X.690 §11.1).
    public func boolean() throws(ASN1Error) -> Bool {
        try expect(DERTag.boolean)
        guard value.count == 1, value.first == 0 || value.first == 0xFF else { throw ASN1Error(.invalidBoolean, at: offset) }
        return value.first == 0xFF
    }

    public func null() throws(ASN1Error) {
        try expect(DERTag.null)
        if !value.isEmpty { throw ASN1Error(.invalidNull, at: offset) }
    }

    public func octetString() throws(ASN1Error) -> ArraySlice<UInt8> {
        try expect(DERTag.octetString)
        return value
    }

    /// BIT STRING bits and the count of unused bits in the last octet, which DER requires to be
    /// zero (X.690 §11.2.1).
    public func bitString() throws(ASN1Error) -> (bytes: ArraySlice<UInt8>, unusedBits: Int) {
        try expect(DERTag.bitString)
        guard let unused = value.first, unused < 8, !(value.count == 1 && unused != 0) else {
            throw ASN1Error(.invalidBitString, at: offset)
        }
        let bytes = value.dropFirst()
        if let last = bytes.last, last & UInt8((1 << Int(unused)) - 1) != 0 { throw ASN1Error(.invalidBitString, at: offset) }
        return (bytes, Int(unused))
    }

    /// A BIT STRING holding whole octets (signatures, public keys).
    public func bitStringOctets() throws(ASN1Error) -> ArraySlice<UInt8> {
        let (bytes, unused) = try bitString()
        if unused != 0 { throw ASN1Error(.invalidBitString, at: offset) }
        return bytes
    }

    /// UTF8String, PrintableString or IA5String as text, each checked against its character set.
    public func string() throws(ASN1Error) -> String {
        switch tag {
        case DERTag.utf8String:
            guard let text = String(validating: value, as: UTF8.self) else { throw ASN1Error(.invalidString, at: offset) }
            return text
        case DERTag.printableString:
            guard value.allSatisfy(isPrintableStringCharacter) else { throw ASN1Error(.invalidString, at: offset) }
        case DERTag.ia5String:
            guard value.allSatisfy({ $0 < 0x80 }) else { throw ASN1Error(.invalidString, at: offset) }
        default:
            throw ASN1Error(.unexpectedTag(expected: DERTag.utf8String, found: tag), at: offset)
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// An IA5String (also under an IMPLICIT tag, pass it as `tag`).
    public func ia5String(tag expected: UInt8 = DERTag.ia5String) throws(ASN1Error) -> String {
        try expect(expected)
        guard value.allSatisfy({ $0 < 0x80 }) else { throw ASN1Error(.invalidString, at: offset) }
        return String(decoding: value, as: UTF8.self)
    }
}

/// X.680 §41.4: letters, digits, space and `'()+,-./:=?`.
func isPrintableStringCharacter(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x20, 0x27, 0x28, 0x29, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x3A, 0x3D, 0x3F:
        return true
    default:
        return false
    }
}
