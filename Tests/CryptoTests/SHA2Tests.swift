import Crypto
import Testing

/// FIPS 180-2 Appendix B/C/D one-block message "abc", and the two-block message of B.2.
@Suite struct SHA2Tests {
    let abc = Array("abc".utf8)

    @Test func sha256abc() {
        #expect(SHA256.hash(abc) == hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
    }

    @Test func sha384abc() {
        #expect(SHA384.hash(abc) == hex("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"))
    }

    @Test func sha512abc() {
        #expect(SHA512.hash(abc) == hex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"))
    }

    @Test func sha256TwoBlockMessage() {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hash(message) == hex("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"))
    }

    @Test func incrementalMatchesOneShotAndResets() {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        for algorithm in [HashAlgorithm.sha256, .sha384, .sha512] {
            let hasher = SHA2Hasher(algorithm)
            hasher.update(Array(message[..<5]))
            hasher.update(Array(message[5...]))
            #expect(hasher.finalize() == algorithm.hash(message))
            // finalize starts a new hash
            hasher.update(abc)
            #expect(hasher.finalize() == algorithm.hash(abc))
            #expect(algorithm.hash(abc).count == algorithm.digestSize)
        }
    }
}
