// Netlink carries integers in the host's byte order (only a few XFRM fields, such as ports and
// SPIs, are big-endian on the wire). These helpers keep that rule in one place; every reader
// checks bounds first so hostile or truncated input becomes a typed error, never a trap.

extension Array where Element == UInt8 {
    /// Appends an integer in host byte order.
    mutating func appendNative<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value) { append(contentsOf: $0) }
    }

    /// Appends an integer in network byte order.
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        appendNative(value.bigEndian)
    }

    mutating func appendZeros(_ count: Int) {
        if count > 0 { append(contentsOf: repeatElement(0, count: count)) }
    }

    /// Appends `bytes` into a field of exactly `width` bytes: cut if longer, zero-filled if shorter.
    mutating func appendFixed(_ bytes: [UInt8], width: Int) {
        append(contentsOf: bytes.prefix(width))
        appendZeros(width - Swift.min(bytes.count, width))
    }

    /// Pads to the 4-byte boundary that netlink headers and attributes are aligned on.
    mutating func padToAlignment() {
        appendZeros(netlinkAlign(count) - count)
    }

    /// Overwrites an integer in host byte order at `offset` (used to patch lengths after the fact).
    mutating func setNative<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        Swift.withUnsafeBytes(of: value) { raw in
            for index in 0..<raw.count { self[offset + index] = raw[index] }
        }
    }

    /// Reads an integer in host byte order; the caller has checked `offset + size <= count`.
    func native<T: FixedWidthInteger>(at offset: Int, as type: T.Type = T.self) -> T {
        withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }

    /// Reads an integer in network byte order; the caller has checked the bounds.
    func bigEndian<T: FixedWidthInteger>(at offset: Int, as type: T.Type = T.self) -> T {
        T(bigEndian: native(at: offset, as: T.self))
    }

    /// A copy of `length` bytes from `offset`; the caller has checked the bounds.
    func bytes(at offset: Int, length: Int) -> [UInt8] {
        Array(self[offset..<(offset + length)])
    }
}

/// Rounds up to the 4-byte alignment (NLMSG_ALIGN / RTA_ALIGN / NLA_ALIGN are all 4).
@inline(__always)
func netlinkAlign(_ length: Int) -> Int {
    (length + 3) & ~3
}

/// Text from a NUL-terminated (or unterminated) byte field, stopping at the first NUL.
func cString(_ bytes: [UInt8]) -> String {
    let end = bytes.firstIndex(of: 0) ?? bytes.count
    return String(decoding: bytes[0..<end], as: UTF8.self)
}

/// The bytes of `text` followed by the NUL that the kernel expects for NLA_STRING/NLA_NUL_STRING.
func cStringBytes(_ text: String) -> [UInt8] {
    var bytes = Array(text.utf8)
    bytes.append(0)
    return bytes
}
