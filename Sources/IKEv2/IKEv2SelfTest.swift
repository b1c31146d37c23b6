import Crypto
import Platform

/// The IKEv2 part of `minerva-connect selftest`: known answers from a real strongSwan 5.9.8
/// exchange (the one in Tests/IKEv2Tests/StrongSwanExchange.swift), run on the device so that a
/// cross build that miscompiles the codec, prf+ or the AES-GCM bridge (32-bit `Int`, byte order,
/// float ABI of the C libraries) fails there rather than against a peer.
public enum IKEv2SelfTest {
    public static var checks: [PlatformSelfTest.Check] { [
        ("ikev2-kdf", keyDerivation),
        ("ikev2-sk", encryptedPayload),
    ] }

    /// SKEYSEED and SK_ei from strongSwan's nonces, SPIs and DH secret, as its log showed them.
    static func keyDerivation() throws(PlatformSelfTest.Failure) -> String {
        let prf = PseudorandomFunction.hmac(.sha256)
        let keys: IKESAKeys
        do throws(CryptoError) {
            let skeyseed = try IKESAKeys.skeyseed(
                prf, sharedSecret: Vectors.sharedSecret, initiatorNonce: Vectors.initiatorNonce,
                responderNonce: Vectors.responderNonce)
            keys = try IKESAKeys.derive(
                prf, skeyseed: skeyseed, initiatorNonce: Vectors.initiatorNonce, responderNonce: Vectors.responderNonce,
                initiatorSPI: 0xed629258bbca1689, responderSPI: 0xefbd030708f4cc26, encryptionKeySize: 36)
        } catch {
            throw PlatformSelfTest.Failure(error.description)
        }
        guard keys.ei == Vectors.skEI else { throw PlatformSelfTest.Failure("SK_ei differs from strongSwan's") }
        return "strongSwan SKEYSEED/SK_ei (PRF_HMAC_SHA2_256, AES-GCM-16/256)"
    }

    /// strongSwan's INFORMATIONAL request opens to one Delete of the IKE SA.
    static func encryptedPayload() throws(PlatformSelfTest.Failure) -> String {
        let opened: OpenedMessage
        do throws(IKEv2WireError) {
            opened = try EncryptedPayloadCipher(key: Vectors.skEI).open(Vectors.informational)
        } catch {
            throw PlatformSelfTest.Failure(error.description)
        }
        guard opened.payloads == [.delete(.ikeSA)] else { throw PlatformSelfTest.Failure("unexpected payloads") }
        var tampered = Vectors.informational
        tampered[tampered.count - 1] ^= 1
        var refusal: IKEv2WireError.Kind?
        do throws(IKEv2WireError) {
            _ = try EncryptedPayloadCipher(key: Vectors.skEI).open(tampered)
        } catch {
            refusal = error.kind
        }
        guard refusal == .integrityCheckFailed else { throw PlatformSelfTest.Failure("a tampered ICV was not refused") }
        return "strongSwan SK{D} opened, tampered copy refused"
    }

    private enum Vectors {
        static let initiatorNonce: [UInt8] = [
        0x78, 0xc6, 0x0c, 0x45, 0x26, 0xde, 0x35, 0x75, 0x01, 0x92, 0x76, 0xf7, 0x14, 0xf0, 0x1c, 0x9e,
        0x29, 0xc5, 0x7c, 0x3d, 0x20, 0xf0, 0x8f, 0x44, 0x4c, 0x94, 0x93, 0xcc, 0x70, 0xcd, 0x99, 0x51,
    ]
        static let responderNonce: [UInt8] = [
        0x05, 0x4c, 0x4b, 0xcd, 0xe0, 0x80, 0xb2, 0x0a, 0xa5, 0x97, 0x85, 0x49, 0x45, 0x9a, 0x7b, 0x6f,
        0xe8, 0x99, 0xb2, 0xc1, 0x66, 0xb0, 0x1f, 0x97, 0xe5, 0xa9, 0xd5, 0x7b, 0x64, 0x4f, 0x5b, 0x5d,
    ]
        static let sharedSecret: [UInt8] = [
        0x23, 0xd6, 0x75, 0xdd, 0xe2, 0xfa, 0xce, 0x07, 0x7c, 0xf2, 0x45, 0x1c, 0xd6, 0x4f, 0xc3, 0x5f,
        0x00, 0xd9, 0x73, 0x57, 0xba, 0xf1, 0x24, 0xa5, 0x01, 0xc4, 0xc3, 0x77, 0xea, 0xd3, 0x0c, 0x1e,
    ]
        static let skEI: [UInt8] = [
        0xed, 0x6c, 0x01, 0x34, 0x6b, 0xc5, 0x9d, 0x3c, 0x64, 0x13, 0xcc, 0xca, 0xdc, 0x57, 0x49, 0x6b,
        0xe9, 0x97, 0x18, 0x27, 0xe8, 0xe0, 0x53, 0x95, 0x11, 0x2a, 0xa3, 0x7a, 0x4e, 0xef, 0x33, 0x72,
        0xce, 0x20, 0xe7, 0xa9,
    ]
        /// INFORMATIONAL request (UDP 4500 payload without the non-ESP marker).
        static let informational: [UInt8] = [
        0xed, 0x62, 0x92, 0x58, 0xbb, 0xca, 0x16, 0x89, 0xef, 0xbd, 0x03, 0x07, 0x08, 0xf4, 0xcc, 0x26,
        0x2e, 0x20, 0x25, 0x08, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x41, 0x2a, 0x00, 0x00, 0x25,
        0xdb, 0xcd, 0xa5, 0x92, 0x76, 0x99, 0x98, 0xf1, 0x9f, 0xe3, 0x8d, 0x19, 0x35, 0x3c, 0x75, 0x34,
        0x2d, 0xb5, 0x9f, 0xa6, 0xf4, 0x96, 0x9b, 0xdf, 0x3d, 0xda, 0x3e, 0xa4, 0xbc, 0x31, 0xa2, 0x90,
        0x58,
    ]
    }
}
