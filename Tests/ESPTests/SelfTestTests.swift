import Platform
import Testing
@testable import ESP

/// The on-device checks must pass on the host too (their vectors are the ones the other tests use).
@Suite struct ESPSelfTestTests {
    @Test(arguments: ESPSelfTest.checks.map(\.name))
    func checkPasses(_ name: String) throws {
        let check = try #require(ESPSelfTest.checks.first { $0.name == name })
        #expect(!(try check.run()).isEmpty)
    }
}
