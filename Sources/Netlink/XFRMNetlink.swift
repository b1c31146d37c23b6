import CLinux

/// XFRM requests (NETLINK_XFRM): IPsec SAs and policies of the namespace this was created in.
public final class XFRMNetlink {
    public let socket: NetlinkSocket

    public init() throws(NetlinkError) {
        socket = try NetlinkSocket(protocol: NETLINK_XFRM)
    }

    // MARK: States (SAs)

    /// Adds an SA (EEXIST if one with the same destination, SPI and protocol exists).
    public func addState(_ state: XFRMState) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(XFRM_MSG_NEWSA), flags: [.create, .exclusive], payload: state.emit(),
                               describing: "XFRM_MSG_NEWSA spi \(state.spi)")
    }

    /// Completes (or replaces) an SA, e.g. the larval one ALLOCSPI created.
    public func updateState(_ state: XFRMState) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(XFRM_MSG_UPDSA), payload: state.emit(),
                               describing: "XFRM_MSG_UPDSA spi \(state.spi)")
    }

    public func deleteState(_ id: XFRMStateID) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(XFRM_MSG_DELSA), payload: id.emit(),
                               describing: "XFRM_MSG_DELSA spi \(id.spi)")
    }

    public func state(_ id: XFRMStateID) throws(NetlinkError) -> XFRMState {
        let replies = try socket.execute(type: UInt16(XFRM_MSG_GETSA), payload: id.emit(),
                                         describing: "XFRM_MSG_GETSA spi \(id.spi)")
        guard let reply = replies.first(where: { $0.type == UInt16(XFRM_MSG_NEWSA) }) else {
            throw .unexpectedReply("XFRM_MSG_GETSA: no XFRM_MSG_NEWSA")
        }
        return try XFRMState.parse(reply)
    }

    public func dumpStates() throws(NetlinkError) -> [XFRMState] {
        let replies = try socket.dump(type: UInt16(XFRM_MSG_GETSA), describing: "XFRM_MSG_GETSA dump")
        var states: [XFRMState] = []
        for message in replies where message.type == UInt16(XFRM_MSG_NEWSA) {
            states.append(try XFRMState.parse(message))
        }
        return states
    }

    /// Reserves an unused SPI for an inbound SA (the kernel creates a larval SA holding it) and
    /// returns that SA; `updateState` later fills in keys.
    public func allocateSPI(_ request: XFRMSPIRequest) throws(NetlinkError) -> XFRMState {
        let replies = try socket.execute(type: UInt16(XFRM_MSG_ALLOCSPI), payload: request.emit(),
                                         describing: "XFRM_MSG_ALLOCSPI")
        guard let reply = replies.first(where: { $0.type == UInt16(XFRM_MSG_NEWSA) }) else {
            throw .unexpectedReply("XFRM_MSG_ALLOCSPI: no XFRM_MSG_NEWSA")
        }
        return try XFRMState.parse(reply)
    }

    // MARK: Policies

    /// Adds a policy (EEXIST if one with the same selector, direction and if_id exists).
    public func addPolicy(_ policy: XFRMPolicy) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(XFRM_MSG_NEWPOLICY), flags: [.create, .exclusive],
                               payload: policy.emit(), describing: "XFRM_MSG_NEWPOLICY")
    }

    public func updatePolicy(_ policy: XFRMPolicy) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(XFRM_MSG_UPDPOLICY), payload: policy.emit(),
                               describing: "XFRM_MSG_UPDPOLICY")
    }

    public func deletePolicy(_ id: XFRMPolicyID) throws(NetlinkError) {
        _ = try socket.execute(type: UInt16(XFRM_MSG_DELPOLICY), payload: id.emit(),
                               describing: "XFRM_MSG_DELPOLICY")
    }

    public func dumpPolicies() throws(NetlinkError) -> [XFRMPolicy] {
        let replies = try socket.dump(type: UInt16(XFRM_MSG_GETPOLICY), describing: "XFRM_MSG_GETPOLICY dump")
        var policies: [XFRMPolicy] = []
        for message in replies where message.type == UInt16(XFRM_MSG_NEWPOLICY) {
            policies.append(try XFRMPolicy.parse(message))
        }
        return policies
    }
}
