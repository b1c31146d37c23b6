// modules: Platform Netlink
// Kernel replies are trusted more than network input, but a truncated or garbled datagram (or a
// newer kernel's unknown attributes) must still give typed errors, never a trap. Every message that
// splits out of a buffer is handed to every typed parser; what splits must re-emit and re-split
// to the same messages.
import CLinux
import Netlink

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buffer = Array(UnsafeBufferPointer(start: data, count: size))
    guard let messages = try? NetlinkMessage.parseAll(buffer) else { return 0 }
    var emitted: [UInt8] = []
    for message in messages {
        _ = try? Link.parse(message)
        _ = try? InterfaceAddress.parse(message)
        _ = try? Route.parse(message)
        _ = try? XFRMState.parse(message)
        _ = try? XFRMPolicy.parse(message)
        _ = try? NetlinkAcknowledgement.parse(message)
        _ = try? RouteEventListener.event(message)
        emitted += message.emit()
    }
    guard (try? NetlinkMessage.parseAll(emitted)) == messages else {
        print("netlink messages changed through emit and parse")
        abort()
    }
    return 0
}
