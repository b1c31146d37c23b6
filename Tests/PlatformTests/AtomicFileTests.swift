import Foundation
import Testing
import CLinux
@testable import Platform

@Suite struct AtomicFileTests {
    private func makeDirectory() -> String {
        let path = "/tmp/mc-atomic-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(path, 0o700)
        return path
    }

    @Test func writesContentWithModeAndLeavesNoTemporary() throws {
        let directory = makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/ldevid.key"
        let previous = umask(0o077)
        defer { umask(previous) }

        try AtomicFile.write(Array("first".utf8), to: path, mode: 0o600)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(FileManager.default.contents(atPath: path) == Data("first".utf8))

        // Overwrite: new content, new mode (0644 despite umask 077: fchmod, not open's mode).
        try AtomicFile.write(Array("second, longer".utf8), to: path, mode: 0o644)
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o644)
        #expect(try AtomicFile.read(path) == Array("second, longer".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["ldevid.key"])
    }

    @Test func readLimitAndMissingFile() throws {
        let directory = makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/big"
        let bytes = [UInt8](repeating: 0x41, count: 10_000)
        try AtomicFile.write(bytes, to: path)
        #expect(try AtomicFile.read(path, limit: 10_000) == bytes)
        #expect(throws: SystemError("read", errno: EFBIG, subject: path)) { try AtomicFile.read(path, limit: 9_999) }
        #expect(throws: SystemError("open", errno: ENOENT, subject: "\(directory)/absent")) {
            try AtomicFile.read("\(directory)/absent")
        }
    }

    @Test func failedWriteLeavesTargetAndNoTemporary() throws {
        let directory = makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/state"
        try AtomicFile.write([1, 2, 3], to: path)
        // A directory squatting on the temporary name makes open fail: target stays intact.
        let temporary = "\(path).tmp.\(getpid())"
        mkdir(temporary, 0o700)
        #expect(throws: SystemError.self) { try AtomicFile.write([9], to: path) }
        rmdir(temporary)
        #expect(try AtomicFile.read(path) == [1, 2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["state"])
    }
}
