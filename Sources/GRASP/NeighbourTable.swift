import CBOR
import Platform

/// A DULL neighbour table entry is identified by the link, the neighbour's link-local address
/// and the objective it announced (a node may announce AN_ACP and AN_Proxy at once).
public struct NeighbourKey: Hashable, Sendable {
    public var interface: UInt32
    public var peer: IPv6Address
    public var objective: ObjectiveName
}

/// What one neighbour last flooded for one objective.
public struct Neighbour: Equatable {
    public var key: NeighbourKey
    public var objective: Objective
    public var locator: Locator?
    public var firstSeen: Instant
    public var lastSeen: Instant
    /// lastSeen + the flood's ttl.
    public var expires: Instant
}

public enum RemovalReason: Equatable, Sendable {
    case expired
    case linkDown
}

public enum NeighbourChange: Equatable {
    case added(Neighbour)
    /// Same neighbour and objective, but a new locator or objective value (e.g. it restarted its
    /// IKEv2 daemon on another port).
    case updated(from: Neighbour, to: Neighbour)
    case removed(Neighbour, RemovalReason)
}

/// One row of `minerva-connect status`: the table as an operator reads it.
public struct NeighbourStatus: Equatable {
    public var interface: UInt32
    public var peer: IPv6Address
    public var objective: ObjectiveName
    public var locator: Locator?
    /// Time since the first flood from this neighbour for this objective.
    public var age: Duration
    /// Time left before the entry expires unless refreshed.
    public var remaining: Duration
}

/// The flood cache of a DULL instance, bounded, expiring each entry on its flood's ttl
/// (RFC 8990 §2.8.11: "Cached entries MUST be ignored or deleted after their lifetime expires").
struct NeighbourTable {
    private(set) var entries: [NeighbourKey: Neighbour] = [:]
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    enum Learned {
        case change(NeighbourChange)
        case refreshed
        case full
    }

    mutating func learn(_ key: NeighbourKey, objective: Objective, locator: Locator?, ttl: Duration, now: Instant) -> Learned {
        let expires = now + ttl
        guard let old = entries[key] else {
            guard entries.count < capacity else { return .full }
            let entry = Neighbour(key: key, objective: objective, locator: locator, firstSeen: now, lastSeen: now, expires: expires)
            entries[key] = entry
            return .change(.added(entry))
        }
        var new = old
        new.objective = objective
        new.locator = locator
        new.lastSeen = now
        new.expires = expires
        entries[key] = new
        if old.locator != locator || old.objective != objective { return .change(.updated(from: old, to: new)) }
        return .refreshed
    }

    mutating func expire(now: Instant) -> [NeighbourChange] {
        let gone = sorted(entries.values.filter { $0.expires <= now })
        for entry in gone { entries[entry.key] = nil }
        return gone.map { .removed($0, .expired) }
    }

    mutating func remove(interface: UInt32) -> [NeighbourChange] {
        let gone = sorted(entries.values.filter { $0.key.interface == interface })
        for entry in gone { entries[entry.key] = nil }
        return gone.map { .removed($0, .linkDown) }
    }

    var nextExpiry: Instant? { entries.values.map { $0.expires }.min() }

    func status(now: Instant) -> [NeighbourStatus] {
        sorted(Array(entries.values)).map { entry in
            NeighbourStatus(interface: entry.key.interface, peer: entry.key.peer, objective: entry.key.objective,
                            locator: entry.locator, age: now - entry.firstSeen, remaining: entry.expires - now)
        }
    }

    /// Stable order (interface, peer, objective name) so logs and status output do not shuffle.
    private func sorted(_ list: [Neighbour]) -> [Neighbour] {
        list.sorted { a, b in
            if a.key.interface != b.key.interface { return a.key.interface < b.key.interface }
            if a.key.peer != b.key.peer { return a.key.peer < b.key.peer }
            return a.key.objective.utf8.lexicographicallyPrecedes(b.key.objective.utf8)
        }
    }
}

extension NeighbourStatus {
    /// One line of `minerva-connect status`; the caller knows the interface's name.
    ///     dull003  fe80::6c79:8cff:feb5:36db  AN_ACP  [fe80::6c79:8cff:feb5:36db]:500/udp  age 30s  expires 180s
    public func line(interfaceName: String) -> String {
        let locatorText = locator.map { "\($0)" } ?? "-"
        return "\(interfaceName)  \(peer)  \(objective)  \(locatorText)  age \(age.totalNanoseconds / 1_000_000_000)s"
            + "  expires \(remaining.totalNanoseconds / 1_000_000_000)s"
    }
}

extension NeighbourStatus {
    /// One object of `minerva-connect status --json`.
    public func json(interfaceName: String) -> String {
        let locatorField = locator.map { "\"\(jsonEscaped("\($0)"))\"" } ?? "null"
        return "{\"interface\":\"\(jsonEscaped(interfaceName))\",\"peer\":\"\(peer)\","
            + "\"objective\":\"\(jsonEscaped(objective.description))\",\"locator\":\(locatorField),"
            + "\"age_s\":\(age.totalNanoseconds / 1_000_000_000),\"expires_s\":\(remaining.totalNanoseconds / 1_000_000_000)}"
    }
}

/// RFC 8259 string escaping over UTF-8 bytes: objective names and interface names come from the
/// network or the system and may hold quotes or control characters.
func jsonEscaped(_ text: String) -> String {
    var out: [UInt8] = []
    let digits = Array("0123456789abcdef".utf8)
    for byte in text.utf8 {
        switch byte {
        case 0x22, 0x5C: out += [0x5C, byte]
        case 0x00..<0x20: out += Array("\\u00".utf8) + [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
        default: out.append(byte)
        }
    }
    return String(decoding: out, as: UTF8.self)
}
