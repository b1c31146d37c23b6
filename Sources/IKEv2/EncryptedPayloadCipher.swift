import Crypto

/// Seals and opens SK payloads with AES-GCM and a 16-octet ICV (ENCR_AES_GCM_16, RFC 5282), the
/// only IKE SA cipher of the ACP profile (RFC 8994 §6.7.3).
///
/// RFC 5282 facts this follows: the key is SK_ei or SK_er, whose last 4 bytes are the salt
/// (§7.1); the nonce is salt || the 8-byte IV sent in the payload (§3.1, §4); the associated data
/// is the message from the first header byte through the end of the SK generic header — so it
/// includes the final message Length — (§5.1); the plaintext ends with a Pad Length byte and no
/// block alignment is needed (§3.2). One cipher per direction: the IV must never repeat under a
/// key, so the caller passes a per-direction counter it owns and advances for every sealed message
/// and every fragment (not the message ID: `sealFragments` uses one IV per fragment).
public final class EncryptedPayloadCipher {
    public static let ivSize = 8
    public static let icvSize = 16
    public static let saltSize = 4

    private let aead: AESGCM
    private let salt: [UInt8]

    /// `key` is SK_e: a 16-, 24- or 32-byte AES key followed by the 4-byte salt.
    public init(key: [UInt8]) throws(IKEv2WireError) {
        guard key.count > EncryptedPayloadCipher.saltSize else {
            throw IKEv2WireError(.cryptoFailure, at: 0, "SK_e of \(key.count) bytes")
        }
        let split = key.count - EncryptedPayloadCipher.saltSize
        do {
            aead = try AESGCM(key: Array(key[0..<split]))
        } catch {
            throw IKEv2WireError(.cryptoFailure, at: 0, "AES-GCM key: \(error)")
        }
        salt = Array(key[split...])
    }

    /// The complete message: `header`, any `unprotected` payloads (normally none), and an SK
    /// payload holding `payloads`, encrypted with explicit IV `iv`. `padLength` extra zero bytes
    /// may hide the payload size (RFC 5282 §3.2 allows 0–255).
    public func seal(
        header: IKEv2Header, unprotected: [Payload] = [], payloads: [Payload], iv: UInt64, padLength: UInt8 = 0
    ) throws(IKEv2WireError) -> [UInt8] {
        var plaintext: [UInt8] = []
        let first = PayloadChain.emit(payloads, into: &plaintext)
        let placeholder = Payload.encrypted(EncryptedPayload(firstPayload: first, data: []))
        return try seal(header: header, leading: unprotected, last: placeholder, content: plaintext, iv: iv, padLength: padLength)
    }

    /// One SKF message: `content` is this fragment's slice of the payload chain.
    func seal(header: IKEv2Header, fragment: EncryptedFragmentPayload, content: [UInt8], iv: UInt64) throws(IKEv2WireError) -> [UInt8] {
        try seal(header: header, leading: [], last: .encryptedFragment(fragment), content: content, iv: iv, padLength: 0)
    }

    /// Emits the message with a zero-filled SK/SKF body of the final size — that fixes every
    /// length field the associated data covers — then seals `content` into that body.
    private func seal(
        header: IKEv2Header, leading: [Payload], last: Payload, content: [UInt8], iv: UInt64, padLength: UInt8
    ) throws(IKEv2WireError) -> [UInt8] {
        var plaintext = content
        plaintext.append(contentsOf: repeatElement(0, count: Int(padLength)))
        plaintext.append(padLength)
        var ivBytes: [UInt8] = []
        ivBytes.appendU64(iv)
        let sealedSize = EncryptedPayloadCipher.ivSize + plaintext.count + EncryptedPayloadCipher.icvSize
        let zeros = [UInt8](repeating: 0, count: sealedSize)
        let body: Payload
        switch last {
        case .encryptedFragment(var fragment):
            fragment.data = zeros
            body = .encryptedFragment(fragment)
        case .encrypted(var encrypted):
            encrypted.data = zeros
            body = .encrypted(encrypted)
        default:
            throw IKEv2WireError(.misplacedEncryptedPayload, at: 0, "sealing into a non-encrypted payload")
        }
        var bytes = IKEv2Message(header: header, payloads: leading + [body]).emit()
        let ivOffset = bytes.count - sealedSize
        let sealed = try seal(plaintext, aad: Array(bytes[0..<ivOffset]), iv: ivBytes)
        bytes.replaceSubrange(ivOffset..<bytes.count, with: ivBytes + sealed)
        return bytes
    }

