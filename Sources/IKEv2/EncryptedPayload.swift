/// SK payload (§3.14) as it travels: the type of the first embedded payload (carried in the
/// generic header's Next Payload field) and IV || ciphertext || ICV. `EncryptedPayloadCipher`
/// seals and opens it.
public struct EncryptedPayload: Equatable, Sendable {
    public var firstPayload: PayloadType
    public var data: [UInt8]

    public init(firstPayload: PayloadType, data: [UInt8]) {
        self.firstPayload = firstPayload
        self.data = data
    }
}

/// SKF payload (RFC 7383 §2.5): one fragment of an SK payload too large for the path. Only the
/// first fragment names the first embedded payload; the others carry 0 there.
public struct EncryptedFragmentPayload: Equatable, Sendable {
    public var firstPayload: PayloadType
    /// 1-based; at most `totalFragments`.
    public var fragmentNumber: UInt16
    public var totalFragments: UInt16
    /// IV || ciphertext || ICV of this fragment.
    public var data: [UInt8]

    public init(firstPayload: PayloadType, fragmentNumber: UInt16, totalFragments: UInt16, data: [UInt8]) {
        self.firstPayload = firstPayload
        self.fragmentNumber = fragmentNumber
        self.totalFragments = totalFragments
        self.data = data
    }

    /// Fragment Number and Total Fragments, which the AEAD also authenticates.
    static let fieldsSize = 4

    static func parse(firstPayload: PayloadType, _ reader: inout WireReader) throws(IKEv2WireError) -> EncryptedFragmentPayload {
        let start = reader.offset
        let number = try reader.u16("fragment number")
        let total = try reader.u16("total fragments")
        // RFC 7383 §2.6.1: number 0, or a number above the total, is invalid.
        guard number >= 1, number <= total else {
            throw reader.error(.malformed, "fragment \(number) of \(total)", at: start)
        }
        return EncryptedFragmentPayload(
            firstPayload: firstPayload, fragmentNumber: number, totalFragments: total, data: reader.rest())
    }

    func emitBody(into bytes: inout [UInt8]) {
        bytes.appendU16(fragmentNumber)
        bytes.appendU16(totalFragments)
        bytes.append(contentsOf: data)
    }
}
