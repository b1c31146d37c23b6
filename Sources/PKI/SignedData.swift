import ASN1
import Crypto

/// CMS SignedData (RFC 5652 §5) as BRSKI uses it: a voucher or voucher request signed by one
/// ECDSA (or RSA) signer (RFC 8366 §5.2, RFC 8995 §3.3), and the EST certs-only form with no content and
/// no signers (RFC 7030 §4.1.3).
public struct SignedData: Equatable, Sendable {
    /// One SignerInfo (RFC 5652 §5.3).
    public struct Signer: Equatable, Sendable {
        /// IssuerAndSerialNumber: the issuer Name DER and serial magnitude; nil with a
        /// subjectKeyIdentifier.
        public let issuerDER: [UInt8]?
        public let serialNumber: [UInt8]?
        public let subjectKeyIdentifier: [UInt8]?
        public let digestAlgorithm: HashAlgorithm
        public let signatureAlgorithm: SignatureAlgorithm
        /// The signedAttrs as signed: the SET OF encoding (tag 0x31, §5.4), nil if absent.
        public let signedAttributesDER: [UInt8]?
        /// contentType, messageDigest and signingTime read from the signed attributes.
        public let contentType: ASN1ObjectIdentifier?
        public let messageDigest: [UInt8]?
        public let signingTime: Int64?
        public let signature: [UInt8]
    }

    public let eContentType: ASN1ObjectIdentifier
    /// The encapsulated content; nil when detached or certs-only.
    public let eContent: [UInt8]?
    /// Certificates of the `certificates` field, DER, in order.
    public let certificates: [[UInt8]]
    public let signers: [Signer]

    /// Parses DER `ContentInfo { id-signedData, [0] EXPLICIT SignedData }`. BER forms some CMS
    /// writers emit (indefinite lengths, constructed OCTET STRINGs) are refused.
    public init(der bytes: [UInt8]) throws(PKIError) {
        let (type, body) = try readingDER { () throws(ASN1Error) in
            var contentInfo = try derParseSingle(bytes).reader()
            let type = try contentInfo.read(DERTag.objectIdentifier).objectIdentifier()
            var explicit = try contentInfo.enter(DERTag.contextConstructed(0))
            try contentInfo.finish()
            let body = try explicit.read(DERTag.sequence)
            try explicit.finish()
            return (type, body)
        }
        guard type == OID.signedData else { throw PKIError.malformed("ContentInfo of type \(type.dotted), not signedData") }
        var fields = try readingDER { () throws(ASN1Error) in try body.reader() }
        let version = try readingDER { () throws(ASN1Error) in try fields.read(DERTag.integer).int64() }
        guard version >= 1 && version <= 5 else { throw PKIError.malformed("SignedData version \(version)") }
        var digestAlgorithms = try readingDER { () throws(ASN1Error) in try fields.enter(DERTag.set) }
        while !digestAlgorithms.isAtEnd {
            _ = try hashAlgorithm(element: try readingDER { () throws(ASN1Error) in try digestAlgorithms.read(DERTag.sequence) })
        }
        (eContentType, eContent) = try readingDER { () throws(ASN1Error) in
            var encapsulated = try fields.enter(DERTag.sequence)
            let type = try encapsulated.read(DERTag.objectIdentifier).objectIdentifier()
            var content: [UInt8]? = nil
            if var explicit = try encapsulated.readIfPresent(DERTag.contextConstructed(0))?.reader() {
                content = Array(try explicit.read(DERTag.octetString).octetString())
                try explicit.finish()
            }
            try encapsulated.finish()
            return (type, content)
        }
        certificates = try readingDER { () throws(ASN1Error) in
            var list: [[UInt8]] = []
            if var set = try fields.readIfPresent(DERTag.contextConstructed(0))?.reader() {
                // Other CertificateChoices (attribute certificates …) carry context tags: skipped.
                while !set.isAtEnd {
                    let element = try set.read()
                    if element.tag == DERTag.sequence { list.append(Array(element.encoded)) }
                }
            }
            _ = try fields.readIfPresent(DERTag.contextConstructed(1))  // crls: not used here
            return list
        }
        var signerInfos = try readingDER { () throws(ASN1Error) in
            let set = try fields.enter(DERTag.set)
            try fields.finish()
            return set
        }
        var signers: [Signer] = []
        while !signerInfos.isAtEnd {
            signers.append(try Signer(element: try readingDER { () throws(ASN1Error) in try signerInfos.read(DERTag.sequence) }))
        }
        self.signers = signers
    }

    /// Checks every signer (there must be at least one) against `certificate`, or, when nil,
    /// against the embedded certificate its identifier names: content-type and message-digest
    /// attributes match the content, the signature over the signed attributes verifies. Whether
    /// the signer certificate is trusted is the caller's chain check.
    /// Returns the certificate that verified the last signer.
    @discardableResult
    public func verify(signerCertificate certificate: X509Certificate? = nil) throws(PKIError) -> X509Certificate {
        guard let content = eContent else { throw PKIError.verificationFailed("no encapsulated content") }
        guard !signers.isEmpty else { throw PKIError.verificationFailed("no SignerInfo") }
        var used: X509Certificate? = nil
        for signer in signers {
            let candidate: X509Certificate
            if let certificate {
                candidate = certificate
            } else {
                candidate = try embeddedCertificate(for: signer)
            }
            try signer.verify(content: content, eContentType: eContentType, subjectPublicKeyInfo: candidate.subjectPublicKeyInfo)
            used = candidate
        }
        guard let used else { throw PKIError.verificationFailed("no SignerInfo") }
        return used
    }

