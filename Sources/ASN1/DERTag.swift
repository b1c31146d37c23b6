/// The one-octet DER tags X.509, PKCS#10 and CMS use (X.680 §8.4, X.690 §8.1.2). Multi-octet tag
/// numbers (≥ 31) never occur there and are refused by the reader.
public enum DERTag {
    public static let boolean: UInt8 = 0x01
    public static let integer: UInt8 = 0x02
    public static let bitString: UInt8 = 0x03
    public static let octetString: UInt8 = 0x04
    public static let null: UInt8 = 0x05
    public static let objectIdentifier: UInt8 = 0x06
    public static let utf8String: UInt8 = 0x0C
    public static let printableString: UInt8 = 0x13
    public static let ia5String: UInt8 = 0x16
    public static let utcTime: UInt8 = 0x17
    public static let generalizedTime: UInt8 = 0x18
    public static let sequence: UInt8 = 0x30
    public static let set: UInt8 = 0x31

    /// Bit 6: the element holds further elements.
    public static let constructedBit: UInt8 = 0x20

    /// `[n]` with the constructed bit: an EXPLICIT tag, or IMPLICIT over a SEQUENCE/SET.
    public static func contextConstructed(_ number: UInt8) -> UInt8 { 0xA0 | number }

    /// `[n]` primitive: IMPLICIT over a primitive type (OCTET STRING, IA5String …).
    public static func contextPrimitive(_ number: UInt8) -> UInt8 { 0x80 | number }

    public static func isConstructed(_ tag: UInt8) -> Bool { tag & constructedBit != 0 }
}
