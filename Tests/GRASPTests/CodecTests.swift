import CBOR
import Foundation
import Platform
import Testing
import TestSupport
@testable import GRASP

/// Byte-exact decoding and re-encoding of published GRASP messages: RFC 8990 Appendix D, the
/// RFC 8994/8995 objective examples, and a real M_FLOOD captured from graspy.
@Suite struct PublishedExamples {
    /// Each published hex decodes to the message the RFC spells out, and emits the same bytes.
    func check(_ text: String, _ expected: GraspMessage, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = hex(text)
        let parsed = try GraspMessage.parse(bytes)
        #expect(parsed.message == expected, sourceLocation: sourceLocation)
        #expect(parsed.envelope == .plain, sourceLocation: sourceLocation)
        #expect(toHex(parsed.message.emit()) == toHex(bytes), sourceLocation: sourceLocation)
    }

    let exampleInitiator = InitiatorAddress.ipv6(address("2001:db8:f000:baaa:28cc:dc4c:9703:6781"))

    @Test func rfc8990DiscoveryExample() throws {
        // Appendix D.1: [1, 13948744, h'2001…6781', ["EX1", 5, 2, 0]]
        try check("84011a00d4d7485020010db8f000baaa28ccdc4c970367818463455831050200",
                  .discovery(sessionID: 13_948_744, initiator: exampleInitiator,
                             objective: Objective(name: "EX1", flags: [.discovery, .synchronization], loopCount: 2,
                                                  value: .unsigned(0))))
    }

    @Test func rfc8990ResponseExample() throws {
        // Appendix D.1: [2, 13948744, h'…6781', 60000, [103, h'2001…baaa', 6, 49443]]
        try check("""
            85021a00d4d7485020010db8f000baaa28ccdc4c9703678119ea6084186750
            20010db8f000baaaf000baaaf000baaa0619c123
            """,
                  .response(sessionID: 13_948_744, initiator: exampleInitiator, ttl: 60000,
                            target: .locators([.ipv6(address("2001:db8:f000:baaa:f000:baaa:f000:baaa"), .tcp, port: 49443)]),
                            objective: nil))
    }

