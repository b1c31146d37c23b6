// swift-tools-version:6.0
//
// Host build of Minerva Connect: the same sources that Toolchains/cross.sh compiles as Embedded
// Swift for the shipped targets, built here as regular Swift so that `swift test` runs them.
// mbedTLS 3.6 and libcbor 0.10 come from Toolchains/deps.sh (build/deps/host), never from Debian's
// older -dev packages.
import PackageDescription

let root = Context.packageDirectory
let depsInclude = "\(root)/build/deps/host/include"
let depsLib = "\(root)/build/deps/host/lib"

// Every Swift target may (transitively) import the C bridges, so each needs the headers. CLinux
// needs GNU extensions (setns, in6_pktinfo, recvmmsg); every clang module in the build (including
// Foundation's, imported by tests) must see the same libc definitions, so _GNU_SOURCE is set for
// all of them rather than inside CLinux.h.
let cImport: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I\(depsInclude)", "-Xcc", "-D_GNU_SOURCE"])]

let package = Package(
    name: "MinervaConnect",
    products: [
        .executable(name: "minerva-connect", targets: ["minerva-connect"]),
    ],
    targets: [
        // C views of libc, Linux uapi headers and the two C libraries. No logic beyond wrappers
        // for what Swift cannot call directly (variadic functions, macros, errno).
        .target(name: "CLinux", cSettings: [.define("_GNU_SOURCE")]),
        .systemLibrary(name: "CMbedTLS"),
        .systemLibrary(name: "CLibCBOR"),

        // Platform layer: event loop, timers, sockets, namespaces, signals, randomness, files.
        .target(name: "Platform", dependencies: ["CLinux"], swiftSettings: cImport),
        // rtnetlink and XFRM messages (wire) and the request/ACK client (platform).
        .target(name: "Netlink", dependencies: ["CLinux", "Platform"], swiftSettings: cImport),
        // Bridges to the C libraries.
        .target(
            name: "Crypto", dependencies: ["ASN1", "CMbedTLS", "CLinux"], swiftSettings: cImport,
            linkerSettings: [.unsafeFlags(["-L\(depsLib)", "-lmbedtls", "-lmbedx509", "-lmbedcrypto"])]
        ),
        .target(
            name: "CBOR", dependencies: ["CLibCBOR"], swiftSettings: cImport,
            linkerSettings: [.unsafeFlags(["-L\(depsLib)", "-lcbor"])]
        ),

        // DER encoding and decoding (X.509, CMS, PKCS#10 pieces mbedTLS does not build for us).
        .target(name: "ASN1", swiftSettings: cImport),
        // Certificates for the ACP: AcpNodeName (RFC 8994 §6.2.2), certificate and CSR creation, CMS.
        .target(name: "PKI", dependencies: ["ASN1", "Crypto", "CMbedTLS"], swiftSettings: cImport),
        // A strict JSON parser and serializer (vouchers, status documents).
        .target(name: "JSON", swiftSettings: cImport),
        // Vouchers and voucher requests (RFC 8366, RFC 8995, cBRSKI): JSON/CMS and CBOR/COSE forms.
        .target(name: "Voucher", dependencies: ["JSON", "CBOR", "Crypto", "PKI", "ASN1"], swiftSettings: cImport),

        // RPL (RFC 6550) with the ACP profile (RFC 8994 §6.11): wire codec and storing-mode engine.
        .target(name: "RPL", dependencies: ["Platform"], swiftSettings: cImport),
        // GRASP (RFC 8990): messages over CBOR, DULL and full-GRASP engines, the ASA API.
        .target(name: "GRASP", dependencies: ["CBOR", "Platform"], swiftSettings: cImport),
        // IKEv2 (RFC 7296) messages and payloads, and ESP (RFC 4303) packet handling: wire and engines.
        .target(name: "IKEv2", dependencies: ["Platform", "Crypto"], swiftSettings: cImport),
        .target(name: "ESP", dependencies: ["Platform", "Crypto"], swiftSettings: cImport),

        .executableTarget(
            name: "minerva-connect",
            dependencies: ["Platform", "Netlink", "Crypto", "CBOR", "IKEv2", "ESP", "CLinux"],
            swiftSettings: cImport
        ),

        // Test-only helpers (Foundation allowed): where shared/ vectors are.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: cImport),
        .testTarget(name: "PlatformTests", dependencies: ["Platform", "TestSupport"], swiftSettings: cImport),
        .testTarget(name: "NetlinkTests", dependencies: ["Netlink", "Platform", "TestSupport"], swiftSettings: cImport),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto", "TestSupport"], swiftSettings: cImport),
        .testTarget(name: "CBORTests", dependencies: ["CBOR", "Crypto", "TestSupport"], swiftSettings: cImport),
        .testTarget(name: "ASN1Tests", dependencies: ["ASN1", "TestSupport"], swiftSettings: cImport),
        .testTarget(name: "PKITests", dependencies: ["PKI", "ASN1", "Crypto", "TestSupport"], swiftSettings: cImport),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "TestSupport"], swiftSettings: cImport),
        .testTarget(name: "VoucherTests", dependencies: ["Voucher", "JSON", "CBOR", "Crypto", "PKI", "TestSupport"], swiftSettings: cImport),
        .testTarget(name: "RPLTests", dependencies: ["RPL", "Platform", "TestSupport"], swiftSettings: cImport),
        .testTarget(name: "GRASPTests", dependencies: ["GRASP", "CBOR", "Platform", "TestSupport"], swiftSettings: cImport),
        .testTarget(name: "IKEv2Tests", dependencies: ["IKEv2", "Platform", "Crypto", "TestSupport"], swiftSettings: cImport),
        .testTarget(name: "ESPTests", dependencies: ["ESP", "Platform", "Crypto", "TestSupport"], swiftSettings: cImport),
    ]
)
