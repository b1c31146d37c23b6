import CLinux

/// Files that must never be seen half-written — keys, certificates, the enrolled state — written
/// the crash-safe way: a temporary file beside the target, fsync, rename over the target, fsync
/// the directory (so the rename itself survives a power cut).
public enum AtomicFile {
    /// Replaces `path` with `bytes`, readable per `mode` (0o600 for private keys). The mode is set
    /// with fchmod, so the process umask cannot widen or narrow it.
    public static func write(_ bytes: [UInt8], to path: String, mode: UInt32 = 0o644) throws(SystemError) {
        let temporary = "\(path).tmp.\(getpid())"
        let fd = mc_open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else { throw SystemError.last("open", subject: temporary) }
        do throws(SystemError) {
            defer { close(fd) }
            guard fchmod(fd, mode_t(mode)) == 0 else { throw SystemError.last("fchmod", subject: temporary) }
            try writeAll(fd, bytes, subject: temporary)
            guard fsync(fd) == 0 else { throw SystemError.last("fsync", subject: temporary) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let failure = SystemError.last("rename", subject: path)
            unlink(temporary)
            throw failure
        }
        try syncDirectory(of: path)
    }

    /// Reads a whole regular file, refusing anything larger than `limit` bytes (EFBIG) so a wrong
    /// path (a device, a huge log) cannot exhaust memory on a small router.
    public static func read(_ path: String, limit: Int = 1 << 20) throws(SystemError) -> [UInt8] {
        let fd = mc_open(path, O_RDONLY | O_CLOEXEC, 0)
        guard fd >= 0 else { throw SystemError.last("open", subject: path) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { CLinux.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if mc_errno() == EINTR { continue }
                throw SystemError.last("read", subject: path)
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else { throw SystemError("read", errno: EFBIG, subject: path) }
            bytes += chunk[0..<count]
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], subject: String) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                CLinux.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if mc_errno() == EINTR { continue }
                throw SystemError.last("write", subject: subject)
            }
            offset += written
        }
    }

    private static func syncDirectory(of path: String) throws(SystemError) {
        var directory = "."
        if let slash = path.utf8.lastIndex(of: 0x2F) {
            directory = slash == path.utf8.startIndex ? "/" : String(path[..<slash])
        }
        let fd = mc_open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        guard fd >= 0 else { throw SystemError.last("open", subject: directory) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw SystemError.last("fsync", subject: directory) }
    }
}
