import Platform
import Testing
@testable import RPL

/// Byte-exact examples laid out by hand from the figures of RFC 6550 §6, field by field, so the
/// expected bytes come from the RFC and not from the emitter.
@Suite struct WireTests {
    static let dodagID = IPv6Address("fd00::1")!

    static let configuration = DODAGConfiguration(
        dioIntervalDoublings: 20, dioIntervalMin: 3, dioRedundancyConstant: 10, maxRankIncrease: 1792,
        minHopRankIncrease: 256, objectiveCodePoint: 0, defaultLifetime: 30, lifetimeUnit: 60)

    // Figure 14 (DIO base) + Figure 24 (DODAG Configuration).
    static let dioBytes: [UInt8] = [
        155, 0x01, 0x00, 0x00,  // ICMPv6 type 155, code DIO, checksum left to the kernel
        0x00, 0xF0, 0x01, 0x00,  // RPLInstanceID 0, Version 240, Rank 256
        0x94, 0x07, 0x00, 0x00,  // G=1 0 MOP=010 Prf=100, DTSN 7, Flags, Reserved
        0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,  // DODAGID fd00::1
        0x04, 14, 0x00, 20, 3, 10, 0x07, 0x00,  // DODAG Configuration: flags/A/PCS, doublings, min, redundancy, MaxRankIncrease
        0x01, 0x00, 0x00, 0x00, 0x00, 30, 0x00, 60,  // MinHopRankIncrease, OCP 0, Reserved, Def. Lifetime, Lifetime Unit
    ]

    @Test func dioMatchesFigure14And24() throws {
        let dio = DIO(instanceID: 0, version: 240, rank: 256, grounded: true, modeOfOperation: 2, preference: 4,
                      dtsn: 7, dodagID: Self.dodagID, options: [.dodagConfiguration(Self.configuration)])
        #expect(RPLMessage.dio(dio).emit() == Self.dioBytes)
        #expect(try RPLMessage.parse(Self.dioBytes) == .dio(dio))
        #expect(dio.configuration == Self.configuration)
    }

    // Figure 16 (DAO base, K and D set) + Figure 25 (Target /120) + Figure 26 (Transit, no parent).
    @Test func daoMatchesFigures16To26() throws {
        let target = RPLPrefix(IPv6Address("fd89:b714:f3db::1:2:300")!, length: 120)!
        let dao = DAO(instanceID: 0, expectsACK: true, sequence: 0x42, dodagID: Self.dodagID, options: [
            .rplTarget(RPLTarget(prefix: target)),
            .transitInformation(TransitInformation(pathSequence: 3, pathLifetime: 30)),
        ])
        let expected: [UInt8] = [
            155, 0x02, 0, 0,
            0x00, 0xC0, 0x00, 0x42,  // RPLInstanceID, K|D, Reserved, DAOSequence
            0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
            0x05, 17, 0x00, 120,  // Target: length 2 + 15 prefix octets, flags, prefix length
            0xFD, 0x89, 0xB7, 0x14, 0xF3, 0xDB, 0, 0, 0, 0, 0, 0x01, 0, 0x02, 0x03,
            0x06, 4, 0x00, 0x00, 3, 30,  // Transit: E=0, Path Control, Path Sequence, Path Lifetime
        ]
        #expect(RPLMessage.dao(dao).emit() == expected)
        #expect(try RPLMessage.parse(expected) == .dao(dao))
        #expect(dao.targetsWithTransit.count == 1)
        #expect(dao.targetsWithTransit.first?.target == target)
    }

    // Figure 17: DAO-ACK without DODAGID.
    @Test func daoACKMatchesFigure17() throws {
        let ack = DAOACK(instanceID: 0, sequence: 0x42, status: 0, dodagID: nil)
        let expected: [UInt8] = [155, 0x03, 0, 0, 0x00, 0x00, 0x42, 0x00]
        #expect(RPLMessage.daoACK(ack).emit() == expected)
        #expect(try RPLMessage.parse(expected) == .daoACK(ack))
        let withID = DAOACK(instanceID: 0, sequence: 1, status: 128, dodagID: Self.dodagID)
        #expect(Array(RPLMessage.daoACK(withID).emit()[4..<8]) == [0x00, 0x80, 0x01, 0x80])
    }

    // Figure 13 (DIS) + Figure 28 (Solicited Information), then Pad1 and PadN.
    @Test func disMatchesFigures13And28() throws {
        let solicited = SolicitedInformation(instanceID: 0, matchVersion: false, matchInstanceID: true,
                                             matchDODAGID: true, dodagID: Self.dodagID, version: 240)
        let dis = DIS(options: [.solicitedInformation(solicited), .pad1, .padN(2)])
        let expected: [UInt8] = [
            155, 0x00, 0, 0, 0x00, 0x00,
            0x07, 19, 0x00, 0x60,
            0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 240,
            0x00, 0x01, 2, 0, 0,
        ]
        #expect(RPLMessage.dis(dis).emit() == expected)
        #expect(try RPLMessage.parse(expected) == .dis(dis))
    }

