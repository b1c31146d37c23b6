import CBOR
import Crypto
import Testing
import Voucher

/// The cBRSKI Appendix C examples: COSE_Sign1 PVR (pledge), RVR (registrar) and voucher (MASA),
/// their fields against the diagnostic notation in the draft, their signatures against the
/// signers' certificates, and exact re-emission of the SID-keyed payloads.
@Suite struct COSEVoucherVectorTests {
    static func key(_ file: String) throws -> ECPublicKey {
        try Certificate(encoded: try Vectors.cbrskiFile(file)).publicKey()
    }

    @Test func pledgeVoucherRequest() throws {
        let bytes = try Vectors.cbrskiHex("pvr.hex")
        let message = try COSESign1(bytes)
        #expect(try message.algorithm() == -7)
        #expect(message.encoded() == bytes)
        try message.verify(with: try Self.key("pledge.pem"))
        let request = try VoucherRequest(cose: bytes, signer: try Self.key("pledge.pem"))
        // {2501: {1: 2, 7: h'23BFBBC9C2BCF213', 12: h'3059…', 13: "JADA123456789"}}
        #expect(request.assertion == .proximity)
        #expect(request.nonce == hex("23BFBBC9C2BCF213"))
        #expect(request.serialNumber == "JADA123456789")
        // proximity-registrar-pubk is the registrar certificate's SubjectPublicKeyInfo.
        #expect(request.proximityRegistrarPubk == (try Self.key("registrar.pem")).subjectPublicKeyInfoDER)
        #expect(request.createdOn == nil && request.proximityRegistrarCert == nil)
        #expect(request.cbor() == message.payload)
    }

    @Test func registrarVoucherRequest() throws {
        let bytes = try Vectors.cbrskiHex("rvr.hex")
        let message = try COSESign1(bytes)
        #expect(message.encoded() == bytes)
        let request = try VoucherRequest(cose: bytes, signer: try Self.key("registrar.pem"))
        // {2501: {1: 2, 2: "2022-12-06T20:04:15.754Z", 5: h'0418…', 7: h'23BF…', 9: <PVR>, 13: "JADA123456789"}}
        #expect(request.assertion == .proximity)
        #expect(request.createdOn?.text == "2022-12-06T20:04:15.754Z")
        #expect(request.idevidIssuer == hex("041830168014CB8D98CA74C51B58DDE7ACEF869A9443A8D666A6"))
        #expect(request.nonce == hex("23BFBBC9C2BCF213"))
        #expect(request.priorSignedVoucherRequest == (try Vectors.cbrskiHex("pvr.hex")))
        #expect(request.serialNumber == "JADA123456789")
        // x5bag (label 32) carries the registrar's certificate and its CA.
        #expect(message.x5bag.count == 2)
        // registrar.der is a re-issue (same serial and key, other name and dates) of the
        // certificate inside the example, so compare keys, and check the chain in the bag.
        let bag = try message.x5bag.map { try Certificate(encoded: $0) }
        #expect(try bag[0].publicKey() == (try Self.key("registrar.der")))
        try bag[0].verify(issuedBy: bag[1], at: CertificateTime(secondsSince1970: request.createdOn!.secondsSince1970))
        #expect(request.cbor() == message.payload)
    }

