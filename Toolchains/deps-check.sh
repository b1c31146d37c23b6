#!/usr/bin/env bash
# Checks what deps.sh built, per target, against known answers: links support/deps-check.c with the
# target's musl, libgcc, mbedTLS and libcbor exactly as cross.sh links the product, and runs it under
# the target's emulator (Toolchains/qemu-run.sh's choice). Prints one line per check; exits non-zero
# if any target fails.
#
#   Toolchains/deps-check.sh [targets…]    (default: all five)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=Toolchains/targets.sh
source "$ROOT/Toolchains/targets.sh"

check_target() {
    local target="$1" out="$BUILD/deps-check/$1" includes
    target_info "$target"
    mapfile -t includes < <(target_c_includes)
    mkdir -p "$out"
    "$TOOLCHAIN/bin/clang" "${CLANG_FLAGS[@]}" "${includes[@]}" -I "$DEPS_PREFIX/include" -Os \
        -c "$ROOT/Toolchains/support/deps-check.c" -o "$out/deps-check.o"
    "$TOOLCHAIN/bin/ld.lld" -static --gc-sections -o "$out/deps-check" \
        "$LIBC_LIB/crt1.o" "$LIBC_LIB/crti.o" "$out/deps-check.o" \
        "$DEPS_PREFIX/lib/libmbedcrypto.a" "$DEPS_PREFIX/lib/libcbor.a" \
        "$LIBC_LIB/libc.a" "$LIBGCC_A" "$LIBC_LIB/crtn.o"
    local emulator=()
    case "$target" in
    aarch64) emulator=(qemu-aarch64-static) ;;
    armv7hf) emulator=(qemu-arm-static) ;;
    armv6) emulator=(qemu-arm-static -cpu arm1176) ;;
    mipsel) emulator=(qemu-mipsel-static) ;;
    esac
    "${emulator[@]}" "$out/deps-check" | sed "s/^/$target: /"
}

main() {
    local targets=("$@") target failed=0
    [[ ${#targets[@]} -gt 0 ]] || targets=("${ALL_TARGETS[@]}")
    for target in "${targets[@]}"; do check_target "$target" || failed=1; done
    return "$failed"
}

main "$@"
