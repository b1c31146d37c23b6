import CBOR
import Foundation
import Platform
import Testing
@testable import GRASP

@Suite struct GraspFloodingTests {
    let us = address("fd89:b714:f3db::100:1")
    let registrar = address("fd89:b714:f3db::200:1")

    func engine() -> GraspEngine {
        let engine = GraspEngine(address: us, random: countingRandom())
        engine.linkUp(interface: 1, linkLocal: address("fe80::1"))
        engine.linkUp(interface: 2, linkLocal: address("fe80::2"))
        engine.linkUp(interface: 3, linkLocal: address("fe80::3"))
        return engine
    }

    func srvEST(loopCount: UInt8 = 255, session: UInt32 = 12_340_815, ttl: UInt32 = 210_000) -> [UInt8] {
        GraspMessage.flood(sessionID: session, initiator: .ipv6(registrar), ttl: ttl, entries: [
            FloodEntry(objective: Objective(name: .srvEST, flags: .synchronization, loopCount: loopCount),
                       locator: .ipv6(registrar, .tcp, port: 443))]).emit()
    }

    /// Relayed on every other interface with the loop count one less; the arrival interface
    /// gets nothing back.
    @Test func relayDecrementsLoopCount() throws {
        let grasp = engine()
        let actions = grasp.received(srvEST(loopCount: 255), from: .datagram(from: address("fe80::99"), port: 7017, interface: 2),
                                     now: at(0))
        let sends = actions.sends
        #expect(sends.map { $0.destination } == [.allNeighbours(interface: 1), .allNeighbours(interface: 3)])
        let relayed = try GraspMessage.parse(sends[0].bytes).message
        guard case .flood(let session, let initiator, let ttl, let entries) = relayed else { Issue.record("not a flood"); return }
        #expect(session == 12_340_815 && initiator == .ipv6(registrar) && ttl == 210_000)
        #expect(entries.first?.objective.loopCount == 254)
        #expect(actions.events.count == 1)
        #expect(grasp.floodedValues(.srvEST, now: at(1)) == [FloodEntry(
            objective: Objective(name: .srvEST, flags: .synchronization, loopCount: 255), locator: .ipv6(registrar, .tcp, port: 443))])
    }

    /// Loop count 1 arrives (and is cached) but goes no further; 0 is refused.
    @Test func loopCountOneNotRelayedZeroDropped() {
        let grasp = engine()
        let one = grasp.received(srvEST(loopCount: 1), from: .datagram(from: address("fe80::99"), port: 7017, interface: 2), now: at(0))
        #expect(one.sends.isEmpty)
        #expect(one.events.count == 1)
        let zero = grasp.received(srvEST(loopCount: 0, session: 5), from: .datagram(from: address("fe80::99"), port: 7017, interface: 2),
                                  now: at(0))
        #expect(zero.sends.isEmpty && zero.events.isEmpty)
        #expect(grasp.drops.count(.loopCountZero) == 1)
    }

    /// The same (initiator, session id) arriving over a second path is neither relayed nor
    /// delivered again; after the memory has expired it would be new again.
    @Test func duplicateSuppression() {
        let grasp = engine()
        let first = grasp.received(srvEST(), from: .datagram(from: address("fe80::99"), port: 7017, interface: 2), now: at(0))
        #expect(first.sends.count == 2)
        let copy = grasp.received(srvEST(), from: .datagram(from: address("fe80::98"), port: 7017, interface: 3), now: at(10))
        #expect(copy.sends.isEmpty && copy.events.isEmpty)
        #expect(grasp.drops.count(.duplicate) == 1)
        // Same session id from another initiator is a different flood.
        let other = GraspMessage.flood(sessionID: 12_340_815, initiator: .ipv6(address("fd89:b714:f3db::300:1")), ttl: 1000, entries: [
            FloodEntry(objective: Objective(name: "EX", flags: .synchronization, loopCount: 3))]).emit()
        #expect(grasp.received(other, from: .datagram(from: address("fe80::98"), port: 7017, interface: 3), now: at(10)).sends.count == 2)
    }

    /// Invented session ids cannot grow the duplicate-suppression memory past its bound.
    @Test func floodMemoryBounded() {
        var config = GraspConfiguration()
        config.maximumFloodMemory = 10
        let grasp = GraspEngine(address: us, configuration: config, random: countingRandom())
        grasp.linkUp(interface: 1, linkLocal: address("fe80::1"))
        grasp.linkUp(interface: 2, linkLocal: address("fe80::2"))
        var relayed = 0
        for session in UInt32(1)...15 {
            relayed += grasp.received(srvEST(session: session), from: .datagram(from: address("fe80::99"), port: 7017, interface: 2),
                                      now: at(0)).sends.count
        }
        #expect(relayed == 10)
        #expect(grasp.drops.count(.tableFull) == 5)
        // Once the remembered floods have expired there is room again.
        #expect(grasp.received(srvEST(session: 99), from: .datagram(from: address("fe80::99"), port: 7017, interface: 2),
                               now: at(300_000)).sends.count == 1)
    }

    @Test func ownFloodNotRelayedBack() {
        let grasp = engine()
        let sent = grasp.flood([FloodEntry(objective: Objective(name: .anJoinRegistrar, flags: .synchronization, loopCount: 255,
                                                                value: .text("EST-TLS")),
                                           locator: .ipv6(us, .tcp, port: 8443))], ttl: 210_000, now: at(0))
        #expect(sent.sends.count == 3)
        // Looped back by our own multicast socket: ignored before parsing.
        #expect(grasp.received(sent.sends[0].bytes, from: .datagram(from: address("fe80::2"), port: 7017, interface: 2), now: at(1)).isEmpty)
        #expect(grasp.drops.count(.fromSelf) == 1)
        let echo = grasp.received(sent.sends[0].bytes, from: .datagram(from: address("fe80::99"), port: 7017, interface: 1), now: at(5))
        #expect(echo.sends.isEmpty && echo.events.isEmpty)
    }

    @Test func cacheExpiresOnTTL() {
        let grasp = engine()
        _ = grasp.received(srvEST(ttl: 5000), from: .datagram(from: address("fe80::99"), port: 7017, interface: 2), now: at(0))
        #expect(grasp.floodedValues(.srvEST, now: at(4999)).count == 1)
        _ = grasp.timerFired(now: at(5000))
        #expect(grasp.floodedValues(.srvEST, now: at(5000)).isEmpty)
    }
}

