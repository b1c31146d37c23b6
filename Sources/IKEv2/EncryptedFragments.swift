/// IKEv2 message fragmentation (RFC 7383): an SK payload too large for the path is sent as
/// several messages, each with one SKF payload that is sealed on its own. The ACP needs this
/// once IKE_AUTH carries a certificate chain over links with the IPv6 minimum MTU.
extension EncryptedPayloadCipher {
    /// Seals `payloads` into as many single-SKF messages as needed so that no fragment holds more
    /// than `maximumPlaintext` bytes of the payload chain (RFC 7383 §2.5.1: the sender picks the
    /// size from the path MTU). Fragment n uses IV `firstIV + n - 1`; all share `header`.
    public func sealFragments(
        header: IKEv2Header, payloads: [Payload], maximumPlaintext: Int, firstIV: UInt64
    ) throws(IKEv2WireError) -> [[UInt8]] {
        guard maximumPlaintext > 0 else { throw IKEv2WireError(.badLength, at: 0, "fragment size \(maximumPlaintext)") }
        var chain: [UInt8] = []
        let first = PayloadChain.emit(payloads, into: &chain)
        let total = max(1, (chain.count + maximumPlaintext - 1) / maximumPlaintext)
        guard total <= Int(UInt16.max) else { throw IKEv2WireError(.badLength, at: 0, "\(total) fragments") }
        var messages: [[UInt8]] = []
        for index in 0..<total {
            let piece = Array(chain[(index * maximumPlaintext)..<min(chain.count, (index + 1) * maximumPlaintext)])
            // Only the first fragment names the first embedded payload (§2.5).
            let fragment = EncryptedFragmentPayload(
                firstPayload: index == 0 ? first : .noNextPayload, fragmentNumber: UInt16(index + 1),
                totalFragments: UInt16(total), data: [])
            messages.append(try seal(header: header, fragment: fragment, content: piece, iv: firstIV &+ UInt64(index)))
        }
        return messages
    }

    /// Puts opened fragments (from `openFragment`) back together and decodes the payloads.
    /// All of 1…total must be present exactly once, with the same total (RFC 7383 §2.6.2).
    public static func reassemble(
        _ fragments: [(fragment: EncryptedFragmentPayload, plaintext: [UInt8])]
    ) throws(IKEv2WireError) -> [Payload] {
        guard let total = fragments.first?.fragment.totalFragments, fragments.count == Int(total) else {
            throw IKEv2WireError(.malformed, at: 0, "\(fragments.count) fragments")
        }
        var ordered = [[UInt8]?](repeating: nil, count: Int(total))
        var first = PayloadType.noNextPayload
        for (fragment, plaintext) in fragments {
            let slot = Int(fragment.fragmentNumber) - 1
            guard fragment.totalFragments == total, slot >= 0, slot < ordered.count, ordered[slot] == nil else {
                throw IKEv2WireError(.malformed, at: 0, "fragment \(fragment.fragmentNumber) of \(fragment.totalFragments)")
            }
            ordered[slot] = plaintext
            if slot == 0 { first = fragment.firstPayload }
        }
        var chain: [UInt8] = []
        for piece in ordered { chain.append(contentsOf: piece ?? []) }
        var reader = WireReader(chain)
        return try PayloadChain.parse(first: first, &reader)
    }
}
