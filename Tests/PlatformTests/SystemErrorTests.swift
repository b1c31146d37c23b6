import Testing
import CLinux
@testable import Platform

@Test func systemErrorNamesErrno() {
    let error = SystemError("setns", errno: EPERM, subject: "netns lab1")
    #expect(error.description == "setns netns lab1: EPERM (1)")
}
