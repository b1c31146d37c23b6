#!/usr/bin/env bash
# Compiles every module under Sources/ as Embedded Swift (C targets with clang) for each shipped
# target and links one static, stripped binary per target: build/<target>/minerva-connect.
#
#   Toolchains/cross.sh [x86_64 aarch64 armv7hf armv6 mipsel]    (default: all five)
#   Toolchains/cross.sh --list                                   (the target names, one per line)
#
# Needs Toolchains/deps.sh <target> first (sysroot, mbedTLS, libcbor). The module list, dependency
# order, source files and C defines come from `swift package describe` / `dump-package`, so a new
# target in Package.swift needs no change here. Per target, under build/<target>/:
#   modules/       .swiftmodule of every Swift library (for the modules that import it)
#   obj/           one object per module (whole-module compilation), C objects, the support shim
#   module-cache/  clang module cache: one per target, because a stale cache silently keeps another
#                  libc's definitions
#   minerva-connect, minerva-connect.unstripped
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=Toolchains/targets.sh
source "$ROOT/Toolchains/targets.sh"
SUPPORT="$ROOT/Toolchains/support"

SWIFT="$TOOLCHAIN/bin/swift"
SWIFTC="$TOOLCHAIN/bin/swiftc"
CLANG="$TOOLCHAIN/bin/clang"
LLD="$TOOLCHAIN/bin/ld.lld"
OBJCOPY="$TOOLCHAIN/bin/llvm-objcopy"
EMBEDDED_LIBS="$TOOLCHAIN/lib/swift/embedded"

# SwiftPM system-library targets and the static libraries (from deps.sh) behind them, in link order.
# SwiftPM's own Embedded builds ignore module-map `link` lines too, so this table is the one place.
declare -A SYSTEM_LIBRARIES=(
    [CMbedTLS]="mbedtls mbedx509 mbedcrypto"
    [CLibCBOR]="cbor"
)

log() { printf '[cross] %s\n' "$*" >&2; }
die() { printf '[cross] error: %s\n' "$*" >&2; exit 1; }

