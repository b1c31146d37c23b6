import Crypto
import Foundation
import PKI
import Testing
import Voucher

/// The CMS-signed JSON form against RFC 8995 Appendix C (.pkcs files), and our own CMS vouchers
/// against `openssl cms -verify`.
@Suite struct CMSVoucherTests {
    static func pemDER(_ path: URL) throws -> [UInt8] {
        let text = try String(contentsOf: path, encoding: .utf8)
        var lines: [Substring] = []
        var inside = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("-----BEGIN") { inside = true; continue }
            if line.hasPrefix("-----END") { break }
            if inside { lines.append(line) }
        }
        return [UInt8](Data(base64Encoded: lines.joined())!)
    }

    @Test func appendixCVoucher() throws {
        let cms = try Self.pemDER(Vectors.brski.appendingPathComponent("voucher_00-D0-E5-F2-00-02.pkcs"))
        let masa = try X509Certificate(der: try Self.pemDER(Vectors.brski.appendingPathComponent("masa.crt")))
        let voucher = try Voucher(cms: cms, signer: masa)
        #expect(voucher == (try Voucher(json: try Vectors.brskiJSON("voucher_00-D0-E5-F2-00-02.json"))))
        // Without a given signer the embedded one is used and handed back for the trust check.
        #expect(try Voucher.signerCertificate(cms: cms) == masa)
        // The pledge's IDevID key did not sign it.
        let idevid = try X509Certificate(der: try Self.pemDER(Vectors.brski.appendingPathComponent("idevid_00-D0-E5-F2-00-02.crt")))
        #expect(throws: VoucherError.self) { try Voucher(cms: cms, signer: idevid) }
    }

    @Test func appendixCRequests() throws {
        let idevid = try X509Certificate(der: try Self.pemDER(Vectors.brski.appendingPathComponent("idevid_00-D0-E5-F2-00-02.crt")))
        let pvr = try Self.pemDER(Vectors.brski.appendingPathComponent("vr_00-D0-E5-F2-00-02.pkcs"))
        let request = try VoucherRequest(cms: pvr, signer: idevid)
        #expect(request == (try VoucherRequest(json: try Vectors.brskiJSON("vr_00-D0-E5-F2-00-02.json"))))

        let rvr = try Self.pemDER(Vectors.brski.appendingPathComponent("parboiled_vr_00-D0-E5-F2-00-02.pkcs"))
        let registrar = try VoucherRequest.signerCertificate(cms: rvr)
        let parboiled = try VoucherRequest(cms: rvr, signer: registrar)
        // The registrar request carries the pledge's, which verifies on its own.
        let prior = try #require(parboiled.priorSignedVoucherRequest)
        #expect(try VoucherRequest(cms: prior, signer: idevid) == request)
    }

    @Test func tamperedContentFails() throws {
        var cms = try Self.pemDER(Vectors.brski.appendingPathComponent("voucher_00-D0-E5-F2-00-02.pkcs"))
        let marker = Array("\"logged\"".utf8)
        let at = try #require(Data(cms).range(of: Data(marker))).lowerBound
        cms[at + 1] = UInt8(ascii: "L")
        #expect(throws: VoucherError.self) { try Voucher(cms: cms, signer: nil) }
    }

    /// A voucher we sign with the RFC 8995 MASA key verifies with OpenSSL (signature and
    /// digest; `-noverify` skips only the chain to a trust anchor), and its content is our JSON.
    @Test func ourCMSVoucherVerifiesWithOpenSSL() throws {
        let masaDER = try Self.pemDER(Vectors.brski.appendingPathComponent("masa.crt"))
        let masa = try X509Certificate(der: masaDER)
        let key = try ECPrivateKey(pem: try String(contentsOf: Vectors.brski.appendingPathComponent("masa.key"), encoding: .utf8))
        let voucher = Voucher(
            assertion: .proximity, createdOn: DateAndTime(secondsSince1970: 1_700_000_000), serialNumber: "00-D0-E5-F2-00-02",
            pinnedDomainCert: try Self.pemDER(Vectors.brski.appendingPathComponent("jrc_prime256v1.crt")),
            nonce: [1, 2, 3, 4, 5, 6, 7, 8])
        let cms = try voucher.signedCMS(key: key, signerCertificate: masa, signingTime: 1_700_000_000)
        #expect(try Voucher(cms: cms, signer: masa) == voucher)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("voucher-cms-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(cms).write(to: directory.appendingPathComponent("v.der"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["cms", "-verify", "-inform", "DER", "-in", directory.appendingPathComponent("v.der").path,
                             "-noverify", "-out", directory.appendingPathComponent("content").path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let content = try Data(contentsOf: directory.appendingPathComponent("content"))
        #expect([UInt8](content) == voucher.json())
    }
}