    @Test func voucher() throws {
        let bytes = try Vectors.cbrskiHex("voucher.hex")
        let message = try COSESign1(bytes)
        #expect(message.encoded() == bytes)
        let voucher = try Voucher(cose: bytes, signer: try Self.key("masa_ca.pem"))
        // {2451: {1: 2, 2: "2022-12-06T20:23:30.708Z", 3: false, 7: h'57EED786AD404907', 8: <cert>, 11: "JADA123456789"}}
        #expect(voucher.assertion == .proximity)
        #expect(voucher.createdOn.text == "2022-12-06T20:23:30.708Z")
        #expect(voucher.createdOn.secondsSince1970 == 1_670_358_210)
        #expect(voucher.domainCertRevocationChecks == false)
        #expect(voucher.nonce == hex("57EED786AD404907"))
        // The pinned domain CA: the same key and name as domain_ca.der (a later re-issue), and
        // the issuer of the registrar certificate in the RVR's x5bag.
        let pinned = try Certificate(encoded: try #require(voucher.pinnedDomainCert))
        #expect(try pinned.publicKey() == (try Self.key("domain_ca.der")))
        #expect(pinned.subject == (try Certificate(encoded: try Vectors.cbrskiFile("domain_ca.der"))).subject)
        let registrar = try Certificate(encoded: try COSESign1(try Vectors.cbrskiHex("rvr.hex")).x5bag[0])
        try registrar.verify(issuedBy: pinned, at: CertificateTime(secondsSince1970: voucher.createdOn.secondsSince1970))
        #expect(voucher.serialNumber == "JADA123456789")
        #expect(voucher.cbor() == message.payload)
        // The same voucher in JSON form reads back equal.
        #expect(try Voucher(json: voucher.json()) == voucher)
    }

    /// D's finding: the voucher is not signed by masa.pem's key. A wrong key, a changed
    /// payload and a changed signature all fail as verification failures.
    @Test func wrongKeysAndTamperingFail() throws {
        let bytes = try Vectors.cbrskiHex("voucher.hex")
        func expectVerificationFailure(_ body: () throws(VoucherError) -> Void) {
            do {
                try body()
                Issue.record("verified")
            } catch {
                guard case .crypto(let crypto) = error else { Issue.record("\(error)"); return }
                #expect(crypto.isVerificationFailure)
            }
        }
        expectVerificationFailure { () throws(VoucherError) in _ = try Voucher(cose: bytes, signer: try! Self.key("masa.pem")) }
        var message = try COSESign1(bytes)
        message.payload[10] ^= 1
        expectVerificationFailure { () throws(VoucherError) in try message.verify(with: try! Self.key("masa_ca.pem")) }
        message = try COSESign1(bytes)
        message.signature[0] ^= 1
        expectVerificationFailure { () throws(VoucherError) in try message.verify(with: try! Self.key("masa_ca.pem")) }
    }

    /// cBRSKI §9.1.2 allows name keys in the CBOR form.
    @Test func nameKeyedCBORForm() throws {
        let item = CBORValue.map([(.text("ietf-voucher-request:voucher"), .map([
            (.text("assertion"), .unsigned(2)), (.text("created-on"), .text("2022-12-05T19:19:19.536Z")),
            (.text("nonce"), .bytes(hex("831D5198A6CA2C7F"))), (.text("serial-number"), .text("JADA123456789")),
        ]))])
        let request = try VoucherRequest(cbor: item.encode())
        #expect(request.assertion == .proximity)
        #expect(request.nonce == hex("831D5198A6CA2C7F"))
        #expect(request.createdOn?.text == "2022-12-05T19:19:19.536Z")
        // Emitted with SIDs: {2501: {1: 2, 2: "…", 7: h'…', 13: "JADA123456789"}}.
        let expected = CBORValue.map([(.unsigned(2501), .map([
            (.unsigned(1), .unsigned(2)), (.unsigned(2), .text("2022-12-05T19:19:19.536Z")),
            (.unsigned(7), .bytes(hex("831D5198A6CA2C7F"))), (.unsigned(13), .text("JADA123456789")),
        ]))])
        #expect(request.cbor() == expected.encode())
    }

    @Test func malformedCBORForms() {
        let voucherCases: [(CBORValue, VoucherError)] = [
            (.map([(.unsigned(2501), .map([]))]), .notAVoucher),
            (.map([(.unsigned(2451), .array([]))]), .notAVoucher),
            (.map([(.unsigned(2451), .map([(.text("assertion"), .unsigned(1))]))]), .notAVoucher),
            (.map([(.unsigned(2451), .map([(.unsigned(1), .unsigned(3))]))]), .invalidLeaf("assertion")),
            (.map([(.unsigned(2451), .map([(.unsigned(7), .text("nonce"))]))]), .invalidLeaf("nonce")),
            (.map([(.unsigned(2451), .map([(.unsigned(7), .bytes([1])), (.unsigned(7), .bytes([1]))]))]), .duplicateLeaf("nonce")),
            (.map([(.unsigned(2451), .map([(.unsigned(1), .unsigned(0))]))]), .missingLeaf("created-on")),
        ]
        for (item, error) in voucherCases {
            #expect(throws: error) { try Voucher(cbor: item.encode()) }
        }
        #expect(throws: VoucherError.cbor(CBORError(.truncated, offset: 1))) { try Voucher(cbor: [0xA1]) }
    }

    @Test func malformedCOSE() {
        #expect(throws: VoucherError.malformedCOSE("tag 17, not COSE_Sign1 (18)")) {
            try COSESign1(CBORValue.tagged(17, .array([])).encode())
        }
        #expect(throws: VoucherError.malformedCOSE("not a four-element array")) { try COSESign1(CBORValue.array([]).encode()) }
        #expect(throws: VoucherError.malformedCOSE("element types (detached payloads are not supported)")) {
            try COSESign1(CBORValue.array([.bytes([0xA0]), .map([]), .null, .bytes([])]).encode())
        }
        let critical = CBORValue.map([(.unsigned(1), .integer(-7)), (.unsigned(2), .array([.unsigned(99)]))]).encode()
        #expect(throws: VoucherError.malformedCOSE("critical header parameters")) {
            try COSESign1(CBORValue.array([.bytes(critical), .map([]), .bytes([]), .bytes([])]).encode())
        }
    }
}
