import CBOR
import Crypto

/// COSE_Sign1 (RFC 9052 §4.2), the signature envelope of cBRSKI vouchers and voucher
/// requests (`application/voucher+cose`): `18([protected: bstr, unprotected: map, payload:
/// bstr, signature: bstr])`, signed over the Sig_structure `["Signature1", protected,
/// external_aad = h'', payload]` (§4.4).
public struct COSESign1: Equatable, Sendable {
    /// The serialized protected header map, as signed.
    public var protectedHeader: [UInt8]
    public var unprotectedHeader: [(key: CBORValue, value: CBORValue)]
    public var payload: [UInt8]
    /// ECDSA `r || s` (RFC 9053 §2.1).
    public var signature: [UInt8]

    /// COSE header labels (RFC 9052 §3.1, RFC 9360 §2).
    static let algorithmLabel: UInt64 = 1
    static let criticalLabel: UInt64 = 2
    static let kidLabel: UInt64 = 4
    static let x5bagLabel: UInt64 = 32

    /// Decodes a tagged (18) or untagged COSE_Sign1. The signature is not checked here.
    public init(_ bytes: [UInt8]) throws(VoucherError) {
        let item: CBORValue
        do {
            item = try CBORValue.decode(bytes, limits: CBORLimits(maxDepth: 8, maxItems: 1024))
        } catch {
            throw .cbor(error)
        }
        var body = item
        if case .tagged(let tag, let content) = item {
            guard tag == 18 else { throw .malformedCOSE("tag \(tag), not COSE_Sign1 (18)") }
            body = content
        }
        guard case .array(let parts) = body, parts.count == 4 else { throw .malformedCOSE("not a four-element array") }
        guard case .bytes(let protected) = parts[0], case .map(let unprotected) = parts[1],
              case .bytes(let payload) = parts[2], case .bytes(let signature) = parts[3]
        else { throw .malformedCOSE("element types (detached payloads are not supported)") }
        self.protectedHeader = protected
        self.unprotectedHeader = unprotected
        self.payload = payload
        self.signature = signature
        _ = try protectedMap()
    }

    public init(protectedHeader: [UInt8], unprotectedHeader: [(key: CBORValue, value: CBORValue)], payload: [UInt8], signature: [UInt8]) {
        self.protectedHeader = protectedHeader
        self.unprotectedHeader = unprotectedHeader
        self.payload = payload
        self.signature = signature
    }

    /// Signs `payload` with an EC key: ES256 for P-256, ES384 for P-384, algorithm in the
    /// protected header (so it is signed, RFC 9052 §3.1). `kid` and `x5bag` (certificates,
    /// DER, RFC 9360) go in the unprotected header, as in the cBRSKI registrar request.
    public static func sign(
        payload: [UInt8], key: ECPrivateKey, kid: [UInt8]? = nil, x5bag: [[UInt8]] = []
    ) throws(VoucherError) -> COSESign1 {
        let algorithm: Int64 = key.curve == .p256 ? -7 : -35
        let protected = CBORValue.map([(.unsigned(algorithmLabel), .integer(algorithm))]).encode()
        var unprotected: [(key: CBORValue, value: CBORValue)] = []
        if let kid { unprotected.append((.unsigned(kidLabel), .bytes(kid))) }
        if x5bag.count == 1 {
            unprotected.append((.unsigned(x5bagLabel), .bytes(x5bag[0])))
        } else if x5bag.count > 1 {
            unprotected.append((.unsigned(x5bagLabel), .array(x5bag.map { .bytes($0) })))
        }
        var message = COSESign1(protectedHeader: protected, unprotectedHeader: unprotected, payload: payload, signature: [])
        do {
            message.signature = try key.rawSignature(digest: key.curve.hash.hash(message.toBeSigned()))
        } catch {
            throw .crypto(error)
        }
        return message
    }

    /// Checks the signature with the signer's public key (from its certificate). The
    /// algorithm must be the one the key's curve calls for.
    public func verify(with key: ECPublicKey) throws(VoucherError) {
        guard let algorithm = try algorithm() else { throw .malformedCOSE("no algorithm in the protected header") }
        let expected: Int64 = key.curve == .p256 ? -7 : -35
        guard algorithm == expected else { throw .unsupportedAlgorithm(algorithm) }
        do {
            try key.verify(rawSignature: signature, digest: key.curve.hash.hash(toBeSigned()))
        } catch {
            throw .crypto(error)
        }
    }

