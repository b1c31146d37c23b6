import Foundation
import Testing
import CLinux
@testable import Platform

@Suite(.serialized) struct NetworkNamespaceTests {
    private func inode(_ path: String) -> UInt64 {
        var info = stat()
        #expect(stat(path, &info) == 0)
        return UInt64(info.st_ino)
    }

    private func ip(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    @Test func createEnterDelete() throws {
        let name = "mc-test-ns-\(getpid())"
        try NetworkNamespace.create(name)
        #expect(NetworkNamespace.exists(name))
        // iproute2 sees it and can run a command in it: the namespace has only a down loopback.
        #expect(try ip(["netns", "list"]).contains(name))
        let links = try ip(["-n", name, "-o", "link", "show"])
        #expect(links.contains("lo:"))
        #expect(links.split(separator: "\n").count == 1)

        let host = inode("/proc/thread-self/ns/net")
        let inside = try NetworkNamespace.run(in: name) { () throws(SystemError) -> UInt64 in
            inode("/proc/thread-self/ns/net")
        }
        #expect(inside == inode(NetworkNamespace.path(name)))
        #expect(inside != host)
        #expect(inode("/proc/thread-self/ns/net") == host)

        try NetworkNamespace.delete(name)
        #expect(!NetworkNamespace.exists(name))
        #expect(try !ip(["netns", "list"]).contains(name))
    }

    @Test func typedErrors() {
        let name = "mc-test-ns-missing-\(getpid())"
        #expect(throws: SystemError("open", errno: ENOENT, subject: NetworkNamespace.path(name))) {
            try NetworkNamespace.run(in: name) { () throws(SystemError) in }
        }
        let twice = "mc-test-ns-twice-\(getpid())"
        #expect(throws: Never.self) { try NetworkNamespace.create(twice) }
        #expect(throws: SystemError("create", errno: EEXIST, subject: NetworkNamespace.path(twice))) {
            try NetworkNamespace.create(twice)
        }
        #expect(throws: Never.self) { try NetworkNamespace.delete(twice) }
    }
}
