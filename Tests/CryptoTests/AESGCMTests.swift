import Crypto
import CMbedTLS
import Testing

/// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", test cases 2–4 (AES-128) and
/// 14–16 (AES-256).
@Suite struct AESGCMTests {
    static let k = "feffe9928665731c6d6a8f9467308308"
    static let iv = "cafebabefacedbaddecaf888"
    static let p = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
    static let a = "feedfacedeadbeeffeedfacedeadbeefabaddad2"
    static let p60 = String(p.prefix(120))

    static let cases: [(name: String, key: String, iv: String, plaintext: String, aad: String, ciphertext: String, tag: String)] = [
        ("2", String(repeating: "00", count: 16), String(repeating: "00", count: 12), String(repeating: "00", count: 16), "",
         "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"),
        ("3", k, iv, p, "",
         "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
         "4d5c2af327cd64a62cf35abd2ba6fab4"),
        ("4", k, iv, p60, a,
         "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
         "5bc94fbc3221a5db94fae95ae7121a47"),
        ("14", String(repeating: "00", count: 32), String(repeating: "00", count: 12), String(repeating: "00", count: 16), "",
         "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"),
        ("15", k + k, iv, p, "",
         "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
         "b094dac5d93471bdec1a502270e3cc6c"),
        ("16", k + k, iv, p60, a,
         "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
         "76fc6ece0f4e1768cddf8853bb2d551b"),
    ]

    @Test(arguments: 0..<6) func sealAndOpen(index: Int) throws {
        let c = Self.cases[index]
        let gcm = try AESGCM(key: hex(c.key))
        let sealed = try gcm.seal(nonce: hex(c.iv), aad: hex(c.aad), plaintext: hex(c.plaintext))
        #expect(sealed == hex(c.ciphertext) + hex(c.tag), "test case \(c.name)")
        #expect(try gcm.open(nonce: hex(c.iv), aad: hex(c.aad), sealed: sealed) == hex(c.plaintext))
    }

    @Test func truncatedTagsAreTagPrefixes() throws {
        let c = Self.cases[2]
        let gcm = try AESGCM(key: hex(c.key))
        for tagLength in [8, 12] {
            let sealed = try gcm.seal(nonce: hex(c.iv), aad: hex(c.aad), plaintext: hex(c.plaintext), tagLength: tagLength)
            #expect(sealed == hex(c.ciphertext) + hex(c.tag).prefix(tagLength))
            #expect(try gcm.open(nonce: hex(c.iv), aad: hex(c.aad), sealed: sealed, tagLength: tagLength) == hex(c.plaintext))
        }
    }

    @Test func tamperedCiphertextTagOrAADIsRejected() throws {
        let c = Self.cases[2]
        let gcm = try AESGCM(key: hex(c.key))
        let sealed = hex(c.ciphertext) + hex(c.tag)
        for position in [0, 30, sealed.count - 1] {
            var bad = sealed
            bad[position] ^= 0x01
            let error = #expect(throws: CryptoError.self) { try gcm.open(nonce: hex(c.iv), aad: hex(c.aad), sealed: bad) }
            #expect(error?.code == MBEDTLS_ERR_GCM_AUTH_FAILED)
            #expect(error?.isVerificationFailure == true)
        }
        var aad = hex(c.aad)
        aad[0] ^= 0x80
        #expect(throws: CryptoError.self) { try gcm.open(nonce: hex(c.iv), aad: aad, sealed: sealed) }
    }

    @Test func inPlaceSealAndOpenInCallerBuffer() throws {
        let c = Self.cases[4]
        let gcm = try AESGCM(key: hex(c.key))
        let plaintext = hex(c.plaintext)
        var packet = plaintext + [UInt8](repeating: 0, count: 16)
        let nonce = hex(c.iv)
        try nonce.withUnsafeBytes { n in
            try packet.withUnsafeMutableBytes { buffer in
                let input = UnsafeRawBufferPointer(rebasing: buffer[..<plaintext.count])
                try gcm.seal(nonce: n, aad: UnsafeRawBufferPointer(start: nil, count: 0), plaintext: input, into: buffer)
            }
        }
        #expect(packet == hex(c.ciphertext) + hex(c.tag))
        let length = try nonce.withUnsafeBytes { n in
            try packet.withUnsafeMutableBytes { buffer in
                try gcm.open(nonce: n, aad: UnsafeRawBufferPointer(start: nil, count: 0), sealed: UnsafeRawBufferPointer(buffer), into: buffer)
            }
        }
        #expect(length == plaintext.count)
        #expect(Array(packet[..<length]) == plaintext)
    }

    @Test func badParametersAreTypedErrors() throws {
        #expect(throws: CryptoError.self) { try AESGCM(key: [UInt8](repeating: 0, count: 15)) }
        let gcm = try AESGCM(key: [UInt8](repeating: 0, count: 16))
        #expect(throws: CryptoError.self) { try gcm.seal(nonce: [UInt8](repeating: 0, count: 8), plaintext: [1]) }
        #expect(throws: CryptoError.self) { try gcm.seal(nonce: [UInt8](repeating: 0, count: 12), plaintext: [1], tagLength: 4) }
        #expect(throws: CryptoError.self) { try gcm.open(nonce: [UInt8](repeating: 0, count: 12), sealed: [1, 2, 3]) }
    }
}
