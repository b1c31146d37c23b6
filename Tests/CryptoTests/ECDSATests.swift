import Crypto
import Testing

/// RFC 6979 Appendix A.2.5: ECDSA P-256 with SHA-256, deterministic nonces.
@Suite struct ECDSATests {
    static let x = hex("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721")
    static let ux = hex("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6")
    static let uy = hex("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299")
    // "With SHA-256, message = 'sample'" and "message = 'test'"
    static let sample = (
        r: hex("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"),
        s: hex("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"))
    static let test = (
        r: hex("F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"),
        s: hex("019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"))

    @Test func rfc6979KeyHasThePublishedPublicKey() throws {
        let key = try ECPrivateKey(rawScalar: Self.x, curve: .p256)
        #expect(key.publicKey.uncompressed == [0x04] + Self.ux + Self.uy)
        #expect(key.publicKey.coordinates == Self.ux + Self.uy)
        #expect(try key.rawScalar() == Self.x)
    }

    @Test func rfc6979DeterministicSignaturesAreReproduced() throws {
        let key = try ECPrivateKey(rawScalar: Self.x, curve: .p256)
        #expect(try key.rawSignature(digest: SHA256.hash(Array("sample".utf8))) == Self.sample.r + Self.sample.s)
        #expect(try key.rawSignature(digest: SHA256.hash(Array("test".utf8))) == Self.test.r + Self.test.s)
        // DER: SEQUENCE { INTEGER r (33 bytes: high bit set), INTEGER s (33 bytes) }
        let der = try key.signature(digest: SHA256.hash(Array("sample".utf8)))
        #expect(der == [0x30, 0x46, 0x02, 0x21, 0x00] + Self.sample.r + [0x02, 0x21, 0x00] + Self.sample.s)
    }

    @Test func publishedSignatureVerifiesAndModifiedMessageDoesNot() throws {
        let publicKey = try ECPublicKey(curve: .p256, uncompressed: [0x04] + Self.ux + Self.uy)
        try publicKey.verify(rawSignature: Self.sample.r + Self.sample.s, digest: SHA256.hash(Array("sample".utf8)))
        try publicKey.verify(
            signature: [0x30, 0x45, 0x02, 0x21, 0x00] + Self.test.r + [0x02, 0x20] + Self.test.s,
            digest: SHA256.hash(Array("test".utf8)))
        let error = #expect(throws: CryptoError.self) {
            try publicKey.verify(rawSignature: Self.sample.r + Self.sample.s, digest: SHA256.hash(Array("samplf".utf8)))
        }
        #expect(error?.isVerificationFailure == true)
        var badS = Self.sample.s
        badS[31] ^= 1
        #expect(throws: CryptoError.self) {
            try publicKey.verify(rawSignature: Self.sample.r + badS, digest: SHA256.hash(Array("sample".utf8)))
        }
    }

    @Test func malformedDERSignaturesAreRejected() throws {
        let publicKey = try ECPublicKey(curve: .p256, uncompressed: [0x04] + Self.ux + Self.uy)
        let digest = SHA256.hash(Array("sample".utf8))
        let good: [UInt8] = [0x30, 0x46, 0x02, 0x21, 0x00] + Self.sample.r + [0x02, 0x21, 0x00] + Self.sample.s
        try publicKey.verify(signature: good, digest: digest)
        #expect(throws: CryptoError.self) { try publicKey.verify(signature: good + [0], digest: digest) }
        #expect(throws: CryptoError.self) { try publicKey.verify(signature: Array(good.dropLast()), digest: digest) }
        #expect(throws: CryptoError.self) { try publicKey.verify(signature: [], digest: digest) }
        #expect(throws: CryptoError.self) { try publicKey.verify(rawSignature: Self.sample.r, digest: digest) }
    }

    @Test(arguments: [ECCurve.p256, .p384]) func generatedKeysSignAndVerify(curve: ECCurve) throws {
        let key = try ECPrivateKey.generate(curve)
        let digest = curve.hash.hash(Array("GRASP M_FLOOD".utf8))
        try key.publicKey.verify(signature: try key.signature(digest: digest), digest: digest)
        let raw = try key.rawSignature(digest: digest)
        #expect(raw.count == 2 * curve.size)
        try key.publicKey.verify(rawSignature: raw, digest: digest)
        let other = try ECPrivateKey.generate(curve)
        #expect(throws: CryptoError.self) { try other.publicKey.verify(rawSignature: raw, digest: digest) }
    }

    @Test func pointsOffTheCurveAreRejected() {
        var y = Self.uy
        y[31] ^= 1
        #expect(throws: CryptoError.self) { try ECPublicKey(curve: .p256, uncompressed: [0x04] + Self.ux + y) }
        #expect(throws: CryptoError.self) { try ECPublicKey(curve: .p384, uncompressed: [0x04] + Self.ux + Self.uy) }
        #expect(throws: CryptoError.self) { try ECPrivateKey(rawScalar: [UInt8](repeating: 0, count: 32), curve: .p256) }
        #expect(throws: CryptoError.self) { try ECPrivateKey(rawScalar: [UInt8](repeating: 0xFF, count: 32), curve: .p256) }
    }
}
