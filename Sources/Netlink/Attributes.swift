import CLinux

/// One rtattr/nlattr TLV: 2-byte length (header + value, unpadded), 2-byte type, value padded to 4.
public struct Attribute: Equatable, Sendable {
    /// The type without the NLA_F_NESTED / NLA_F_NET_BYTEORDER bits.
    public var type: UInt16
    /// NLA_F_NESTED was set (newer kernels mark nested attributes; older ones do not).
    public var isNested: Bool
    public var value: [UInt8]

    public init(type: UInt16, value: [UInt8], isNested: Bool = false) {
        self.type = type
        self.value = value
        self.isNested = isNested
    }

    public static let headerLength = 4
    static let typeMask = ~UInt16(NLA_F_NESTED | NLA_F_NET_BYTEORDER)  // NLA_TYPE_MASK, a macro Swift cannot see
    static let nestedFlag = UInt16(NLA_F_NESTED)
}

/// A parsed attribute list with typed getters. Unknown types are kept and ignored by the getters,
/// so newer kernels adding attributes never break parsing. Getters return nil when the attribute
/// is absent and throw when it is present but has the wrong size.
public struct Attributes: Equatable, Sendable {
    public var list: [Attribute]

    public init(_ list: [Attribute] = []) { self.list = list }

    /// Walks the TLVs in `bytes[offset...]`.
    public static func parse(_ bytes: [UInt8], from offset: Int = 0) throws(NetlinkError) -> Attributes {
        var list: [Attribute] = []
        var position = offset
        while position < bytes.count {
            let available = bytes.count - position
            guard available >= Attribute.headerLength else {
                throw .truncated(what: "attribute header", needed: Attribute.headerLength, available: available)
            }
            let length = Int(bytes.native(at: position, as: UInt16.self))
            let rawType: UInt16 = bytes.native(at: position + 2)
            guard length >= Attribute.headerLength else {
                throw .malformed("attribute type \(rawType & Attribute.typeMask) length \(length)")
            }
            guard length <= available else {
                throw .truncated(what: "attribute type \(rawType & Attribute.typeMask)", needed: length,
                                 available: available)
            }
            list.append(Attribute(
                type: rawType & Attribute.typeMask,
                value: bytes.bytes(at: position + Attribute.headerLength, length: length - Attribute.headerLength),
                isNested: rawType & Attribute.nestedFlag != 0))
            position += netlinkAlign(length)
        }
        return Attributes(list)
    }

    /// The first attribute of `type` (the kernel never repeats the ones we read, except nests
    /// such as XFRMA_TMPL arrays, which are one attribute holding many structures).
    public func first(_ type: UInt16) -> Attribute? {
        for attribute in list where attribute.type == type { return attribute }
        return nil
    }

    public func bytes(_ type: UInt16) -> [UInt8]? {
        first(type)?.value
    }

    public func u8(_ type: UInt16) throws(NetlinkError) -> UInt8? {
        try fixed(type, width: 1)?.native(at: 0)
    }

    public func u16(_ type: UInt16) throws(NetlinkError) -> UInt16? {
        try fixed(type, width: 2)?.native(at: 0)
    }

    public func u32(_ type: UInt16) throws(NetlinkError) -> UInt32? {
        try fixed(type, width: 4)?.native(at: 0)
    }

    public func s32(_ type: UInt16) throws(NetlinkError) -> Int32? {
        try fixed(type, width: 4)?.native(at: 0)
    }

    /// NLA_STRING / NLA_NUL_STRING: text up to the first NUL (the NUL is optional).
    public func string(_ type: UInt16) throws(NetlinkError) -> String? {
        bytes(type).map(cString)
    }

    /// The attributes nested inside `type`.
    public func nested(_ type: UInt16) throws(NetlinkError) -> Attributes? {
        guard let value = bytes(type) else { return nil }
        return try Attributes.parse(value)
    }

    /// Integers must have exactly their size; a shorter one is truncated, a longer one malformed.
    private func fixed(_ type: UInt16, width: Int) throws(NetlinkError) -> [UInt8]? {
        guard let value = bytes(type) else { return nil }
        if value.count < width {
            throw .truncated(what: "attribute type \(type)", needed: width, available: value.count)
        }
        if value.count > width {
            throw .malformed("attribute type \(type): \(value.count) bytes, expected \(width)")
        }
        return value
    }
}

/// Builds an attribute list. Each append writes header, value and padding, so the bytes are
/// final as they go; `nested` patches the outer length once the inner attributes are written.
public struct AttributeWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func append(_ type: UInt16, _ value: [UInt8]) {
        bytes.appendNative(UInt16(Attribute.headerLength + value.count))
        bytes.appendNative(type)
        bytes.append(contentsOf: value)
        bytes.padToAlignment()
    }

    public mutating func u8(_ type: UInt16, _ value: UInt8) { append(type, [value]) }

    public mutating func u16(_ type: UInt16, _ value: UInt16) {
        var raw: [UInt8] = []
        raw.appendNative(value)
        append(type, raw)
    }

    public mutating func u32(_ type: UInt16, _ value: UInt32) {
        var raw: [UInt8] = []
        raw.appendNative(value)
        append(type, raw)
    }

    public mutating func s32(_ type: UInt16, _ value: Int32) { u32(type, UInt32(bitPattern: value)) }

    /// NUL-terminated, as the kernel's NLA_STRING policies for names expect.
    public mutating func string(_ type: UInt16, _ value: String) { append(type, cStringBytes(value)) }

    /// A nested attribute, optionally starting with a fixed structure (VETH_INFO_PEER begins with
    /// an ifinfomsg). The NLA_F_NESTED bit is left clear, as `ip` does: rtnetlink's older policies
    /// (IFLA_LINKINFO, VETH_INFO_PEER) accept both.
    public mutating func nested(_ type: UInt16, header: [UInt8] = [], _ body: (inout AttributeWriter) -> Void) {
        let start = bytes.count
        bytes.appendNative(UInt16(0))
        bytes.appendNative(type)
        bytes.append(contentsOf: header)
        bytes.padToAlignment()
        var inner = AttributeWriter()
        body(&inner)
        bytes.append(contentsOf: inner.bytes)
        bytes.setNative(UInt16(bytes.count - start), at: start)
    }
}
