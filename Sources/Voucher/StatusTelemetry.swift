import CBOR
import JSON

/// Pledge status telemetry: the voucher status (RFC 8995 §5.7, `/voucher_status`, cBRSKI
/// `/vs`) and the enrollment status (§5.9.4, `/enrollstatus`, cBRSKI `/es`) share one format:
/// `{"version": uint, "status": bool, ? "reason": text, ? "reason-context": {…}}`, as JSON
/// (application/json) or as a CBOR map with the same text keys (cBRSKI Appendix B).
public struct StatusTelemetry: Equatable, Sendable {
    public var version: UInt64
    /// True when the voucher (or the enrollment) was accepted.
    public var status: Bool
    /// Why not, for a human; it may reach an unauthenticated registrar, so it should not help
    /// an attacker (RFC 8995 §5.7).
    public var reason: String?
    /// Not standardized: kept in the form it came in.
    public var reasonContext: ReasonContext?

    public enum ReasonContext: Equatable, Sendable {
        case json(JSONValue)
        case cbor(CBORValue)
    }

    public init(version: UInt64 = 1, status: Bool, reason: String? = nil, reasonContext: ReasonContext? = nil) {
        self.version = version
        self.status = status
        self.reason = reason
        self.reasonContext = reasonContext
    }

    /// Reads the JSON form. Members other than the four are ignored (later versions may add
    /// some; a registrar logs what it does not know).
    public init(json bytes: [UInt8]) throws(VoucherError) {
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes, limits: JSONLimits(maxDepth: 16, maxBytes: 1 << 16))
        } catch {
            throw .json(error)
        }
        guard case .object = document else { throw .notAVoucher }
        guard case .number(let number)? = document["version"], let version = number.int64Value, version >= 0 else {
            throw .missingLeaf("version")
        }
        guard let status = document["status"]?.boolValue else { throw .missingLeaf("status") }
        self.init(version: UInt64(version), status: status)
        if let reason = document["reason"] {
            guard let text = reason.stringValue else { throw .invalidLeaf("reason") }
            self.reason = text
        }
        if let context = document["reason-context"] {
            guard case .object = context else { throw .invalidLeaf("reason-context") }
            self.reasonContext = .json(context)
        }
    }

    /// Reads the CBOR form.
    public init(cbor bytes: [UInt8]) throws(VoucherError) {
        let item: CBORValue
        do {
            item = try CBORValue.decode(bytes, limits: CBORLimits(maxDepth: 16, maxItems: 1024))
        } catch {
            throw .cbor(error)
        }
        guard case .map = item else { throw .notAVoucher }
        guard case .unsigned(let version)? = item[.text("version")] else { throw .missingLeaf("version") }
        guard case .bool(let status)? = item[.text("status")] else { throw .missingLeaf("status") }
        self.init(version: version, status: status)
        if let reason = item[.text("reason")] {
            guard case .text(let text) = reason else { throw .invalidLeaf("reason") }
            self.reason = text
        }
        if let context = item[.text("reason-context")] {
            guard case .map = context else { throw .invalidLeaf("reason-context") }
            self.reasonContext = .cbor(context)
        }
    }

    /// The JSON form. A reason-context that came in CBOR has no JSON form (its keys may be
    /// integers) and is left out.
    public func json() -> [UInt8] {
        var members = [JSONMember("version", .unsigned(version)), JSONMember("status", .bool(status))]
        if let reason { members.append(JSONMember("reason", .string(reason))) }
        if case .json(let context)? = reasonContext { members.append(JSONMember("reason-context", context)) }
        return JSONValue.object(members).serialized()
    }

    /// The CBOR form. A reason-context that came in JSON is left out: JSON numbers have no
    /// single CBOR equivalent.
    public func cbor() -> [UInt8] {
        var entries: [(key: CBORValue, value: CBORValue)] = [(.text("version"), .unsigned(version)), (.text("status"), .bool(status))]
        if let reason { entries.append((.text("reason"), .text(reason))) }
        if case .cbor(let context)? = reasonContext { entries.append((.text("reason-context"), context)) }
        return CBORValue.map(entries).encode()
    }
}
