import CBOR
import Foundation
import Platform
import Testing
@testable import GRASP

@Suite struct AnnouncementTests {
    let registrar = address("fda3:79a6:f6ee:0:200:0:6400:1")

    /// AN_join_registrar as in RFC 8995 Figure 12, flooded at once and then every 60 s less
    /// up to 10 % jitter, with a fresh session id each time, until withdrawn.
    @Test func registrarAnnouncedPeriodically() throws {
        let grasp = GraspEngine(address: registrar, random: countingRandom(from: 51_804_321))
        grasp.linkUp(interface: 1, linkLocal: address("fe80::1"))
        let entry = FloodEntry(objective: Objective(name: .anJoinRegistrar, flags: .synchronization, loopCount: 255,
                                                    value: .text("EST-TLS")),
                               locator: .ipv6(registrar, .tcp, port: 8443))
        let first = grasp.announce(entry, ttl: 180_000, now: at(0))
        let sent = try #require(first.sends.first)
        #expect(sent.destination == .allNeighbours(interface: 1))
        // Figure 12's bytes except the session id, which is ours (the counter's second value:
        // the first went into the jitter).
        guard case .flood(let firstSession, _, _, _)? = first.messages.first else { Issue.record("no flood"); return }
        var expected = hex("""
            85091a031678a150fda379a6f6ee000002000000640000011a0002bf20
            828471414e5f6a6f696e5f7265676973747261720418ff674553542d544c5384186750
            fda379a6f6ee00000200000064000001061920fb
            """)
        expected.replaceSubrange(3..<7, with: [UInt8(firstSession >> 24), UInt8((firstSession >> 16) & 0xFF),
                                               UInt8((firstSession >> 8) & 0xFF), UInt8(firstSession & 0xFF)])
        #expect(sent.bytes == expected)

        // Timers also fire for cache expiries; only the floods are counted here.
        var lastFlood = at(0)
        var timer = try #require(first.timers.last)
        var sessions: Set<UInt32> = [firstSession]
        for _ in 0..<50 where sessions.count < 6 {
            let actions = grasp.timerFired(now: timer)
            if let message = actions.messages.first {
                guard case .flood(let session, _, 180_000, [entry]) = message else { Issue.record("not the flood"); return }
                #expect(timer - lastFlood >= .seconds(54) && timer - lastFlood <= .seconds(60), "interval \(timer - lastFlood)")
                sessions.insert(session)
                lastFlood = timer
            }
            timer = try #require(actions.timers.last)
        }
        #expect(sessions.count == 6)
        grasp.withdraw(.anJoinRegistrar)
        #expect(grasp.timerFired(now: timer).sends.isEmpty)
    }

    /// A discovery storm is relayed at most `maximumDiscoveryRelaysPerSecond` times a second.
    @Test func discoveryRelayRateLimited() {
        var config = GraspConfiguration()
        config.maximumDiscoveryRelaysPerSecond = 3
        let grasp = GraspEngine(address: registrar, configuration: config, random: countingRandom())
        grasp.linkUp(interface: 1, linkLocal: address("fe80::1"))
        grasp.linkUp(interface: 2, linkLocal: address("fe80::2"))
        var relayed = 0
        for session in UInt32(1)...10 {
            let question = GraspMessage.discovery(sessionID: session, initiator: .ipv6(address("fd00::9")),
                                                  objective: Objective(name: "EX", flags: .discovery, loopCount: 4)).emit()
            relayed += grasp.received(question, from: .datagram(from: address("fe80::9"), port: 1, interface: 1), now: at(Int64(session))).sends.count
        }
        #expect(relayed == 3)
        #expect(grasp.drops.count(.rateLimited) == 7)
        let later = GraspMessage.discovery(sessionID: 99, initiator: .ipv6(address("fd00::9")),
                                           objective: Objective(name: "EX", flags: .discovery, loopCount: 4)).emit()
        #expect(grasp.received(later, from: .datagram(from: address("fe80::9"), port: 1, interface: 1), now: at(1500)).sends.count == 1)
    }
}

@Suite struct StatusText {
    @Test func locatorsAsOperatorsWriteThem() {
        #expect("\(Locator.ipv6(address("fe80::1"), .udp, port: 500))" == "[fe80::1]:500/udp")
        #expect("\(Locator.ipv4(IPv4Address(value: 0xC000_0201), .tcp, port: 53))" == "192.0.2.1:53/tcp")
        #expect("\(Locator.fqdn(utf8: Array("r.example".utf8), .tcp, port: 443))" == "r.example:443/tcp")
        #expect("\(Locator.uri(utf8: Array("coaps://[fe80::1]".utf8), nil, port: nil))" == "coaps://[fe80::1]")
    }

    @Test func neighbourLine() {
        let row = NeighbourStatus(interface: 3, peer: address("fe80::6c79:8cff:feb5:36db"), objective: .anACP,
                                  locator: .ipv6(address("fe80::6c79:8cff:feb5:36db"), .udp, port: 500),
                                  age: .seconds(30), remaining: .seconds(180))
        #expect(row.line(interfaceName: "dull003")
            == "dull003  fe80::6c79:8cff:feb5:36db  AN_ACP  [fe80::6c79:8cff:feb5:36db]:500/udp  age 30s  expires 180s")
    }
}

extension StatusText {
    @Test func neighbourJSON() throws {
        let row = NeighbourStatus(interface: 3, peer: address("fe80::1"), objective: ObjectiveName("A\"B\n"),
                                  locator: nil, age: .seconds(1), remaining: .seconds(2))
        let text = row.json(interfaceName: "dull003")
        #expect(text == #"{"interface":"dull003","peer":"fe80::1","objective":"A\"B\u000a","locator":null,"age_s":1,"expires_s":2}"#)
        // Foundation's JSON parser is the independent judge of validity.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["objective"] as? String == "A\"B\n")
    }
}

