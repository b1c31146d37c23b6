import CLinux

/// The nlmsghdr flags (NLM_F_*). Request and reply bits share values, as in <linux/netlink.h>.
public struct NetlinkFlags: OptionSet, Equatable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let request = NetlinkFlags(rawValue: UInt16(NLM_F_REQUEST))
    public static let multipart = NetlinkFlags(rawValue: UInt16(NLM_F_MULTI))
    public static let ack = NetlinkFlags(rawValue: UInt16(NLM_F_ACK))
    public static let echo = NetlinkFlags(rawValue: UInt16(NLM_F_ECHO))
    public static let dumpInterrupted = NetlinkFlags(rawValue: UInt16(NLM_F_DUMP_INTR))
    // GET requests
    public static let dump = NetlinkFlags(rawValue: UInt16(NLM_F_DUMP))
    // NEW requests
    public static let replace = NetlinkFlags(rawValue: UInt16(NLM_F_REPLACE))
    public static let exclusive = NetlinkFlags(rawValue: UInt16(NLM_F_EXCL))
    public static let create = NetlinkFlags(rawValue: UInt16(NLM_F_CREATE))
    // NLMSG_ERROR replies (extended ACK)
    public static let capped = NetlinkFlags(rawValue: UInt16(NLM_F_CAPPED))
    public static let acknowledgementTLVs = NetlinkFlags(rawValue: UInt16(NLM_F_ACK_TLVS))
}

/// One netlink message: the 16-byte nlmsghdr and the family-specific payload after it.
public struct NetlinkMessage: Equatable, Sendable {
    public static let headerLength = 16

    public static let noop = UInt16(NLMSG_NOOP)
    public static let error = UInt16(NLMSG_ERROR)
    public static let done = UInt16(NLMSG_DONE)
    public static let overrun = UInt16(NLMSG_OVERRUN)

    public var type: UInt16
    public var flags: NetlinkFlags
    public var sequence: UInt32
    public var portID: UInt32
    public var payload: [UInt8]

    public init(type: UInt16, flags: NetlinkFlags, sequence: UInt32 = 0, portID: UInt32 = 0,
                payload: [UInt8] = []) {
        self.type = type
        self.flags = flags
        self.sequence = sequence
        self.portID = portID
        self.payload = payload
    }

    /// nlmsghdr + payload, padded to 4 bytes. nlmsg_len counts the unpadded payload, as the
    /// kernel's nlmsg_msg_size does.
    public func emit() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(netlinkAlign(Self.headerLength + payload.count))
        bytes.appendNative(UInt32(Self.headerLength + payload.count))
        bytes.appendNative(type)
        bytes.appendNative(flags.rawValue)
        bytes.appendNative(sequence)
        bytes.appendNative(portID)
        bytes.append(contentsOf: payload)
        bytes.padToAlignment()
        return bytes
    }

    /// Splits one datagram into its messages (the kernel packs many into one for dumps).
    public static func parseAll(_ buffer: [UInt8]) throws(NetlinkError) -> [NetlinkMessage] {
        var messages: [NetlinkMessage] = []
        var offset = 0
        while offset < buffer.count {
            let available = buffer.count - offset
            guard available >= headerLength else {
                throw .truncated(what: "nlmsghdr", needed: headerLength, available: available)
            }
            let length = Int(buffer.native(at: offset, as: UInt32.self))
            guard length >= headerLength else {
                throw .malformed("nlmsg_len \(length) shorter than nlmsghdr")
            }
            guard length <= available else {
                throw .truncated(what: "netlink message", needed: length, available: available)
            }
            messages.append(NetlinkMessage(
                type: buffer.native(at: offset + 4),
                flags: NetlinkFlags(rawValue: buffer.native(at: offset + 6)),
                sequence: buffer.native(at: offset + 8),
                portID: buffer.native(at: offset + 12),
                payload: buffer.bytes(at: offset + headerLength, length: length - headerLength)))
            offset += netlinkAlign(length)
        }
        return messages
    }
}

/// The payload of NLMSG_ERROR: an errno (0 means ACK) and the header of the request it answers,
/// plus the kernel's explanation when extended ACKs are on.
public struct NetlinkAcknowledgement: Equatable, Sendable {
    /// Positive errno, or 0 for a plain ACK.
    public var errno: Int32
    /// Type and sequence number of the request this answers.
    public var requestType: UInt16
    public var requestSequence: UInt32
    /// NLMSGERR_ATTR_MSG, e.g. "Unknown device type".
    public var message: String?

    public init(errno: Int32, requestType: UInt16, requestSequence: UInt32, message: String? = nil) {
        self.errno = errno
        self.requestType = requestType
        self.requestSequence = requestSequence
        self.message = message
    }

    public static func parse(_ message: NetlinkMessage) throws(NetlinkError) -> NetlinkAcknowledgement {
        let payload = message.payload
        let needed = 4 + NetlinkMessage.headerLength
        guard payload.count >= needed else {
            throw .truncated(what: "nlmsgerr", needed: needed, available: payload.count)
        }
        let code: Int32 = payload.native(at: 0)
        // The kernel sends -errno; negating Int32.min would trap, and hostile input must not.
        var acknowledgement = NetlinkAcknowledgement(
            errno: code == Int32.min ? Int32.max : -code,
            requestType: payload.native(at: 8), requestSequence: payload.native(at: 12))
        if message.flags.contains(.acknowledgementTLVs) {
            // The TLVs follow the echoed request: just its header when capped (always for ACKs).
            let echoed = message.flags.contains(.capped) || code == 0
                ? NetlinkMessage.headerLength
                : netlinkAlign(Int(payload.native(at: 4, as: UInt32.self)))
            let start = 4 + echoed
            // Extended ACK text is a courtesy: a garbled one must not hide the errno itself.
            if start <= payload.count,
               let attributes = try? Attributes.parse(payload, from: start),
               let text = try? attributes.string(UInt16(NLMSGERR_ATTR_MSG.rawValue)) {
                acknowledgement.message = text
            }
        }
        return acknowledgement
    }
}
