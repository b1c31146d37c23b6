import Foundation
import TestSupport

/// The RFC 8995 and cBRSKI vector files (found through TestSupport's `Shared`).
enum Vectors {
    static let brski = Shared.vectors.appendingPathComponent("brski-rfc8995")
    static let cbrski = Shared.vectors.appendingPathComponent("cbrski")

    /// RFC 8995 Appendix C JSON is stored wrapped at 60 columns; the CMS content is the
    /// lines joined (checked against `openssl cms -verify` output of the .pkcs files).
    static func brskiJSON(_ name: String) throws -> [UInt8] {
        let text = try String(contentsOf: brski.appendingPathComponent(name), encoding: .utf8)
        return Array(text.filter { $0 != "\n" }.utf8)
    }

    static func cbrskiHex(_ name: String) throws -> [UInt8] {
        hex(try String(contentsOf: cbrski.appendingPathComponent(name), encoding: .utf8))
    }

    static func cbrskiFile(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: cbrski.appendingPathComponent(name)))
    }
}

/// Bytes from a hex string (whitespace ignored).
func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace }.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
}

/// Foundation's base64 decoder, with the URL-safe alphabet mapped and padding restored.
func foundationBase64(_ text: String) -> [UInt8]? {
    var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while standard.count % 4 != 0 { standard += "=" }
    return Data(base64Encoded: standard).map { [UInt8]($0) }
}