    @Test func rfc8990FloodExample() throws {
        // Appendix D.2. The draft's hex starts with 0x86 (array of 6) but the message it shows, and
        // the bytes after the header, have 5 elements; 0x85 is the consistent encoding (the same
        // header graspy sends, see graspyFlood below).
        try check("""
            85091a00357b4e5020010db8f000baaa28ccdc4c97036781192710
            828463455831050282704578616d706c6520312076616c75653d186480
            """,
                  .flood(sessionID: 3_504_974, initiator: exampleInitiator, ttl: 10000, entries: [
                      FloodEntry(objective: Objective(name: "EX1", flags: [.discovery, .synchronization], loopCount: 2,
                                                      value: .array([.text("Example 1 value="), .unsigned(100)])))]))
        // The published 0x86 header announces an element that is not there: truncated CBOR.
        #expect(throws: GraspError.self) {
            try GraspMessage.parse(hex("86091a00357b4e5020010db8f000baaa28ccdc4c97036781192710828463455831050282704578616d706c6520312076616c75653d186480"))
        }
    }

    @Test func rfc8990SynchronizationExample() throws {
        // Appendix D.3
        try check("83041a003da10e8463455832050500",
                  .requestSynchronization(sessionID: 4_038_926, objective: Objective(
                      name: "EX2", flags: [.discovery, .synchronization], loopCount: 5, value: .unsigned(0))))
        try check("83081a003da10e8463455832050582704578616d706c6520322076616c75653d18c8",
                  .synch(sessionID: 4_038_926, objective: Objective(
                      name: "EX2", flags: [.discovery, .synchronization], loopCount: 5,
                      value: .array([.text("Example 2 value="), .unsigned(200)]))))
    }

    @Test func rfc8990NegotiationExamples() throws {
        let neg: ObjectiveFlags = [.discovery, .negotiation]
        func nzd(_ amount: UInt64, loop: UInt8) -> Objective {
            Objective(name: "EX3", flags: neg, loopCount: loop, value: .array([.text("NZD"), .unsigned(amount)]))
        }
        // D.4
        try check("83031a000c3ffd8463455833030682634e5a44182f", .requestNegotiation(sessionID: 802_813, objective: nzd(47, loop: 6)))
        try check("83061a000c3ffd811865", .end(sessionID: 802_813, option: .accept))
        // D.5
        try check("83031a00d214628463455833030682634e5a4419019a", .requestNegotiation(sessionID: 13_767_778, objective: nzd(410, loop: 6)))
        try check("83051a00d214628463455833030682634e5a441850", .negotiate(sessionID: 13_767_778, objective: nzd(80, loop: 6)))
        try check("83051a00d214628463455833030582634e5a44190133", .negotiate(sessionID: 13_767_778, objective: nzd(307, loop: 5)))
        try check("83071a00d21462198895", .wait(sessionID: 13_767_778, waitingTime: 34965))
        try check("83051a00d214628463455833030482634e5a441878", .negotiate(sessionID: 13_767_778, objective: nzd(120, loop: 4)))
        try check("83051a00d214628463455833030382634e5a4418f6", .negotiate(sessionID: 13_767_778, objective: nzd(246, loop: 3)))
        try check("83061a00d2146282186672496e73756666696369656e742066756e6473",
                  .end(sessionID: 13_767_778, option: .decline(reason: "Insufficient funds")))
    }

    /// RFC 8994 Figure 5: one M_FLOOD announcing AN_ACP for IKEv2 (UDP 15000) and DTLS (UDP 17000).
    /// Hex written by hand from the diagnostic notation (checked with an independent CBOR encoder).
    @Test func rfc8994AnACPExample() throws {
        let ll = address("fe80::c001:1001:feef:0")
        try check("""
            86091a00bc4e4f50fe80000000000000c0011001feef00001a00033450
            828466414e5f414350040165494b45763284186750fe80000000000000c0011001feef000011193a98
            828466414e5f41435004016444544c5384186750fe80000000000000c0011001feef000011194268
            """,
                  .flood(sessionID: 12_340_815, initiator: .ipv6(ll), ttl: 210_000, entries: [
                      FloodEntry(objective: Objective(name: .anACP, flags: .synchronization, loopCount: 1, value: .text("IKEv2")),
                                 locator: .ipv6(ll, .udp, port: 15000)),
                      FloodEntry(objective: Objective(name: .anACP, flags: .synchronization, loopCount: 1, value: .text("DTLS")),
                                 locator: .ipv6(ll, .udp, port: 17000)),
                  ]))
    }

    /// RFC 8994 Figure 3. The draft prints the address with 31 hex digits
    /// (h'fd89b714f3db0000200000064000001'); the ACP address it means, fd89:b714:f3db:0:200:0:6400:1,
    /// is used here (Zone addressing: zone 0, node 0x200000064000001 would not fit otherwise).
    @Test func rfc8994SrvEstExample() throws {
        let acp = address("fd89:b714:f3db:0:200:0:6400:1")
        try check("""
            85091a00bc4e4f50fd89b714f3db000002000000640000011a00033450
            8283675352562e6573740418ff84186750fd89b714f3db00000200000064000001061901bb
            """,
                  .flood(sessionID: 12_340_815, initiator: .ipv6(acp), ttl: 210_000, entries: [
                      FloodEntry(objective: Objective(name: .srvEST, flags: .synchronization, loopCount: 255),
                                 locator: .ipv6(acp, .tcp, port: 443))]))
    }

    /// RFC 8995 Figures 11 and 12: join proxy and registrar announcements.
    @Test func rfc8995ProxyAndRegistrarExamples() throws {
        let proxy = address("fe80::1")
        try check("""
            85091a00bc4e4f50fe8000000000000000000000000000011a0002bf20
            828468414e5f50726f787904016084186750fe8000000000000000000000000000010619115b
            """,
                  .flood(sessionID: 12_340_815, initiator: .ipv6(proxy), ttl: 180_000, entries: [
                      FloodEntry(objective: Objective(name: .anProxy, flags: .synchronization, loopCount: 1, value: .text("")),
                                 locator: .ipv6(proxy, .tcp, port: 4443))]))
        let registrar = address("fda3:79a6:f6ee:0:200:0:6400:1")
        try check("""
            85091a031678a150fda379a6f6ee000002000000640000011a0002bf20
            828471414e5f6a6f696e5f7265676973747261720418ff674553542d544c5384186750
            fda379a6f6ee00000200000064000001061920fb
            """,
                  .flood(sessionID: 51_804_321, initiator: .ipv6(registrar), ttl: 180_000, entries: [
                      FloodEntry(objective: Objective(name: .anJoinRegistrar, flags: .synchronization, loopCount: 255,
                                                      value: .text("EST-TLS")),
                                 locator: .ipv6(registrar, .tcp, port: 8443))]))
    }

    /// A real M_FLOOD sent by graspy in DULL mode (shared/vectors/grasp).
    @Test func graspyFlood() throws {
        let text = try String(contentsOfFile: Shared.vector("grasp/graspy-flood-AN_ACP.hex"), encoding: .utf8)
        try check(text, .flood(
            sessionID: 3_167_964_907, initiator: .ipv6(address("2001:db8:f000:baaa:f000:baaa:9f8:baad")), ttl: 210_000,
            entries: [FloodEntry(objective: Objective(name: .anACP, flags: .synchronization, loopCount: 1, value: .text("IKEv2")),
                                 locator: .ipv6(address("fe80::6c79:8cff:feb5:36db"), .udp, port: 500))]))
    }

    /// Tag 24 wrapping: #6.24(bytes .cbor message), decoded to the same message and re-emitted
    /// in the same envelope. Bytes by an independent encoder around the D.4 M_END.
    @Test func tag24Envelope() throws {
        let wrapped = hex("d8184a83061a000c3ffd811865")
        let parsed = try GraspMessage.parse(wrapped)
        #expect(parsed.message == .end(sessionID: 802_813, option: .accept))
        #expect(parsed.envelope == .tag24)
        #expect(parsed.message.emit(envelope: .tag24) == wrapped)
        // Tag 24 around something that is not a byte string, and other tags, are refused.
        #expect(throws: GraspError.self) { try GraspMessage.parse(hex("d81883061a000c3ffd811865")) }
        #expect(throws: GraspError.self) { try GraspMessage.parse(hex("d8194a83061a000c3ffd811865")) }
    }
}

