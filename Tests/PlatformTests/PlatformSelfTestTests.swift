import Testing
@testable import Platform

@Suite struct PlatformSelfTestTests {
    /// Every on-device check passes on this host (they compare against the kernel's answers).
    @Test(arguments: PlatformSelfTest.checks.map(\.name))
    func checkPasses(name: String) throws {
        let check = try #require(PlatformSelfTest.checks.first { $0.name == name })
        do throws(PlatformSelfTest.Failure) {
            let detail = try check.run()
            #expect(!detail.isEmpty)
        } catch {
            Issue.record("\(name): \(error.reason)")
        }
    }
}
