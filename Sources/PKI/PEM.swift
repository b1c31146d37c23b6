/// Base64 (RFC 4648 §4) and PEM text (RFC 7468): how certificates and keys are written to files
/// for peers (strongSwan, OpenSSL) and how EST carries certs-only SignedData and CSRs
/// (RFC 7030 §4: base64 bodies).
public enum PEM {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Padded base64, no line breaks.
    public static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group = UInt32(bytes[index]) << 16
            if count > 1 { group |= UInt32(bytes[index + 1]) << 8 }
            if count > 2 { group |= UInt32(bytes[index + 2]) }
            for position in 0..<4 {
                out.append(position <= count ? alphabet[Int(group >> UInt32(18 - 6 * position) & 0x3F)] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base64, skipping whitespace (EST bodies and PEM are line-wrapped). Padding is
    /// required and must end the input; the unused bits of the last group must be zero.
    public static func decodeBase64(_ text: some StringProtocol) throws(PKIError) -> [UInt8] {
        var values: [UInt8] = []
        var padding = 0
        for character in text.utf8 {
            switch character {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "="): padding += 1
            default:
                guard padding == 0, let value = sextet(character) else { throw PKIError.malformed("base64 character \(character)") }
                values.append(value)
            }
        }
        guard (values.count + padding) % 4 == 0, padding <= 2, padding == 0 || values.count % 4 == 4 - padding else {
            throw PKIError.malformed("base64 length")
        }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index < values.count {
            let count = min(4, values.count - index)
            var group: UInt32 = 0
            for position in 0..<4 { group = group << 6 | UInt32(position < count ? values[index + position] : 0) }
            let produced = count - 1
            let unusedMask: UInt32 = count == 4 ? 0 : (count == 3 ? 0xFF : 0xFFFF)
            if group & unusedMask != 0 { throw PKIError.malformed("base64 trailing bits") }
            for position in 0..<produced { out.append(UInt8(truncatingIfNeeded: group >> UInt32(16 - 8 * position))) }
            index += 4
        }
        return out
    }

    /// `-----BEGIN <label>-----`, 64-character lines, `-----END <label>-----` (RFC 7468 §2).
    public static func encode(_ der: [UInt8], label: String) -> String {
        let body = Array(base64(der).utf8)
        var text = "-----BEGIN \(label)-----\n"
        var index = 0
        while index < body.count {
            text += String(decoding: body[index..<min(index + 64, body.count)], as: UTF8.self) + "\n"
            index += 64
        }
        return text + "-----END \(label)-----\n"
    }

    /// Every PEM block of `text` in order, with its label; text between blocks is ignored
    /// (RFC 7468 §2 explanatory text, e.g. OpenSSL's `subject=` lines).
    public static func decode(_ text: String) throws(PKIError) -> [(label: String, der: [UInt8])] {
        var blocks: [(label: String, der: [UInt8])] = []
        var label: String? = nil
        var body = ""
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            if let current = label {
                if line == "-----END \(current)-----" {
                    blocks.append((current, try decodeBase64(body)))
                    label = nil
                    body = ""
                } else {
                    body += line
                }
            } else if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----"), line.count > 16 {
                label = String(line.dropFirst(11).dropLast(5))
            }
        }
        if let label { throw PKIError.malformed("PEM block \(label) without END line") }
        return blocks
    }

    private static func sextet(_ character: UInt8) -> UInt8? {
        switch character {
        case 0x41...0x5A: return character - 0x41
        case 0x61...0x7A: return character - 0x61 + 26
        case 0x30...0x39: return character - 0x30 + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }
}
