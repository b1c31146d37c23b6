import Platform
import Testing
@testable import IKEv2

/// The on-device checks must pass on the host too (their vectors are the ones the other tests use).
@Suite struct IKEv2SelfTestTests {
    @Test(arguments: IKEv2SelfTest.checks.map(\.name))
    func checkPasses(_ name: String) throws {
        let check = try #require(IKEv2SelfTest.checks.first { $0.name == name })
        #expect(!(try check.run()).isEmpty)
    }
}
