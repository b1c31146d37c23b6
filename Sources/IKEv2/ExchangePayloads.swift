/// The small fixed-layout payloads of IKE_SA_INIT and IKE_AUTH: KE (§3.4), ID (§3.5), CERT and
/// CERTREQ (§3.6, §3.7), AUTH (§3.8). Nonce (§3.9) and Vendor ID (§3.12) are bare byte strings
/// and need no type of their own.

/// Key Exchange payload: the DH group and the public value (g^x, or the ECP point x || y).
public struct KeyExchangePayload: Equatable, Sendable {
    public var group: UInt16
    public var data: [UInt8]

    public init(group: UInt16, data: [UInt8]) {
        self.group = group
        self.data = data
    }

    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> KeyExchangePayload {
        let group = try reader.u16("DH group")
        try reader.skip(2, "KE reserved")
        return KeyExchangePayload(group: group, data: reader.rest())
    }

    func emit(into bytes: inout [UInt8]) {
        bytes.appendU16(group)
        bytes.appendU16(0)
        bytes.append(contentsOf: data)
    }
}

/// Identification types (§3.5).
public struct IdentificationType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let ipv4Address = IdentificationType(rawValue: 1)
    public static let fqdn = IdentificationType(rawValue: 2)
    public static let rfc822Address = IdentificationType(rawValue: 3)
    /// What the ACP uses: the node's ACP address (RFC 8994 §6.7.3).
    public static let ipv6Address = IdentificationType(rawValue: 5)
    public static let derASN1DN = IdentificationType(rawValue: 9)
    public static let derASN1GN = IdentificationType(rawValue: 10)
    public static let keyID = IdentificationType(rawValue: 11)
}

/// IDi / IDr payload. The AUTH computation signs the body of this payload (type, reserved and
/// data, §2.15), which `emitBody` produces.
public struct IdentificationPayload: Equatable, Sendable {
    public var type: IdentificationType
    public var data: [UInt8]

    public init(type: IdentificationType, data: [UInt8]) {
        self.type = type
        self.data = data
    }

    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> IdentificationPayload {
        let start = reader.offset
        let type = IdentificationType(rawValue: try reader.u8("ID type"))
        try reader.skip(3, "ID reserved")
        let data = reader.rest()
        // Address identities have a fixed size; anything else would be a different identity.
        if type == .ipv6Address && data.count != 16 || type == .ipv4Address && data.count != 4 {
            throw reader.error(.malformed, "ID address of \(data.count) bytes", at: start)
        }
        return IdentificationPayload(type: type, data: data)
    }

    /// The payload body without the generic header: RestOfInitIDPayload / RestOfRespIDPayload.
    public func emitBody() -> [UInt8] {
        var bytes: [UInt8] = []
        emit(into: &bytes)
        return bytes
    }

    func emit(into bytes: inout [UInt8]) {
        bytes.append(type.rawValue)
        bytes.append(contentsOf: [0, 0, 0])
        bytes.append(contentsOf: data)
    }
}

/// Certificate encodings (§3.6).
public struct CertificateEncoding: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A DER X.509 certificate (CERT), or concatenated SHA-1 hashes of trusted CA public keys
    /// (CERTREQ, §3.7).
    public static let x509Signature = CertificateEncoding(rawValue: 4)
    public static let hashAndURLX509 = CertificateEncoding(rawValue: 12)
}

/// CERT and CERTREQ share one layout: an encoding byte and data.
public struct CertificatePayload: Equatable, Sendable {
    public var encoding: CertificateEncoding
    public var data: [UInt8]

    public init(encoding: CertificateEncoding, data: [UInt8]) {
        self.encoding = encoding
        self.data = data
    }

    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> CertificatePayload {
        let encoding = CertificateEncoding(rawValue: try reader.u8("certificate encoding"))
        return CertificatePayload(encoding: encoding, data: reader.rest())
    }

    func emit(into bytes: inout [UInt8]) {
        bytes.append(encoding.rawValue)
        bytes.append(contentsOf: data)
    }
}

/// Authentication methods (§3.8; 14 from RFC 7427).
public struct AuthenticationMethod: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let rsaDigitalSignature = AuthenticationMethod(rawValue: 1)
    public static let sharedKeyMIC = AuthenticationMethod(rawValue: 2)
    public static let ecdsaSHA256P256 = AuthenticationMethod(rawValue: 9)
    public static let ecdsaSHA384P384 = AuthenticationMethod(rawValue: 10)
    public static let ecdsaSHA512P521 = AuthenticationMethod(rawValue: 11)
    /// RFC 7427: the data starts with an AlgorithmIdentifier; the ACP requires it (RFC 8994 §6.7.3).
    public static let digitalSignature = AuthenticationMethod(rawValue: 14)
}

/// AUTH payload: method and authentication data (for method 14: ASN.1 length, AlgorithmIdentifier,
/// signature; RFC 7427 §3 — interpreted by the engine, not here).
public struct AuthenticationPayload: Equatable, Sendable {
    public var method: AuthenticationMethod
    public var data: [UInt8]

    public init(method: AuthenticationMethod, data: [UInt8]) {
        self.method = method
        self.data = data
    }

    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> AuthenticationPayload {
        let method = AuthenticationMethod(rawValue: try reader.u8("auth method"))
        try reader.skip(3, "auth reserved")
        return AuthenticationPayload(method: method, data: reader.rest())
    }

    func emit(into bytes: inout [UInt8]) {
        bytes.append(method.rawValue)
        bytes.append(contentsOf: [0, 0, 0])
        bytes.append(contentsOf: data)
    }
}
