import Foundation
import Testing
import CLinux
@testable import Platform

@Suite struct SignalsTests {
    /// SIGUSR1 sent to this thread with pthread_kill (the whole test process shares one signal
    /// table, so SIGTERM itself is exercised end to end with the real binary instead).
    @Test func signalArrivesThroughTheLoop() throws {
        let loop = try EventLoop()
        var received: [Int32] = []
        let watcher = try SignalWatcher(signals: [SIGUSR1], loop: loop) { signal in
            received.append(signal)
            loop.stop()
        }
        // The mask really blocks it now (the kernel's view of this thread).
        var current = sigset_t()
        #expect(pthread_sigmask(SIG_BLOCK, nil, &current) == 0)
        #expect(sigismember(&current, SIGUSR1) == 1)

        #expect(pthread_kill(pthread_self(), SIGUSR1) == 0)
        loop.schedule(after: .seconds(2)) { loop.stop() }   // safety net
        try loop.run()
        #expect(received == [SIGUSR1])
        _ = watcher
    }
}
