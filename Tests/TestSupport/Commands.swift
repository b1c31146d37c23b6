import Foundation

// Helpers the PKI-side tests share: hex, running the real tools (openssl), PEM files.

public func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace }.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
}

public func hexString(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

/// Runs a command, returns stdout; fails the caller if it exits non-zero.
@discardableResult
public func run(_ arguments: [String], input: Data? = nil) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    if let input {
        let pipe = Pipe()
        process.standardInput = pipe
        try process.run()
        pipe.fileHandleForWriting.write(input)
        try pipe.fileHandleForWriting.close()
    } else {
        try process.run()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw NSError(domain: "run", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: arguments.joined(separator: " ")])
    }
    return data
}

/// DER of a PEM file (first block).
public func pemFile(_ path: String) throws -> [UInt8] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
    return [UInt8](Data(base64Encoded: body)!)
}
