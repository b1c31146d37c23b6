/// One IKEv2 payload, decoded by type. Payloads this codec does not model (Configuration, EAP,
/// newer RFCs) are kept byte-exact in `.other`, with their critical bit, so they survive a
/// parse → emit round trip and the engine can still see that they were there.
public enum Payload: Equatable, Sendable {
    case securityAssociation(SecurityAssociationPayload)
    case keyExchange(KeyExchangePayload)
    case identificationInitiator(IdentificationPayload)
    case identificationResponder(IdentificationPayload)
    case certificate(CertificatePayload)
    case certificateRequest(CertificatePayload)
    case authentication(AuthenticationPayload)
    case nonce([UInt8])
    case notify(NotifyPayload)
    case delete(DeletePayload)
    case vendorID([UInt8])
    case trafficSelectorInitiator(TrafficSelectorPayload)
    case trafficSelectorResponder(TrafficSelectorPayload)
    /// SK{…} still encrypted; `IKEv2Message.open` turns it into the inner payloads.
    case encrypted(EncryptedPayload)
    /// SKF (RFC 7383): one fragment of an encrypted message.
    case encryptedFragment(EncryptedFragmentPayload)
    case other(type: PayloadType, critical: Bool, body: [UInt8])

    public var type: PayloadType {
        switch self {
        case .securityAssociation: return .securityAssociation
        case .keyExchange: return .keyExchange
        case .identificationInitiator: return .identificationInitiator
        case .identificationResponder: return .identificationResponder
        case .certificate: return .certificate
        case .certificateRequest: return .certificateRequest
        case .authentication: return .authentication
        case .nonce: return .nonce
        case .notify: return .notify
        case .delete: return .delete
        case .vendorID: return .vendorID
        case .trafficSelectorInitiator: return .trafficSelectorInitiator
        case .trafficSelectorResponder: return .trafficSelectorResponder
        case .encrypted: return .encrypted
        case .encryptedFragment: return .encryptedFragment
        case .other(let type, _, _): return type
        }
    }

    /// Size of the generic payload header (§3.2).
    static let headerSize = 4

    /// Payload types this implementation processes even when it has no decoded form for them;
    /// RFC 7296 requires the critical bit to be ignored for them (§2.5), while any other unknown
    /// type with the bit set rejects the message.
    static func isUnderstood(_ type: PayloadType) -> Bool {
        (33...48).contains(type.rawValue) || type == .encryptedFragment
    }

    /// Decodes the body of a payload whose type, critical bit and extent the chain walker read.
    static func parse(
        type: PayloadType, critical: Bool, nextPayload: PayloadType, body reader: inout WireReader
    ) throws(IKEv2WireError) -> Payload {
        switch type {
        case .securityAssociation: return .securityAssociation(try .parse(&reader))
        case .keyExchange: return .keyExchange(try .parse(&reader))
        case .identificationInitiator: return .identificationInitiator(try .parse(&reader))
        case .identificationResponder: return .identificationResponder(try .parse(&reader))
        case .certificate: return .certificate(try .parse(&reader))
        case .certificateRequest: return .certificateRequest(try .parse(&reader))
        case .authentication: return .authentication(try .parse(&reader))
        case .nonce: return .nonce(reader.rest())
        case .notify: return .notify(try .parse(&reader))
        case .delete: return .delete(try .parse(&reader))
        case .vendorID: return .vendorID(reader.rest())
        case .trafficSelectorInitiator: return .trafficSelectorInitiator(try .parse(&reader))
        case .trafficSelectorResponder: return .trafficSelectorResponder(try .parse(&reader))
        case .encrypted:
            return .encrypted(EncryptedPayload(firstPayload: nextPayload, data: reader.rest()))
        case .encryptedFragment:
            return .encryptedFragment(try .parse(firstPayload: nextPayload, &reader))
        default:
            return .other(type: type, critical: critical, body: reader.rest())
        }
    }

