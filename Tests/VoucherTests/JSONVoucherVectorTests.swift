import Crypto
import Foundation
import JSON
import Testing
import Voucher

/// RFC 8995 Appendix C: the voucher, pledge voucher request and registrar ("parboiled")
/// voucher request of pledge 00-D0-E5-F2-00-02, as carried in the CMS .pkcs files.
@Suite struct JSONVoucherVectorTests {
    /// Foundation's ISO 8601 parser as the independent clock arithmetic, fraction dropped.
    static func seconds(_ text: String) -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return Int64(formatter.date(from: text)!.timeIntervalSince1970.rounded(.down))
    }

    /// The emitted form is the original text except that the nonce, written base64url in the
    /// vectors, comes out in RFC 7951's standard base64.
    static func expectedReemission(_ original: [UInt8], nonce: String) -> [UInt8] {
        let standard = Data(foundationBase64(nonce)!).base64EncodedString()
        return Array(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\"\(nonce)\"", with: "\"\(standard)\"").utf8)
    }

    @Test func voucher() throws {
        let text = try Vectors.brskiJSON("voucher_00-D0-E5-F2-00-02.json")
        let voucher = try Voucher(json: text)
        #expect(voucher.assertion == .logged)
        #expect(voucher.createdOn.text == "2021-04-13T17:43:24.589-04:00")
        #expect(voucher.createdOn.secondsSince1970 == Self.seconds("2021-04-13T17:43:24.589-04:00"))
        #expect(voucher.serialNumber == "00-D0-E5-F2-00-02")
        #expect(voucher.nonce == foundationBase64("-_XE9zK9q8Ll1qylMtLKeg"))
        #expect(voucher.nonce?.count == 16)
        let pinned = try #require(voucher.pinnedDomainCert)
        #expect(Data(pinned).base64EncodedString().hasPrefix("MIIB/DCCAYKgAwIBAgIEP5ibUjAK"))
        let certificate = try Certificate(encoded: pinned)
        #expect(certificate.subject.contains("fountain-test.example.com"))
        #expect(voucher.expiresOn == nil && voucher.idevidIssuer == nil && voucher.domainCertRevocationChecks == nil)

        #expect(voucher.json() == Self.expectedReemission(text, nonce: "-_XE9zK9q8Ll1qylMtLKeg"))
        #expect(try Voucher(json: voucher.json()) == voucher)
    }

    @Test func pledgeVoucherRequest() throws {
        let text = try Vectors.brskiJSON("vr_00-D0-E5-F2-00-02.json")
        let request = try VoucherRequest(json: text)
        #expect(request.assertion == .proximity)
        #expect(request.createdOn?.secondsSince1970 == Self.seconds("2021-04-13T17:43:23.747-04:00"))
        #expect(request.serialNumber == "00-D0-E5-F2-00-02")
        #expect(request.nonce == foundationBase64("-_XE9zK9q8Ll1qylMtLKeg"))
        // The registrar's certificate the pledge saw: the same one the voucher pins here.
        let voucher = try Voucher(json: try Vectors.brskiJSON("voucher_00-D0-E5-F2-00-02.json"))
        #expect(request.proximityRegistrarCert == voucher.pinnedDomainCert)
        #expect(voucher.nonceMatches(request))
        #expect(request.json() == Self.expectedReemission(text, nonce: "-_XE9zK9q8Ll1qylMtLKeg"))
        #expect(try VoucherRequest(json: request.json()) == request)
    }

    @Test func registrarVoucherRequest() throws {
        let text = try Vectors.brskiJSON("parboiled_vr_00-D0-E5-F2-00-02.json")
        let request = try VoucherRequest(json: text)
        #expect(request.assertion == .proximity)
        #expect(request.createdOn?.text == "2021-04-13T21:43:23.787Z")
        #expect(request.serialNumber == "00-D0-E5-F2-00-02")
        #expect(request.proximityRegistrarCert == nil)
        // The prior-signed-voucher-request is the pledge's CMS: the vr .pkcs file's DER, whose
        // content is the pledge request JSON.
        let prior = try #require(request.priorSignedVoucherRequest)
        let pem = try String(contentsOf: Vectors.brski.appendingPathComponent("vr_00-D0-E5-F2-00-02.pkcs"), encoding: .utf8)
        let der = Data(base64Encoded: pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined())!
        #expect(prior == [UInt8](der))
        let pledgeJSON = try Vectors.brskiJSON("vr_00-D0-E5-F2-00-02.json")
        #expect(Data(prior).range(of: Data(pledgeJSON)) != nil)
        #expect(request.json() == Self.expectedReemission(text, nonce: "-_XE9zK9q8Ll1qylMtLKeg"))
    }

    /// RFC 8366's illustration has placeholder values: "base64encodedvalue==" has non-zero
    /// unused bits, and there is no created-on. It is JSON, but not a voucher.
    @Test func rfcIllustrationIsNotAVoucher() throws {
        let text = try Vectors.brskiJSON("example-voucher.json")
        _ = try JSONValue.parse(text)
        #expect(throws: VoucherError.invalidLeaf("pinned-domain-cert")) { try Voucher(json: text) }
        let fixed = Array(String(decoding: text, as: UTF8.self).replacingOccurrences(of: "base64encodedvalue==", with: "AAAA").utf8)
        #expect(throws: VoucherError.missingLeaf("created-on")) { try Voucher(json: fixed) }
    }

    @Test func malformedDocuments() {
        let cases: [(String, VoucherError)] = [
            (#"{"ietf-voucher:voucher":{"#, .json(JSONError(.truncated, offset: 25))),
            (#"{"ietf-voucher-request:voucher":{}}"#, .notAVoucher),
            (#"{"ietf-voucher:voucher":{},"x":1}"#, .notAVoucher),
            (#"{"ietf-voucher:voucher":[]}"#, .notAVoucher),
            (#"{"ietf-voucher:voucher":{"assertion":"trusted"}}"#, .invalidLeaf("assertion")),
            (#"{"ietf-voucher:voucher":{"assertion":1}}"#, .invalidLeaf("assertion")),
            (#"{"ietf-voucher:voucher":{"created-on":"2021-02-30T00:00:00Z"}}"#, .invalidLeaf("created-on")),
            (#"{"ietf-voucher:voucher":{"nonce":"a b"}}"#, .invalidLeaf("nonce")),
            (#"{"ietf-voucher:voucher":{"domain-cert-revocation-checks":"false"}}"#, .invalidLeaf("domain-cert-revocation-checks")),
            (#"{"ietf-voucher:voucher":{"nonce":"AA==","nonce":"AA=="}}"#, .json(JSONError(.duplicateMember, offset: 24))),
            (#"{"ietf-voucher:voucher":{"assertion":"logged","created-on":"2021-01-01T00:00:00Z"}}"#, .missingLeaf("serial-number")),
        ]
        for (text, error) in cases {
            #expect(throws: error) { try Voucher(json: Array(text.utf8)) }
        }
    }

    /// Unknown leaves (later revisions add some) are skipped, known ones still read.
    @Test func unknownLeavesAreSkipped() throws {
        let text = #"{"ietf-voucher:voucher":{"assertion":"verified","created-on":"2021-01-01T00:00:00Z","serial-number":"X","est-domain":"https://example.com"}}"#
        let voucher = try Voucher(json: Array(text.utf8))
        #expect(voucher.assertion == .verified && voucher.serialNumber == "X")
    }
}
