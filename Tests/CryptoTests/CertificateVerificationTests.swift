import Crypto
import Foundation
import Testing

/// Issuer checks on the published BRSKI certificate sets, with `openssl verify -no_check_time`
/// as the independent verdict for the positive cases.
@Suite struct CertificateVerificationTests {
    static func load(_ path: String) throws -> Certificate {
        try Certificate(encoded: [UInt8](try Data(contentsOf: vectors.appendingPathComponent(path))))
    }

    static let chains: [(leaf: String, issuer: String, time: CertificateTime)] = [
        // RFC 8995 Appendix C: registrar under the owner CA (P-384), IDevID and MASA under the vendor CA.
        ("brski-rfc8995/jrc_prime256v1.crt", "brski-rfc8995/ownerca_secp384r1.crt", CertificateTime(year: 2021, month: 6, day: 1)),
        ("brski-rfc8995/idevid_00-D0-E5-F2-00-02.crt", "brski-rfc8995/vendor.crt", CertificateTime(year: 2022, month: 1, day: 1)),
        ("brski-rfc8995/masa.crt", "brski-rfc8995/vendor.crt", CertificateTime(year: 2022, month: 1, day: 1)),
        // cBRSKI examples: registrar under the domain CA, pledge under the MASA CA.
        ("cbrski/registrar.pem", "cbrski/domain_ca.pem", CertificateTime(year: 2024, month: 1, day: 1)),
        ("cbrski/pledge.pem", "cbrski/masa_ca.pem", CertificateTime(year: 2024, month: 1, day: 1)),
    ]

    @Test(arguments: 0..<chains.count) func publishedChainsVerifyAsOpenSSLSays(index: Int) throws {
        let (leaf, issuer, time) = Self.chains[index]
        _ = try run("/usr/bin/openssl", [
            "verify", "-no_check_time", "-CAfile", vectors.appendingPathComponent(issuer).path,
            vectors.appendingPathComponent(leaf).path,
        ])
        try Self.load(leaf).verify(issuedBy: try Self.load(issuer), at: time)
    }

    @Test func wrongIssuerOrTimeIsRejected() throws {
        let jrc = try Self.load("brski-rfc8995/jrc_prime256v1.crt")
        let owner = try Self.load("brski-rfc8995/ownerca_secp384r1.crt")
        let vendor = try Self.load("brski-rfc8995/vendor.crt")
        let error = #expect(throws: CryptoError.self) {
            try jrc.verify(issuedBy: vendor, at: CertificateTime(year: 2021, month: 6, day: 1))
        }
        #expect(error?.isVerificationFailure == true)
        // After notAfter (2022-02-24T21:31:54Z) and before notBefore.
        #expect(throws: CryptoError.self) { try jrc.verify(issuedBy: owner, at: CertificateTime(year: 2022, month: 2, day: 24, hour: 21, minute: 31, second: 55)) }
        try jrc.verify(issuedBy: owner, at: CertificateTime(year: 2022, month: 2, day: 24, hour: 21, minute: 31, second: 45))
        #expect(throws: CryptoError.self) { try jrc.verify(issuedBy: owner, at: CertificateTime(year: 2019, month: 1, day: 1)) }
        // A leaf cannot act as an issuer, even of itself.
        #expect(throws: CryptoError.self) { try jrc.verify(issuedBy: jrc, at: CertificateTime(year: 2021, month: 1, day: 1)) }
    }

    @Test func unixTimeConversionMatchesFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for seconds: Int64 in [0, 86_399, 86_400, 951_782_400, 1_582_666_314, 1_709_251_199, 4_102_444_800, 32_503_680_000, -1, -86_401] {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            let expected = CertificateTime(year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!, second: c.second!)
            #expect(CertificateTime(secondsSince1970: seconds) == expected, "\(seconds)")
        }
    }

    @Test func subjectPublicKeyInfoMatchesOpenSSL() throws {
        let file = vectors.appendingPathComponent("brski-rfc8995/ownerca_secp384r1.crt")
        let certificate = try Certificate(encoded: [UInt8](try Data(contentsOf: file)))
        let spkiPEM = try run("/usr/bin/openssl", ["x509", "-in", file.path, "-noout", "-pubkey"])
        let spkiDER = try run("/usr/bin/openssl", ["pkey", "-pubin", "-outform", "DER"], input: spkiPEM)
        let key = try certificate.publicKey()
        #expect(key.curve == .p384)
        #expect(key.subjectPublicKeyInfoDER == [UInt8](spkiDER))
        #expect(try ECPublicKey(subjectPublicKeyInfo: [UInt8](spkiDER)) == key)
        #expect(try ECPublicKey(subjectPublicKeyInfo: [UInt8](spkiPEM)) == key)
        let p256 = try ECPrivateKey.generate(.p256).publicKey
        #expect(try ECPublicKey(subjectPublicKeyInfo: p256.subjectPublicKeyInfoDER) == p256)
    }
}
