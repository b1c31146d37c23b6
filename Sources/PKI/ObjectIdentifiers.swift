import ASN1

/// The object identifiers of X.509 (RFC 5280), PKCS#9/#10 (RFC 2985, RFC 2986), CMS (RFC 5652),
/// ECDSA (RFC 5758), the ACP (RFC 8994) and BRSKI (RFC 8995) that this module reads or writes.
public enum OID {
    // Attribute types in names (X.520, RFC 4519).
    public static let commonName = ASN1ObjectIdentifier(arcs: 2, 5, 4, 3)
    public static let serialNumber = ASN1ObjectIdentifier(arcs: 2, 5, 4, 5)
    public static let countryName = ASN1ObjectIdentifier(arcs: 2, 5, 4, 6)
    public static let organizationName = ASN1ObjectIdentifier(arcs: 2, 5, 4, 10)
    public static let organizationalUnitName = ASN1ObjectIdentifier(arcs: 2, 5, 4, 11)
    public static let domainComponent = ASN1ObjectIdentifier(arcs: 0, 9, 2342, 19_200_300, 100, 1, 25)

    // Certificate extensions (RFC 5280 §4.2).
    public static let subjectKeyIdentifier = ASN1ObjectIdentifier(arcs: 2, 5, 29, 14)
    public static let keyUsage = ASN1ObjectIdentifier(arcs: 2, 5, 29, 15)
    public static let subjectAltName = ASN1ObjectIdentifier(arcs: 2, 5, 29, 17)
    public static let basicConstraints = ASN1ObjectIdentifier(arcs: 2, 5, 29, 19)
    public static let authorityKeyIdentifier = ASN1ObjectIdentifier(arcs: 2, 5, 29, 35)
    public static let extendedKeyUsage = ASN1ObjectIdentifier(arcs: 2, 5, 29, 37)
    public static let serverAuth = ASN1ObjectIdentifier(arcs: 1, 3, 6, 1, 5, 5, 7, 3, 1)
    public static let clientAuth = ASN1ObjectIdentifier(arcs: 1, 3, 6, 1, 5, 5, 7, 3, 2)

    /// id-pe-masa-url (RFC 8995 §2.3.2).
    public static let masaURL = ASN1ObjectIdentifier(arcs: 1, 3, 6, 1, 5, 5, 7, 1, 32)
    /// id-on-AcpNodeName (RFC 8994 §6.2.2 / IANA: id-on 10).
    public static let acpNodeName = ASN1ObjectIdentifier(arcs: 1, 3, 6, 1, 5, 5, 7, 8, 10)

    // Keys and signatures (RFC 5480, RFC 5758, RFC 4055).
    public static let ecPublicKey = ASN1ObjectIdentifier(arcs: 1, 2, 840, 10045, 2, 1)
    public static let ecdsaWithSHA256 = ASN1ObjectIdentifier(arcs: 1, 2, 840, 10045, 4, 3, 2)
    public static let ecdsaWithSHA384 = ASN1ObjectIdentifier(arcs: 1, 2, 840, 10045, 4, 3, 3)
    public static let ecdsaWithSHA512 = ASN1ObjectIdentifier(arcs: 1, 2, 840, 10045, 4, 3, 4)
    public static let rsaEncryption = ASN1ObjectIdentifier(arcs: 1, 2, 840, 113_549, 1, 1, 1)
    public static let sha256WithRSAEncryption = ASN1ObjectIdentifier(arcs: 1, 2, 840, 113_549, 1, 1, 11)
    public static let sha384WithRSAEncryption = ASN1ObjectIdentifier(arcs: 1, 2, 840, 113_549, 1, 1, 12)
    public static let sha512WithRSAEncryption = ASN1ObjectIdentifier(arcs: 1, 2, 840, 113_549, 1, 1, 13)
    public static let sha256 = ASN1ObjectIdentifier(arcs: 2, 16, 840, 1, 101, 3, 4, 2, 1)
    public static let sha384 = ASN1ObjectIdentifier(arcs: 2, 16, 840, 1, 101, 3, 4, 2, 2)
    public static let sha512 = ASN1ObjectIdentifier(arcs: 2, 16, 840, 1, 101, 3, 4, 2, 3)

    // CMS (RFC 5652) and PKCS#9 attributes.
    public static let data = ASN1ObjectIdentifier(arcs: 1, 2, 840, 113_549, 1, 7, 1)
    public static let signedData = ASN1ObjectIdentifier(arcs: 1, 2, 840, 113_549, 1, 7, 2)
    public static let contentType = ASN1ObjectIdentifier(arcs: 1, 2, 840, 113_549, 1, 9, 3)
    public static let messageDigest = ASN1ObjectIdentifier(arcs: 1, 2, 840, 113_549, 1, 9, 4)
    public static let signingTime = ASN1ObjectIdentifier(arcs: 1, 2, 840, 113_549, 1, 9, 5)
    public static let extensionRequest = ASN1ObjectIdentifier(arcs: 1, 2, 840, 113_549, 1, 9, 14)
    /// id-ct-animaJSONVoucher (RFC 8366 §8.3).
    public static let animaJSONVoucher = ASN1ObjectIdentifier(arcs: 1, 2, 840, 113_549, 1, 9, 16, 1, 40)
}
