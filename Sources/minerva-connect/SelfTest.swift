/// `minerva-connect selftest`: known-answer checks of the C libraries as linked into this very
/// binary, and of netlink on this kernel. One line per check; false if any failed.
enum SelfTest {
    static func run() -> Bool {
        Console.out("selftest: not yet wired")
        return false
    }
}
