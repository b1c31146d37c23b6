import ASN1

/// The ACP node name of RFC 8994 §6.2.2 (Figure 2), carried in an ACP certificate as
/// subjectAltName / otherName / AcpNodeName (id-on-AcpNodeName, an IA5String):
///
///     acp-node-name = local-part "@" acp-domain-name
///     local-part    = "rfcSELF" "+" [ acp-address ] [ "+" rsub extensions ]
///     acp-address   = 32HEXLC | "0"
///     extensions    = *( "+" extension )
///
/// e.g. `rfcSELF+fd89b714f3db00000200000064000000+area51.research@acp.example.com`.
/// The "rfcSELF+" prefix arrived in the RFC's final revisions (draft-28, in shared/specs, lacks
/// it); names without it, as issued by implementations of the earlier drafts, are still read.
public struct AcpNodeName: Equatable, Sendable, CustomStringConvertible {
    /// The acp-address field.
    public enum Address: Equatable, Sendable {
        /// Empty: a domain member that may not build ACP secure channels (§6.2.3).
        case absent
        /// "0": the node gets no address from the certificate (e.g. it uses another scheme).
        case zero
        /// The node's 16-byte ACP address.
        case address([UInt8])
    }

    public var address: Address
    /// rsub: a subdomain selecting another ULA /48 inside the domain; empty when absent.
    public var rsub: String
    /// acp-domain-name.
    public var domain: String
    /// Future extensions; kept so that a parse/format round trip loses nothing (§6.2.2: ignored if
    /// not understood).
    public var extensions: [String]

    public init(address: Address, rsub: String = "", domain: String, extensions: [String] = []) throws(PKIError) {
        guard isDomainName(domain) else { throw PKIError.invalidAcpNodeName("acp-domain-name '\(domain)'") }
        guard rsub.isEmpty || isDomainName(rsub) else { throw PKIError.invalidAcpNodeName("rsub '\(rsub)'") }
        for e in extensions where !isExtension(e) { throw PKIError.invalidAcpNodeName("extension '\(e)'") }
        if case .address(let bytes) = address, bytes.count != 16 {
            throw PKIError.invalidAcpNodeName("acp-address of \(bytes.count) bytes")
        }
        (self.address, self.rsub, self.domain, self.extensions) = (address, rsub, domain, extensions)
    }

    /// Parses acp-node-name text. Hex digits are taken in either case (the RFC's own example
    /// has an upper-case F although the ABNF says HEXLC); `text` always writes lower case.
    public init(_ text: String) throws(PKIError) {
        let utf8 = Array(text.utf8)
        guard let at = utf8.lastIndex(of: UInt8(ascii: "@")) else { throw PKIError.invalidAcpNodeName("no '@'") }
        var local = utf8[..<at]
        if local.count >= Self.prefix.count,
           local.prefix(Self.prefix.count).map(asciiLowercase).elementsEqual(Self.prefix.map(asciiLowercase)) {
            local = local.dropFirst(Self.prefix.count)
        }
        let domain = String(decoding: utf8[(at + 1)...], as: UTF8.self)
        let parts = local.split(separator: UInt8(ascii: "+"), omittingEmptySubsequences: false)
        let addressText = parts[0]
        let address: Address
        if addressText.isEmpty {
            address = .absent
        } else if addressText.elementsEqual([UInt8(ascii: "0")]) {
            address = .zero
        } else {
            guard addressText.count == 32, let bytes = hexBytes(addressText) else {
                throw PKIError.invalidAcpNodeName("acp-address '\(String(decoding: addressText, as: UTF8.self))'")
            }
            address = .address(bytes)
        }
        let rsub = parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : ""
        let extensions = parts.dropFirst(2).map { String(decoding: $0, as: UTF8.self) }
        try self.init(address: address, rsub: rsub, domain: domain, extensions: extensions)
    }

    /// `rfcSELF+`: ABNF literals match in any case, so parsing ignores case; output uses the RFC's.
    static let prefix = Array("rfcSELF+".utf8)

    /// The acp-node-name text.
    public var text: String {
        var local = "rfcSELF+"
        switch address {
        case .absent: break
        case .zero: local += "0"
        case .address(let bytes): local += lowercaseHex(bytes)
        }
        if !rsub.isEmpty || !extensions.isEmpty { local += "+" + rsub }
        for e in extensions { local += "+" + e }
        return local + "@" + domain
    }

    public var description: String { text }

    /// routing-subdomain = [ rsub "." ] acp-domain-name: the hash input of the ACP ULA prefix
    /// (§6.11.2).
    public var routingSubdomain: String { rsub.isEmpty ? domain : rsub + "." + domain }

    /// The subjectAltName GeneralName: `[0] otherName { id-on-AcpNodeName, [0] EXPLICIT IA5String }`
    /// (RFC 5280 §4.2.1.6, RFC 8994 §6.2.2.1).
    public var generalName: DERNode {
        .constructed(tag: DERTag.contextConstructed(0), children: [.oid(OID.acpNodeName), .explicit(0, .ia5String(text))])
    }
}

/// RFC 1034 §3.5 <domain> with RFC 1123's leading digits: dot-separated labels of letters,
/// digits and inner hyphens, 1–63 characters each, 253 in all.
func isDomainName(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty, bytes.count <= 253 else { return false }
    for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
        guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
              label.allSatisfy({ isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }) else { return false }
    }
    return true
}

/// RFC 5322 dot-atom text without '+', which separates the local-part fields.
private func isExtension(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty, bytes.first != UInt8(ascii: "."), bytes.last != UInt8(ascii: ".") else { return false }
    return bytes.allSatisfy { isLetterOrDigit($0) || Array("!#$%&'*-/=?^_`{|}~.".utf8).contains($0) }
}

private func isLetterOrDigit(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
}

private func hexBytes(_ text: ArraySlice<UInt8>) -> [UInt8]? {
    var bytes: [UInt8] = []
    var high: UInt8? = nil
    for character in text {
        let nibble: UInt8
        switch character {
        case 0x30...0x39: nibble = character - 0x30
        case 0x61...0x66: nibble = character - 0x61 + 10
        case 0x41...0x46: nibble = character - 0x41 + 10
        default: return nil
        }
        if let h = high {
            bytes.append(h << 4 | nibble)
            high = nil
        } else {
            high = nibble
        }
    }
    return high == nil ? bytes : nil
}

func lowercaseHex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
}

private func asciiLowercase(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
}
