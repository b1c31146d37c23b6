import CBOR
import Platform

/// A negotiation or synchronization session (RFC 8990 §2.5.5, §2.5.6.1), always over one TCP
/// connection.
struct Session {
    enum Kind { case negotiation, synchronization }
    enum Role { case initiator, responder }

    var kind: Kind
    var role: Role
    var connection: ConnectionID
    /// The latest loop count seen or sent; every M_NEGOTIATE takes one off (RFC 8990 §2.8.7).
    var loopCount: UInt8
    var deadline: Instant
}

extension GraspEngine {
    // MARK: ASA calls

    /// Starts a negotiation with the peer at `locator` (TCP, IPv6): opens the connection and sends
    /// M_REQ_NEG. `interface` matters only for a link-local locator. Nil when the locator is not
    /// reachable that way, too many sessions are open, or the request would exceed
    /// GRASP_DEF_MAX_SIZE.
    public func requestNegotiation(_ objective: Objective, to locator: Locator, interface: UInt32 = 0,
                                   now: Instant) -> (SessionHandle, [GraspAction])? {
        start(.negotiation, objective, locator, interface, now)
    }

    /// Asks the peer at `locator` for the value of an objective (M_REQ_SYN); the answer comes as
    /// `.synchronized`.
    public func requestSynchronization(_ objective: Objective, to locator: Locator, interface: UInt32 = 0,
                                       now: Instant) -> (SessionHandle, [GraspAction])? {
        start(.synchronization, objective, locator, interface, now)
    }

    /// Our next offer in a negotiation. The loop count is set here (one less than the last step);
    /// when it would reach zero the negotiation is declined instead.
    public func negotiateStep(_ handle: SessionHandle, _ objective: Objective, now: Instant) -> [GraspAction] {
        let key = SessionKey(handle)
        guard var session = sessions[key], session.kind == .negotiation else { return [] }
        guard session.loopCount > 1 else {
            sessions[key] = nil
            let end = GraspMessage.end(sessionID: handle.sessionID, option: .decline(reason: "loop count exhausted"))
            return [.send(end.emit(), to: .connection(session.connection)), .close(session.connection),
                    .deliver(.sessionFailed(handle, .loopCountExhausted))] + timerActions()
        }
        session.loopCount -= 1
        session.deadline = now + configuration.sessionTimeout
        sessions[key] = session
        var step = objective
        step.loopCount = session.loopCount
        let bytes = GraspMessage.negotiate(sessionID: handle.sessionID, objective: step).emit()
        guard bytes.count <= GraspConstants.defaultMaximumSize else {
            sessions[key] = nil
            let end = GraspMessage.end(sessionID: handle.sessionID, option: .decline(reason: "offer too large"))
            return [.send(end.emit(), to: .connection(session.connection)), .close(session.connection),
                    .deliver(.sessionFailed(handle, .messageTooLarge))] + timerActions()
        }
        return [.send(bytes, to: .connection(session.connection))] + timerActions()
    }

    /// Asks the peer to wait (M_WAIT) while we think.
    public func negotiateWait(_ handle: SessionHandle, milliseconds: UInt32, now: Instant) -> [GraspAction] {
        guard let session = sessions[SessionKey(handle)], session.kind == .negotiation else { return [] }
        return [.send(GraspMessage.wait(sessionID: handle.sessionID, waitingTime: milliseconds).emit(),
                      to: .connection(session.connection))]
    }

    /// Ends a negotiation with O_ACCEPT or O_DECLINE.
    public func endNegotiation(_ handle: SessionHandle, _ option: EndOption, now: Instant) -> [GraspAction] {
        guard let session = sessions.removeValue(forKey: SessionKey(handle)), session.kind == .negotiation else { return [] }
        return [.send(GraspMessage.end(sessionID: handle.sessionID, option: option).emit(), to: .connection(session.connection)),
                .close(session.connection)] + timerActions()
    }

    /// Answers an M_REQ_SYN with our value (nil: none).
    public func synchronize(_ handle: SessionHandle, _ objective: Objective?, now: Instant) -> [GraspAction] {
        guard let session = sessions.removeValue(forKey: SessionKey(handle)), session.kind == .synchronization,
              session.role == .responder else { return [] }
        var bytes = GraspMessage.synch(sessionID: handle.sessionID, objective: objective).emit()
        if bytes.count > GraspConstants.defaultMaximumSize {
            // The peer would drop it; an empty M_SYNCH at least ends its wait at once.
            bytes = GraspMessage.synch(sessionID: handle.sessionID, objective: nil).emit()
        }
        return [.send(bytes, to: .connection(session.connection)), .close(session.connection)] + timerActions()
    }

