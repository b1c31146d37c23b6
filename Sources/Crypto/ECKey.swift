import CMbedTLS

/// The NIST curves ACP and BRSKI use: P-256 (IKEv2 DH group 19, ECDSA with SHA-256) and P-384
/// (group 20, SHA-384) — RFC 5903, RFC 7427.
public enum ECCurve: Equatable, Sendable {
    case p256, p384

    /// Bytes of a scalar or of one point coordinate.
    public var size: Int { self == .p256 ? 32 : 48 }

    /// The IKEv2 Diffie-Hellman group number (RFC 5903).
    public var ikeGroup: UInt16 { self == .p256 ? 19 : 20 }

    /// The hash this curve is paired with in ECDSA (RFC 5480 §4, RFC 7427).
    public var hash: HashAlgorithm { self == .p256 ? .sha256 : .sha384 }

    var groupID: mbedtls_ecp_group_id {
        self == .p256 ? MBEDTLS_ECP_DP_SECP256R1 : MBEDTLS_ECP_DP_SECP384R1
    }

    init?(groupID: mbedtls_ecp_group_id) {
        switch groupID {
        case MBEDTLS_ECP_DP_SECP256R1: self = .p256
        case MBEDTLS_ECP_DP_SECP384R1: self = .p384
        default: return nil
        }
    }

    /// `AlgorithmIdentifier { id-ecPublicKey, namedCurve }` DER (RFC 5480 §2.1.1), as it appears
    /// in SubjectPublicKeyInfo and PKCS#8.
    var algorithmIdentifierDER: [UInt8] {
        let idECPublicKey: [UInt8] = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]  // 1.2.840.10045.2.1
        let namedCurve: [UInt8]
        switch self {
        case .p256: namedCurve = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]  // 1.2.840.10045.3.1.7
        case .p384: namedCurve = [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22]  // 1.3.132.0.34
        }
        return derElement(0x30, idECPublicKey + namedCurve)
    }
}

/// A public point, checked to lie on its curve. `uncompressed` is the SEC1 form `04 || X || Y`.
public struct ECPublicKey: Equatable, Sendable {
    public let curve: ECCurve
    public let uncompressed: [UInt8]

    /// Validates `04 || X || Y` on `curve` (mbedtls_ecp_check_pubkey: on the curve, not infinity).
    public init(curve: ECCurve, uncompressed: [UInt8]) throws(CryptoError) {
        guard uncompressed.count == 1 + 2 * curve.size, uncompressed.first == 0x04 else {
            throw CryptoError("EC public key: \(uncompressed.count) bytes, not an uncompressed point", code: MBEDTLS_ERR_ECP_BAD_INPUT_DATA)
        }
        self.curve = curve
        self.uncompressed = uncompressed
        try withPoint { _, _ throws(CryptoError) in }
    }

    /// From `X || Y`, the form of the IKEv2 Key Exchange payload for ECP groups (RFC 5903 §7).
    public init(curve: ECCurve, coordinates: [UInt8]) throws(CryptoError) {
        try self.init(curve: curve, uncompressed: [0x04] + coordinates)
    }

    /// `X || Y` without the SEC1 prefix (RFC 5903 §7).
    public var coordinates: [UInt8] { Array(uncompressed[1...]) }

    /// SubjectPublicKeyInfo DER (RFC 5480 §2), the form X.509 certificates, CSRs and the
    /// voucher's pinned-domain-subject-public-key-info (RFC 8366) carry.
    public var subjectPublicKeyInfoDER: [UInt8] {
        derElement(0x30, curve.algorithmIdentifierDER + derElement(0x03, [0x00] + uncompressed))
    }

    /// From SubjectPublicKeyInfo, DER or PEM (`-----BEGIN PUBLIC KEY-----`).
    public init(subjectPublicKeyInfo encoded: [UInt8]) throws(CryptoError) {
        let pk = UnsafeMutablePointer<mbedtls_pk_context>.allocate(capacity: 1)
        mbedtls_pk_init(pk)
        defer {
            mbedtls_pk_free(pk)
            pk.deallocate()
        }
        // PEM only in a NUL-terminated buffer whose length counts the NUL; DER starts with 0x30.
        let input = encoded.first == 0x30 || encoded.last == 0 ? encoded : encoded + [0]
        let status = input.withUnsafeBufferPointer { mbedtls_pk_parse_public_key(pk, $0.baseAddress, $0.count) }
        if status != 0 { throw CryptoError("mbedtls_pk_parse_public_key", code: status) }
        guard mbedtls_pk_can_do(pk, MBEDTLS_PK_ECDSA) != 0, let keypair = mbedtls_pk_ec(pk.pointee) else {
            throw CryptoError("public key is not an EC key", code: MBEDTLS_ERR_PK_TYPE_MISMATCH)
        }
        try self.init(keypair: keypair)
    }

