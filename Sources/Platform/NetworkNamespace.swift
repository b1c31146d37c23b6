import CLinux

/// Named network namespaces, compatible with iproute2's `ip netns`: a namespace is kept alive by a
/// bind mount of its nsfs file at `/run/netns/<name>`.
///
/// `setns(2)` changes the namespace of the calling *thread* only, so entering is always paired with
/// leaving on the same thread before anything else runs there; sockets opened inside stay in that
/// namespace for their whole life, which is how one event loop serves the host, DULL and ACP
/// namespaces at once.
public enum NetworkNamespace {
    public static let directory = "/run/netns"

    public static func path(_ name: String) -> String { "\(directory)/\(name)" }

    /// Creates `/run/netns/<name>` holding a fresh network namespace (like `ip netns add`).
    public static func create(_ name: String) throws(SystemError) {
        try prepareDirectory()
        let target = path(name)
        let placeholder = mc_open(target, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0)
        guard placeholder >= 0 else { throw SystemError.last("create", subject: target) }
        close(placeholder)

        let home = try openCurrent()
        defer { close(home) }
        do throws(SystemError) {
            guard unshare(CLONE_NEWNET) == 0 else { throw SystemError.last("unshare", subject: name) }
            let status = mount("/proc/thread-self/ns/net", target, "none", UInt(MS_BIND), nil)
            let failure = status == 0 ? nil : SystemError.last("mount", subject: target)
            // Return to the original namespace whatever happened: this thread must not stay behind.
            guard setns(home, CLONE_NEWNET) == 0 else { throw SystemError.last("setns", subject: "back from \(name)") }
            if let failure { throw failure }
        } catch {
            unlink(target)
            throw error
        }
    }

    /// Removes `/run/netns/<name>`; the namespace itself goes away when nothing else holds it.
    public static func delete(_ name: String) throws(SystemError) {
        let target = path(name)
        if umount2(target, Int32(MNT_DETACH)) != 0 && mc_errno() != EINVAL {
            throw SystemError.last("umount", subject: target)
        }
        guard unlink(target) == 0 else { throw SystemError.last("unlink", subject: target) }
    }

    /// True when `/run/netns/<name>` exists.
    public static func exists(_ name: String) -> Bool {
        access(path(name), F_OK) == 0
    }

    /// A file descriptor for the named namespace (for `setns`, or for IFLA_NET_NS_FD when moving
    /// an interface). The caller closes it.
    public static func open(_ name: String) throws(SystemError) -> Int32 {
        let fd = mc_open(path(name), O_RDONLY | O_CLOEXEC, 0)
        guard fd >= 0 else { throw SystemError.last("open", subject: path(name)) }
        return fd
    }

    /// Runs `body` with this thread inside the named namespace and returns to the original one.
    /// Use it to open sockets that must live in another namespace.
    public static func run<T>(in name: String, _ body: () throws(SystemError) -> T) throws(SystemError) -> T {
        let target = try open(name)
        defer { close(target) }
        let home = try openCurrent()
        defer { close(home) }
        guard setns(target, CLONE_NEWNET) == 0 else { throw SystemError.last("setns", subject: name) }
        let result: Result<T, SystemError>
        do throws(SystemError) {
            result = .success(try body())
        } catch {
            result = .failure(error)
        }
        guard setns(home, CLONE_NEWNET) == 0 else { throw SystemError.last("setns", subject: "back from \(name)") }
        return try result.get()
    }

    /// Opens the calling thread's current network namespace.
    static func openCurrent() throws(SystemError) -> Int32 {
        let fd = mc_open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC, 0)
        guard fd >= 0 else { throw SystemError.last("open", subject: "/proc/thread-self/ns/net") }
        return fd
    }

    /// `/run/netns` must be a shared mount point so that namespace mounts made here are seen by
    /// `ip netns exec` in other mount namespaces (iproute2 does the same).
    static func prepareDirectory() throws(SystemError) {
        if mkdir(directory, 0o755) != 0 && mc_errno() != EEXIST {
            throw SystemError.last("mkdir", subject: directory)
        }
        let shared = UInt(MS_SHARED) | UInt(MS_REC)
        if mount("", directory, "none", shared, nil) == 0 { return }
        guard mc_errno() == EINVAL else { throw SystemError.last("mount", subject: directory) }
        guard mount(directory, directory, "none", UInt(MS_BIND) | UInt(MS_REC), nil) == 0 else {
            throw SystemError.last("mount", subject: directory)
        }
        guard mount("", directory, "none", shared, nil) == 0 else {
            throw SystemError.last("mount", subject: directory)
        }
    }
}
