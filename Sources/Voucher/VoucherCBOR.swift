import CBOR

/// The CBOR form (cBRSKI §9, YANG-in-CBOR per RFC 9254): a map with one entry whose key is the
/// container's SID and whose value maps SID deltas (leaf SID − container SID) to leaf values.
/// The name-keyed variant (cBRSKI §9.1.2) is read too. Enumerations are integers, binary
/// leaves byte strings, date-and-time text.
extension Voucher {
    /// Reads a voucher's CBOR form (the payload of a verified COSE_Sign1).
    public init(cbor: [UInt8]) throws(VoucherError) {
        try self.init(try VoucherContainer.voucher.parseCBOR(cbor))
    }

    /// The SID-keyed CBOR form, leaves in ascending SID order as in the cBRSKI examples.
    public func cbor() -> [UInt8] {
        VoucherContainer.voucher.emitCBOR(leafSet)
    }
}

extension VoucherRequest {
    public init(cbor: [UInt8]) throws(VoucherError) {
        self.init(try VoucherContainer.voucherRequest.parseCBOR(cbor))
    }

    public func cbor() -> [UInt8] {
        VoucherContainer.voucherRequest.emitCBOR(leafSet)
    }
}

extension VoucherContainer {
    func parseCBOR(_ bytes: [UInt8]) throws(VoucherError) -> LeafSet {
        let item: CBORValue
        do {
            item = try CBORValue.decode(bytes, limits: CBORLimits(maxDepth: 8, maxItems: 256))
        } catch {
            throw .cbor(error)
        }
        guard case .map(let top) = item, top.count == 1, case .map(let members) = top[0].value else { throw .notAVoucher }
        let bySID: Bool
        switch top[0].key {
        case .unsigned(let key) where key == sid: bySID = true
        case .text(let key) where key.utf8.elementsEqual(name.utf8): bySID = false
        default: throw .notAVoucher
        }
        var set = LeafSet()
        for member in members {
            let leaf: VoucherLeaf?
            switch (bySID, member.key) {
            case (true, .unsigned(let delta)):
                let (leafSID, overflow) = sid.addingReportingOverflow(delta)
                leaf = overflow ? nil : self.leaf(sid: leafSID)
            case (false, .text(let leafName)):
                leaf = self.leaf(named: leafName)
            default:
                throw .notAVoucher
            }
            // Unknown leaves are skipped, as in the JSON form.
            guard let leaf else { continue }
            try set.add(leaf, try VoucherContainer.leafValue(leaf, member.value))
        }
        return set
    }

    static func leafValue(_ leaf: VoucherLeaf, _ value: CBORValue) throws(VoucherError) -> LeafValue {
        switch (leaf.type, value) {
        case (.enumeration, .unsigned(let number)):
            guard number <= 2, let assertion = Assertion(rawValue: Int64(number)) else { throw .invalidLeaf(leaf.name) }
            return .assertion(assertion)
        case (.enumeration, .text(let text)):
            guard let assertion = Assertion(name: text) else { throw .invalidLeaf(leaf.name) }
            return .assertion(assertion)
        case (.dateAndTime, .text(let text)):
            guard let date = DateAndTime(text) else { throw .invalidLeaf(leaf.name) }
            return .dateAndTime(date)
        case (.boolean, .bool(let flag)):
            return .boolean(flag)
        case (.binary, .bytes(let bytes)):
            return .binary(bytes)
        case (.string, .text(let text)):
            return .string(text)
        default:
            throw .invalidLeaf(leaf.name)
        }
    }

    func emitCBOR(_ set: LeafSet) -> [UInt8] {
        var members: [(key: CBORValue, value: CBORValue)] = []
        for definition in leaves.sorted(by: { $0.sid < $1.sid }) {
            guard let leafValue = set.value(definition.leaf) else { continue }
            let value: CBORValue
            switch leafValue {
            case .assertion(let assertion): value = .unsigned(UInt64(assertion.rawValue))
            case .dateAndTime(let date): value = .text(date.text)
            case .boolean(let flag): value = .bool(flag)
            case .binary(let bytes): value = .bytes(bytes)
            case .string(let text): value = .text(text)
            }
            members.append((.unsigned(definition.sid - sid), value))
        }
        return CBORValue.map([(.unsigned(sid), .map(members))]).encode()
    }
}