@Suite struct GraspDiscoveryTests {
    let us = address("fd89:b714:f3db::100:1")
    let peer = address("fd89:b714:f3db::200:1")

    /// A discovery nobody answers at once relays on; responses are cached, forwarded to the
    /// asker, and the next discovery of the objective is answered from the cache with a divert.
    @Test func relayCacheAndDivert() throws {
        let grasp = GraspEngine(address: us, random: countingRandom())
        grasp.linkUp(interface: 1, linkLocal: address("fe80::1"))
        grasp.linkUp(interface: 2, linkLocal: address("fe80::2"))
        let asker = GraspSource.datagram(from: address("fe80::a"), port: 40000, interface: 1)
        let initiator = InitiatorAddress.ipv6(address("fd89:b714:f3db::300:1"))
        let question = GraspMessage.discovery(sessionID: 42, initiator: initiator,
                                              objective: Objective(name: "EX1", flags: .discovery, loopCount: 3)).emit()
        let relay = grasp.received(question, from: asker, now: at(0))
        #expect(relay.sends.map { $0.destination } == [.allNeighbours(interface: 2)])
        guard case .discovery(42, initiator, let relayed)? = relay.messages.first else { Issue.record("no relay"); return }
        #expect(relayed.loopCount == 2)
        // A second copy of the same discovery is not relayed again.
        #expect(grasp.received(question, from: .datagram(from: address("fe80::b"), port: 40000, interface: 1), now: at(1)).sends.isEmpty)

        // The responder's answer arrives over TCP; it is forwarded to the asker's UDP source port by TCP.
        let locator = Locator.ipv6(peer, .tcp, port: 7777)
        let answer = GraspMessage.response(sessionID: 42, initiator: initiator, ttl: 60_000, target: .locators([locator]), objective: nil)
        let connection = grasp.accepted()
        let forwarded = grasp.received(answer.emit(), from: .connection(connection, peer: address("fe80::c"), interface: 2), now: at(50))
        guard case .connect(let back, address("fe80::a"), 40000, 1)? = forwarded.first else { Issue.record("no connect back"); return }
        #expect(forwarded.sends.first?.destination == .connection(back))
        #expect(forwarded.messages == [answer])

        // Someone else, on interface 1, asks later: answered from the cache with O_DIVERT.
        let later = GraspMessage.discovery(sessionID: 43, initiator: initiator,
                                           objective: Objective(name: "EX1", flags: .discovery, loopCount: 3)).emit()
        let diverted = grasp.received(later, from: asker, now: at(1000))
        guard case .response(43, initiator, let ttl, .divert([locator]), nil)? = diverted.messages.first else {
            Issue.record("no divert"); return
        }
        #expect(ttl == 59_050)
        // On interface 2, where the responder itself is, no divert: relayed instead.
        let same = grasp.received(GraspMessage.discovery(sessionID: 44, initiator: initiator,
                                                         objective: Objective(name: "EX1", flags: .discovery, loopCount: 3)).emit(),
                                  from: .datagram(from: address("fe80::d"), port: 40000, interface: 2), now: at(1000))
        #expect(same.sends.map { $0.destination } == [.allNeighbours(interface: 1)])
    }

