// modules: Platform RPL
// RPL control messages (RFC 6550 §6): parsing never traps, and whatever parses emits bytes that
// parse back to the same value (parse and emit are inverses on everything parse accepts).
import CLinux
import Platform
import RPL

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let message = try? RPLMessage.parse(bytes) else { return 0 }
    let emitted = message.emit()
    guard let again = try? RPLMessage.parse(emitted), again == message else {
        print("round trip broke for a \(bytes.count)-octet message of code \(message.code)")
        abort()
    }
    // Checksummed emission must verify and parse to the same value too.
    let source = IPv6Address(high: 0xFE80_0000_0000_0000, low: 1)
    let destination = IPv6Address(high: 0xFF02_0000_0000_0000, low: 0x1A)
    guard let checked = try? RPLMessage.parse(message.emit(source: source, destination: destination),
                                              source: source, destination: destination), checked == message else {
        print("checksummed round trip broke for code \(message.code)")
        abort()
    }
    return 0
}