    /// The embedded certificate a SignerInfo's sid names.
    public func embeddedCertificate(for signer: Signer) throws(PKIError) -> X509Certificate {
        for der in certificates {
            let certificate = try X509Certificate(der: der)
            if let issuer = signer.issuerDER, let serial = signer.serialNumber,
               certificate.issuerDER == issuer, certificate.serialNumber == serial {
                return certificate
            }
            if let ski = signer.subjectKeyIdentifier, try certificate.subjectKeyIdentifier() == ski { return certificate }
        }
        throw PKIError.verificationFailed("signer certificate not among the embedded certificates")
    }
}

extension SignedData.Signer {
    init(element: DERElement) throws(PKIError) {
        var fields = try readingDER { () throws(ASN1Error) in try element.reader() }
        let version = try readingDER { () throws(ASN1Error) in try fields.read(DERTag.integer).int64() }
        let sid = try readingDER { () throws(ASN1Error) in try fields.read() }
        if version == 1 && sid.tag == DERTag.sequence {
            (issuerDER, serialNumber) = try readingDER { () throws(ASN1Error) in
                var pair = try sid.reader()
                let issuer = Array(try pair.read(DERTag.sequence).encoded)
                let serial = try pair.read(DERTag.integer).unsignedIntegerBytes()
                try pair.finish()
                return (issuer, serial)
            }
            subjectKeyIdentifier = nil
        } else if version == 3 && sid.tag == DERTag.contextPrimitive(0) {
            (issuerDER, serialNumber) = (nil, nil)
            subjectKeyIdentifier = Array(sid.value)
        } else {
            throw PKIError.malformed("SignerInfo version \(version) with sid tag 0x\(String(sid.tag, radix: 16))")
        }
        digestAlgorithm = try hashAlgorithm(element: try readingDER { () throws(ASN1Error) in try fields.read(DERTag.sequence) })
        let attributes = try readingDER { () throws(ASN1Error) in try fields.readIfPresent(DERTag.contextConstructed(0)) }
        signatureAlgorithm = try SignatureAlgorithm(
            cmsElement: try readingDER { () throws(ASN1Error) in try fields.read(DERTag.sequence) }, digest: digestAlgorithm)
        signature = try readingDER { () throws(ASN1Error) in
            let value = Array(try fields.read(DERTag.octetString).octetString())
            _ = try fields.readIfPresent(DERTag.contextConstructed(1))  // unsignedAttrs
            try fields.finish()
            return value
        }
        // RFC 5753 §2.1.1 (ECDSA) and RFC 4056/3370 (RSA): the signature's hash is the digest algorithm.
        guard signatureAlgorithm.hash == digestAlgorithm else {
            throw PKIError.malformed("SignerInfo digest and signature algorithms use different hashes")
        }
        guard let attributes else {
            (signedAttributesDER, contentType, messageDigest, signingTime) = (nil, nil, nil, nil)
            return
        }
        // The signature covers the attributes with the SET OF tag, not the [0] IMPLICIT one (§5.4).
        signedAttributesDER = [DERTag.set] + attributes.encoded.dropFirst()
        var type: ASN1ObjectIdentifier? = nil
        var digest: [UInt8]? = nil
        var time: Int64? = nil
        var duplicate = false
        try readingDER { () throws(ASN1Error) in
            var reader = try attributes.reader()
            while !reader.isAtEnd {
                var attribute = try reader.enter(DERTag.sequence)
                let identifier = try attribute.read(DERTag.objectIdentifier).objectIdentifier()
                var values = try attribute.enter(DERTag.set)
                try attribute.finish()
                // §5.3: an attribute type appears at most once among the signed attributes.
                switch identifier {
                case OID.contentType where type == nil: type = try values.read(DERTag.objectIdentifier).objectIdentifier()
                case OID.messageDigest where digest == nil: digest = Array(try values.read(DERTag.octetString).octetString())
                case OID.signingTime where time == nil: time = try values.read().time()
                case OID.contentType, OID.messageDigest, OID.signingTime: duplicate = true
                default: continue
                }
                // RFC 5652 §11: these three attributes carry exactly one value.
                try values.finish()
            }
        }
        if duplicate { throw PKIError.malformed("a signed attribute appears twice") }
        (contentType, messageDigest, signingTime) = (type, digest, time)
    }

    func verify(content: [UInt8], eContentType: ASN1ObjectIdentifier, subjectPublicKeyInfo key: [UInt8]) throws(PKIError) {
        guard let signedAttributesDER else {
            try signatureAlgorithm.verify(signature[...], over: content[...], subjectPublicKeyInfo: key)
            return
        }
        // §5.3: with signed attributes, content-type and message-digest MUST be present.
        guard contentType == eContentType else { throw PKIError.verificationFailed("content-type attribute differs from eContentType") }
        guard let messageDigest, messageDigest == digestAlgorithm.hash(content) else {
            throw PKIError.verificationFailed("message-digest attribute does not match the content")
        }
        try signatureAlgorithm.verify(signature[...], over: signedAttributesDER[...], subjectPublicKeyInfo: key)
    }
}

extension SignatureAlgorithm {
    /// A SignerInfo's signatureAlgorithm: CMS also allows plain rsaEncryption, the hash then being
    /// the digestAlgorithm (RFC 3370 §3.2) — OpenSSL writes it that way.
    init(cmsElement element: DERElement, digest: HashAlgorithm) throws(PKIError) {
        do {
            try self.init(element: element)
        } catch PKIError.unsupportedAlgorithm(OID.rsaEncryption) {
            switch digest {
            case .sha256: self = .sha256WithRSAEncryption
            case .sha384: self = .sha384WithRSAEncryption
            case .sha512: self = .sha512WithRSAEncryption
            }
        }
    }
}
