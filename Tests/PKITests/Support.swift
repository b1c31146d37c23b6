import Foundation
import TestSupport

func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace }.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
}

func hexString(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

/// Runs a command, returns stdout; fails the caller if it exits non-zero.
@discardableResult
func run(_ arguments: [String], input: Data? = nil) throws -> Data {
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
func pemFile(_ path: String) throws -> [UInt8] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
    return [UInt8](Data(base64Encoded: body)!)
}

let vectors = Shared.vector("brski-rfc8995") + "/"

/// A private temporary directory removed by `cleanup()`.
final class Scratch {
    let path: String
    init(_ name: String) throws {
        path = NSTemporaryDirectory() + "pki-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: file(name)))
        return file(name)
    }
    func write(_ name: String, pem bytes: [UInt8], label: String = "CERTIFICATE") throws -> String {
        let body = Data(bytes).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        try "-----BEGIN \(label)-----\n\(body)\n-----END \(label)-----\n".write(toFile: file(name), atomically: true, encoding: .utf8)
        return file(name)
    }
    func read(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: file(name)))) }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// A PEM file whose label is not CERTIFICATE (the vectors' `-----BEGIN CMS-----`).
func pemBody(_ path: String) throws -> [UInt8] { try pemFile(path) }

func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
