/// One JSON value (RFC 8259).
///
/// Objects keep their members in order as an array: vouchers are signed as bytes, so reproducing
/// someone's member order matters more than lookup speed, and no String hashing (with its
/// Unicode tables) is needed on targets that lack them.
public indirect enum JSONValue: Sendable {
    case object([JSONMember])
    case array([JSONValue])
    case string(String)
    case number(JSONNumber)
    case bool(Bool)
    case null

    /// The value of the member named `name` in an object (names are unique after parsing).
    public subscript(name: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.name.utf8.elementsEqual(name.utf8) { return member.value }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var int64Value: Int64? {
        if case .number(let number) = self { return number.int64Value }
        return nil
    }

    /// An integer number value.
    public static func integer(_ value: Int64) -> JSONValue {
        .number(JSONNumber(validatedText: "\(value)"))
    }

    /// A non-negative integer number value.
    public static func unsigned(_ value: UInt64) -> JSONValue {
        .number(JSONNumber(validatedText: "\(value)"))
    }
}

/// A member of a JSON object: a name and its value.
public struct JSONMember: Sendable, Equatable {
    public var name: String
    public var value: JSONValue

    public init(_ name: String, _ value: JSONValue) {
        self.name = name
        self.value = value
    }

    public static func == (a: JSONMember, b: JSONMember) -> Bool {
        a.name.utf8.elementsEqual(b.name.utf8) && a.value == b.value
    }
}

extension JSONValue: Equatable {
    /// Structural equality: member order counts, strings compare by their UTF-8 bytes (not by
    /// Unicode canonical equivalence) and numbers by their text, as they would be emitted.
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }
}
