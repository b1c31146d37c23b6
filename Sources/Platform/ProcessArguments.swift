import CLinux

/// The command line of this process.
///
/// Embedded Swift has no `CommandLine`, and musl does not hand argc/argv to constructors, so the
/// arguments are read back from `/proc/self/cmdline` (NUL-separated), the same in both build modes
/// and under qemu-user, which presents the guest's own argv there.
public enum ProcessArguments {
    public static func current() throws(SystemError) -> [String] {
        let path = "/proc/self/cmdline"
        let fd = mc_open(path, O_RDONLY | O_CLOEXEC, 0)
        guard fd >= 0 else { throw SystemError.last("open", subject: path) }
        defer { close(fd) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if mc_errno() == EINTR { continue }
                throw SystemError.last("read", subject: path)
            }
            if n == 0 { break }
            contents.append(contentsOf: chunk[0..<n])
        }
        if contents.last == 0 { contents.removeLast() }
        return contents.split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }
}
