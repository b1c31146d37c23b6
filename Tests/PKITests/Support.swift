import Foundation
@_exported import TestSupport  // hex, run, pemFile (shared with ASN1Tests)

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
