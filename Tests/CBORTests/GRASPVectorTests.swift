import CBOR
import Foundation
import Testing
import TestSupport

/// A real M_FLOOD from graspy (RFC 8990 reference implementation), checked against its .diag:
/// [9, 3167964907, h'20010db8f000baaaf000baaa09f8baad', 210000,
///  [["AN_ACP", 4, 1, "IKEv2"], [103, h'fe800000000000006c798cfffeb536db', 17, 500]]]
@Suite struct GRASPVectorTests {
    @Test func graspyFloodDecodesToItsDiagnosticForm() throws {
        let file = Shared.vectors.appendingPathComponent("grasp/graspy-flood-AN_ACP.hex")
        let line = try String(contentsOf: file, encoding: .utf8)
            .split(separator: "\n").last { !$0.hasPrefix("#") && !$0.isEmpty }
        let bytes = hex(String(try #require(line)))
        #expect(bytes.count == 70)

        let value = try CBORValue.decode(bytes)
        let expected = CBORValue.array([
            .unsigned(9),  // M_FLOOD
            .unsigned(3_167_964_907),  // session-id
            .bytes(hex("20010db8f000baaaf000baaa09f8baad")),  // initiator
            .unsigned(210_000),  // ttl
            .array([
                .array([.text("AN_ACP"), .unsigned(4), .unsigned(1), .text("IKEv2")]),  // objective
                .array([.unsigned(103), .bytes(hex("fe800000000000006c798cfffeb536db")), .unsigned(17), .unsigned(500)]),  // O_IPv6_LOCATOR
            ]),
        ])
        #expect(value == expected)
        // Our encoder reproduces graspy's bytes.
        #expect(expected.encode() == bytes)
    }
}
