import Crypto
import Testing

@Suite struct RandomnessTests {
    @Test func bytesAreFreshAndOfTheRequestedLength() throws {
        let a = try Randomness.bytes(32)
        let b = try Randomness.bytes(32)
        #expect(a.count == 32 && b.count == 32)
        #expect(a != b)
        #expect(try Randomness.bytes(0).isEmpty)
        // 1 MiB: larger than one small getrandom chunk; every byte value should appear.
        let large = try Randomness.bytes(1 << 20)
        #expect(Set(large).count == 256)
    }
}
