/// Bounds-checked big-endian reads over one IKEv2 message.
///
/// Offsets are absolute in `bytes` (the whole message), so every error carries the position a
/// packet capture shows. A reader is narrowed to a payload or substructure with `sub(length:)`;
/// reading past its `end` is a typed error, never a trap.
struct WireReader {
    let bytes: [UInt8]
    private(set) var offset: Int
    let end: Int

    init(_ bytes: [UInt8], from offset: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    var remaining: Int { end - offset }
    var isAtEnd: Bool { offset >= end }

    mutating func u8(_ what: String) throws(IKEv2WireError) -> UInt8 {
        try need(1, what)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u16(_ what: String) throws(IKEv2WireError) -> UInt16 {
        try need(2, what)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func u32(_ what: String) throws(IKEv2WireError) -> UInt32 {
        try need(4, what)
        var value: UInt32 = 0
        for index in 0..<4 { value = value << 8 | UInt32(bytes[offset + index]) }
        offset += 4
        return value
    }

    mutating func u64(_ what: String) throws(IKEv2WireError) -> UInt64 {
        let high = try u32(what)
        let low = try u32(what)
        return UInt64(high) << 32 | UInt64(low)
    }

    mutating func take(_ count: Int, _ what: String) throws(IKEv2WireError) -> [UInt8] {
        try need(count, what)
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    /// Everything up to `end`.
    mutating func rest() -> [UInt8] {
        defer { offset = end }
        return offset < end ? Array(bytes[offset..<end]) : []
    }

    mutating func skip(_ count: Int, _ what: String) throws(IKEv2WireError) {
        try need(count, what)
        offset += count
    }

    /// A reader over the next `length` bytes; this reader moves past them.
    mutating func sub(length: Int, _ what: String) throws(IKEv2WireError) -> WireReader {
        try need(length, what)
        defer { offset += length }
        return WireReader(bytes, from: offset, to: offset + length)
    }

    func error(_ kind: IKEv2WireError.Kind, _ what: String, at position: Int? = nil) -> IKEv2WireError {
        IKEv2WireError(kind, at: position ?? offset, what)
    }

    private func need(_ count: Int, _ what: String) throws(IKEv2WireError) {
        guard count >= 0, count <= end - offset else { throw IKEv2WireError(.truncated, at: offset, what) }
    }
}

extension Array where Element == UInt8 {
    mutating func appendU16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    mutating func appendU32(_ value: UInt32) {
        appendU16(UInt16(truncatingIfNeeded: value >> 16))
        appendU16(UInt16(truncatingIfNeeded: value))
    }

    mutating func appendU64(_ value: UInt64) {
        appendU32(UInt32(truncatingIfNeeded: value >> 32))
        appendU32(UInt32(truncatingIfNeeded: value))
    }

    /// Overwrites a 16-bit length written as a placeholder once the substructure is complete.
    mutating func patchU16(_ value: Int, at offset: Int) {
        self[offset] = UInt8(truncatingIfNeeded: value >> 8)
        self[offset + 1] = UInt8(truncatingIfNeeded: value)
    }

    mutating func patchU32(_ value: Int, at offset: Int) {
        patchU16(value >> 16, at: offset)
        patchU16(value & 0xFFFF, at: offset + 2)
    }
}
