import CLinux

/// Plain line output for the command line: stdout for results, stderr for diagnostics.
enum Console {
    static func out(_ line: String) { write(1, line + "\n") }
    static func error(_ line: String) { write(2, line + "\n") }

    private static func write(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = CLinux.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && mc_errno() == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
