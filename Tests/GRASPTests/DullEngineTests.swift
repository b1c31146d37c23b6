import CBOR
import Foundation
import Platform
import Testing
import TestSupport
@testable import GRASP

@Suite struct DullEngineTests {
    let ourLL = address("fe80::a8bb:ccff:fedd:1")
    let peerLL = address("fe80::6c79:8cff:feb5:36db")
    let eth = UInt32(3)

    func peerFlood(ttl: UInt32 = 210_000, port: UInt16 = 500, loopCount: UInt8 = 1, from: IPv6Address? = nil,
                   session: UInt32 = 77) -> [UInt8] {
        let peer = from ?? peerLL
        return GraspMessage.flood(sessionID: session, initiator: .ipv6(peer), ttl: ttl, entries: [
            FloodEntry(objective: Objective(name: .anACP, flags: .synchronization, loopCount: loopCount, value: .text("IKEv2")),
                       locator: .ipv6(peer, .udp, port: port))]).emit()
    }

    func source(_ peer: IPv6Address? = nil) -> GraspSource { .datagram(from: peer ?? peerLL, port: 7017, interface: eth) }

    /// At link-up the AN_ACP flood of RFC 8994 §6.4 goes out at once to ff02::13 on that link:
    /// compared byte for byte with an independently encoded message.
    @Test func floodsANACPAtLinkUp() throws {
        let engine = DullEngine(random: fixedRandom([0x1234_5678]))
        _ = engine.announce(.acp(), now: at(0))
        let actions = engine.linkUp(interface: eth, linkLocal: ourLL, now: at(0))
        let sends = actions.sends
        try #require(sends.count == 1)
        #expect(sends[0].destination == .allNeighbours(interface: eth))
        // [9, 0x12345678, h'fe80::a8bb:ccff:fedd:1', 210000, [["AN_ACP", 4, 1, "IKEv2"], [103, h'…', 17, 500]]]
        #expect(toHex(sends[0].bytes) == """
            85091a123456785\
            0fe80000000000000a8bbccfffedd00011a00033450828466414e5f414350040165494b45763284186750\
            fe80000000000000a8bbccfffedd0001111901f4
            """)
        #expect(actions.timers.count == 1)
    }

    /// Periodic floods: every interval lies in [period − 10 %, period], as the jitter promises.
    @Test func periodicFloodsWithinJitterBounds() {
        var config = DullConfiguration()
        config.period = .seconds(60)
        config.jitterPercent = 10
        // Small random values here; the extremes of the range are checked below.
        let engine = DullEngine(configuration: config, random: countingRandom(from: 0))
        _ = engine.announce(.acp(), now: at(0))
        var now = at(0)
        var timer = engine.linkUp(interface: eth, linkLocal: ourLL, now: now).timers.last!
        var intervals: [Duration] = []
        for _ in 0..<50 {
            let actions = engine.timerFired(now: timer)
            #expect(actions.sends.count == 1)
            intervals.append(timer - now)
            now = timer
            timer = actions.timers.last!
        }
        for interval in intervals {
            #expect(interval >= .seconds(54) && interval <= .seconds(60))
        }
        // And with the extremes of the random source.
        let low = DullEngine(configuration: config, random: fixedRandom([0]))
        _ = low.announce(.acp(), now: at(0))
        #expect(low.linkUp(interface: eth, linkLocal: ourLL, now: at(0)).timers.last == at(60_000))
        let high = DullEngine(configuration: config, random: fixedRandom([6_000_000_000]))
        _ = high.announce(.acp(), now: at(0))
        #expect(high.linkUp(interface: eth, linkLocal: ourLL, now: at(0)).timers.last == at(54_000))
    }

    /// A neighbour's flood makes a table entry, a refresh keeps it, and it expires exactly on the
    /// flood's ttl.
    @Test func neighbourLearnedRefreshedAndExpired() throws {
        let engine = DullEngine(random: fixedRandom([1]))
        _ = engine.linkUp(interface: eth, linkLocal: ourLL, now: at(0))
        let first = engine.received(peerFlood(), from: source(), now: at(1000))
        guard case .added(let neighbour)? = first.changes.first else { Issue.record("no neighbour"); return }
        #expect(neighbour.key == NeighbourKey(interface: eth, peer: peerLL, objective: .anACP))
        #expect(neighbour.locator == .ipv6(peerLL, .udp, port: 500))
        #expect(neighbour.expires == at(211_000))

        // Refreshed at 100 s: no change event, the expiry moves.
        let refresh = engine.received(peerFlood(session: 78), from: source(), now: at(100_000))
        #expect(refresh.changes.isEmpty)
        #expect(engine.timerFired(now: at(211_000)).changes.isEmpty)
        let gone = engine.timerFired(now: at(310_000))
        #expect(gone.changes == [.removed(Neighbour(key: neighbour.key, objective: neighbour.objective, locator: neighbour.locator,
                                                    firstSeen: at(1000), lastSeen: at(100_000), expires: at(310_000)), .expired)])
        #expect(engine.neighbours.isEmpty)
    }

    @Test func changedLocatorUpdatesEntry() {
        let engine = DullEngine(random: fixedRandom([1]))
        _ = engine.received(peerFlood(port: 500), from: source(), now: at(0))
        let actions = engine.received(peerFlood(port: 4500), from: source(), now: at(10))
        guard case .updated(let old, let new)? = actions.changes.first else { Issue.record("no update"); return }
        #expect(old.locator == .ipv6(peerLL, .udp, port: 500))
        #expect(new.locator == .ipv6(peerLL, .udp, port: 4500))
        #expect(new.firstSeen == at(0))
        #expect(engine.neighbours.count == 1)
    }

    @Test func ownFloodsIgnored() {
        let engine = DullEngine(random: fixedRandom([1]))
        _ = engine.announce(.acp(), now: at(0))
        let sent = engine.linkUp(interface: eth, linkLocal: ourLL, now: at(0)).sends[0].bytes
        let looped = engine.received(sent, from: source(ourLL), now: at(1))
        #expect(looped.changes.isEmpty)
        #expect(engine.drops.count(.fromSelf) == 1)
    }

    /// The AN_Proxy announcement a pledge listens for, and a join proxy's table of it.
    @Test func proxyAnnouncementAndPledgeView() throws {
        let proxy = DullEngine(random: fixedRandom([0x00BC_4E4F]))
        _ = proxy.announce(.proxy(port: 4443), now: at(0))
        let flood = try #require(proxy.linkUp(interface: 2, linkLocal: address("fe80::1"), now: at(0)).sends.first)
        // RFC 8995 Figure 11 with session id 12340815 and ttl 180000; our ttl is 210000 (0x33450).
        #expect(toHex(flood.bytes) == """
            85091a00bc4e4f50fe8000000000000000000000000000011a00033450\
            828468414e5f50726f787904016084186750fe8000000000000000000000000000010619115b
            """)
        let pledge = DullEngine(random: fixedRandom([9]))
        let seen = pledge.received(flood.bytes, from: .datagram(from: address("fe80::1"), port: 7017, interface: 5), now: at(3))
        guard case .added(let entry)? = seen.changes.first else { Issue.record("pledge saw no proxy"); return }
        #expect(entry.key.objective == .anProxy)
        #expect(entry.locator == .ipv6(address("fe80::1"), .tcp, port: 4443))
    }

    @Test func graspyFloodAccepted() throws {
        let text = try String(contentsOfFile: Shared.vector("grasp/graspy-flood-AN_ACP.hex"), encoding: .utf8)
        let engine = DullEngine(random: fixedRandom([1]))
        let actions = engine.received(hex(text), from: source(address("fe80::6c79:8cff:feb5:36db")), now: at(0))
        #expect(actions.changes.count == 1)
    }

    @Test func linkDownForgetsNeighbours() {
        let engine = DullEngine(random: fixedRandom([1]))
        _ = engine.linkUp(interface: eth, linkLocal: ourLL, now: at(0))
        _ = engine.received(peerFlood(), from: source(), now: at(0))
        let actions = engine.linkDown(interface: eth, now: at(5))
        guard case .removed(_, .linkDown)? = actions.changes.first else { Issue.record("not removed"); return }
        #expect(engine.neighbours.isEmpty)
        #expect(engine.timerFired(now: at(120_000)).sends.isEmpty)
    }

    /// Bad floods are dropped and counted; the log is rate limited and names sender and interface.
    @Test func badFloodsDroppedCountedAndLoggedAtARateLimit() {
        let engine = DullEngine(random: fixedRandom([1]))
        #expect(engine.received(peerFlood(ttl: 0), from: source(), now: at(0)).changes.isEmpty)
        #expect(engine.received(peerFlood(ttl: 4_000_000_000), from: source(), now: at(0)).changes.isEmpty)
        #expect(engine.drops.count(.absurdTTL) == 2)
        #expect(engine.received(peerFlood(loopCount: 0), from: source(), now: at(0)).changes.isEmpty)
        #expect(engine.drops.count(.loopCountZero) == 1)
        // Locator naming someone else than the sender (third-party DoS, RFC 8994 §6.4).
        #expect(engine.received(peerFlood(from: address("fe80::bad")), from: source(), now: at(0)).changes.isEmpty)
        #expect(engine.drops.count(.locatorMismatch) == 1)
        // A flood from a routable source address is not from a DULL neighbour.
        let routed = address("2001:db8::1")
        #expect(engine.received(peerFlood(from: routed), from: source(routed), now: at(0)).changes.isEmpty)
        #expect(engine.drops.count(.notLinkLocal) == 1)
        // Other message types have no place in DULL.
        let discovery = GraspMessage.discovery(sessionID: 1, initiator: .ipv6(peerLL),
                                               objective: Objective(name: .anACP, flags: .discovery, loopCount: 1)).emit()
        _ = engine.received(discovery, from: source(), now: at(0))
        #expect(engine.drops.count(.unexpectedMessageType) == 1)

        var logs: [String] = []
        for index in 0..<100 {
            logs += engine.received([0x85, 0x09], from: source(), now: at(Int64(index))).logs
        }
        #expect(engine.drops.count(.malformed) == 100)
        #expect(logs.count == 4)  // 10 per minute, 6 already used above
        #expect(logs.allSatisfy { $0.contains("fe80::6c79:8cff:feb5:36db%3") && $0.contains("malformed") })
        // A minute later logging resumes, with the number of suppressed lines.
        let later = engine.received([0xff], from: source(), now: at(61_000)).logs
        #expect(later.count == 1)
        #expect(later.first?.contains("96 more drops not logged") == true)
        #expect(engine.neighbours.isEmpty)
    }

    @Test func tableIsBounded() {
        var config = DullConfiguration()
        config.maximumNeighbours = 3
        let engine = DullEngine(configuration: config, random: fixedRandom([1]))
        for index in 1...5 {
            let peer = IPv6Address(high: 0xFE80_0000_0000_0000, low: UInt64(index))
            _ = engine.received(peerFlood(from: peer), from: source(peer), now: at(0))
        }
        #expect(engine.neighbours.count == 3)
        #expect(engine.drops.count(.tableFull) == 2)
    }

    @Test func statusView() {
        let engine = DullEngine(random: fixedRandom([1]))
        _ = engine.received(peerFlood(), from: source(), now: at(1000))
        let rows = engine.status(now: at(31_000))
        #expect(rows == [NeighbourStatus(interface: eth, peer: peerLL, objective: .anACP, locator: .ipv6(peerLL, .udp, port: 500),
                                         age: .seconds(30), remaining: .seconds(180))])
    }
}
