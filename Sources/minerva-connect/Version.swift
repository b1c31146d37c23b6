/// What this binary is: release, target and build mode, for `version` and bug reports.
enum Version {
    static let release = "0.1.0"

    /// The shipped target, set by Toolchains/cross.sh (`-D MINERVA_TARGET_…`); mipsel is compiled
    /// from armv7 IR, so `#if arch()` alone could not tell it apart.
    static var target: String {
        #if MINERVA_TARGET_X86_64
        return "x86_64-linux-musl"
        #elseif MINERVA_TARGET_AARCH64
        return "aarch64-linux-musl"
        #elseif MINERVA_TARGET_ARMV7HF
        return "armv7hf-linux-musleabihf"
        #elseif MINERVA_TARGET_ARMV6
        return "armv6-linux-musleabihf (arm1176jzf-s)"
        #elseif MINERVA_TARGET_MIPSEL
        return "mipsel-linux-musl"
        #elseif arch(x86_64)
        return "x86_64-linux (host build)"
        #elseif arch(arm64)
        return "aarch64-linux (host build)"
        #else
        return "unknown"
        #endif
    }

    static var buildMode: String {
        #if hasFeature(Embedded)
        return "embedded"
        #else
        return "regular swift"
        #endif
    }
}
