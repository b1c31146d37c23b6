import CLinux

/// Interface names and indexes (if_nametoindex / if_indextoname), for scope ids and multicast.
public enum InterfaceIndex {
    public static func index(of name: String) throws(SystemError) -> UInt32 {
        let index = if_nametoindex(name)
        guard index != 0 else { throw SystemError.last("if_nametoindex", subject: name) }
        return index
    }

    public static func name(of index: UInt32) throws(SystemError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
        guard if_indextoname(index, &buffer) != nil else { throw SystemError.last("if_indextoname", subject: "\(index)") }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
