import Foundation
import CLinux
import Platform
@testable import Netlink

/// A named network namespace for one test; `close()` deletes it (call it in a `defer`).
final class TestNamespace {
    let name: String

    init(_ label: String) throws {
        name = "mcnl-\(label)-\(getpid())"
        if NetworkNamespace.exists(name) { try NetworkNamespace.delete(name) }
        try NetworkNamespace.create(name)
    }

    func close() {
        try? NetworkNamespace.delete(name)
    }

    /// Runs `body` with this thread inside the namespace (sockets opened there stay there).
    func run<T>(_ body: () throws -> T) throws -> T {
        let home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        let target = open(NetworkNamespace.path(name), O_RDONLY | O_CLOEXEC)
        defer { Glibc.close(home); Glibc.close(target) }
        guard home >= 0, target >= 0, setns(target, CLONE_NEWNET) == 0 else {
            throw SystemError.last("setns", subject: name)
        }
        defer { precondition(setns(home, CLONE_NEWNET) == 0, "could not leave \(name)") }
        return try body()
    }

    func routeNetlink() throws -> RouteNetlink { try run { try RouteNetlink() } }
    func xfrmNetlink() throws -> XFRMNetlink { try run { try XFRMNetlink() } }

    /// `ip -n <ns> args…` output.
    @discardableResult
    func ip(_ arguments: [String]) throws -> String {
        try runTool("/usr/sbin/ip", ["-n", name] + arguments)
    }

    /// `ip -j -n <ns> args…` parsed.
    func ipJSON(_ arguments: [String]) throws -> [[String: Any]] {
        let text = try runTool("/usr/sbin/ip", ["-j", "-n", name] + arguments)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return object as? [[String: Any]] ?? []
    }
}

struct ToolFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs a tool, returns its standard output, throws on a nonzero exit.
@discardableResult
func runTool(_ path: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ToolFailure(description: "\(path) \(arguments.joined(separator: " ")): "
                          + String(decoding: errorData, as: UTF8.self))
    }
    return String(decoding: data, as: UTF8.self)
}

/// inet_pton, so expected addresses come from libc, not from code under test.
func ipv6(_ text: String) -> [UInt8] {
    var address = in6_addr()
    precondition(inet_pton(AF_INET6, text, &address) == 1, "bad address \(text)")
    return withUnsafeBytes(of: &address) { Array($0) }
}

func ipv4(_ text: String) -> [UInt8] {
    var address = in_addr()
    precondition(inet_pton(AF_INET, text, &address) == 1, "bad address \(text)")
    return withUnsafeBytes(of: &address) { Array($0) }
}

/// inet_ntop, to compare with iproute2's text.
func text(_ bytes: [UInt8]) -> String {
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    let family = bytes.count == 4 ? AF_INET : AF_INET6
    _ = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
    return String(cString: buffer)
}

/// Little-endian encodings for hand-built expected bytes (all our test hosts are little-endian).
func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xff) } }
func le64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8((value >> (8 * $0)) & 0xff) } }
func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xff)] }
func be32(_ value: UInt32) -> [UInt8] { le32(value).reversed() }

/// An rtattr by hand: length, type, value, zero padding to 4.
func rtattr(_ type: UInt16, _ value: [UInt8]) -> [UInt8] {
    var bytes = le16(UInt16(4 + value.count)) + le16(type) + value
    while bytes.count % 4 != 0 { bytes.append(0) }
    return bytes
}

/// An nlmsghdr by hand.
func nlmsg(type: UInt16, flags: UInt16, seq: UInt32, pid: UInt32 = 0, _ payload: [UInt8]) -> [UInt8] {
    var bytes = le32(UInt32(16 + payload.count)) + le16(type) + le16(flags) + le32(seq) + le32(pid) + payload
    while bytes.count % 4 != 0 { bytes.append(0) }
    return bytes
}
