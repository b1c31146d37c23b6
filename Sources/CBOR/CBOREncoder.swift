import CLibCBOR

extension CBORValue {
    /// The encoding of this item with libcbor's serializers, in RFC 8949 §4.2.1 preferred form:
    /// shortest argument for every head, definite lengths, and floats in the shortest of
    /// half/single/double that holds the value exactly (NaN as f97e00). Map entries keep their
    /// order; callers that need core deterministic encoding insert keys in sorted order.
    public func encode() -> [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    /// Appends the encoding to `out`.
    public func encode(into out: inout [UInt8]) {
        switch self {
        case .unsigned(let n): head(&out) { cbor_encode_uint(n, $0, $1) }
        case .negative(let n): head(&out) { cbor_encode_negint(n, $0, $1) }
        case .bytes(let bytes):
            head(&out) { cbor_encode_bytestring_start(bytes.count, $0, $1) }
            out += bytes
        case .text(let string):
            head(&out) { cbor_encode_string_start(string.utf8.count, $0, $1) }
            out += string.utf8
        case .array(let items):
            head(&out) { cbor_encode_array_start(items.count, $0, $1) }
            for item in items { item.encode(into: &out) }
        case .map(let entries):
            head(&out) { cbor_encode_map_start(entries.count, $0, $1) }
            for entry in entries {
                entry.key.encode(into: &out)
                entry.value.encode(into: &out)
            }
        case .tagged(let number, let content):
            head(&out) { cbor_encode_tag(number, $0, $1) }
            content.encode(into: &out)
        case .simple(let value): head(&out) { cbor_encode_ctrl(value, $0, $1) }
        case .bool(let value): head(&out) { cbor_encode_bool(value, $0, $1) }
        case .null: head(&out) { cbor_encode_null($0, $1) }
        case .undefined: head(&out) { cbor_encode_undef($0, $1) }
        case .float(let value):
            let single = Float(value)
            if value.isNaN || Double(single) == value {
                if isHalfExact(single) {
                    head(&out) { cbor_encode_half(single, $0, $1) }
                } else {
                    head(&out) { cbor_encode_single(single, $0, $1) }
                }
            } else {
                head(&out) { cbor_encode_double(value, $0, $1) }
            }
        }
    }
}

/// Runs one libcbor head serializer into a 9-byte stack buffer (the longest head: initial byte
/// and an 8-byte argument) and appends what it wrote.
private func head(_ out: inout [UInt8], _ serialize: (UnsafeMutablePointer<UInt8>, Int) -> Int) {
    var scratch: (UInt64, UInt64) = (0, 0)
    withUnsafeMutableBytes(of: &scratch) { buffer in
        guard let start = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let written = serialize(start, 9)
        out += UnsafeBufferPointer(start: start, count: written)
    }
}

/// Whether a half-precision float holds `value` exactly, the case in which libcbor's
/// `cbor_encode_half` is lossless (it rounds or flushes otherwise).
private func isHalfExact(_ value: Float) -> Bool {
    if value.isNaN || value.isInfinite || value == 0 { return true }
    let bits = value.bitPattern
    let exponent = Int((bits >> 23) & 0xFF) - 127
    let mantissa = bits & 0x7F_FFFF
    if exponent > 15 || exponent < -24 { return false }
    // A normal half keeps the top 10 of the 23 mantissa bits; a subnormal half (exponent below
    // −14) keeps fewer, one less per step down, the implicit leading 1 included.
    let droppedBits = exponent >= -14 ? 13 : 13 + (-14 - exponent)
    return mantissa & ((1 << UInt32(droppedBits)) - 1) == 0
}
