import CBOR
import Testing

/// Deterministic random inputs: the decoder must return a value or a typed error, never crash,
/// and whatever it accepts must survive encode → decode unchanged.
@Suite struct FuzzTests {
    /// SplitMix64, seeded, so a failure is reproducible.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
    }

    @Test func everyInitialByteIsHandled() throws {
        for head in 0...255 {
            for tail in [[UInt8](), [0x00], [UInt8](repeating: 0x01, count: 9), [UInt8](repeating: 0xff, count: 9)] {
                let input = [UInt8(head)] + tail
                if let value = try? CBORValue.decode(input) {
                    #expect(try CBORValue.decode(value.encode()) == value, "head \(head)")
                }
            }
        }
    }

    @Test func randomAndMutatedInputs() throws {
        var random = Generator(state: 0x4D49_4E45_5256_4121)
        let seeds = [
            hex("85091abcd34eeb5020010db8f000baaaf000baaa09f8baad1a00033450828466414e5f414350040165494b45763284186750fe800000000000006c798cfffeb536db111901f4"),
            hex("bf61610161629f0203ffff"), hex("5f42010243030405ff"), hex("c1fb41d452d9ec200000"),
        ]
        var accepted = 0
        for round in 0..<20_000 {
            var input: [UInt8]
            if round % 2 == 0 {
                input = (0..<Int(random.next() % 24)).map { _ in random.byte() }
            } else {
                input = seeds[Int(random.next() % UInt64(seeds.count))]
                for _ in 0...Int(random.next() % 3) {
                    let position = Int(random.next() % UInt64(input.count))
                    input[position] = random.byte()
                }
            }
            if let value = try? CBORValue.decode(input) {
                accepted += 1
                #expect(try CBORValue.decode(value.encode()) == value)
            }
        }
        #expect(accepted > 0)
    }
}
