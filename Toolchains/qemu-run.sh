#!/usr/bin/env bash
# Runs a cross-built binary on this x86_64 machine: natively for x86_64, under the matching
# qemu user-mode emulator otherwise (called explicitly, so no binfmt registration is needed).
#
#   Toolchains/qemu-run.sh <x86_64|aarch64|armv7hf|armv6|mipsel> [args…]
#
# armv6 runs on an emulated ARM1176 (the AST2500's core), so ARMv7-only instructions trap as they
# would on the hardware. The exit status is the program's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Sets EMULATOR to the command line prefix for the target (empty: run natively).
EMULATOR=()
select_emulator() {
    case "$1" in
    x86_64) EMULATOR=() ;;
    aarch64) EMULATOR=(qemu-aarch64-static) ;;
    armv7hf) EMULATOR=(qemu-arm-static) ;;
    armv6) EMULATOR=(qemu-arm-static -cpu arm1176) ;;
    mipsel) EMULATOR=(qemu-mipsel-static) ;;
    *) echo "qemu-run: unknown target '$1' (x86_64 aarch64 armv7hf armv6 mipsel)" >&2; exit 2 ;;
    esac
}

main() {
    [[ $# -ge 1 ]] || { echo "usage: $0 <target> [args…]" >&2; exit 2; }
    local target="$1"; shift
    local binary="$ROOT/build/$target/minerva-connect"
    select_emulator "$target"
    [[ -x "$binary" ]] || { echo "qemu-run: $binary missing; run Toolchains/cross.sh $target" >&2; exit 2; }
    if [[ ${#EMULATOR[@]} -gt 0 ]] && ! command -v "${EMULATOR[0]}" >/dev/null; then
        echo "qemu-run: ${EMULATOR[0]} missing; run Toolchains/packages.sh" >&2; exit 2
    fi
    exec "${EMULATOR[@]}" "$binary" "$@"
}

main "$@"
