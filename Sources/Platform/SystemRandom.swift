import CLinux

/// Kernel randomness through getrandom(2): keys, nonces, SPIs, IKE cookies, Trickle jitter.
public enum SystemRandom {
    /// Fills `bytes` completely. getrandom may return fewer bytes than asked (above 256 bytes, or
    /// when a signal arrives), so it loops; it blocks only before the kernel pool is first
    /// initialised, which is exactly when keys must not be made.
    public static func fill(_ bytes: inout [UInt8]) throws(SystemError) {
        // Array.withUnsafeMutableBytes rethrows untyped errors: carry the typed one out by hand.
        let failure: SystemError? = bytes.withUnsafeMutableBytes { buffer in
            do throws(SystemError) {
                try fill(buffer)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < buffer.count {
            let got = getrandom(buffer.baseAddress! + offset, buffer.count - offset, 0)
            if got < 0 {
                if mc_errno() == EINTR { continue }
                throw SystemError.last("getrandom")
            }
            offset += got
        }
    }

    public static func bytes(count: Int) throws(SystemError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try fill(&bytes)
        return bytes
    }
}

/// Where engines get randomness: a value holding a fill function, so production passes
/// `.system` and tests pass a deterministic source, with no protocol existential (Embedded).
public struct RandomSource {
    private let fillBuffer: (UnsafeMutableRawBufferPointer) -> Void

    public init(fill: @escaping (UnsafeMutableRawBufferPointer) -> Void) {
        fillBuffer = fill
    }

    public func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        fillBuffer(buffer)
    }

    public func bytes(count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { fillBuffer($0) }
        return bytes
    }

    public func next() -> UInt64 {
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { fillBuffer($0) }
        return value
    }

    /// getrandom(2). Its only failures are EFAULT/EINVAL (impossible here) and ENOSYS (kernels
    /// before 3.17); the stdlib generator, which reads the same kernel source, covers that case.
    public static var system: RandomSource {
        RandomSource { buffer in
            do throws(SystemError) {
                try SystemRandom.fill(buffer)
            } catch {
                var generator = SystemRandomNumberGenerator()
                for index in 0..<buffer.count { buffer[index] = UInt8(truncatingIfNeeded: generator.next()) }
            }
        }
    }
}

/// `RandomNumberGenerator` over a `RandomSource`, for the stdlib's `random(in:using:)` and
/// `shuffled(using:)` (e.g. the random part of a Trickle interval).
public struct SourceRandomGenerator: RandomNumberGenerator {
    public let source: RandomSource

    public init(_ source: RandomSource = .system) {
        self.source = source
    }

    public mutating func next() -> UInt64 {
        source.next()
    }
}