    // Figure 23 (Route Information /48) and Figure 29 (Prefix Information, R set), plus a metric
    // container and an unknown option (Target Descriptor, type 9) preserved as they came.
    @Test func dioOptionsFigures23And29() throws {
        let route = RouteInformation(prefix: RPLPrefix(IPv6Address("fd89:b714:f3db::")!, length: 48)!, preference: 1, lifetime: 0xFFFF_FFFF)
        let prefix = PrefixInformation(prefixLength: 64, onLink: false, autonomous: true, routerAddress: true,
                                       validLifetime: 3600, preferredLifetime: 1800, prefix: Self.dodagID)
        let options: [RPLOption] = [.routeInformation(route), .prefixInformation(prefix),
                                    .dagMetricContainer([1, 2, 3]), .unknown(type: 9, data: [0, 0, 0, 7])]
        let dio = DIO(instanceID: 0, version: 1, rank: 0xFFFF, grounded: false, modeOfOperation: 2, preference: 1,
                      dtsn: 0, dodagID: Self.dodagID, options: options)
        let bytes = RPLMessage.dio(dio).emit()
        let optionBytes = Array(bytes[28...])
        let expected: [UInt8] = [
            0x03, 12, 48, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFD, 0x89, 0xB7, 0x14, 0xF3, 0xDB,
            0x08, 30, 64, 0x60, 0, 0, 0x0E, 0x10, 0, 0, 0x07, 0x08, 0, 0, 0, 0,
            0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
            0x02, 3, 1, 2, 3,
            0x09, 4, 0, 0, 0, 7,
        ]
        #expect(optionBytes == expected)
        #expect(try RPLMessage.parse(bytes) == .dio(dio))
    }

    @Test func reservedBitsAreIgnoredAndTargetPrefixIsMasked() throws {
        // A /64 target sent with all 16 octets and junk after bit 64 is the same /64.
        var bytes: [UInt8] = [155, 0x02, 0, 0, 0x00, 0x3F, 0xAA, 0x01]
        bytes += [0x05, 18, 0xFF, 64] + [0xFD, 0, 0, 0, 0, 0, 0, 1] + [0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 3, 4]
        let message = try RPLMessage.parse(bytes)
        guard case .dao(let dao) = message else { Issue.record("not a DAO"); return }
        #expect(dao.expectsACK == false && dao.dodagID == nil && dao.sequence == 1)
        #expect(dao.options == [.rplTarget(RPLTarget(prefix: RPLPrefix(IPv6Address("fd00:0:0:1::")!, length: 64)!))])
        #expect(try RPLMessage.parse(message.emit()) == message)
    }

    @Test func malformedInputIsRefused() {
        #expect(throws: RPLWireError.truncated(offset: 2)) { try RPLMessage.parse([155, 1]) }
        #expect(throws: RPLWireError.notRPL(icmpType: 128)) { try RPLMessage.parse([128, 0, 0, 0, 0, 0]) }
        // DIO base cut short.
        #expect(throws: RPLWireError.self) { try RPLMessage.parse(Array(Self.dioBytes[0..<20])) }
        // DODAG Configuration claiming 20 octets in a packet that has 16 after it.
        var beyond = Self.dioBytes
        beyond[29] = 20
        #expect(throws: RPLWireError.optionBeyondPacket(type: 4, offset: 28)) { try RPLMessage.parse(beyond) }
        // DODAG Configuration with a length other than 14.
        var short = Array(Self.dioBytes[0..<28]) + [0x04, 2, 0, 0]
        #expect(throws: RPLWireError.badOptionLength(type: 4, length: 2, offset: 28)) { try RPLMessage.parse(short) }
        // An option type with no room for its length byte.
        short = Array(Self.dioBytes[0..<28]) + [0x04]
        #expect(throws: RPLWireError.optionBeyondPacket(type: 4, offset: 28)) { try RPLMessage.parse(short) }
        // Target with prefix length 129, and a /64 target carrying only 4 octets.
        let daoHeader: [UInt8] = [155, 0x02, 0, 0, 0, 0, 0, 1]
        #expect(throws: RPLWireError.badPrefix(type: 5, prefixLength: 129, offset: 8)) {
            try RPLMessage.parse(daoHeader + [0x05, 18, 0, 129] + [UInt8](repeating: 0, count: 16))
        }
        #expect(throws: RPLWireError.badPrefix(type: 5, prefixLength: 64, offset: 8)) {
            try RPLMessage.parse(daoHeader + [0x05, 6, 0, 64, 0xFD, 0, 0, 0])
        }
        // Transit Information of length 5, Solicited Information of 18, PIO of 29.
        #expect(throws: RPLWireError.badOptionLength(type: 6, length: 5, offset: 8)) {
            try RPLMessage.parse(daoHeader + [0x06, 5, 0, 0, 0, 0, 0])
        }
        #expect(throws: RPLWireError.badOptionLength(type: 7, length: 18, offset: 6)) {
            try RPLMessage.parse([155, 0, 0, 0, 0, 0, 0x07, 18] + [UInt8](repeating: 0, count: 18))
        }
        #expect(throws: RPLWireError.badOptionLength(type: 8, length: 29, offset: 28)) {
            try RPLMessage.parse(Array(Self.dioBytes[0..<28]) + [0x08, 29] + [UInt8](repeating: 0, count: 29))
        }
        // D flag set without room for the DODAGID.
        #expect(throws: RPLWireError.self) { try RPLMessage.parse([155, 0x02, 0, 0, 0, 0x40, 0, 1, 0xFD]) }
    }

    @Test func secureAndUnknownCodesArePreserved() throws {
        let bytes: [UInt8] = [155, 0x8A, 0, 0, 1, 2, 3]
        #expect(try RPLMessage.parse(bytes) == .unknown(code: 0x8A, body: [1, 2, 3]))
        #expect(try RPLMessage.parse(bytes).emit() == bytes)
    }
}
