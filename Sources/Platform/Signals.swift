import CLinux

/// Delivers signals through the event loop (signalfd) instead of asynchronous handlers, so the
/// reaction (a clean shutdown: withdraw routes, delete interfaces, `loop.stop()`) runs as ordinary
/// loop code with no async-signal-safety concerns.
///
/// The signals are blocked first (pthread_sigmask), otherwise their default action (terminate)
/// would win over the fd. Block them on the main thread before any other thread starts, so every
/// thread inherits the mask. They stay blocked after the watcher is released: unblocking would
/// deliver any pending one with its default action.
public final class SignalWatcher {
    public let fd: Int32
    private let loop: EventLoop

    /// SIGTERM, SIGINT and SIGHUP: what systemd, procd and a terminal send to stop a daemon.
    public static let shutdownSignals: [Int32] = [SIGTERM, SIGINT, SIGHUP]

    public init(signals: [Int32] = SignalWatcher.shutdownSignals, loop: EventLoop, handler: @escaping (Int32) -> Void) throws(SystemError) {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in signals { sigaddset(&mask, signal) }
        let blocked = pthread_sigmask(SIG_BLOCK, &mask, nil)
        guard blocked == 0 else { throw SystemError("pthread_sigmask", errno: blocked) }
        let fd = signalfd(-1, &mask, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
        guard fd >= 0 else { throw SystemError.last("signalfd") }
        self.fd = fd
        self.loop = loop
        do throws(SystemError) {
            try loop.register(fd: fd, events: .readable) { _ in
                // Drain: several signals may be pending at once; each read returns one.
                while true {
                    var info = signalfd_siginfo()
                    let count = read(fd, &info, MemoryLayout<signalfd_siginfo>.size)
                    guard count == MemoryLayout<signalfd_siginfo>.size else { return }
                    handler(Int32(bitPattern: info.ssi_signo))
                }
            }
        } catch {
            close(fd)
            throw error
        }
    }

    deinit {
        // Cannot fail: the fd was registered in init and only this object unregisters it.
        try? loop.unregister(fd: fd)
        close(fd)
    }
}
