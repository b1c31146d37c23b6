import CBOR
import Foundation
import JSON
import Testing
import Voucher

/// RFC 8995 Figures 16 and 20 (JSON) and cBRSKI Appendix B.2 (CBOR) status telemetry.
@Suite struct StatusTelemetryTests {
    @Test(arguments: [("example-telemetry.json", false), ("example-enrollstatus.json", true)])
    func rfc8995Examples(file: String, status: Bool) throws {
        let text = try Vectors.brskiJSON(file)
        let telemetry = try StatusTelemetry(json: text)
        #expect(telemetry.version == 1)
        #expect(telemetry.status == status)
        #expect(telemetry.reason == "Informative human readable message")
        #expect(telemetry.reasonContext == .json(.object([JSONMember("additional", .string("JSON"))])))
        // Compact re-emission equals Foundation's reading of the original.
        let ours = try JSONSerialization.jsonObject(with: Data(telemetry.json())) as! NSDictionary
        let original = try JSONSerialization.jsonObject(with: Data(text)) as! NSDictionary
        #expect(ours == original)
        #expect(try StatusTelemetry(json: telemetry.json()) == telemetry)
    }

    /// voucher-status.hex: {"version": 1, "status": false, "reason": "Informative
    /// human-readable error message", "reason-context": {0: "Additional information"}}.
    @Test func cbrskiVoucherStatus() throws {
        let bytes = try Vectors.cbrskiHex("voucher-status.hex")
        let telemetry = try StatusTelemetry(cbor: bytes)
        #expect(telemetry.version == 1)
        #expect(telemetry.status == false)
        #expect(telemetry.reason == "Informative human-readable error message")
        #expect(telemetry.reasonContext == .cbor(.map([(.unsigned(0), .text("Additional information"))])))
        #expect(telemetry.cbor() == bytes)
    }

    @Test func emittedForms() throws {
        let accepted = StatusTelemetry(status: true)
        #expect(String(decoding: accepted.json(), as: UTF8.self) == #"{"version":1,"status":true}"#)
        #expect(accepted.cbor() == CBORValue.map([(.text("version"), .unsigned(1)), (.text("status"), .bool(true))]).encode())
    }

    @Test func rejects() {
        #expect(throws: VoucherError.missingLeaf("version")) { try StatusTelemetry(json: Array(#"{"status":true}"#.utf8)) }
        #expect(throws: VoucherError.missingLeaf("version")) { try StatusTelemetry(json: Array(#"{"version":-1,"status":true}"#.utf8)) }
        #expect(throws: VoucherError.missingLeaf("status")) { try StatusTelemetry(json: Array(#"{"version":1,"status":"true"}"#.utf8)) }
        #expect(throws: VoucherError.invalidLeaf("reason")) { try StatusTelemetry(json: Array(#"{"version":1,"status":false,"reason":7}"#.utf8)) }
        #expect(throws: VoucherError.invalidLeaf("reason-context")) { try StatusTelemetry(json: Array(#"{"version":1,"status":false,"reason-context":[]}"#.utf8)) }
        #expect(throws: VoucherError.notAVoucher) { try StatusTelemetry(json: Array("[]".utf8)) }
        #expect(throws: VoucherError.missingLeaf("status")) { try StatusTelemetry(cbor: CBORValue.map([(.text("version"), .unsigned(1))]).encode()) }
    }
}