@Suite struct SessionEdgeCases {
    let us = address("fd89:b714:f3db::100:1")
    let peer = address("fd89:b714:f3db::200:1")

    /// RFC 8990 §2.8.7: a negotiation whose loop count runs out ends with O_DECLINE.
    @Test func loopCountExhausted() throws {
        let grasp = GraspEngine(address: us, random: countingRandom())
        let objective = Objective(name: "EX3", flags: .negotiation, loopCount: 2)
        let (handle, opening) = try #require(grasp.requestNegotiation(objective, to: .ipv6(peer, .tcp, port: 1), now: at(0)))
        guard case .connect(let connection, _, _, _)? = opening.first else { return }
        var offer = objective
        offer.loopCount = 1
        let step = grasp.received(GraspMessage.negotiate(sessionID: handle.sessionID, objective: offer).emit(),
                                  from: .connection(connection, peer: peer, interface: 0), now: at(1))
        #expect(step.events.count == 1)
        let reply = grasp.negotiateStep(handle, objective, now: at(2))
        guard case .end(handle.sessionID, .decline(_))? = reply.messages.first else { Issue.record("not declined"); return }
        guard case .sessionFailed(handle, .loopCountExhausted)? = reply.events.first else { Issue.record("not failed"); return }
    }

    /// Nothing over GRASP_DEF_MAX_SIZE leaves: the peer would only drop it.
    @Test func oversizedOwnMessages() throws {
        let grasp = GraspEngine(address: us, random: countingRandom())
        let huge = Objective(name: "EX3", flags: .negotiation, loopCount: 6, value: .bytes(Array(repeating: 1, count: 3000)))
        #expect(grasp.requestNegotiation(huge, to: .ipv6(peer, .tcp, port: 1), now: at(0)) == nil)
        let small = Objective(name: "EX3", flags: .negotiation, loopCount: 6)
        let (handle, _) = try #require(grasp.requestNegotiation(small, to: .ipv6(peer, .tcp, port: 1), now: at(0)))
        let step = grasp.negotiateStep(handle, huge, now: at(1))
        #expect(step.sends.allSatisfy { $0.bytes.count <= GraspConstants.defaultMaximumSize })
        guard case .end(handle.sessionID, .decline(_))? = step.messages.first else { Issue.record("not declined"); return }
        guard case .sessionFailed(handle, .messageTooLarge)? = step.events.first else { Issue.record("not failed"); return }
    }

    @Test func invalidFromPeerEndsSession() throws {
        let grasp = GraspEngine(address: us, random: countingRandom())
        let objective = Objective(name: "EX3", flags: .synchronization, loopCount: 2)
        let (handle, opening) = try #require(grasp.requestSynchronization(objective, to: .ipv6(peer, .tcp, port: 1), now: at(0)))
        guard case .connect(let connection, _, _, _)? = opening.first else { return }
        let reply = grasp.received(GraspMessage.invalid(sessionID: handle.sessionID, diagnostic: .text("what?")).emit(),
                                   from: .connection(connection, peer: peer, interface: 0), now: at(1))
        guard case .sessionFailed(handle, .invalid)? = reply.events.first else { Issue.record("not failed"); return }
        #expect(reply.sends.isEmpty)  // never M_INVALID for M_INVALID
    }

    /// Messages for sessions that do not exist (or on another connection) are dropped.
    @Test func strayMessagesDropped() throws {
        let grasp = GraspEngine(address: us, random: countingRandom())
        let (handle, _) = try #require(grasp.requestNegotiation(Objective(name: "EX3", flags: .negotiation, loopCount: 6),
                                                               to: .ipv6(peer, .tcp, port: 1), now: at(0)))
        let stranger = grasp.accepted()
        let end = GraspMessage.end(sessionID: handle.sessionID, option: .accept).emit()
        #expect(grasp.received(end, from: .connection(stranger, peer: peer, interface: 0), now: at(1)).events.isEmpty)
        #expect(grasp.drops.count(.unknownSession) == 1)
    }

    @Test func connectionLossFailsSession() throws {
        let grasp = GraspEngine(address: us, random: countingRandom())
        let (handle, opening) = try #require(grasp.requestNegotiation(Objective(name: "EX3", flags: .negotiation, loopCount: 6),
                                                                     to: .ipv6(peer, .tcp, port: 1), now: at(0)))
        guard case .connect(let connection, _, _, _)? = opening.first else { return }
        guard case .sessionFailed(handle, .connectionClosed)? = grasp.connectionClosed(connection, now: at(5)).events.first else {
            Issue.record("not failed"); return
        }
        // Only IPv6 TCP locators can carry a session.
        #expect(grasp.requestNegotiation(Objective(name: "X", flags: .negotiation, loopCount: 1),
                                         to: .ipv6(peer, .udp, port: 1), now: at(0)) == nil)
    }
}

@Suite struct SessionIDs {
    /// Even a random source stuck on one value yields distinct ids (and never hangs).
    @Test func distinctWithAStuckRandomSource() throws {
        let grasp = GraspEngine(address: address("fd00::1"), random: fixedRandom([7]))
        var ids: Set<UInt32> = []
        for index in 0..<20 {
            let (handle, _) = try #require(grasp.requestSynchronization(Objective(name: "EX", flags: .synchronization, loopCount: 1),
                                                                        to: .ipv6(address("fd00::2"), .tcp, port: 1), now: at(Int64(index))))
            ids.insert(handle.sessionID)
        }
        #expect(ids.count == 20)
    }
}