    /// The public key of an mbedTLS key pair (a parsed private key or a certificate's key).
    init(keypair: UnsafePointer<mbedtls_ecp_keypair>) throws(CryptoError) {
        guard let curve = ECCurve(groupID: mbedtls_ecp_keypair_get_group_id(keypair)) else {
            throw CryptoError("EC key: curve other than P-256/P-384", code: MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE)
        }
        var point = [UInt8](repeating: 0, count: 1 + 2 * curve.size)
        var length = 0
        let status = point.withUnsafeMutableBufferPointer {
            mbedtls_ecp_write_public_key(keypair, MBEDTLS_ECP_PF_UNCOMPRESSED, &length, $0.baseAddress, $0.count)
        }
        if status != 0 { throw CryptoError("mbedtls_ecp_write_public_key", code: status) }
        try self.init(curve: curve, uncompressed: point)
    }

    /// Runs `body` with the curve's group and this point loaded into mbedTLS structures.
    func withPoint<R>(
        _ body: (UnsafeMutablePointer<mbedtls_ecp_group>, UnsafeMutablePointer<mbedtls_ecp_point>) throws(CryptoError) -> R
    ) throws(CryptoError) -> R {
        let group = UnsafeMutablePointer<mbedtls_ecp_group>.allocate(capacity: 1)
        let point = UnsafeMutablePointer<mbedtls_ecp_point>.allocate(capacity: 1)
        mbedtls_ecp_group_init(group)
        mbedtls_ecp_point_init(point)
        defer {
            mbedtls_ecp_point_free(point)
            mbedtls_ecp_group_free(group)
            point.deallocate()
            group.deallocate()
        }
        var status = mbedtls_ecp_group_load(group, curve.groupID)
        if status != 0 { throw CryptoError("mbedtls_ecp_group_load", code: status) }
        status = uncompressed.withUnsafeBufferPointer { mbedtls_ecp_point_read_binary(group, point, $0.baseAddress, $0.count) }
        if status != 0 { throw CryptoError("mbedtls_ecp_point_read_binary", code: status) }
        status = mbedtls_ecp_check_pubkey(group, point)
        if status != 0 { throw CryptoError("mbedtls_ecp_check_pubkey", code: status) }
        return try body(group, point)
    }
}

/// A P-256 or P-384 private key, held in an mbedTLS PK context so that it can be parsed from and
/// written to SEC1 (RFC 5915) and PKCS#8 (RFC 5958), DER or PEM, and used for ECDSA and ECDH.
public final class ECPrivateKey {
    public let curve: ECCurve
    public let publicKey: ECPublicKey
    let pk: UnsafeMutablePointer<mbedtls_pk_context>
    let keypair: UnsafeMutablePointer<mbedtls_ecp_keypair>

    /// Sets up a PK context with `fill`, then checks it holds an ECDSA-capable P-256/P-384 key.
    private init(_ fill: (UnsafeMutablePointer<mbedtls_pk_context>) throws(CryptoError) -> Void) throws(CryptoError) {
        let pk = UnsafeMutablePointer<mbedtls_pk_context>.allocate(capacity: 1)
        mbedtls_pk_init(pk)
        let keypair: UnsafeMutablePointer<mbedtls_ecp_keypair>
        let publicKey: ECPublicKey
        do throws(CryptoError) {
            try fill(pk)
            guard mbedtls_pk_can_do(pk, MBEDTLS_PK_ECDSA) != 0, let ec = mbedtls_pk_ec(pk.pointee) else {
                throw CryptoError("private key is not an EC key", code: MBEDTLS_ERR_PK_TYPE_MISMATCH)
            }
            keypair = ec
            publicKey = try ECPublicKey(keypair: ec)
        } catch {
            mbedtls_pk_free(pk)
            pk.deallocate()
            throw error
        }
        self.pk = pk
        self.keypair = keypair
        self.publicKey = publicKey
        self.curve = publicKey.curve
    }

    deinit {
        // mbedtls_pk_free zeroizes the private scalar.
        mbedtls_pk_free(pk)
        pk.deallocate()
    }

