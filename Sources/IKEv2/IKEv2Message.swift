/// A whole IKEv2 message: header and payload chain (RFC 7296 §3). `parse` and `emit` are exact
/// inverses on the decoded form: `parse(emit(m)) == m` for every message `parse` returns.
///
/// An SK payload stays sealed here; `EncryptedPayloadCipher` opens it with the IKE SA's keys.
public struct IKEv2Message: Equatable, Sendable {
    public var header: IKEv2Header
    public var payloads: [Payload]

    public init(header: IKEv2Header, payloads: [Payload]) {
        self.header = header
        self.payloads = payloads
    }

    /// Parses one message. The Length field must equal the datagram size: a UDP datagram holds
    /// exactly one message (§3.1), and trailing bytes would be unauthenticated by the ICV.
    public static func parse(_ bytes: [UInt8]) throws(IKEv2WireError) -> IKEv2Message {
        var reader = WireReader(bytes)
        let (header, first, length) = try IKEv2Header.parse(&reader)
        // Compared as 64-bit values: on 32-bit targets a hostile length need not fit in Int.
        guard UInt64(length) == UInt64(bytes.count) else {
            throw IKEv2WireError(.badLength, at: 24, "message length \(length), datagram \(bytes.count)")
        }
        let payloads = try PayloadChain.parse(first: first, &reader)
        return IKEv2Message(header: header, payloads: payloads)
    }

    public func emit() -> [UInt8] {
        var body: [UInt8] = []
        let first = PayloadChain.emit(payloads, into: &body)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(IKEv2Header.size + body.count)
        header.emit(into: &bytes, nextPayload: first, length: IKEv2Header.size + body.count)
        bytes.append(contentsOf: body)
        return bytes
    }

    /// The first Notify payload of `type`, if any (COOKIE, INVALID_KE_PAYLOAD …).
    public func notify(_ type: NotifyType) -> NotifyPayload? {
        for case .notify(let notify) in payloads where notify.type == type { return notify }
        return nil
    }
}
