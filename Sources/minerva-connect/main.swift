// minerva-connect: one binary for every role of an Autonomic Control Plane node.
import CLinux
import Platform

let usage = """
    usage: minerva-connect <command> [options]

    commands:
      selftest     check crypto (mbedTLS), CBOR (libcbor) and netlink on this machine; exit 1 on failure
      version      print release, target and build mode
      help         this text (also --help, -h)
    """

let arguments: ArraySlice<String>
do throws(SystemError) {
    arguments = try ProcessArguments.current().dropFirst()
} catch {
    Console.error("minerva-connect: cannot read the command line: \(error)")
    exit(2)
}

switch arguments.first {
case nil, "help", "--help", "-h":
    Console.out(usage)
case "version", "--version":
    Console.out("minerva-connect \(Version.release) \(Version.target) \(Version.buildMode)")
case "selftest":
    exit(SelfTest.run() ? 0 : 1)
case let command?:
    Console.error("minerva-connect: unknown command '\(command)'")
    Console.error(usage)
    exit(2)
}
