# The shipped targets, in one table, for Toolchains/deps.sh and Toolchains/cross.sh (sourced, not
# run). `target_info <target>` sets, for that target:
#   DEB_ARCH           Debian architecture whose linux-libc-dev (and musl-dev) the target uses
#   LIBGCC_ARCH        Debian architecture whose libgcc-12-dev supplies libgcc.a
#   GNU_TRIPLET        Debian multiarch folder of that architecture (uapi asm headers, libgcc)
#   MUSL_TRIPLET       folder of Debian's musl-dev; empty when musl is rebuilt from source
#   CLANG_FLAGS        clang target and floating point ABI for C code (libraries and CLinux)
#   SWIFT_TARGET       triple handed to swiftc (Embedded Swift knows only bare-metal triples)
#   SWIFT_FLAGS        extra swiftc flags that make Swift code generation match CLANG_FLAGS
#   SWIFT_VIA_IR       "yes" when swiftc cannot target the architecture and cross.sh retargets IR
# and the sysroot paths below build/sysroot/<target>:
#   LIBC_INCLUDE, LIBC_LIB, UAPI_INCLUDE, UAPI_ARCH_INCLUDE, LIBGCC_A, DEPS_PREFIX
# shellcheck shell=bash

TOOLCHAIN=/opt/swift/usr
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
BUILD="$ROOT/build"
ALL_TARGETS=(x86_64 aarch64 armv7hf armv6 mipsel)
CLANG_RESOURCE_INCLUDE="$TOOLCHAIN/lib/clang/$("$TOOLCHAIN/bin/clang" -dumpversion | cut -d. -f1)/include"

target_info() {
    SWIFT_FLAGS=()
    SWIFT_VIA_IR=no
    case "$1" in
    x86_64)
        DEB_ARCH=amd64; LIBGCC_ARCH=amd64; GNU_TRIPLET=x86_64-linux-gnu; MUSL_TRIPLET=x86_64-linux-musl
        CLANG_FLAGS=(--target=x86_64-linux-musl)
        # The toolchain's Embedded stdlib for this Linux triple is used with musl headers: the
        # stdlib itself makes no libc assumptions beyond what musl provides (plus arc4random_buf,
        # see Toolchains/support/).
        SWIFT_TARGET=x86_64-unknown-linux-gnu ;;
    aarch64)
        DEB_ARCH=arm64; LIBGCC_ARCH=arm64; GNU_TRIPLET=aarch64-linux-gnu; MUSL_TRIPLET=aarch64-linux-musl
        CLANG_FLAGS=(--target=aarch64-linux-musl)
        SWIFT_TARGET=aarch64-none-none-elf ;;
    armv7hf)
        # Debian armhf's baseline: ARMv7-A, Thumb-2, VFPv3-D16, hard-float calling convention.
        DEB_ARCH=armhf; LIBGCC_ARCH=armhf; GNU_TRIPLET=arm-linux-gnueabihf; MUSL_TRIPLET=arm-linux-musleabihf
        CLANG_FLAGS=(--target=armv7a-linux-musleabihf -mfloat-abi=hard -mfpu=vfpv3-d16)
        SWIFT_TARGET=armv7-none-none-eabi
        SWIFT_FLAGS=(-Xcc -mfloat-abi=hard -Xcc -mfpu=vfpv3-d16) ;;
    armv6)
        # ARM1176JZF-S (AST2500 BMC; the same binary runs on AST2600's Cortex-A7). Debian's armhf
        # musl is ARMv7 code (SIGILL on arm1176) and armel's is soft-float, so deps.sh rebuilds musl
        # for ARMv6 hard float. armel's libgcc.a (ARMv5TE) supplies the integer helpers, whose
        # calling convention does not depend on the float ABI. uapi headers are the same for all
        # 32-bit ARM.
        DEB_ARCH=armel; LIBGCC_ARCH=armel; GNU_TRIPLET=arm-linux-gnueabi; MUSL_TRIPLET=""
        CLANG_FLAGS=(--target=armv6-linux-musleabihf -mcpu=arm1176jzf-s -mfloat-abi=hard -mfpu=vfpv2)
        SWIFT_TARGET=armv6-none-none-eabi
        SWIFT_FLAGS=(-Xcc -mcpu=arm1176jzf-s -Xcc -mfloat-abi=hard -Xcc -mfpu=vfpv2) ;;
    mipsel)
        # swiftc rejects every MIPS triple: cross.sh compiles Swift as armv7 IR against mipsel
        # headers and retargets the IR (limits in Toolchains/README.md).
        DEB_ARCH=mipsel; LIBGCC_ARCH=mipsel; GNU_TRIPLET=mipsel-linux-gnu; MUSL_TRIPLET=mipsel-linux-musl
        CLANG_FLAGS=(--target=mipsel-linux-musl)
        SWIFT_TARGET=armv7-none-none-eabi
        # The C view must be mipsel's where it differs from ARM's: architecture macros, o32, and
        # the C types whose ARM definitions clash with musl's mipsel headers (wchar_t is int,
        # char is signed).
        SWIFT_FLAGS=(-Xcc -U__arm__ -Xcc -U__ARM_EABI__ -Xcc -D__mips__ -Xcc -D__mips=32 -Xcc -D_MIPS_SIM=1
                     -Xcc -D__MIPSEL__ -Xcc -D_MIPSEL
                     -Xcc -U__WCHAR_TYPE__ -Xcc -D__WCHAR_TYPE__=int -Xcc -U__WCHAR_UNSIGNED__ -Xcc -fsigned-char)
        SWIFT_VIA_IR=yes ;;
    *) echo "unknown target '$1' (expected one of: ${ALL_TARGETS[*]})" >&2; return 1 ;;
    esac
    SYSROOT="$BUILD/sysroot/$1"
    if [[ -n "$MUSL_TRIPLET" ]]; then
        LIBC_INCLUDE="$SYSROOT/usr/include/$MUSL_TRIPLET"
        LIBC_LIB="$SYSROOT/usr/lib/$MUSL_TRIPLET"
    else
        LIBC_INCLUDE="$SYSROOT/musl/include"
        LIBC_LIB="$SYSROOT/musl/lib"
    fi
    UAPI_INCLUDE="$SYSROOT/usr/include"
    UAPI_ARCH_INCLUDE="$SYSROOT/usr/include/$GNU_TRIPLET"
    LIBGCC_A="$SYSROOT/usr/lib/gcc/$GNU_TRIPLET/12/libgcc.a"
    DEPS_PREFIX="$BUILD/deps/$1"
}

# The C include path of a target, in search order: clang's own headers, musl, Linux uapi.
target_c_includes() {
    printf '%s\n' -nostdinc -isystem "$CLANG_RESOURCE_INCLUDE" -isystem "$LIBC_INCLUDE" \
        -isystem "$UAPI_INCLUDE" -isystem "$UAPI_ARCH_INCLUDE"
}