# --- the module plan ------------------------------------------------------------------------------
PLAN=()
TARGET=""          # the target being built
SWIFT_VERSION=""   # the language mode SwiftPM builds the package in; the Embedded build uses the same
read_plan() {
    local scratch="$BUILD/package-plan"
    mkdir -p "$scratch"
    (cd "$ROOT" && "$SWIFT" package --scratch-path "$ROOT/.build-cross" describe --type json) \
        >"$scratch/describe.json" 2>"$scratch/describe.err" || { cat "$scratch/describe.err" >&2; die "swift package describe failed"; }
    (cd "$ROOT" && "$SWIFT" package --scratch-path "$ROOT/.build-cross" dump-package) \
        >"$scratch/dump.json" 2>"$scratch/dump.err" || { cat "$scratch/dump.err" >&2; die "swift package dump-package failed"; }
    mapfile -t PLAN < <(python3 "$SUPPORT/plan-modules.py" "$scratch/describe.json" "$scratch/dump.json")
    [[ ${#PLAN[@]} -gt 1 && "${PLAN[0]}" == swift-version$'\t'* ]] || die "no module plan"
    SWIFT_VERSION="${PLAN[0]#swift-version$'\t'}"
    PLAN=("${PLAN[@]:1}")
}

# Include flags every module sees: the module maps of C and system-library targets, the Swift
# modules built so far, the target's dependency headers.
MODULE_INCLUDES=()
module_includes() {
    local out="$1" line kind name module path defines sources
    MODULE_INCLUDES=(-I "$out/modules" -I "$DEPS_PREFIX/include")
    for line in "${PLAN[@]}"; do
        IFS=$'\t' read -r kind name module path defines sources <<<"$line"
        case "$kind" in
        c) MODULE_INCLUDES+=(-I "$ROOT/$path/include") ;;
        system) MODULE_INCLUDES+=(-I "$ROOT/$path") ;;
        esac
    done
}

# --- compiling ------------------------------------------------------------------------------------
# The C view every Swift module and C file gets: musl and the Linux uapi headers, never the host's.
c_flags() {
    local includes
    mapfile -t includes < <(target_c_includes)
    printf '%s\n' "${CLANG_FLAGS[@]}" "${includes[@]}" -Os -ffunction-sections -fdata-sections
}

# MINERVA_TARGET_<TARGET> tells Swift code which shipped target it is built for (`#if arch()`
# cannot: bare-metal triples, and mipsel is compiled as armv7).
# -function-sections: without it each Swift module is one .text section and --gc-sections cannot
# drop the module's unused functions (whole-module compilation emits every public one).
swift_flags() {
    local out="$1" flag includes
    printf '%s\n' -target "$SWIFT_TARGET" "${SWIFT_FLAGS[@]}" -swift-version "$SWIFT_VERSION" \
        -enable-experimental-feature Embedded -wmo -Osize -module-cache-path "$out/module-cache" \
        -Xfrontend -function-sections -D "MINERVA_TARGET_${TARGET^^}" \
        -Xcc -nostdinc -Xcc -D__linux__ -Xcc -D__unix__
    mapfile -t includes < <(target_c_includes)
    for flag in "${includes[@]}"; do
        [[ "$flag" == -nostdinc ]] && continue
        printf '%s\n' -Xcc "$flag"
    done
    printf '%s\n' "${MODULE_INCLUDES[@]}"
}

compile_c_module() {
    local out="$1" name="$2" path="$3" defines="$4" sources="$5" cflags src
    mapfile -t cflags < <(c_flags)
    # shellcheck disable=SC2086   # defines and sources are space-separated lists by construction
    for src in $sources; do
        "$CLANG" "${cflags[@]}" $defines -I "$ROOT/$path/include" -I "$DEPS_PREFIX/include" \
            -c "$ROOT/$src" -o "$out/obj/$name-$(basename "${src%.*}").o"
    done
}

# compile_swift_module <out> <kind> <name> <module> <defines> <sources>
compile_swift_module() {
    local out="$1" kind="$2" name="$3" module="$4" defines="$5" sources="$6" flags role=()
    mapfile -t flags < <(swift_flags "$out")
    [[ "$kind" == swift-library ]] && role=(-parse-as-library -emit-module -emit-module-path "$out/modules/$module.swiftmodule")
    local define cdefines=()
    for define in $defines; do cdefines+=(-Xcc "$define"); done
    local src abs=()
    for src in $sources; do abs+=("$ROOT/$src"); done
    if [[ "$SWIFT_VIA_IR" == yes ]]; then
        "$SWIFTC" "${flags[@]}" "${cdefines[@]}" "${role[@]}" -module-name "$module" \
            -emit-ir -o "$out/obj/$name.ll" "${abs[@]}"
        retarget_ir_to_mipsel "$out/obj/$name.ll" "$out/obj/$name.o"
    else
        "$SWIFTC" "${flags[@]}" "${cdefines[@]}" "${role[@]}" -module-name "$module" \
            -c -o "$out/obj/$name.o" "${abs[@]}"
    fi
}

# --- mipsel: Swift via retargeted LLVM IR ---------------------------------------------------------
# swiftc refuses every MIPS triple although its LLVM has the MIPS backend. Swift code is therefore
# compiled as armv7 LLVM IR, with the C view of mipsel's musl and uapi headers, and the IR is
# retargeted: datalayout and triple become mipsel's, ARM CPU/feature attributes are dropped, and
# clang generates MIPS32 code. Private functions become internal (still local to the object): the
# MIPS backend names private symbols `$name` but emits swiftcc tail calls to them as `name`, which
# then fail to link. Limits (also in Toolchains/README.md):
#   - C structs passed BY VALUE between Swift and C follow the ARM calling convention in the IR and
#     will not match MIPS o32: pass pointers across the C boundary (all of CLinux does).
#   - Swift sees ARM's C type facts (char is unsigned); layouts of ints, pointers and 64-bit
#     alignment are the same as o32.
#   - The toolchain has no mipsel libswiftUnicodeDataTables.a: support/unicode-tables-absent.c
#     stands in, so comparing/hashing non-NFC (non-ASCII) strings or asking for Unicode properties
#     aborts with a message; ASCII strings work as on every other target.
#   - Little-endian only; big-endian MIPS would need byte-order-aware IR.
MIPSEL_DATALAYOUT="e-m:m-p:32:32-i8:8:32-i16:16:32-i64:64-n32-S64"
retarget_ir_to_mipsel() {
    local ir="$1" obj="$2"
    sed -i -E \
        -e "s/^target datalayout = \".*\"/target datalayout = \"$MIPSEL_DATALAYOUT\"/" \
        -e 's/^target triple = ".*"/target triple = "mipsel-unknown-linux-musl"/' \
        -e 's/ "target-cpu"="[^"]*"//g; s/ "target-features"="[^"]*"//g' \
        -e 's/^define private /define internal /' \
        "$ir"
    "$CLANG" --target=mipsel-linux-musl -Os -ffunction-sections -fdata-sections -Wno-override-module \
        -c "$ir" -o "$obj"
}

# --- linking --------------------------------------------------------------------------------------
# Toolchains/support: arc4random_buf, which musl 1.2.3 lacks and the Embedded stdlib calls to seed
# hashing; for mipsel, the stand-ins for the Unicode data tables the toolchain does not ship.
compile_support() {
    local out="$1" cflags
    mapfile -t cflags < <(c_flags)
    "$CLANG" "${cflags[@]}" -c "$SUPPORT/arc4random.c" -o "$out/obj/support-arc4random.o"
    if [[ "$SWIFT_VIA_IR" == yes ]]; then
        "$CLANG" "${cflags[@]}" -c "$SUPPORT/unicode-tables-absent.c" -o "$out/obj/support-unicode-tables-absent.o"
    fi
}

link_binary() {
    local out="$1" target="$2" line kind name module path defines sources libs=() lib
    for line in "${PLAN[@]}"; do
        IFS=$'\t' read -r kind name module path defines sources <<<"$line"
        if [[ "$kind" == system ]]; then
            [[ -n "${SYSTEM_LIBRARIES[$name]:-}" ]] || die "no static libraries known for system library $name"
            for lib in ${SYSTEM_LIBRARIES[$name]}; do libs+=("$DEPS_PREFIX/lib/lib$lib.a"); done
        fi
    done
    if [[ "$SWIFT_VIA_IR" != yes ]]; then
        libs+=("$EMBEDDED_LIBS/$SWIFT_TARGET/libswiftUnicodeDataTables.a")
    fi
    "$LLD" -static --gc-sections -o "$out/minerva-connect.unstripped" \
        "$LIBC_LIB/crt1.o" "$LIBC_LIB/crti.o" "$out"/obj/*.o "${libs[@]}" \
        "$LIBC_LIB/libc.a" "$LIBGCC_A" "$LIBC_LIB/crtn.o"
    "$OBJCOPY" --strip-all "$out/minerva-connect.unstripped" "$out/minerva-connect"
}

# --- per target -----------------------------------------------------------------------------------
build_target() {
    local target="$1" started=$SECONDS
    target_info "$target"
    TARGET="$target"
    [[ -f "$DEPS_PREFIX/lib/libmbedcrypto.a" && -f "$LIBC_LIB/libc.a" ]] \
        || die "$target: dependencies missing, run Toolchains/deps.sh $target"
    local out="$BUILD/$target"
    rm -rf "$out/obj" "$out/modules"
    mkdir -p "$out/obj" "$out/modules" "$out/module-cache"
    module_includes "$out"
    local line kind name module path defines sources
    for line in "${PLAN[@]}"; do
        IFS=$'\t' read -r kind name module path defines sources <<<"$line"
        case "$kind" in
        system) ;;
        c) log "$target: $name (C)"; compile_c_module "$out" "$name" "$path" "$defines" "$sources" ;;
        swift-*) log "$target: $name"; compile_swift_module "$out" "$kind" "$name" "$module" "$defines" "$sources" ;;
        esac
    done
    compile_support "$out"
    link_binary "$out" "$target"
    log "$target: $out/minerva-connect $(stat -c %s "$out/minerva-connect") bytes ($((SECONDS - started)) s)"
}

main() {
    if [[ "${1:-}" == --list ]]; then printf '%s\n' "${ALL_TARGETS[@]}"; return; fi
    local targets=("$@")
    [[ ${#targets[@]} -gt 0 ]] || targets=("${ALL_TARGETS[@]}")
    read_plan
    local target
    for target in "${targets[@]}"; do build_target "$target"; done
}

main "$@"