    /// A fresh key from getrandom(2).
    public static func generate(_ curve: ECCurve) throws(CryptoError) -> ECPrivateKey {
        try ECPrivateKey { (pk) throws(CryptoError) in
            var status = mbedtls_pk_setup(pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY))
            if status != 0 { throw CryptoError("mbedtls_pk_setup", code: status) }
            status = mbedtls_ecp_gen_key(curve.groupID, mbedtls_pk_ec(pk.pointee), mbedtlsRandom, nil)
            if status != 0 { throw CryptoError("mbedtls_ecp_gen_key", code: status) }
        }
    }

    /// From the big-endian private scalar (`curve.size` bytes); the public point is computed.
    public convenience init(rawScalar: [UInt8], curve: ECCurve) throws(CryptoError) {
        guard rawScalar.count == curve.size else {
            throw CryptoError("EC private scalar: \(rawScalar.count) bytes", code: MBEDTLS_ERR_ECP_INVALID_KEY)
        }
        try self.init { (pk) throws(CryptoError) in
            var status = mbedtls_pk_setup(pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY))
            if status != 0 { throw CryptoError("mbedtls_pk_setup", code: status) }
            let keypair = mbedtls_pk_ec(pk.pointee)
            // mbedtls_ecp_read_key rejects 0 and scalars ≥ the group order.
            status = rawScalar.withUnsafeBufferPointer { mbedtls_ecp_read_key(curve.groupID, keypair, $0.baseAddress, $0.count) }
            if status != 0 { throw CryptoError("mbedtls_ecp_read_key", code: status) }
            status = mbedtls_ecp_keypair_calc_public(keypair, mbedtlsRandom, nil)
            if status != 0 { throw CryptoError("mbedtls_ecp_keypair_calc_public", code: status) }
        }
    }

    /// From DER (SEC1 `ECPrivateKey` or PKCS#8 `PrivateKeyInfo`) or PEM text (`EC PRIVATE KEY`,
    /// `PRIVATE KEY`); unencrypted keys only.
    public convenience init(encoded: [UInt8]) throws(CryptoError) {
        try self.init { (pk) throws(CryptoError) in try parsePrivateKey(pk, from: encoded) }
    }

    /// From PEM text.
    public convenience init(pem: String) throws(CryptoError) {
        try self.init(encoded: Array(pem.utf8))
    }

    /// The big-endian private scalar, `curve.size` bytes.
    public func rawScalar() throws(CryptoError) -> [UInt8] {
        var scalar = [UInt8](repeating: 0, count: curve.size)
        var length = 0
        let status = scalar.withUnsafeMutableBufferPointer { mbedtls_ecp_write_key_ext(keypair, &length, $0.baseAddress, $0.count) }
        if status != 0 { throw CryptoError("mbedtls_ecp_write_key_ext", code: status) }
        return scalar
    }

    /// SEC1 `ECPrivateKey` DER (RFC 5915), with curve parameters and public key.
    public func sec1DER() throws(CryptoError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 256)
        // mbedtls_pk_write_key_der writes at the END of the buffer and returns the length.
        let written = buffer.withUnsafeMutableBufferPointer { mbedtls_pk_write_key_der(pk, $0.baseAddress, $0.count) }
        if written < 0 { throw CryptoError("mbedtls_pk_write_key_der", code: written) }
        return Array(buffer[(buffer.count - Int(written))...])
    }

    /// PKCS#8 `PrivateKeyInfo` DER (RFC 5958) wrapping the SEC1 key. mbedTLS writes EC keys only
    /// as SEC1, so the three-field wrapper is built here.
    public func pkcs8DER() throws(CryptoError) -> [UInt8] {
        let version: [UInt8] = [0x02, 0x01, 0x00]
        return derElement(0x30, version + curve.algorithmIdentifierDER + derElement(0x04, try sec1DER()))
    }

    /// `-----BEGIN EC PRIVATE KEY-----` PEM of `sec1DER()`.
    public func sec1PEM() throws(CryptoError) -> String {
        try pem(try sec1DER(), label: "EC PRIVATE KEY")
    }

    /// `-----BEGIN PRIVATE KEY-----` PEM of `pkcs8DER()`.
    public func pkcs8PEM() throws(CryptoError) -> String {
        try pem(try pkcs8DER(), label: "PRIVATE KEY")
    }

    private func pem(_ der: [UInt8], label: String) throws(CryptoError) -> String {
        var buffer = [UInt8](repeating: 0, count: 2 * der.count + 128)
        var length = 0
        let status = buffer.withUnsafeMutableBufferPointer { out in
            der.withUnsafeBufferPointer { input in
                mbedtls_pem_write_buffer(
                    "-----BEGIN \(label)-----\n", "-----END \(label)-----\n",
                    input.baseAddress, input.count, out.baseAddress, out.count, &length)
            }
        }
        if status != 0 { throw CryptoError("mbedtls_pem_write_buffer", code: status) }
        // `length` counts the terminating NUL.
        return String(decoding: buffer[..<(length - 1)], as: UTF8.self)
    }
}

/// One DER element with a definite length (short form, or long form up to 65535 bytes: key
/// structures here are a few hundred bytes at most).
func derElement(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
    let count = content.count
    if count < 0x80 { return [tag, UInt8(count)] + content }
    if count < 0x100 { return [tag, 0x81, UInt8(count)] + content }
    return [tag, 0x82, UInt8(count >> 8), UInt8(count & 0xFF)] + content
}