/// Every message type and option survives emit → parse unchanged, and parse → emit gives the same bytes.
@Suite struct RoundTrips {
    static let ll = IPv6Address("fe80::1")!
    static let objective = Objective(name: "EX", flags: [.negotiation, .dryRun], loopCount: 6,
                                     value: .map([(key: .text("k"), value: .array([.unsigned(1), .negative(4), .bytes([1, 2]), .bool(true), .null]))]))
    static let locators: [Locator] = [
        .ipv6(ll, .tcp, port: 7017), .ipv4(IPv4Address(value: 0xC000_0201), .udp, port: 53),
        .fqdn(utf8: Array("registrar.example".utf8), .tcp, port: 443),
        .uri(utf8: Array("https://registrar.example/.well-known/brski".utf8), nil, port: nil),
        .uri(utf8: Array("coaps://[fe80::1]".utf8), .udp, port: 5684),
    ]

    static let messages: [GraspMessage] = [
        .noop,
        .discovery(sessionID: 1, initiator: .ipv6(ll), objective: objective),
        .discovery(sessionID: 0, initiator: .ipv4(IPv4Address(value: 0x0A00_0001)), objective: Objective(name: "X", flags: [], loopCount: 0)),
        .response(sessionID: 2, initiator: .ipv6(ll), ttl: 0, target: .locators(locators), objective: nil),
        .response(sessionID: 3, initiator: .ipv6(ll), ttl: UInt32.max, target: .divert([locators[0], locators[2]]), objective: objective),
        .response(sessionID: 4, initiator: .ipv6(ll), ttl: 5, target: .locators([locators[0]]), objective: objective),
        .requestNegotiation(sessionID: UInt32.max, objective: objective),
        .requestSynchronization(sessionID: 5, objective: objective),
        .negotiate(sessionID: 6, objective: objective),
        .end(sessionID: 7, option: .accept),
        .end(sessionID: 8, option: .decline(reason: nil)),
        .end(sessionID: 9, option: .decline(reason: "no")),
        .wait(sessionID: 10, waitingTime: 34965),
        .synch(sessionID: 11, objective: objective),
        .synch(sessionID: 12, objective: nil),
        .flood(sessionID: 13, initiator: .ipv6(ll), ttl: 210_000, entries: [
            FloodEntry(objective: objective, locator: nil), FloodEntry(objective: objective, locator: locators[3])]),
        .invalid(sessionID: 14, diagnostic: nil),
        .invalid(sessionID: 15, diagnostic: .tagged(1, .float(1.5))),
    ]

    @Test(arguments: messages.indices)
    func roundTrip(_ index: Int) throws {
        let message = Self.messages[index]
        for envelope in [GraspEnvelope.plain, .tag24] {
            let bytes = message.emit(envelope: envelope)
            let parsed = try GraspMessage.parse(bytes)
            #expect(parsed.message == message)
            #expect(parsed.envelope == envelope)
            #expect(parsed.message.emit(envelope: envelope) == bytes)
        }
    }

    @Test func everyMessageTypeCovered() {
        let types = Set(Self.messages.map { $0.type.rawValue })
        #expect(types == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 99])
    }
}
