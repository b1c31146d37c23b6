/// Text form of IPv6 addresses: RFC 4291 §2.2 input, RFC 5952 §4 output.
extension IPv6Address {
    /// Parses `x:x:x:x:x:x:x:x`, with at most one `::` and an optional dotted IPv4 tail
    /// (`::ffff:192.0.2.1`). No zone (`%eth0`) and no brackets: those belong to socket addresses.
    public init?(_ text: String) {
        var groups: [UInt16] = []      // before "::", or all of them when there is none
        var tail: [UInt16] = []        // after "::"
        var sawDoubleColon = false
        let chars = Array(text.utf8)
        guard !chars.isEmpty else { return nil }
        var index = 0
        if chars.starts(with: [0x3A, 0x3A]) {
            sawDoubleColon = true
            index = 2
        } else if chars[0] == 0x3A {
            return nil
        }
        while index < chars.count {
            // One field: hex digits, or (last) a dotted IPv4 address.
            var end = index
            while end < chars.count && chars[end] != 0x3A { end += 1 }
            let field = chars[index..<end]
            if field.contains(0x2E) {
                guard end == chars.count, let v4 = Self.parseIPv4(field) else { return nil }
                if sawDoubleColon { tail += v4 } else { groups += v4 }
            } else {
                guard let value = Self.parseHexGroup(field) else { return nil }
                if sawDoubleColon { tail.append(value) } else { groups.append(value) }
            }
            index = end
            guard index < chars.count else { break }
            // At a colon: "::" starts the compressed run, a lone ':' separates, a trailing ':' is bad.
            if index + 1 < chars.count && chars[index + 1] == 0x3A {
                guard !sawDoubleColon else { return nil }
                sawDoubleColon = true
                index += 2
            } else {
                index += 1
                guard index < chars.count else { return nil }
            }
        }
        let written = groups.count + tail.count
        if sawDoubleColon {
            // "::" stands for at least one group of zeros (RFC 4291 §2.2 item 2).
            guard written <= 7 else { return nil }
            groups += Array(repeating: 0, count: 8 - written) + tail
        } else {
            guard written == 8 else { return nil }
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (position, group) in groups.enumerated() {
            if position < 4 { high = high << 16 | UInt64(group) } else { low = low << 16 | UInt64(group) }
        }
        self.init(high: high, low: low)
    }

    private static func parseHexGroup(_ field: ArraySlice<UInt8>) -> UInt16? {
        guard (1...4).contains(field.count) else { return nil }
        var value: UInt16 = 0
        for char in field {
            let digit: UInt8
            switch char {
            case 0x30...0x39: digit = char - 0x30
            case 0x61...0x66: digit = char - 0x61 + 10
            case 0x41...0x46: digit = char - 0x41 + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Dotted decimal, four parts of 0–255, no leading zeros (they read as octal elsewhere).
    private static func parseIPv4(_ field: ArraySlice<UInt8>) -> [UInt16]? {
        var parts: [UInt16] = []
        var current: UInt16 = 0
        var digits = 0
        for char in field {
            if char == 0x2E {
                guard digits > 0 else { return nil }
                parts.append(current)
                current = 0
                digits = 0
            } else if (0x30...0x39).contains(char) {
                if digits > 0 && current == 0 { return nil }
                current = current * 10 + UInt16(char - 0x30)
                digits += 1
                guard digits <= 3, current <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        parts.append(current)
        guard parts.count == 4 else { return nil }
        return [parts[0] << 8 | parts[1], parts[2] << 8 | parts[3]]
    }

    /// RFC 5952 §4: lowercase hex, no leading zeros, the longest run of two or more zero groups
    /// (the first one on a tie) replaced by "::"; §5: IPv4-mapped addresses end in dotted decimal.
    public var description: String {
        if isIPv4Mapped {
            let v4 = low & 0xFFFF_FFFF
            return "::ffff:\(v4 >> 24).\(v4 >> 16 & 0xFF).\(v4 >> 8 & 0xFF).\(v4 & 0xFF)"
        }
        var bestStart = -1
        var bestLength = 1   // a single zero group is never compressed (§4.2.2)
        var runStart = -1
        for index in 0...8 {
            if index < 8 && group(index) == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength {
                    bestStart = runStart
                    bestLength = index - runStart
                }
                runStart = -1
            }
        }
        var text = ""
        var index = 0
        var needsColon = false
        while index < 8 {
            if index == bestStart {
                text += "::"
                index += bestLength
                needsColon = false
                continue
            }
            if needsColon { text += ":" }
            text += String(group(index), radix: 16)
            needsColon = true
            index += 1
        }
        return text
    }
}
