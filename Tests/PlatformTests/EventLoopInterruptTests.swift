import Foundation
import Testing
import CLinux
@testable import Platform

nonisolated(unsafe) private var interruptions = 0

@Suite struct EventLoopInterruptTests {
    /// A signal with a real handler (not routed to signalfd) interrupts epoll_wait with EINTR:
    /// run() must carry on to its timers instead of throwing.
    @Test func epollWaitInterruptedBySignalContinues() throws {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptions += 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0   // no SA_RESTART (epoll_wait is never restarted anyway)
        var previous = sigaction()
        #expect(sigaction(SIGUSR2, &action, &previous) == 0)
        defer { sigaction(SIGUSR2, &previous, nil) }

        // Test runner threads (libdispatch workers) block asynchronous signals: let this one in.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGUSR2)
        var savedMask = sigset_t()
        #expect(pthread_sigmask(SIG_UNBLOCK, &unblock, &savedMask) == 0)
        defer { pthread_sigmask(SIG_SETMASK, &savedMask, nil) }

        let loop = try EventLoop()
        let loopThread = pthread_self()
        var fired = false
        loop.schedule(after: .milliseconds(300)) {
            fired = true
            loop.stop()
        }
        let before = interruptions
        let sender = Thread { usleep(50_000); pthread_kill(loopThread, SIGUSR2) }
        sender.start()
        try loop.run()
        #expect(fired)
        #expect(interruptions == before + 1)
    }
}