    /// Our own discovery: M_DISCOVERY out, answers collected, `.discovered` at the deadline
    /// (100 ms × loop count), then answered from cache without sending.
    @Test func localDiscoveryAndCache() throws {
        let grasp = GraspEngine(address: us, random: fixedRandom([0x0102_0304]))
        grasp.linkUp(interface: 1, linkLocal: address("fe80::1"))
        let started = grasp.discover("EX2", loopCount: 2, now: at(0))
        guard case .discovery(0x0102_0304, .ipv6(us), let objective)? = started.messages.first else { Issue.record("no discovery"); return }
        #expect(objective.loopCount == 2)
        #expect(started.timers.last == at(200))
        let locator = Locator.ipv6(peer, .tcp, port: 8000)
        let answer = GraspMessage.response(sessionID: 0x0102_0304, initiator: .ipv6(us), ttl: 30_000, target: .locators([locator]),
                                           objective: nil).emit()
        #expect(grasp.received(answer, from: .connection(grasp.accepted(), peer: peer, interface: 1), now: at(20)).events.isEmpty)
        let done = grasp.timerFired(now: at(200))
        guard case .discovered("EX2", [locator])? = done.events.first else { Issue.record("no result"); return }
        let again = grasp.discover("EX2", now: at(300))
        #expect(again.sends.isEmpty)
        guard case .discovered("EX2", [locator])? = again.events.first else { Issue.record("no cached result"); return }
    }

    @Test func registeredObjectiveAnswered() throws {
        let grasp = GraspEngine(address: us, random: countingRandom())
        grasp.linkUp(interface: 1, linkLocal: address("fe80::1"))
        let locator = Locator.ipv6(us, .tcp, port: 8443)
        grasp.register(Objective(name: .anJoinRegistrar, flags: [.discovery, .synchronization], loopCount: 255), at: locator)
        let initiator = InitiatorAddress.ipv6(peer)
        let question = GraspMessage.discovery(sessionID: 9, initiator: initiator,
                                              objective: Objective(name: .anJoinRegistrar, flags: .discovery, loopCount: 6)).emit()
        let actions = grasp.received(question, from: .datagram(from: address("fe80::9"), port: 50000, interface: 1), now: at(0))
        #expect(actions.messages == [.response(sessionID: 9, initiator: initiator, ttl: 60_000, target: .locators([locator]), objective: nil)])
    }
}

