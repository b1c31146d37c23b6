import CLinux

/// XFRM_POLICY_IN / OUT / FWD.
public enum XFRMPolicyDirection: UInt8, Sendable {
    case input = 0
    case output = 1
    case forward = 2
}

/// XFRM_POLICY_ALLOW / BLOCK.
public enum XFRMPolicyAction: UInt8, Sendable {
    case allow = 0
    case block = 1
}

/// struct xfrm_user_tmpl (64 bytes): one SA a policy requires (XFRMA_TMPL holds an array of them).
public struct XFRMTemplate: Equatable, Sendable {
    public var destination: [UInt8]
    public var spi: UInt32 = 0
    public var securityProtocol: UInt8
    public var family: UInt16
    public var source: [UInt8]
    public var requestID: UInt32 = 0
    public var mode: XFRMMode
    public var share: UInt8 = 0
    public var optional: UInt8 = 0
    /// Allowed algorithm bitmaps; all ones (any), as `ip xfrm policy` sends.
    public var authenticationAlgorithms: UInt32 = 0xFFFF_FFFF
    public var encryptionAlgorithms: UInt32 = 0xFFFF_FFFF
    public var compressionAlgorithms: UInt32 = 0xFFFF_FFFF

    public init(family: UInt16 = UInt16(AF_INET6), source: [UInt8] = [], destination: [UInt8] = [],
                securityProtocol: UInt8 = UInt8(IPPROTO_ESP), mode: XFRMMode = .transport, requestID: UInt32 = 0) {
        self.family = family
        self.source = source
        self.destination = destination
        self.securityProtocol = securityProtocol
        self.mode = mode
        self.requestID = requestID
    }

    func emit(into bytes: inout [UInt8]) {
        bytes.appendFixed(destination, width: 16)   // id.daddr  @0
        bytes.appendBigEndian(spi)                   // id.spi    @16
        bytes.append(contentsOf: [securityProtocol, 0, 0, 0])
        bytes.appendNative(family)                   // family    @24
        bytes.appendZeros(2)
        bytes.appendFixed(source, width: 16)        // saddr     @28
        bytes.appendNative(requestID)               // reqid     @44
        bytes.append(contentsOf: [mode.rawValue, share, optional, 0])
        bytes.appendNative(authenticationAlgorithms) // aalgos   @52
        bytes.appendNative(encryptionAlgorithms)
        bytes.appendNative(compressionAlgorithms)
    }

    static func parse(_ bytes: [UInt8], at offset: Int) throws(NetlinkError) -> XFRMTemplate {
        let family: UInt16 = bytes.native(at: offset + 24)
        guard let mode = XFRMMode(rawValue: bytes[offset + 48]) else {
            throw .malformed("xfrm_user_tmpl mode \(bytes[offset + 48])")
        }
        var template = XFRMTemplate(
            family: family, source: xfrmAddress(bytes.bytes(at: offset + 28, length: 16), family: family),
            destination: xfrmAddress(bytes.bytes(at: offset, length: 16), family: family),
            securityProtocol: bytes[offset + 20], mode: mode, requestID: bytes.native(at: offset + 44))
        template.spi = bytes.bigEndian(at: offset + 16)
        template.share = bytes[offset + 49]
        template.optional = bytes[offset + 50]
        template.authenticationAlgorithms = bytes.native(at: offset + 52)
        template.encryptionAlgorithms = bytes.native(at: offset + 56)
        template.compressionAlgorithms = bytes.native(at: offset + 60)
        return template
    }
}

/// An IPsec policy: struct xfrm_userpolicy_info (168 bytes) plus XFRMA_TMPL and XFRMA_IF_ID. The
/// payload of XFRM_MSG_NEWPOLICY / UPDPOLICY requests and of policy dump replies.
public struct XFRMPolicy: Equatable, Sendable {
    public var selector: XFRMSelector
    public var lifetime = XFRMLifetimeConfig()
    public var current = XFRMLifetimeCurrent()
    public var priority: UInt32 = 0
    /// Kernel-assigned index (0 in requests: the kernel picks one).
    public var index: UInt32 = 0
    public var direction: XFRMPolicyDirection
    public var action: XFRMPolicyAction
    public var flags: UInt8 = 0
    public var share: UInt8 = 0
    public var templates: [XFRMTemplate] = []
    public var interfaceID: UInt32?