    /// Appends the body (everything after the generic header).
    func emitBody(into bytes: inout [UInt8]) {
        switch self {
        case .securityAssociation(let payload): payload.emit(into: &bytes)
        case .keyExchange(let payload): payload.emit(into: &bytes)
        case .identificationInitiator(let payload), .identificationResponder(let payload): payload.emit(into: &bytes)
        case .certificate(let payload), .certificateRequest(let payload): payload.emit(into: &bytes)
        case .authentication(let payload): payload.emit(into: &bytes)
        case .nonce(let data), .vendorID(let data): bytes.append(contentsOf: data)
        case .notify(let payload): payload.emit(into: &bytes)
        case .delete(let payload): payload.emit(into: &bytes)
        case .trafficSelectorInitiator(let payload), .trafficSelectorResponder(let payload): payload.emit(into: &bytes)
        case .encrypted(let payload): bytes.append(contentsOf: payload.data)
        case .encryptedFragment(let payload): payload.emitBody(into: &bytes)
        case .other(_, _, let body): bytes.append(contentsOf: body)
        }
    }

    /// The critical bit to send: RFC 7296 payloads MUST be sent with it clear (§3.2); unknown
    /// payloads keep whatever they arrived with.
    var critical: Bool {
        if case .other(_, let critical, _) = self { return critical }
        return false
    }

    /// The value of this payload's Next Payload field when it is followed by `next`: SK and SKF
    /// carry the type of the first embedded payload instead (§3.14).
    func nextPayloadField(followedBy next: PayloadType) -> PayloadType {
        switch self {
        case .encrypted(let payload): return payload.firstPayload
        case .encryptedFragment(let payload): return payload.firstPayload
        default: return next
        }
    }
}

/// Walks and builds chains of payloads (§3.2): each generic header names the type of the next.
enum PayloadChain {
    /// Parses payloads from `reader` to its end, starting with type `first`. An Encrypted (or
    /// Encrypted Fragment) payload ends the chain and must end the data (§3.14).
    static func parse(first: PayloadType, _ reader: inout WireReader) throws(IKEv2WireError) -> [Payload] {
        var payloads: [Payload] = []
        var type = first
        while type != .noNextPayload {
            let start = reader.offset
            let next = PayloadType(rawValue: try reader.u8("next payload"))
            let critical = try reader.u8("critical bit") & 0x80 != 0
            let length = Int(try reader.u16("payload length"))
            guard length >= Payload.headerSize else {
                throw reader.error(.badLength, "payload length \(length)", at: start + 2)
            }
            if critical && !Payload.isUnderstood(type) {
                throw reader.error(.unsupportedCriticalPayload(type), "payload type \(type.rawValue)", at: start)
            }
            var body = try reader.sub(length: length - Payload.headerSize, "payload body")
            let payload = try Payload.parse(type: type, critical: critical, nextPayload: next, body: &body)
            if !body.isAtEnd { throw body.error(.badLength, "payload body longer than its contents") }
            payloads.append(payload)
            if type == .encrypted || type == .encryptedFragment {
                guard reader.isAtEnd else { throw reader.error(.misplacedEncryptedPayload, "data after the Encrypted payload") }
                return payloads
            }
            type = next
        }
        guard reader.isAtEnd else { throw reader.error(.badLength, "data after the last payload") }
        return payloads
    }

    /// Emits `payloads`; returns the type to put in the preceding Next Payload field.
    static func emit(_ payloads: [Payload], into bytes: inout [UInt8]) -> PayloadType {
        for (index, payload) in payloads.enumerated() {
            let following = index + 1 < payloads.count ? payloads[index + 1].type : .noNextPayload
            let start = bytes.count
            bytes.append(payload.nextPayloadField(followedBy: following).rawValue)
            bytes.append(payload.critical ? 0x80 : 0)
            bytes.appendU16(0)
            payload.emitBody(into: &bytes)
            bytes.patchU16(bytes.count - start, at: start + 2)
        }
        return payloads.first?.type ?? .noNextPayload
    }
}
