/// The SA payload (RFC 7296 §3.3): proposals, each a protocol with an SPI and a list of
/// transforms, each transform optionally with attributes (only Key Length exists).
public struct SecurityAssociationPayload: Equatable, Sendable {
    public var proposals: [Proposal]

    public init(proposals: [Proposal]) {
        self.proposals = proposals
    }

    /// Substructure markers in the "Last Substruc" field (§3.3.1, §3.3.2).
    static let moreProposals: UInt8 = 2
    static let moreTransforms: UInt8 = 3

    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> SecurityAssociationPayload {
        var proposals: [Proposal] = []
        var last = false
        while !last {
            let start = reader.offset
            let marker = try reader.u8("proposal last substruc")
            guard marker == 0 || marker == moreProposals else {
                throw reader.error(.malformed, "proposal last substruc \(marker)", at: start)
            }
            last = marker == 0
            try reader.skip(1, "proposal reserved")
            let length = Int(try reader.u16("proposal length"))
            guard length >= 8 else { throw reader.error(.badLength, "proposal length \(length)", at: start + 2) }
            var body = try reader.sub(length: length - 4, "proposal")
            proposals.append(try Proposal.parse(&body))
            if !last && reader.isAtEnd { throw reader.error(.truncated, "proposal after a 'more' marker") }
        }
        guard reader.isAtEnd else { throw reader.error(.badLength, "bytes after the last proposal") }
        return SecurityAssociationPayload(proposals: proposals)
    }

    func emit(into bytes: inout [UInt8]) {
        for (index, proposal) in proposals.enumerated() {
            let isLast = index == proposals.count - 1
            proposal.emit(into: &bytes, last: isLast)
        }
    }
}

/// One proposal: numbered from 1, alternatives share a number only in AH+ESP bundles (unused here).
public struct Proposal: Equatable, Sendable {
    public var number: UInt8
    public var protocolID: ProtocolID
    /// Empty in an initial IKE_SA_INIT proposal; 8 bytes for IKE rekeys, 4 for ESP.
    public var spi: [UInt8]
    public var transforms: [Transform]

    public init(number: UInt8, protocolID: ProtocolID, spi: [UInt8] = [], transforms: [Transform]) {
        self.number = number
        self.protocolID = protocolID
        self.spi = spi
        self.transforms = transforms
    }

    /// The first transform of `type`, e.g. the encryption algorithm a responder chose.
    public func transform(_ type: TransformType) -> Transform? {
        transforms.first { $0.type == type }
    }

    /// Body after the 4 bytes (last substruc, reserved, length) read by the SA payload.
    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> Proposal {
        let number = try reader.u8("proposal number")
        let protocolID = ProtocolID(rawValue: try reader.u8("protocol ID"))
        let spiSize = Int(try reader.u8("SPI size"))
        let count = Int(try reader.u8("number of transforms"))
        let spi = try reader.take(spiSize, "proposal SPI")
        var transforms: [Transform] = []
        for index in 0..<count {
            let start = reader.offset
            let marker = try reader.u8("transform last substruc")
            let expected: UInt8 = index == count - 1 ? 0 : SecurityAssociationPayload.moreTransforms
            guard marker == expected else {
                throw reader.error(.malformed, "transform last substruc \(marker), expected \(expected)", at: start)
            }
            try reader.skip(1, "transform reserved")
            let length = Int(try reader.u16("transform length"))
            guard length >= 8 else { throw reader.error(.badLength, "transform length \(length)", at: start + 2) }
            var body = try reader.sub(length: length - 4, "transform")
            transforms.append(try Transform.parse(&body))
        }
        guard reader.isAtEnd else { throw reader.error(.badLength, "bytes after the last transform") }
        return Proposal(number: number, protocolID: protocolID, spi: spi, transforms: transforms)
    }

    func emit(into bytes: inout [UInt8], last: Bool) {
        let start = bytes.count
        bytes.append(last ? 0 : SecurityAssociationPayload.moreProposals)
        bytes.append(0)
        bytes.appendU16(0)
        bytes.append(number)
        bytes.append(protocolID.rawValue)
        bytes.append(UInt8(truncatingIfNeeded: spi.count))
        bytes.append(UInt8(truncatingIfNeeded: transforms.count))
        bytes.append(contentsOf: spi)
        for (index, transform) in transforms.enumerated() {
            transform.emit(into: &bytes, last: index == transforms.count - 1)
        }
        bytes.patchU16(bytes.count - start, at: start + 2)
    }
}

/// One transform (§3.3.2).
public struct Transform: Equatable, Sendable {
    public var type: TransformType
    public var id: UInt16
    public var attributes: [TransformAttribute]

    public init(type: TransformType, id: UInt16, attributes: [TransformAttribute] = []) {
        self.type = type
        self.id = id
        self.attributes = attributes
    }

    /// An encryption transform with the Key Length attribute, which variable-key ciphers such as
    /// AES-GCM must carry (§3.3.5; RFC 8994 §6.7.3 requires 256 bits).
    public static func encryption(_ id: UInt16, keyLength bits: UInt16) -> Transform {
        Transform(type: .encryptionAlgorithm, id: id, attributes: [.init(type: TransformAttributeType.keyLength, value: .short(bits))])
    }

    /// The Key Length attribute in bits, if present.
    public var keyLength: UInt16? {
        for attribute in attributes where attribute.type == TransformAttributeType.keyLength {
            if case .short(let bits) = attribute.value { return bits }
        }
        return nil
    }

    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> Transform {
        let type = TransformType(rawValue: try reader.u8("transform type"))
        try reader.skip(1, "transform reserved")
        let id = try reader.u16("transform ID")
        var attributes: [TransformAttribute] = []
        while !reader.isAtEnd {
            attributes.append(try TransformAttribute.parse(&reader))
        }
        return Transform(type: type, id: id, attributes: attributes)
    }

    func emit(into bytes: inout [UInt8], last: Bool) {
        let start = bytes.count
        bytes.append(last ? 0 : SecurityAssociationPayload.moreTransforms)
        bytes.append(0)
        bytes.appendU16(0)
        bytes.append(type.rawValue)
        bytes.append(0)
        bytes.appendU16(id)
        for attribute in attributes { attribute.emit(into: &bytes) }
        bytes.patchU16(bytes.count - start, at: start + 2)
    }
}

/// A transform attribute (§3.3.5): the AF bit selects a 2-byte value in place (TV) or a length
/// and a value (TLV).
public struct TransformAttribute: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        case short(UInt16)
        case long([UInt8])
    }

    /// The 15-bit attribute type.
    public var type: UInt16
    public var value: Value

    public init(type: UInt16, value: Value) {
        self.type = type & 0x7FFF
        self.value = value
    }

    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> TransformAttribute {
        let word = try reader.u16("attribute type")
        if word & 0x8000 != 0 {
            return TransformAttribute(type: word, value: .short(try reader.u16("attribute value")))
        }
        let length = Int(try reader.u16("attribute length"))
        return TransformAttribute(type: word, value: .long(try reader.take(length, "attribute value")))
    }

    func emit(into bytes: inout [UInt8]) {
        switch value {
        case .short(let value):
            bytes.appendU16(0x8000 | type)
            bytes.appendU16(value)
        case .long(let value):
            bytes.appendU16(type & 0x7FFF)
            bytes.appendU16(UInt16(truncatingIfNeeded: value.count))
            bytes.append(contentsOf: value)
        }
    }
}
