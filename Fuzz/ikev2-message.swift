// modules: Platform ASN1 Crypto IKEv2
// IKEv2 messages (RFC 7296 §3): parsing never traps, whatever parses emits bytes that parse back
// to the same value (and emit again to the same bytes), and opening an SK payload with a fixed
// key never traps either (it must fail with a typed error: the fuzzer cannot forge the ICV).
import CLinux
import IKEv2

private let cipher = try? EncryptedPayloadCipher(key: Array(0..<36))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let cipher, (try? cipher.open(bytes)) != nil {
        print("a fuzzed message passed the ICV")
        abort()
    }
    guard let message = try? IKEv2Message.parse(bytes) else { return 0 }
    let emitted = message.emit()
    guard let again = try? IKEv2Message.parse(emitted), again == message else {
        print("round trip broke for a \(bytes.count)-byte message")
        abort()
    }
    guard again.emit() == emitted else {
        print("emit is not stable for a \(bytes.count)-byte message")
        abort()
    }
    // Sealing what was parsed and opening it again must give the same payloads back, unless the
    // payloads themselves contain an SK/SKF (which may only come last, and never nested).
    if let cipher, !message.payloads.contains(where: { $0.type == .encrypted || $0.type == .encryptedFragment }),
       let sealed = try? cipher.seal(header: message.header, payloads: message.payloads, iv: 1) {
        guard let opened = try? cipher.open(sealed), opened.payloads == message.payloads else {
            print("seal/open round trip broke for a \(bytes.count)-byte message")
            abort()
        }
    }
    return 0
}
