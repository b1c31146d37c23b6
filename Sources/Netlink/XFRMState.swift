import CLinux

/// XFRMA_ALG_AEAD (struct xfrm_algo_aead): the ACP's ESP uses AES-GCM, "rfc4106(gcm(aes))", whose
/// key is the AES key followed by the 4-byte salt (RFC 4106 §8.1).
public struct XFRMAEAD: Equatable, Sendable {
    public var name: String
    public var key: [UInt8]
    /// ICV length in bits (128 for the ACP's AES-GCM-16).
    public var icvBits: UInt32

    public init(name: String = "rfc4106(gcm(aes))", key: [UInt8], icvBits: UInt32 = 128) {
        self.name = name
        self.key = key
        self.icvBits = icvBits
    }

    func emit() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendFixed(Array(name.utf8), width: 64)   // char alg_name[64], NUL-padded
        bytes.appendNative(UInt32(key.count * 8))         // alg_key_len is in bits
        bytes.appendNative(icvBits)
        bytes.append(contentsOf: key)
        return bytes
    }

    static func parse(_ bytes: [UInt8]) throws(NetlinkError) -> XFRMAEAD {
        guard bytes.count >= XFRMLayout.aeadHeader else {
            throw .truncated(what: "xfrm_algo_aead", needed: XFRMLayout.aeadHeader, available: bytes.count)
        }
        let keyBits = Int(bytes.native(at: 64, as: UInt32.self))
        let keyLength = (keyBits + 7) / 8
        guard bytes.count >= XFRMLayout.aeadHeader + keyLength else {
            throw .truncated(what: "xfrm_algo_aead key", needed: XFRMLayout.aeadHeader + keyLength,
                             available: bytes.count)
        }
        return XFRMAEAD(name: cString(bytes.bytes(at: 0, length: 64)),
                        key: bytes.bytes(at: XFRMLayout.aeadHeader, length: keyLength),
                        icvBits: bytes.native(at: 68))
    }
}

/// XFRMA_ENCAP (struct xfrm_encap_tmpl, 24 bytes): ESP in UDP (RFC 3948) for NAT traversal.
public struct XFRMEncapsulation: Equatable, Sendable {
    /// UDP_ENCAP_ESPINUDP.
    public static let espInUDP: UInt16 = 2

    public var type: UInt16
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    /// encap_oa: the original address before NAT, for checksum fixups (zero if unknown).
    public var originalAddress: [UInt8]

    public init(type: UInt16 = XFRMEncapsulation.espInUDP, sourcePort: UInt16, destinationPort: UInt16,
                originalAddress: [UInt8] = [UInt8](repeating: 0, count: 16)) {
        self.type = type
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.originalAddress = originalAddress
    }

    func emit() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendNative(type)
        bytes.appendBigEndian(sourcePort)
        bytes.appendBigEndian(destinationPort)
        bytes.appendZeros(2)
        bytes.appendFixed(originalAddress, width: 16)
        return bytes
    }

    static func parse(_ bytes: [UInt8]) throws(NetlinkError) -> XFRMEncapsulation {
        guard bytes.count >= XFRMLayout.encapsulationTemplate else {
            throw .truncated(what: "xfrm_encap_tmpl", needed: XFRMLayout.encapsulationTemplate, available: bytes.count)
        }
        return XFRMEncapsulation(type: bytes.native(at: 0), sourcePort: bytes.bigEndian(at: 2),
                                 destinationPort: bytes.bigEndian(at: 4), originalAddress: bytes.bytes(at: 8, length: 16))
    }
}

/// struct xfrm_stats (12 bytes): counters the kernel reports for an SA.
public struct XFRMStatistics: Equatable, Sendable {
    public var replayWindow: UInt32 = 0
    public var replay: UInt32 = 0
    public var integrityFailed: UInt32 = 0

    public init(replayWindow: UInt32 = 0, replay: UInt32 = 0, integrityFailed: UInt32 = 0) {
        self.replayWindow = replayWindow
        self.replay = replay
        self.integrityFailed = integrityFailed
    }
}

/// A security association: struct xfrm_usersa_info (224 bytes) plus the attributes the ACP uses.
/// The payload of XFRM_MSG_NEWSA / UPDSA requests and of NEWSA replies (dumps, GETSA, ALLOCSPI).
public struct XFRMState: Equatable, Sendable {
    public var selector: XFRMSelector
    // struct xfrm_id
    public var destination: [UInt8]
    public var spi: UInt32
    /// IPPROTO_ESP (50) for the ACP.
    public var securityProtocol: UInt8
    public var source: [UInt8]
    public var lifetime = XFRMLifetimeConfig()
    public var current = XFRMLifetimeCurrent()
    public var statistics = XFRMStatistics()
    public var sequence: UInt32 = 0
    public var requestID: UInt32 = 0
    public var family: UInt16
    public var mode: XFRMMode
    public var replayWindow: UInt8 = 0
    /// XFRM_STATE_* flags.
    public var flags: UInt8 = 0

    public var aead: XFRMAEAD?
    /// XFRMA_IF_ID: binds the SA to the xfrm interface with that if_id.
    public var interfaceID: UInt32?
    public var encapsulation: XFRMEncapsulation?

    public init(family: UInt16 = UInt16(AF_INET6), source: [UInt8], destination: [UInt8], spi: UInt32,
                securityProtocol: UInt8 = UInt8(IPPROTO_ESP), mode: XFRMMode = .transport,
                selector: XFRMSelector? = nil) {
        self.family = family
        self.source = source
        self.destination = destination
        self.spi = spi
        self.securityProtocol = securityProtocol
        self.mode = mode
        self.selector = selector ?? XFRMSelector(family: family)
    }