    public init(selector: XFRMSelector, direction: XFRMPolicyDirection, action: XFRMPolicyAction = .allow,
                priority: UInt32 = 0, templates: [XFRMTemplate] = [], interfaceID: UInt32? = nil) {
        self.selector = selector
        self.direction = direction
        self.action = action
        self.priority = priority
        self.templates = templates
        self.interfaceID = interfaceID
    }

    public func emit() -> [UInt8] {
        var bytes: [UInt8] = []
        selector.emit(into: &bytes)
        lifetime.emit(into: &bytes)                 // lft       @56
        current.emit(into: &bytes)                  // curlft    @120
        bytes.appendNative(priority)                // priority  @152
        bytes.appendNative(index)                   // index     @156
        bytes.append(contentsOf: [direction.rawValue, action.rawValue, flags, share])
        bytes.appendZeros(4)                        // tail padding to 168
        var attributes = AttributeWriter()
        if !templates.isEmpty {
            var array: [UInt8] = []
            for template in templates { template.emit(into: &array) }
            attributes.append(UInt16(XFRMA_TMPL.rawValue), array)
        }
        if let interfaceID { attributes.u32(UInt16(XFRMA_IF_ID.rawValue), interfaceID) }
        return bytes + attributes.bytes
    }

    public static func parse(_ message: NetlinkMessage) throws(NetlinkError) -> XFRMPolicy {
        let bytes = message.payload
        guard bytes.count >= XFRMLayout.userPolicyInfo else {
            throw .truncated(what: "xfrm_userpolicy_info", needed: XFRMLayout.userPolicyInfo, available: bytes.count)
        }
        guard let direction = XFRMPolicyDirection(rawValue: bytes[160]) else {
            throw .malformed("xfrm_userpolicy_info dir \(bytes[160])")
        }
        guard let action = XFRMPolicyAction(rawValue: bytes[161]) else {
            throw .malformed("xfrm_userpolicy_info action \(bytes[161])")
        }
        var policy = XFRMPolicy(selector: XFRMSelector.parse(bytes, at: 0), direction: direction, action: action,
                                priority: bytes.native(at: 152))
        policy.lifetime = XFRMLifetimeConfig.parse(bytes, at: 56)
        policy.current = XFRMLifetimeCurrent.parse(bytes, at: 120)
        policy.index = bytes.native(at: 156)
        policy.flags = bytes[162]
        policy.share = bytes[163]
        let attributes = try Attributes.parse(bytes, from: XFRMLayout.userPolicyInfo)
        if let array = attributes.bytes(UInt16(XFRMA_TMPL.rawValue)) {
            guard array.count % XFRMLayout.userTemplate == 0 else {
                throw .malformed("XFRMA_TMPL of \(array.count) bytes, not a multiple of \(XFRMLayout.userTemplate)")
            }
            for offset in stride(from: 0, to: array.count, by: XFRMLayout.userTemplate) {
                policy.templates.append(try XFRMTemplate.parse(array, at: offset))
            }
        }
        policy.interfaceID = try attributes.u32(UInt16(XFRMA_IF_ID.rawValue))
        return policy
    }
}

/// struct xfrm_userpolicy_id (64 bytes): names a policy for XFRM_MSG_DELPOLICY / GETPOLICY, by
/// selector and direction (index 0), or by index. The if_id is part of the policy's identity, so it
/// must be sent when the policy has one.
public struct XFRMPolicyID: Equatable, Sendable {
    public var selector: XFRMSelector
    public var index: UInt32
    public var direction: XFRMPolicyDirection
    public var interfaceID: UInt32?

    public init(selector: XFRMSelector, direction: XFRMPolicyDirection, index: UInt32 = 0,
                interfaceID: UInt32? = nil) {
        self.selector = selector
        self.direction = direction
        self.index = index
        self.interfaceID = interfaceID
    }

    public func emit() -> [UInt8] {
        var bytes: [UInt8] = []
        selector.emit(into: &bytes)
        bytes.appendNative(index)                   // index @56
        bytes.append(contentsOf: [direction.rawValue, 0, 0, 0])
        var attributes = AttributeWriter()
        if let interfaceID { attributes.u32(UInt16(XFRMA_IF_ID.rawValue), interfaceID) }
        return bytes + attributes.bytes
    }
}
