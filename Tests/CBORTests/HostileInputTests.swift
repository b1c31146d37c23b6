import CBOR
import Testing

/// Inputs a peer could send to make the decoder crash, recurse or allocate: each must end in a
/// typed error.
@Suite struct HostileInputTests {
    func kind(_ bytes: [UInt8], limits: CBORLimits = CBORLimits()) -> CBORError.Kind? {
        do {
            _ = try CBORValue.decode(bytes, limits: limits)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test func truncatedItems() {
        #expect(kind([]) == .truncated)
        #expect(kind(hex("19")) == .truncated)  // uint16 without its argument
        #expect(kind(hex("1a000f42")) == .truncated)
        #expect(kind(hex("44010203")) == .truncated)  // 4-byte string, 3 bytes
        #expect(kind(hex("83010203")[0..<3].map { $0 }) == .truncated)  // array missing an item
        #expect(kind(hex("a26161016162")) == .truncated)  // map missing a value
        #expect(kind(hex("9f0102")) == .truncated)  // indefinite array without break
        #expect(kind(hex("c1")) == .truncated)  // tag without content
        #expect(kind(hex("f8")) == .truncated)
    }

    @Test func trailingBytes() {
        let error = #expect(throws: CBORError.self) { try CBORValue.decode(hex("0102")) }
        #expect(error == CBORError(.trailingBytes, offset: 1))
        #expect(kind(hex("8301020304")) == .trailingBytes)
    }

    @Test func malformedItems() {
        #expect(kind(hex("1c")) == .malformed)  // reserved additional information
        #expect(kind(hex("ff")) == .malformed)  // break outside an indefinite item
        #expect(kind(hex("8301ff")) == .malformed)  // break inside a definite array
        #expect(kind(hex("f818")) == .malformed)  // two-byte simple value below 32
        #expect(kind(hex("5f6161ff")) == .malformed)  // text chunk in a byte string
        #expect(kind(hex("5f01ff")) == .malformed)  // integer inside a byte string
        #expect(kind(hex("5f5f4101ffff")) == .malformed)  // nested indefinite string
        #expect(kind(hex("62c328")) == .malformed)  // invalid UTF-8
        #expect(kind(hex("bf6161ff")) == .malformed)  // indefinite map with a key and no value
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        // 10,000 nested arrays and 10,000 nested tags: beyond any stack if decoded recursively.
        let error = #expect(throws: CBORError.self) { try CBORValue.decode([UInt8](repeating: 0x81, count: 10_000) + [0x00]) }
        #expect(error == CBORError(.tooDeep, offset: 32))  // the 33rd array head, past maxDepth 32
        #expect(kind([UInt8](repeating: 0x9f, count: 10_000)) == .tooDeep)
        #expect(kind([UInt8](repeating: 0xc1, count: 10_000) + [0x00]) == .tooDeep)
        // Exactly at the limit is fine.
        let limits = CBORLimits(maxDepth: 8)
        #expect(kind([UInt8](repeating: 0x81, count: 8) + [0x00], limits: limits) == nil)
        #expect(kind([UInt8](repeating: 0x81, count: 9) + [0x00], limits: limits) == .tooDeep)
    }

    @Test func hugeDeclaredLengthsFailWithoutAllocating() {
        #expect(kind(hex("5bffffffffffffffff") + [1, 2, 3]) == .truncated)  // 2^64-1 byte string
        #expect(kind(hex("5b0000000100000001") + [0x41]) == .truncated)  // 2^32+1: wraps on 32-bit size_t
        #expect(kind(hex("7bffffffffffffffff")) == .truncated)
        #expect(kind(hex("9bffffffffffffffff") + [0]) == .truncated)  // 2^64-1 array members
        #expect(kind(hex("bbffffffffffffffff") + [0]) == .truncated)
        #expect(kind(hex("9a7fffffff") + [UInt8](repeating: 0, count: 64)) == .truncated)
    }

    @Test func itemAndSizeLimits() {
        let manyItems = hex("99ffff") + [UInt8](repeating: 0x00, count: 0xffff)
        #expect(kind(manyItems) == .tooLarge)  // 65,536 items > 16,384
        #expect(kind(manyItems, limits: CBORLimits(maxItems: 70_000, maxBytes: 70_000)) == nil)
        #expect(kind([UInt8](repeating: 0x9f, count: 10) + [UInt8](repeating: 0x00, count: 100), limits: CBORLimits(maxItems: 50)) == .tooLarge)
        #expect(kind(hex("4401020304"), limits: CBORLimits(maxBytes: 4)) == .tooLarge)
    }
}
