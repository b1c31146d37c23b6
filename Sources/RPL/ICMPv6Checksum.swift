import Platform

/// The ICMPv6 checksum (RFC 4443 §2.3): the 16-bit one's complement of the one's complement sum
/// over the IPv6 pseudo-header (RFC 8200 §8.1: source, destination, upper-layer length, three zero
/// octets, next header 58) and the ICMPv6 message with its checksum field taken as zero.
///
/// The Linux kernel fills this in for raw ICMPv6 sockets, so the engine's messages need it only
/// when they travel another way (TUN, captures) and when a received packet is checked.
public enum ICMPv6Checksum {
    public static let nextHeader: UInt8 = 58
    /// Offset of the checksum field inside the ICMPv6 header.
    public static let fieldOffset = 2

    public static func compute(_ message: [UInt8], source: IPv6Address, destination: IPv6Address) -> UInt16 {
        var sum: UInt32 = 0
        func add(_ word: UInt16) {
            sum &+= UInt32(word)
            sum = (sum & 0xFFFF) &+ (sum >> 16)
        }
        for address in [source, destination] {
            for index in 0..<8 { add(address.group(index)) }
        }
        let length = UInt32(truncatingIfNeeded: message.count)
        add(UInt16(truncatingIfNeeded: length >> 16))
        add(UInt16(truncatingIfNeeded: length))
        add(UInt16(nextHeader))
        var index = 0
        while index < message.count {
            let high = index == fieldOffset || index == fieldOffset + 1 ? 0 : message[index]
            let lowIndex = index + 1
            let low: UInt8 = lowIndex < message.count && lowIndex != fieldOffset && lowIndex != fieldOffset + 1
                ? message[lowIndex] : 0
            add(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        // Unlike UDP, ICMPv6 keeps a computed 0 as 0 (as the Linux kernel does).
        return ~UInt16(truncatingIfNeeded: sum)
    }

    /// Writes the checksum into an emitted message (at least 4 octets: type, code, checksum).
    public static func fill(_ message: inout [UInt8], source: IPv6Address, destination: IPv6Address) {
        guard message.count >= 4 else { return }
        let checksum = compute(message, source: source, destination: destination)
        message[fieldOffset] = UInt8(truncatingIfNeeded: checksum >> 8)
        message[fieldOffset + 1] = UInt8(truncatingIfNeeded: checksum)
    }

    /// True when the message's checksum field is right for this source and destination.
    public static func verify(_ message: [UInt8], source: IPv6Address, destination: IPv6Address) -> Bool {
        guard message.count >= 4 else { return false }
        let found = UInt16(message[fieldOffset]) << 8 | UInt16(message[fieldOffset + 1])
        let expected = compute(message, source: source, destination: destination)
        // 0x0000 and 0xFFFF are the same one's complement number.
        return found == expected || (found == 0xFFFF && expected == 0) || (found == 0 && expected == 0xFFFF)
    }
}