    /// Opens a message whose last payload is SK: checks the ICV and decodes the embedded payloads.
    /// Offsets in errors about embedded payloads count from the start of the decrypted data.
    public func open(_ bytes: [UInt8]) throws(IKEv2WireError) -> OpenedMessage {
        let message = try IKEv2Message.parse(bytes)
        guard case .encrypted(let sk)? = message.payloads.last else {
            throw IKEv2WireError(.misplacedEncryptedPayload, at: IKEv2Header.size, "no Encrypted payload")
        }
        let plaintext = try open(data: sk.data, message: bytes)
        var reader = WireReader(plaintext)
        let payloads = try PayloadChain.parse(first: sk.firstPayload, &reader)
        if payloads.contains(where: { $0.type == .encrypted || $0.type == .encryptedFragment }) {
            throw IKEv2WireError(.misplacedEncryptedPayload, at: 0, "Encrypted payload inside an Encrypted payload")
        }
        return OpenedMessage(header: message.header, unprotected: Array(message.payloads.dropLast()), payloads: payloads)
    }

    /// Opens one SKF fragment (RFC 7383 §2.5.2): returns the decrypted bytes, which are a piece
    /// of a payload chain that only the reassembled whole can parse.
    public func openFragment(_ bytes: [UInt8]) throws(IKEv2WireError) -> (fragment: EncryptedFragmentPayload, plaintext: [UInt8]) {
        let message = try IKEv2Message.parse(bytes)
        guard case .encryptedFragment(let skf)? = message.payloads.last else {
            throw IKEv2WireError(.misplacedEncryptedPayload, at: IKEv2Header.size, "no Encrypted Fragment payload")
        }
        return (skf, try open(data: skf.data, message: bytes))
    }

    /// `data` is IV || ciphertext || ICV and ends the message; the associated data is everything
    /// in front of the IV (IKE header, unprotected payloads, SK or SKF header).
    private func open(data: [UInt8], message: [UInt8]) throws(IKEv2WireError) -> [UInt8] {
        let ivOffset = message.count - data.count
        guard data.count >= EncryptedPayloadCipher.ivSize + 1 + EncryptedPayloadCipher.icvSize else {
            throw IKEv2WireError(.truncated, at: ivOffset, "Encrypted payload of \(data.count) bytes")
        }
        let iv = Array(data[0..<EncryptedPayloadCipher.ivSize])
        let sealed = Array(data[EncryptedPayloadCipher.ivSize...])
        var plaintext: [UInt8]
        do {
            plaintext = try aead.open(nonce: salt + iv, aad: Array(message[0..<ivOffset]), sealed: sealed, tagLength: EncryptedPayloadCipher.icvSize)
        } catch {
            let kind: IKEv2WireError.Kind = error.isVerificationFailure ? .integrityCheckFailed : .cryptoFailure
            throw IKEv2WireError(kind, at: ivOffset, "Encrypted payload ICV")
        }
        let padLength = Int(plaintext.removeLast())
        guard padLength <= plaintext.count else {
            throw IKEv2WireError(.malformed, at: 0, "pad length \(padLength) of \(plaintext.count + 1) decrypted bytes")
        }
        plaintext.removeLast(padLength)
        return plaintext
    }

    private func seal(_ plaintext: [UInt8], aad: [UInt8], iv: [UInt8]) throws(IKEv2WireError) -> [UInt8] {
        do {
            return try aead.seal(nonce: salt + iv, aad: aad, plaintext: plaintext, tagLength: EncryptedPayloadCipher.icvSize)
        } catch {
            throw IKEv2WireError(.cryptoFailure, at: 0, "AES-GCM seal: \(error)")
        }
    }
}

/// A message after its SK payload was opened: what was in clear, and what was protected. The
/// engine must act only on `payloads` for every exchange after IKE_SA_INIT (§3.14).
public struct OpenedMessage: Equatable, Sendable {
    public var header: IKEv2Header
    public var unprotected: [Payload]
    public var payloads: [Payload]
}
