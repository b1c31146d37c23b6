import CBOR
import Crypto
import ESP
import IKEv2
import Netlink
import Platform

/// `minerva-connect selftest`: known-answer checks of the C libraries as linked into this very
/// binary (the point is to catch a broken cross build: wrong float ABI, miscompiled bignum code,
/// a libc mismatch), and a netlink dump on the running kernel. One line per check.
enum SelfTest {
    typealias Failure = PlatformSelfTest.Failure

    /// Every layer contributes its own on-device checks; this binary runs them all.
    static var checks: [PlatformSelfTest.Check] {
        let bridges: [PlatformSelfTest.Check] = [
            ("sha256", sha256),
            ("hmac-sha256", hmacSHA256),
            ("aes-256-gcm", aesGCM),
            ("ecdsa-p256", ecdsaP256),
            ("cbor", cbor),
            ("netlink", netlinkDump),
        ]
        return bridges + PlatformSelfTest.checks + IKEv2SelfTest.checks + ESPSelfTest.checks
    }

    static func run() -> Bool {
        var failures = 0
        for check in checks {
            do throws(Failure) {
                let detail = try check.run()
                Console.out("ok   \(check.name): \(detail)")
            } catch {
                failures += 1
                Console.out("FAIL \(check.name): \(error.reason)")
            }
        }
        Console.out(failures == 0 ? "selftest: all \(checks.count) checks passed"
                                  : "selftest: \(failures) of \(checks.count) checks failed")
        return failures == 0
    }

    /// FIPS 180-2 Appendix B.1: SHA-256("abc").
    static func sha256() throws(Failure) -> String {
        let digest = SHA256.hash(Array("abc".utf8))
        try expect(digest, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        return "FIPS 180-2 \"abc\""
    }

    /// RFC 4231 test case 2.
    static func hmacSHA256() throws(Failure) -> String {
        let mac: [UInt8]
        do throws(CryptoError) {
            mac = try HMAC.sha256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        } catch { throw Failure("\(error)") }
        try expect(mac, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        return "RFC 4231 case 2"
    }

    /// The GCM specification's (McGrew–Viega) test case 14: 256-bit zero key, zero IV, one zero block.
    static func aesGCM() throws(Failure) -> String {
        let zeroKey = [UInt8](repeating: 0, count: 32)
        let sealed: [UInt8]
        let opened: [UInt8]
        do throws(CryptoError) {
            let gcm = try AESGCM(key: zeroKey)
            sealed = try gcm.seal(nonce: [UInt8](repeating: 0, count: 12), plaintext: [UInt8](repeating: 0, count: 16))
            opened = try gcm.open(nonce: [UInt8](repeating: 0, count: 12), sealed: sealed)
        } catch { throw Failure("\(error)") }
        try expect(sealed, "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919")
        guard opened == [UInt8](repeating: 0, count: 16) else { throw Failure("open did not return the plaintext") }
        return "GCM spec case 14, seal and open"
    }

    /// RFC 6979 A.2.5: P-256, SHA-256, message "sample" — deterministic, so the signature is exact.
    static func ecdsaP256() throws(Failure) -> String {
        let scalar = try bytes("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721")
        let digest = SHA256.hash(Array("sample".utf8))
        let signature: [UInt8]
        let key: ECPrivateKey
        do throws(CryptoError) {
            key = try ECPrivateKey(rawScalar: scalar, curve: .p256)
            signature = try key.rawSignature(digest: digest)
            try key.publicKey.verify(rawSignature: signature, digest: digest)
        } catch { throw Failure("\(error)") }
        try expect(signature, "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
                            + "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8")
        do throws(CryptoError) {
            try key.publicKey.verify(rawSignature: signature, digest: SHA256.hash(Array("samplf".utf8)))
        } catch {
            guard error.isVerificationFailure else { throw Failure("\(error)") }
            return "RFC 6979 A.2.5 sign, verify, reject"
        }
        throw Failure("a signature over another message verified")
    }

    /// RFC 8949 Appendix A: {"a": 1, "b": [2, 3]}.
    static func cbor() throws(Failure) -> String {
        let value = CBORValue.map([
            (key: .text("a"), value: .unsigned(1)),
            (key: .text("b"), value: .array([.unsigned(2), .unsigned(3)])),
        ])
        let encoded = value.encode()
        try expect(encoded, "a26161016162820203")
        let decoded: CBORValue
        do throws(CBORError) {
            decoded = try CBORValue.decode(encoded)
        } catch { throw Failure("\(error)") }
        guard decoded == value else { throw Failure("decode differs from the value") }
        return "RFC 8949 Appendix A map, encode and decode"
    }

    /// A link dump of this namespace: the kernel answers, and loopback is in it.
    static func netlinkDump() throws(Failure) -> String {
        let links: [Link]
        do throws(NetlinkError) {
            links = try RouteNetlink().dumpLinks()
        } catch { throw Failure("\(error)") }
        // Compared as bytes: String equality would pull in Unicode tables (absent on mipsel).
        guard links.contains(where: { Array($0.name.utf8) == Array("lo".utf8) }) else {
            throw Failure("link dump has no 'lo' (\(links.count) links)")
        }
        var names = ""
        for link in links { names += names.isEmpty ? link.name : ", \(link.name)" }
        return "\(links.count) links: \(names)"
    }

    private static func expect(_ actual: [UInt8], _ expectedHex: String) throws(Failure) {
        let expected = try bytes(expectedHex)
        guard actual == expected else { throw Failure("got \(hex(actual)), expected \(expectedHex)") }
    }

    private static func bytes(_ hex: String) throws(Failure) -> [UInt8] {
        var result: [UInt8] = []
        var high: UInt8? = nil
        for c in hex.utf8 {
            let nibble: UInt8
            switch c {
            case 0x30...0x39: nibble = c - 0x30
            case 0x61...0x66: nibble = c - 0x61 + 10
            default: throw Failure("bad hex in a known answer")
            }
            if let h = high { result.append(h << 4 | nibble); high = nil } else { high = nibble }
        }
        return result
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        var text = ""
        for b in bytes {
            text.append(digits[Int(b >> 4)])
            text.append(digits[Int(b & 0xf)])
        }
        return text
    }
}