@Suite struct GraspSessionTests {
    let us = address("fd89:b714:f3db::100:1")
    let peer = address("fd89:b714:f3db::200:1")
    let objective = Objective(name: "EX3", flags: [.discovery, .negotiation], loopCount: 6,
                              value: .array([.text("NZD"), .unsigned(410)]))

    /// Both ends of RFC 8990 D.5, engine against engine: request, offers with decreasing loop
    /// count, M_WAIT, and M_END accept.
    @Test func negotiationToEnd() throws {
        let initiator = GraspEngine(address: us, random: fixedRandom([13_767_778]))
        let responder = GraspEngine(address: peer, random: countingRandom())
        responder.register(objective, at: .ipv6(peer, .tcp, port: 7777))

        let (handle, opening) = try #require(initiator.requestNegotiation(objective, to: .ipv6(peer, .tcp, port: 7777), now: at(0)))
        guard case .connect(let out, peer, 7777, 0)? = opening.first else { Issue.record("no connect"); return }
        // The request is byte for byte D.5's first message.
        #expect(toHex(opening.sends[0].bytes) == "83031a00d214628463455833030682634e5a4419019a")

        let inbound = responder.accepted()
        let from = GraspSource.connection(inbound, peer: us, interface: 1)
        let asked = responder.received(opening.sends[0].bytes, from: from, now: at(1))
        guard case .negotiationRequested(let remote, let request)? = asked.events.first else { Issue.record("not delivered"); return }
        #expect(remote == SessionHandle(initiator: .ipv6(us), sessionID: 13_767_778))
        #expect(request == objective)

        var offer = objective
        offer.value = .array([.text("NZD"), .unsigned(80)])
        let step1 = responder.negotiateStep(remote, offer, now: at(2))
        #expect(step1.sends.first?.destination == .connection(inbound))
        let back = GraspSource.connection(out, peer: peer, interface: 1)
        let seen1 = initiator.received(step1.sends[0].bytes, from: back, now: at(3))
        guard case .negotiationStep(handle, let offered)? = seen1.events.first else { Issue.record("no step"); return }
        #expect(offered.loopCount == 5)

        // The responder asks for time: the initiator's timeout moves out accordingly.
        let wait = responder.negotiateWait(remote, milliseconds: 90_000, now: at(4))
        #expect(initiator.received(wait.sends[0].bytes, from: back, now: at(5)).timers.last == at(90_005))
        #expect(initiator.timerFired(now: at(60_010)).events.isEmpty)

        var counter = objective
        counter.value = .array([.text("NZD"), .unsigned(307)])
        let step2 = initiator.negotiateStep(handle, counter, now: at(6))
        let seen2 = responder.received(step2.sends[0].bytes, from: from, now: at(7))
        guard case .negotiationStep(remote, let countered)? = seen2.events.first else { Issue.record("no step 2"); return }
        #expect(countered.loopCount == 4)

        let end = responder.endNegotiation(remote, .accept, now: at(8))
        #expect(toHex(end.sends[0].bytes) == "83061a00d21462811865")
        let ended = initiator.received(end.sends[0].bytes, from: back, now: at(9))
        guard case .negotiationEnded(handle, .accept)? = ended.events.first else { Issue.record("no end"); return }
        // Both sides have forgotten the session: nothing times out later.
        #expect(initiator.timerFired(now: at(200_000)).events.isEmpty)
        #expect(responder.timerFired(now: at(200_000)).events.isEmpty)
    }

