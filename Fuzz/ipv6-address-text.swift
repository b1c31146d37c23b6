// modules: Platform
// IPv6 text parsing: never traps, and whatever parses formats back to a string that parses to the
// same address (RFC 5952 output is valid RFC 4291 input).
import CLinux
import Platform

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let address = IPv6Address(text) else { return 0 }
    let formatted = "\(address)"
    guard IPv6Address(formatted) == address else {
        print("round trip broke: \(text) -> \(formatted)")
        abort()
    }
    return 0
}
