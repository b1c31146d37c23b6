import Foundation
import Testing
import CLinux
@testable import Platform

@Suite struct InterfaceIndexTests {
    @Test func loopbackMatchesIproute2() throws {
        let link = try #require(try ipJSON(["link", "show", "dev", "lo"]).first)
        let index = try #require(link["ifindex"] as? Int)
        #expect(try InterfaceIndex.index(of: "lo") == UInt32(index))
        #expect(try InterfaceIndex.name(of: UInt32(index)) == "lo")
    }

    @Test func unknownInterfaceIsAnError() {
        #expect(throws: SystemError("if_nametoindex", errno: ENODEV, subject: "mc-absent0")) {
            try InterfaceIndex.index(of: "mc-absent0")
        }
        #expect(throws: SystemError.self) { try InterfaceIndex.name(of: 0x7FFF_FFF0) }
    }
}