    private func start(_ kind: Session.Kind, _ objective: Objective, _ locator: Locator, _ interface: UInt32,
                       _ now: Instant) -> (SessionHandle, [GraspAction])? {
        guard case .ipv6(let peer, .tcp, let port) = locator, sessions.count < configuration.maximumSessions,
              GraspMessage.requestNegotiation(sessionID: 0, objective: objective).emit().count
                  <= GraspConstants.defaultMaximumSize - 4 else { return nil }
        let session = newSessionID(now: now)
        let handle = SessionHandle(initiator: .ipv6(address), sessionID: session)
        let connection = newConnection()
        sessions[SessionKey(handle)] = Session(kind: kind, role: .initiator, connection: connection,
                                               loopCount: objective.loopCount, deadline: now + configuration.sessionTimeout)
        let request: GraspMessage = kind == .negotiation
            ? .requestNegotiation(sessionID: session, objective: objective)
            : .requestSynchronization(sessionID: session, objective: objective)
        return (handle, [.connect(connection, to: peer, port: port, interface: interface),
                         .send(request.emit(), to: .connection(connection))] + timerActions())
    }

    // MARK: receiving

    func receivedRequest(_ type: MessageType, _ session: UInt32, _ objective: Objective, _ source: GraspSource,
                         _ now: Instant) -> [GraspAction] {
        guard case .connection(let connection, let peer, _) = source else {
            return drop(.unexpectedMessageType, detail: "request by datagram", source, now)
        }
        let handle = SessionHandle(initiator: .ipv6(peer), sessionID: session)
        let negotiation = type == .requestNegotiation
        if sessions[SessionKey(handle)] != nil {
            return drop(.sessionCollision, detail: "session \(session)", source, now)
                + [.send(GraspMessage.invalid(sessionID: session, diagnostic: .text("session id in use")).emit(),
                         to: .connection(connection))]
        }
        guard registered[objective.name] != nil, sessions.count < configuration.maximumSessions else {
            let refusal: GraspMessage = negotiation
                ? .end(sessionID: session, option: .decline(reason: "objective not available"))
                : .synch(sessionID: session, objective: nil)
            return [.send(refusal.emit(), to: .connection(connection)), .close(connection)]
        }
        if negotiation, objective.loopCount == 0 { return drop(.loopCountZero, detail: objective.name.description, source, now) }
        sessions[SessionKey(handle)] = Session(kind: negotiation ? .negotiation : .synchronization, role: .responder,
                                               connection: connection, loopCount: objective.loopCount,
                                               deadline: now + configuration.sessionTimeout)
        return [.deliver(negotiation ? .negotiationRequested(handle, objective) : .synchronizationRequested(handle, objective))]
    }

    func receivedInSession(_ message: GraspMessage, _ source: GraspSource, _ now: Instant) -> [GraspAction] {
        guard case .connection(let connection, _, _) = source, let session = message.sessionID,
              let (key, state) = sessions.first(where: { $0.key.sessionID == session && $0.value.connection == connection })
        else {
            if case .invalid = message { return drop(.unknownSession, detail: "invalid", source, now) }
            return drop(.unknownSession, detail: "type \(message.type.rawValue)", source, now)
        }
        let handle = key.handle
        switch message {
        case .negotiate(_, let objective) where state.kind == .negotiation:
            guard objective.loopCount > 0 else {
                sessions[key] = nil
                let end = GraspMessage.end(sessionID: session, option: .decline(reason: "loop count exhausted"))
                return [.send(end.emit(), to: .connection(connection)), .close(connection),
                        .deliver(.sessionFailed(handle, .loopCountExhausted))]
            }
            var updated = state
            updated.loopCount = objective.loopCount
            updated.deadline = now + configuration.sessionTimeout
            sessions[key] = updated
            return [.deliver(.negotiationStep(handle, objective))]
        case .end(_, let option) where state.kind == .negotiation:
            sessions[key] = nil
            return [.close(connection), .deliver(.negotiationEnded(handle, option))]
        case .wait(_, let waitingTime):
            var updated = state
            updated.deadline = now + lifetime(waitingTime)
            sessions[key] = updated
            return []
        case .synch(_, let objective) where state.kind == .synchronization && state.role == .initiator:
            sessions[key] = nil
            return [.close(connection), .deliver(.synchronized(handle, objective))]
        case .invalid:
            sessions[key] = nil
            return [.close(connection), .deliver(.sessionFailed(handle, .invalid))]
        default:
            return drop(.unexpectedMessageType, detail: "type \(message.type.rawValue) in session", source, now)
        }
    }
}