    /// The fixed xfrm_usersa_info alone (ALLOCSPI embeds it without attributes).
    func emitInfo(into bytes: inout [UInt8]) {
        selector.emit(into: &bytes)
        bytes.appendFixed(destination, width: 16)         // id.daddr    @56
        bytes.appendBigEndian(spi)                         // id.spi      @72
        bytes.append(contentsOf: [securityProtocol, 0, 0, 0])
        bytes.appendFixed(source, width: 16)               // saddr       @80
        lifetime.emit(into: &bytes)                        // lft         @96
        current.emit(into: &bytes)                         // curlft      @160
        bytes.appendNative(statistics.replayWindow)        // stats       @192
        bytes.appendNative(statistics.replay)
        bytes.appendNative(statistics.integrityFailed)
        bytes.appendNative(sequence)                       // seq         @204
        bytes.appendNative(requestID)                      // reqid       @208
        bytes.appendNative(family)                         // family      @212
        bytes.append(contentsOf: [mode.rawValue, replayWindow, flags])
        bytes.appendZeros(7)                               // tail padding to 224
    }

    public func emit() -> [UInt8] {
        var bytes: [UInt8] = []
        emitInfo(into: &bytes)
        var attributes = AttributeWriter()
        if let aead { attributes.append(UInt16(XFRMA_ALG_AEAD.rawValue), aead.emit()) }
        if let encapsulation { attributes.append(UInt16(XFRMA_ENCAP.rawValue), encapsulation.emit()) }
        if let interfaceID { attributes.u32(UInt16(XFRMA_IF_ID.rawValue), interfaceID) }
        return bytes + attributes.bytes
    }

    public static func parse(_ message: NetlinkMessage) throws(NetlinkError) -> XFRMState {
        let bytes = message.payload
        guard bytes.count >= XFRMLayout.userSAInfo else {
            throw .truncated(what: "xfrm_usersa_info", needed: XFRMLayout.userSAInfo, available: bytes.count)
        }
        let family: UInt16 = bytes.native(at: 212)
        guard let mode = XFRMMode(rawValue: bytes[214]) else {
            throw .malformed("xfrm_usersa_info mode \(bytes[214])")
        }
        var state = XFRMState(family: family, source: xfrmAddress(bytes.bytes(at: 80, length: 16), family: family),
                              destination: xfrmAddress(bytes.bytes(at: 56, length: 16), family: family),
                              spi: bytes.bigEndian(at: 72), securityProtocol: bytes[76], mode: mode,
                              selector: XFRMSelector.parse(bytes, at: 0))
        state.lifetime = XFRMLifetimeConfig.parse(bytes, at: 96)
        state.current = XFRMLifetimeCurrent.parse(bytes, at: 160)
        state.statistics = XFRMStatistics(replayWindow: bytes.native(at: 192), replay: bytes.native(at: 196),
                                          integrityFailed: bytes.native(at: 200))
        state.sequence = bytes.native(at: 204)
        state.requestID = bytes.native(at: 208)
        state.replayWindow = bytes[215]
        state.flags = bytes[216]
        let attributes = try Attributes.parse(bytes, from: XFRMLayout.userSAInfo)
        if let aead = attributes.bytes(UInt16(XFRMA_ALG_AEAD.rawValue)) { state.aead = try XFRMAEAD.parse(aead) }
        if let encap = attributes.bytes(UInt16(XFRMA_ENCAP.rawValue)) {
            state.encapsulation = try XFRMEncapsulation.parse(encap)
        }
        state.interfaceID = try attributes.u32(UInt16(XFRMA_IF_ID.rawValue))
        return state
    }
}

/// struct xfrm_usersa_id (24 bytes): names one SA for XFRM_MSG_DELSA / GETSA.
public struct XFRMStateID: Equatable, Sendable {
    public var destination: [UInt8]
    public var spi: UInt32
    public var family: UInt16
    public var securityProtocol: UInt8

    public init(destination: [UInt8], spi: UInt32, family: UInt16 = UInt16(AF_INET6),
                securityProtocol: UInt8 = UInt8(IPPROTO_ESP)) {
        self.destination = destination
        self.spi = spi
        self.family = family
        self.securityProtocol = securityProtocol
    }

    public func emit() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendFixed(destination, width: 16)
        bytes.appendBigEndian(spi)
        bytes.appendNative(family)
        bytes.append(contentsOf: [securityProtocol, 0])
        return bytes
    }
}

/// struct xfrm_userspi_info (232 bytes): XFRM_MSG_ALLOCSPI asks the kernel for an unused SPI in
/// [minimum, maximum] and creates a larval SA holding it, which a later UPDSA completes.
public struct XFRMSPIRequest: Equatable, Sendable {
    public var state: XFRMState
    public var minimum: UInt32
    public var maximum: UInt32

    public init(state: XFRMState, minimum: UInt32 = 0x100, maximum: UInt32 = 0xFFFF_FFFF) {
        self.state = state
        self.minimum = minimum
        self.maximum = maximum
    }

    public func emit() -> [UInt8] {
        var bytes: [UInt8] = []
        state.emitInfo(into: &bytes)
        bytes.appendNative(minimum)
        bytes.appendNative(maximum)
        return bytes
    }
}
