import Foundation
import Testing
import CLinux
@testable import Netlink

private func selector(_ source: String, _ sourceLength: UInt8, _ destination: String, _ destinationLength: UInt8) -> XFRMSelector {
    XFRMSelector(destination: ipv6(destination), destinationPrefixLength: destinationLength,
                 source: ipv6(source), sourcePrefixLength: sourceLength)
}

@Suite struct XFRMKernelTests {
    @Test func policyAddDumpDeleteAgainstIproute2() throws {
        let n = try TestNamespace("xfrm")
        defer { n.close() }
        let xfrm = try n.xfrmNetlink()
        let ours = XFRMPolicy(
            selector: selector("fd00:1::", 48, "fd00:2::", 64), direction: .output, priority: 100,
            templates: [XFRMTemplate(source: ipv6("fd00:1::1"), destination: ipv6("fd00:2::1"), requestID: 42)],
            interfaceID: 9)
        try xfrm.addPolicy(ours)
        #expect(try xfrm.dumpPolicies().count == 1)
        do {
            try xfrm.addPolicy(ours)
            Issue.record("duplicate policy accepted")
        } catch {
            #expect(error.errno == EEXIST)
        }

        // iproute2 reads back what we wrote…
        let listing = try n.ip(["xfrm", "policy", "list"])
        #expect(listing.contains("src fd00:1::/48 dst fd00:2::/64"))
        #expect(listing.contains("dir out priority 100"))
        #expect(listing.contains("tmpl src fd00:1::1 dst fd00:2::1"))
        #expect(listing.contains("proto esp reqid 42 mode transport"))
        #expect(listing.contains("if_id 0x9"))

        // …and we read back what iproute2 wrote.
        _ = try n.ip(["xfrm", "policy", "add", "src", "fd00:3::/64", "dst", "fd00:4::/56", "proto", "udp", "dport", "500",
                  "dir", "in", "priority", "5", "action", "block"])
        let dumped = try xfrm.dumpPolicies()
        #expect(dumped.count == 2)
        let mine = try #require(dumped.first { $0.direction == .output })
        #expect(mine.selector == ours.selector && mine.priority == 100 && mine.interfaceID == 9)
        #expect(mine.templates == ours.templates && mine.action == .allow && mine.index != 0)
        let theirs = try #require(dumped.first { $0.direction == .input })
        #expect(theirs.action == .block && theirs.priority == 5 && theirs.templates.isEmpty && theirs.interfaceID == nil)
        #expect(theirs.selector.source == ipv6("fd00:3::") && theirs.selector.sourcePrefixLength == 64)
        #expect(theirs.selector.destination == ipv6("fd00:4::") && theirs.selector.destinationPrefixLength == 56)
        #expect(theirs.selector.upperProtocol == 17 && theirs.selector.destinationPort == 500)
        #expect(theirs.selector.destinationPortMask == 0xffff)

        // Update in place: same selector, direction and if_id, new priority.
        var raised = ours
        raised.priority = 200
        try xfrm.updatePolicy(raised)
        #expect(try n.ip(["xfrm", "policy", "list"]).contains("dir out priority 200"))
        #expect(try xfrm.dumpPolicies().count == 2)

        // Delete both by selector + direction (+ if_id, part of the policy's identity).
        try xfrm.deletePolicy(XFRMPolicyID(selector: ours.selector, direction: .output, interfaceID: 9))
        try xfrm.deletePolicy(XFRMPolicyID(selector: theirs.selector, direction: .input))
        #expect(try xfrm.dumpPolicies().isEmpty)
        #expect(try n.ip(["xfrm", "policy", "list"]).isEmpty)
        do {
            try xfrm.deletePolicy(XFRMPolicyID(selector: ours.selector, direction: .output, interfaceID: 9))
            Issue.record("deleting a missing policy succeeded")
        } catch {
            #expect(error.errno == ENOENT)
        }
    }

    /// ESP states: on a kernel with ESP they round-trip; on this development kernel (no esp6) the
    /// kernel refuses, and must refuse us exactly as it refuses iproute2.
    @Test func stateAddMatchesIproute2() throws {
        let n = try TestNamespace("xfrms")
        defer { n.close() }
        let xfrm = try n.xfrmNetlink()
        var state = XFRMState(source: ipv6("fd00:1::1"), destination: ipv6("fd00:2::1"), spi: 0x1001)
        state.aead = XFRMAEAD(key: Array(repeating: 0x11, count: 36))
        state.interfaceID = 7
        state.requestID = 1
        state.replayWindow = 32
        let refusal: NetlinkError
        do {
            try xfrm.addState(state)
            let back = try xfrm.state(XFRMStateID(destination: ipv6("fd00:2::1"), spi: 0x1001))
            #expect(back.aead == state.aead && back.interfaceID == 7 && back.spi == 0x1001)
            #expect(try n.ip(["xfrm", "state", "list"]).contains("spi 0x00001001"))
            try xfrm.deleteState(XFRMStateID(destination: ipv6("fd00:2::1"), spi: 0x1001))
            #expect(try xfrm.dumpStates().isEmpty)
            return
        } catch let error as NetlinkError {
            refusal = error
        }
        // iproute2 gets the same refusal, with the same extended-ACK text we put in the error.
        guard case .kernel(_, let request) = refusal, let open = request.firstIndex(of: "(") else {
            Issue.record("not a kernel refusal with a reason: \(refusal)")
            return
        }
        let reason = String(request[request.index(after: open)...].dropLast())
        let key = "0x" + String(repeating: "11", count: 36)
        #expect(throws: ToolFailure.self) {
            try n.ip(["xfrm", "state", "add", "src", "fd00:1::1", "dst", "fd00:2::1", "proto", "esp", "spi", "0x1001",
                      "reqid", "1", "mode", "transport", "replay-window", "32", "if_id", "7",
                      "aead", "rfc4106(gcm(aes))", key, "128"])
        }
        do {
            try n.ip(["xfrm", "state", "add", "src", "fd00:1::1", "dst", "fd00:2::1", "proto", "esp", "spi", "0x1001",
                      "reqid", "1", "mode", "transport", "replay-window", "32", "if_id", "7",
                      "aead", "rfc4106(gcm(aes))", key, "128"])
        } catch let failure as ToolFailure {
            #expect(failure.description.contains("Error: \(reason)."))
        }
        #expect(refusal.errno == ENOSYS || refusal.errno == ENOENT || refusal.errno == EINVAL)
        #expect(try xfrm.dumpStates().isEmpty)
    }

    @Test func allocateSPI() throws {
        let n = try TestNamespace("spi")
        defer { n.close() }
        let xfrm = try n.xfrmNetlink()
        let request = XFRMSPIRequest(state: XFRMState(source: ipv6("fd00:1::1"), destination: ipv6("fd00:2::1"), spi: 0),
                                     minimum: 0x1000, maximum: 0x1fff)
        let larval = try xfrm.allocateSPI(request)
        #expect((0x1000...0x1fff).contains(larval.spi))
        #expect(larval.destination == ipv6("fd00:2::1") && larval.securityProtocol == 50)
        let spiText = "spi 0x" + String(format: "%08x", larval.spi)
        #expect(try n.ip(["xfrm", "state", "list"]).contains(spiText))
        let id = XFRMStateID(destination: ipv6("fd00:2::1"), spi: larval.spi)
        #expect(try xfrm.state(id).spi == larval.spi)
        #expect(try xfrm.dumpStates().map(\.spi) == [larval.spi])
        try xfrm.deleteState(id)
        #expect(try n.ip(["xfrm", "state", "list"]).isEmpty)
    }
}