    @Test func synchronization() throws {
        let initiator = GraspEngine(address: us, random: countingRandom())
        let responder = GraspEngine(address: peer, random: countingRandom())
        responder.register(objective, at: .ipv6(peer, .tcp, port: 7777))
        let (handle, opening) = try #require(initiator.requestSynchronization(objective, to: .ipv6(peer, .tcp, port: 7777), now: at(0)))
        let inbound = responder.accepted()
        let asked = responder.received(opening.sends[0].bytes, from: .connection(inbound, peer: us, interface: 1), now: at(1))
        guard case .synchronizationRequested(let remote, _)? = asked.events.first else { Issue.record("no request"); return }
        let answer = responder.synchronize(remote, objective, now: at(2))
        guard case .connect(let out, _, _, _)? = opening.first else { return }
        let got = initiator.received(answer.sends[0].bytes, from: .connection(out, peer: peer, interface: 1), now: at(3))
        guard case .synchronized(handle, objective?)? = got.events.first else { Issue.record("no value"); return }
    }

    @Test func timeoutFailsSession() throws {
        let initiator = GraspEngine(address: us, random: countingRandom())
        let (handle, opening) = try #require(initiator.requestNegotiation(objective, to: .ipv6(peer, .tcp, port: 7777), now: at(0)))
        #expect(opening.timers.last == at(60_000))
        #expect(initiator.timerFired(now: at(59_999)).events.isEmpty)
        let expired = initiator.timerFired(now: at(60_000))
        guard case .sessionFailed(handle, .timeout)? = expired.events.first else { Issue.record("no timeout"); return }
    }

    /// A second request with a session id already in use by the same peer is refused with
    /// M_INVALID; a request for an unknown objective is declined.
    @Test func collisionsAndUnknownObjectives() throws {
        let responder = GraspEngine(address: peer, random: countingRandom())
        responder.register(objective, at: .ipv6(peer, .tcp, port: 7777))
        let request = GraspMessage.requestNegotiation(sessionID: 5, objective: objective).emit()
        _ = responder.received(request, from: .connection(responder.accepted(), peer: us, interface: 1), now: at(0))
        let second = responder.accepted()
        let clash = responder.received(request, from: .connection(second, peer: us, interface: 1), now: at(1))
        guard case .invalid(5, _)? = clash.messages.first else { Issue.record("no M_INVALID"); return }
        #expect(responder.drops.count(.sessionCollision) == 1)

        let unknown = GraspMessage.requestNegotiation(sessionID: 6, objective: Objective(name: "NOPE", flags: .negotiation, loopCount: 3))
        let declined = responder.received(unknown.emit(), from: .connection(responder.accepted(), peer: us, interface: 1), now: at(2))
        guard case .end(6, .decline(_))? = declined.messages.first else { Issue.record("not declined"); return }
    }

    /// Garbage on a connection gets M_INVALID when its session id can be read, nothing otherwise,
    /// and never an M_INVALID in answer to an M_INVALID.
    @Test func invalidReplies() {
        let grasp = GraspEngine(address: us, random: countingRandom())
        let connection = grasp.accepted()
        let source = GraspSource.connection(connection, peer: peer, interface: 1)
        // [42, 7, "x"]: unknown message type, session 7.
        let reply = grasp.received(hex("83182a076178"), from: source, now: at(0))
        guard case .invalid(7, _)? = reply.messages.first else { Issue.record("no M_INVALID"); return }
        #expect(grasp.received([0x83, 0x18], from: source, now: at(0)).sends.isEmpty)
        #expect(grasp.received(hex("8318630781"), from: source, now: at(0)).sends.isEmpty)
        // The same garbage by multicast is only dropped.
        #expect(grasp.received(hex("83182a076178"), from: .datagram(from: peer, port: 7017, interface: 1), now: at(0)).sends.isEmpty)
        #expect(grasp.drops.count(.unknownMessageType) == 2)
    }
}
