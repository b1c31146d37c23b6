import JSON
import Testing

@Suite struct HostileInputTests {
    @Test func deepNestingIsATypedError() {
        for opener in ["[", "{\"a\":"] {
            let text = [UInt8](String(repeating: opener, count: 100_000).utf8)
            do {
                _ = try JSONValue.parse(text)
                Issue.record("accepted")
            } catch {
                #expect(error.kind == .tooDeep)
            }
        }
    }

    @Test func depthLimitIsExact() throws {
        let limits = JSONLimits(maxDepth: 3)
        _ = try JSONValue.parse("[[[1]]]", limits: limits)
        #expect(throws: JSONError(.tooDeep, offset: 3)) { try JSONValue.parse("[[[[1]]]]", limits: limits) }
    }

    @Test func sizeLimit() {
        #expect(throws: JSONError(.tooLarge, offset: 4)) { try JSONValue.parse("[1,2]", limits: JSONLimits(maxBytes: 4)) }
    }

    /// Many members: duplicate detection stays fast (sorted, not pairwise) and finds the
    /// duplicate at the end.
    @Test func manyMembers() throws {
        var text = "{" + (0..<50_000).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let value = try JSONValue.parse(text + "}")
        #expect(value["k49999"]?.int64Value == 49_999)
        text += ",\"k17\":0}"
        #expect(throws: JSONError(.duplicateMember, offset: 0)) { try JSONValue.parse(text) }
    }

    /// Every truncation of a valid document is rejected with a typed error, never accepted
    /// (except the whole) and never a crash.
    @Test func everyPrefixOfADocument() throws {
        let text = Array(#"{"a":[1,-2.5e3,"x\u00e9\ud83d\ude00",true,null],"b":{}}"#.utf8)
        for length in 0..<text.count {
            #expect(throws: JSONError.self) { try JSONValue.parse(Array(text[0..<length])) }
        }
        _ = try JSONValue.parse(text)
    }
}
