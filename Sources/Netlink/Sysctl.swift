import CLinux
import Platform

/// The per-interface sysctls the ACP sets, as files under /proc/sys/net. They are per network
/// namespace: /proc/sys/net shows the namespace of the thread that opens the file, so call these
/// while inside the interface's namespace.
public enum InterfaceSysctl: Sendable {
    /// net.ipv6.conf.<if>.disable_ipv6
    case disableIPv6
    /// net.ipv6.conf.<if>.accept_dad: 0 for ACP interfaces whose addresses are unique by design.
    case acceptDAD
    /// net.ipv6.conf.<if>.forwarding
    case forwarding
    /// net.ipv6.conf.<if>.addr_gen_mode: 0 EUI-64, 1 none, 2 stable privacy, 3 random.
    case addressGenerationMode
    /// net.ipv6.conf.<if>.disable_policy: xfrm interfaces carry SAs bound by if_id, no policies.
    case disablePolicy
    /// net.ipv4.conf.<if>.disable_xfrm (IPv4 only; IPv6 has no such knob).
    case ipv4DisableXFRM
    /// net.ipv4.conf.<if>.disable_policy
    case ipv4DisablePolicy

    public func path(interface: String) -> String {
        switch self {
        case .disableIPv6: return "/proc/sys/net/ipv6/conf/\(interface)/disable_ipv6"
        case .acceptDAD: return "/proc/sys/net/ipv6/conf/\(interface)/accept_dad"
        case .forwarding: return "/proc/sys/net/ipv6/conf/\(interface)/forwarding"
        case .addressGenerationMode: return "/proc/sys/net/ipv6/conf/\(interface)/addr_gen_mode"
        case .disablePolicy: return "/proc/sys/net/ipv6/conf/\(interface)/disable_policy"
        case .ipv4DisableXFRM: return "/proc/sys/net/ipv4/conf/\(interface)/disable_xfrm"
        case .ipv4DisablePolicy: return "/proc/sys/net/ipv4/conf/\(interface)/disable_policy"
        }
    }
}

public enum Sysctl {
    /// Writes `value` (decimal) to the sysctl of `interface` in the current namespace.
    public static func set(_ key: InterfaceSysctl, interface: String, to value: Int) throws(SystemError) {
        let path = key.path(interface: interface)
        let fd = mc_open(path, O_WRONLY | O_CLOEXEC, 0)
        guard fd >= 0 else { throw SystemError.last("open", subject: path) }
        defer { close(fd) }
        let text = Array("\(value)\n".utf8)
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == text.count else {
            throw written < 0 ? SystemError.last("write", subject: path) : SystemError("write", errno: EIO, subject: path)
        }
    }

    /// Reads the sysctl back as an integer.
    public static func get(_ key: InterfaceSysctl, interface: String) throws(SystemError) -> Int {
        let path = key.path(interface: interface)
        let fd = mc_open(path, O_RDONLY | O_CLOEXEC, 0)
        guard fd >= 0 else { throw SystemError.last("open", subject: path) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { throw count < 0 ? SystemError.last("read", subject: path) : SystemError("read", errno: EIO, subject: path) }
        var text = String(decoding: buffer[0..<count], as: UTF8.self)
        while text.last == "\n" || text.last == " " { text.removeLast() }
        guard let value = Int(text) else { throw SystemError("parse", errno: EINVAL, subject: path) }
        return value
    }
}
