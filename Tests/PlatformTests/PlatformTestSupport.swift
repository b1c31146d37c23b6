import Foundation

/// Runs a command (e.g. `ip -j …`) and returns its exit status and standard output: the kernel's
/// own view, independent of the code under test.
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

func ip(_ arguments: [String]) throws -> (status: Int32, output: String) {
    try run("/usr/sbin/ip", arguments)
}

struct CommandFailed: Error, CustomStringConvertible {
    var command: [String]
    var status: Int32
    var description: String { "\(command.joined(separator: " ")) exited with \(status)" }
}

/// Runs a setup command that must succeed (creating links, adding addresses, sysctls).
func setup(_ executable: String, _ arguments: [String]) throws {
    let status = try run(executable, arguments).status
    guard status == 0 else { throw CommandFailed(command: [executable] + arguments, status: status) }
}

/// Parses `ip -j …` output.
func ipJSON(_ arguments: [String]) throws -> [[String: Any]] {
    let output = try ip(["-j"] + arguments).output
    return (try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]]) ?? []
}

/// Waits until `ip` reports every address in `addresses` on `device` as usable (present and not
/// tentative): the kernel finishes address setup on a workqueue, after `ip addr add` returns.
func waitForAddresses(_ addresses: [String], device: String, namespace: String) throws {
    for _ in 0..<100 {
        let interfaces = try ipJSON(["-n", namespace, "-6", "addr", "show", "dev", device])
        let infos = (interfaces.first?["addr_info"] as? [[String: Any]]) ?? []
        let ready = addresses.allSatisfy { address in
            infos.contains { ($0["local"] as? String) == address && $0["tentative"] == nil }
        }
        if ready { return }
        usleep(20_000)
    }
    throw CommandFailed(command: ["wait for", device] + addresses, status: -1)
}