    /// Tagged encoding (tag 18).
    public func encoded() -> [UInt8] {
        CBORValue.tagged(18, .array([.bytes(protectedHeader), .map(unprotectedHeader), .bytes(payload), .bytes(signature)])).encode()
    }

    /// The `alg` protected header parameter.
    public func algorithm() throws(VoucherError) -> Int64? {
        try protectedMap()[.unsigned(COSESign1.algorithmLabel)]?.integerValue
    }

    /// `kid` from either header bucket.
    public var kid: [UInt8]? {
        let label = CBORValue.unsigned(COSESign1.kidLabel)
        if case .bytes(let kid)? = (try? protectedMap())?[label] { return kid }
        for entry in unprotectedHeader where entry.key == label {
            if case .bytes(let kid) = entry.value { return kid }
        }
        return nil
    }

    /// Certificates from `x5bag` (RFC 9360: one bstr or an array of them), either bucket.
    public var x5bag: [[UInt8]] {
        let label = CBORValue.unsigned(COSESign1.x5bagLabel)
        var value = (try? protectedMap())?[label]
        if value == nil {
            for entry in unprotectedHeader where entry.key == label { value = entry.value }
        }
        switch value {
        case .bytes(let certificate)?: return [certificate]
        case .array(let items)?:
            var certificates: [[UInt8]] = []
            for case .bytes(let certificate) in items { certificates.append(certificate) }
            return certificates
        default: return []
        }
    }

    /// Sig_structure for COSE_Sign1 with empty external_aad (RFC 9052 §4.4).
    func toBeSigned() -> [UInt8] {
        CBORValue.array([.text("Signature1"), .bytes(protectedHeader), .bytes([]), .bytes(payload)]).encode()
    }

    /// The protected header as a map (an empty bstr stands for an empty map). `crit` is
    /// refused: no extension header is understood here (RFC 9052 §3.1).
    func protectedMap() throws(VoucherError) -> CBORValue {
        if protectedHeader.isEmpty { return .map([]) }
        let map: CBORValue
        do {
            map = try CBORValue.decode(protectedHeader, limits: CBORLimits(maxDepth: 4, maxItems: 64))
        } catch {
            throw .cbor(error)
        }
        guard case .map = map else { throw .malformedCOSE("protected header is not a map") }
        if map[.unsigned(COSESign1.criticalLabel)] != nil { throw .malformedCOSE("critical header parameters") }
        return map
    }

    public static func == (a: COSESign1, b: COSESign1) -> Bool {
        a.encoded() == b.encoded()
    }
}

extension Voucher {
    /// A COSE_Sign1-signed voucher (`application/voucher+cose`), tagged.
    public func signedCOSE(key: ECPrivateKey, kid: [UInt8]? = nil, x5bag: [[UInt8]] = []) throws(VoucherError) -> [UInt8] {
        try COSESign1.sign(payload: cbor(), key: key, kid: kid, x5bag: x5bag).encoded()
    }

    /// Reads a COSE_Sign1 voucher whose signature verifies with `signer` (the MASA's key).
    public init(cose bytes: [UInt8], signer: ECPublicKey) throws(VoucherError) {
        let message = try COSESign1(bytes)
        try message.verify(with: signer)
        try self.init(cbor: message.payload)
    }
}

extension VoucherRequest {
    public func signedCOSE(key: ECPrivateKey, kid: [UInt8]? = nil, x5bag: [[UInt8]] = []) throws(VoucherError) -> [UInt8] {
        try COSESign1.sign(payload: cbor(), key: key, kid: kid, x5bag: x5bag).encoded()
    }

    /// Reads a COSE_Sign1 voucher request whose signature verifies with `signer` (the pledge's
    /// IDevID key for a PVR, the registrar's key for an RVR).
    public init(cose bytes: [UInt8], signer: ECPublicKey) throws(VoucherError) {
        let message = try COSESign1(bytes)
        try message.verify(with: signer)
        try self.init(cbor: message.payload)
    }
}
