/// The fixed 28-byte IKE header (RFC 7296 §3.1).
///
/// `nextPayload` and `length` are not stored: they describe the payloads that follow and are
/// computed by `IKEv2Message.emit`, so a header can never disagree with its message.
public struct IKEv2Header: Equatable, Sendable {
    public static let size = 28

    public var initiatorSPI: UInt64
    public var responderSPI: UInt64
    public var majorVersion: UInt8
    public var minorVersion: UInt8
    public var exchangeType: ExchangeType
    public var flags: Flags
    public var messageID: UInt32

    public init(
        initiatorSPI: UInt64, responderSPI: UInt64, exchangeType: ExchangeType, flags: Flags,
        messageID: UInt32, majorVersion: UInt8 = 2, minorVersion: UInt8 = 0
    ) {
        self.initiatorSPI = initiatorSPI
        self.responderSPI = responderSPI
        self.majorVersion = majorVersion
        self.minorVersion = minorVersion
        self.exchangeType = exchangeType
        self.flags = flags
        self.messageID = messageID
    }

    /// Header flags. Only I, V and R are defined; the other bits MUST be sent as zero and ignored
    /// on receipt (§3.1), so they are dropped when parsing.
    public struct Flags: OptionSet, Hashable, Sendable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Set by the original initiator of the IKE SA in every message it sends.
        public static let initiator = Flags(rawValue: 0x08)
        /// "I could speak a higher major version": never set by an IKEv2-only node.
        public static let version = Flags(rawValue: 0x10)
        /// Set in responses (the message ID is the request's).
        public static let response = Flags(rawValue: 0x20)

        static let defined: Flags = [.initiator, .version, .response]
    }

    /// Parses the header and returns the type of the first payload and the message length it
    /// announces. Only major version 2 is accepted (§2.5: a different major version gets an
    /// INVALID_MAJOR_VERSION reply, which the engine sends).
    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> (IKEv2Header, PayloadType, UInt32) {
        let start = reader.offset
        let initiatorSPI = try reader.u64("initiator SPI")
        let responderSPI = try reader.u64("responder SPI")
        let next = PayloadType(rawValue: try reader.u8("next payload"))
        let version = try reader.u8("version")
        let exchange = ExchangeType(rawValue: try reader.u8("exchange type"))
        let flags = Flags(rawValue: try reader.u8("flags")).intersection(.defined)
        let messageID = try reader.u32("message ID")
        let length = try reader.u32("message length")
        guard version >> 4 == 2 else {
            throw IKEv2WireError(.unsupportedVersion(major: version >> 4), at: start + 17, "major version")
        }
        let header = IKEv2Header(
            initiatorSPI: initiatorSPI, responderSPI: responderSPI, exchangeType: exchange,
            flags: flags, messageID: messageID, majorVersion: version >> 4, minorVersion: version & 0x0F)
        return (header, next, length)
    }

    func emit(into bytes: inout [UInt8], nextPayload: PayloadType, length: Int) {
        bytes.appendU64(initiatorSPI)
        bytes.appendU64(responderSPI)
        bytes.append(nextPayload.rawValue)
        bytes.append(majorVersion << 4 | (minorVersion & 0x0F))
        bytes.append(exchangeType.rawValue)
        bytes.append(flags.intersection(.defined).rawValue)
        bytes.appendU32(messageID)
        bytes.appendU32(UInt32(truncatingIfNeeded: length))
    }
}
