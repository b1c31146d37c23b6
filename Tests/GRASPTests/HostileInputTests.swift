import CBOR
import Testing
@testable import GRASP

/// Bad input is a typed error, never a trap; the error says what was wrong.
@Suite struct HostileInput {
    func error(_ bytes: [UInt8]) -> GraspError? {
        do {
            _ = try GraspMessage.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    // D.4's M_END, a valid message to damage.
    let valid = hex("83061a000c3ffd811865")

    @Test func truncatedAtEveryLength() {
        for length in 0..<valid.count {
            guard case .malformedCBOR? = error(Array(valid.prefix(length))) else {
                Issue.record("prefix of \(length) bytes not refused as malformed CBOR")
                continue
            }
        }
    }

    @Test func trailingBytes() {
        guard case .malformedCBOR? = error(valid + [0x00]) else { Issue.record("trailing byte accepted"); return }
    }

    @Test func notAnArrayOrEmpty() {
        guard case .badField(.message)? = error(hex("a0")) else { Issue.record("map accepted"); return }
        guard case .badField(.message)? = error(hex("80")) else { Issue.record("[] accepted"); return }
        guard case .badField(.messageType)? = error(hex("816161")) else { Issue.record("text type accepted"); return }
    }

    @Test func unknownMessageTypes() {
        guard case .unknownMessageType(10)? = error(hex("820a01")) else { Issue.record("type 10"); return }
        guard case .unknownMessageType(300)? = error(hex("8219012c01")) else { Issue.record("type 300"); return }
    }

    @Test func wrongElementCounts() {
        guard case .wrongElementCount(.noop, 2)? = error(hex("820001")) else { Issue.record("noop+1"); return }
        guard case .wrongElementCount(.end, 2)? = error(hex("82061a000c3ffd")) else { Issue.record("end-1"); return }
        guard case .wrongElementCount(.wait, 4)? = error(hex("84071a000c3ffd0101")) else { Issue.record("wait+1"); return }
    }

    @Test func wrongTypes() {
        // session id as text, as a negative number, above 32 bits
        guard case .badField(.sessionID)? = error(hex("8306616101")) else { Issue.record("text id"); return }
        guard case .badField(.sessionID)? = error(hex("830620811865")) else { Issue.record("negative id"); return }
        guard case .badField(.sessionID)? = error(hex("83061b0000000100000000811865")) else { Issue.record("33-bit id"); return }
        // initiator of 15 bytes
        guard case .badField(.initiator)? = error(hex("840101" + "4f" + String(repeating: "00", count: 15) + "8463455831050200"))
        else { Issue.record("15-byte initiator"); return }
        // objective name as bytes, flags above 255, loop count above 255
        guard case .badField(.objectiveName)? = error(hex("8303018443455833030600")) else { Issue.record("bytes name"); return }
        guard case .badField(.objectiveFlags)? = error(hex("83030184634558331901000600")) else { Issue.record("flags 256"); return }
        guard case .badField(.loopCount)? = error(hex("83030184634558330319010000")) else { Issue.record("loop 256"); return }
        // locator with transport 1 (ICMP) and port 70000
        let ll = "50fe800000000000000000000000000001"
        guard case .badField(.transport)? = error(hex("850901" + ll + "00828363455831040184186750" + String(ll.dropFirst(2)) + "01190001"))
        else { Issue.record("transport 1"); return }
        guard case .badField(.port)? = error(hex("850901" + ll + "00828363455831040184186750" + String(ll.dropFirst(2)) + "111a00011170"))
        else { Issue.record("port 70000"); return }
        // end option that is neither accept nor decline
        guard case .badField(.option)? = error(hex("83060181186c")) else { Issue.record("end with 108"); return }
    }

    @Test func oversized() {
        let big = GraspMessage.invalid(sessionID: 1, diagnostic: .bytes(Array(repeating: 0xAA, count: 3000))).emit()
        guard case .tooLarge(let size)? = error(big) else { Issue.record("3 KB accepted"); return }
        #expect(size == big.count)
        // Exactly at the limit is fine.
        let payload = GraspConstants.defaultMaximumSize - 7  // 83 18 63 01 59 hh ll
        let atLimit = GraspMessage.invalid(sessionID: 1, diagnostic: .bytes(Array(repeating: 0, count: payload))).emit()
        #expect(atLimit.count == GraspConstants.defaultMaximumSize)
        #expect(error(atLimit) == nil)
    }

    @Test func deepNesting() {
        // An objective value nested 1000 arrays deep.
        let deep = hex("83031a000c3ffd846345583303 06") + Array(repeating: 0x81, count: 1000) + [0x00]
        guard case .malformedCBOR? = error(deep) else { Issue.record("deep nesting accepted"); return }
    }

    @Test func hugeDeclaredLengths() {
        // A byte string claiming 2^32 bytes, an array claiming 2^64-1 elements.
        guard case .malformedCBOR? = error(hex("8306015affffffff")) else { Issue.record("huge bytes"); return }
        guard case .malformedCBOR? = error(hex("9bffffffffffffffff")) else { Issue.record("huge array"); return }
    }
}

@Suite struct Framing {
    @Test func cutsAStreamIntoMessages() {
        let first = hex("83061a000c3ffd811865")
        let second = hex("83071a00d21462198895")
        let stream = first + second
        #expect(StreamFraming.firstMessage(in: stream) == .message(length: first.count))
        #expect(StreamFraming.firstMessage(in: Array(stream[first.count...])) == .message(length: second.count))
        for length in 0..<first.count {
            #expect(StreamFraming.firstMessage(in: Array(first.prefix(length))) == .incomplete)
        }
    }

    @Test func framesPublishedMessages() throws {
        let flood = hex("85091a00357b4e5020010db8f000baaa28ccdc4c97036781192710828463455831050282704578616d706c6520312076616c75653d186480")
        #expect(StreamFraming.firstMessage(in: flood + [0x80]) == .message(length: flood.count))
        let tagged = hex("d8184a83061a000c3ffd811865")
        #expect(StreamFraming.firstMessage(in: tagged) == .message(length: tagged.count))
    }

    @Test func refusesWhatCannotBeAMessage() {
        #expect(StreamFraming.firstMessage(in: [0x9f, 0x01, 0xff]) == .invalid)  // indefinite array
        #expect(StreamFraming.firstMessage(in: [0x5a, 0x00, 0x01, 0x00, 0x00]) == .invalid)  // 64 KB string
        #expect(StreamFraming.firstMessage(in: Array(repeating: 0x81, count: 40)) == .invalid)  // too deep
        #expect(StreamFraming.firstMessage(in: [0x1c]) == .invalid)  // reserved additional info
    }
}
