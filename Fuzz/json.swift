// modules: JSON
// Strict JSON parsing of untrusted text (vouchers, status documents): never traps, throws
// JSONError or returns a value whose compact form parses back to the same value and re-emits
// the same bytes.
import CLinux
import JSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONValue.parse(bytes, limits: JSONLimits(maxDepth: 64, maxBytes: 1 << 16)) else { return 0 }
    let emitted = value.serialized()
    guard let again = try? JSONValue.parse(emitted), again == value, again.serialized() == emitted else {
        print("JSON round trip broke: \(emitted.count) bytes emitted")
        abort()
    }
    return 0
}
