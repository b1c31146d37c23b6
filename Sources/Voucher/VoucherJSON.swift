import JSON

/// The JSON form (RFC 8366 §5.3 / RFC 8995 §3, YANG-in-JSON per RFC 7951): one object with a
/// single member named after the container. This is the content a CMS SignedData carries;
/// these functions take and give that content, already unwrapped and verified.
extension Voucher {
    /// Reads the content of a verified `application/voucher-cms+json` voucher.
    public init(json: [UInt8]) throws(VoucherError) {
        try self.init(try VoucherContainer.voucher.parseJSON(json))
    }

    /// The compact JSON text to sign.
    public func json() -> [UInt8] {
        VoucherContainer.voucher.emitJSON(leafSet)
    }
}

extension VoucherRequest {
    public init(json: [UInt8]) throws(VoucherError) {
        self.init(try VoucherContainer.voucherRequest.parseJSON(json))
    }

    public func json() -> [UInt8] {
        VoucherContainer.voucherRequest.emitJSON(leafSet)
    }
}

extension VoucherContainer {
    func parseJSON(_ bytes: [UInt8]) throws(VoucherError) -> LeafSet {
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes, limits: JSONLimits(maxDepth: 8, maxBytes: 1 << 20))
        } catch {
            throw .json(error)
        }
        guard case .object(let top) = document, top.count == 1, top[0].name.utf8.elementsEqual(name.utf8),
              case .object(let members) = top[0].value
        else { throw .notAVoucher }
        var set = LeafSet()
        for member in members {
            // Leaves this implementation does not know (later revisions add some) are skipped:
            // they cannot change the meaning of the leaves it does know.
            guard let leaf = leaf(named: member.name) else { continue }
            try set.add(leaf, try VoucherContainer.leafValue(leaf, member.value))
        }
        return set
    }

    static func leafValue(_ leaf: VoucherLeaf, _ value: JSONValue) throws(VoucherError) -> LeafValue {
        switch (leaf.type, value) {
        case (.enumeration, .string(let text)):
            guard let assertion = Assertion(name: text) else { throw .invalidLeaf(leaf.name) }
            return .assertion(assertion)
        case (.dateAndTime, .string(let text)):
            guard let date = DateAndTime(text) else { throw .invalidLeaf(leaf.name) }
            return .dateAndTime(date)
        case (.boolean, .bool(let flag)):
            return .boolean(flag)
        case (.binary, .string(let text)):
            guard let bytes = Base64.decode(text) else { throw .invalidLeaf(leaf.name) }
            return .binary(bytes)
        case (.string, .string(let text)):
            return .string(text)
        default:
            throw .invalidLeaf(leaf.name)
        }
    }

    func emitJSON(_ set: LeafSet) -> [UInt8] {
        var members: [JSONMember] = []
        for entry in ordered(set.entries) {
            let value: JSONValue
            switch entry.value {
            case .assertion(let assertion): value = .string(assertion.name)
            case .dateAndTime(let date): value = .string(date.text)
            case .boolean(let flag): value = .bool(flag)
            case .binary(let bytes): value = .string(Base64.encode(bytes))
            case .string(let text): value = .string(text)
            }
            members.append(JSONMember(entry.leaf.name, value))
        }
        return JSONValue.object([JSONMember(name, .object(members))]).serialized()
    }
}
