import Crypto
import Testing

/// RFC 4231 §4.2–4.5, test cases 1–4.
@Suite struct HMACTests {
    static let cases: [(key: [UInt8], data: [UInt8], sha256: String)] = [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    ]

    @Test(arguments: 0..<4) func rfc4231SHA256(index: Int) throws {
        let c = Self.cases[index]
        #expect(try HMAC.sha256(key: c.key, message: c.data) == hex(c.sha256))
    }

    @Test func rfc4231Case1SHA384AndSHA512() throws {
        let key = [UInt8](repeating: 0x0b, count: 20)
        let data = Array("Hi There".utf8)
        #expect(try HMAC.sha384(key: key, message: data) == hex("afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"))
        #expect(try HMAC.sha512(key: key, message: data) == hex("87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"))
    }

    @Test func incrementalReusesKey() throws {
        let mac = try HMAC(.sha256, key: Array("Jefe".utf8))
        mac.update(Array("what do ya ".utf8))
        mac.update(Array("want for nothing?".utf8))
        #expect(mac.finalize() == hex(Self.cases[1].sha256))
        mac.update(Array("what do ya want for nothing?".utf8))
        #expect(mac.finalize() == hex(Self.cases[1].sha256))
    }
}
