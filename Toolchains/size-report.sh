#!/usr/bin/env bash
# One line per shipped target: the target and the size in bytes of its stripped static binary
# (build/<target>/minerva-connect from Toolchains/cross.sh). A benchmark, not an assertion:
# targets not built yet say so.
#
#   Toolchains/size-report.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=Toolchains/targets.sh
source "$ROOT/Toolchains/targets.sh"

for target in "${ALL_TARGETS[@]}"; do
    binary="$BUILD/$target/minerva-connect"
    if [[ -f "$binary" ]]; then
        printf '%-8s %10d\n' "$target" "$(stat -c %s "$binary")"
    else
        printf '%-8s %10s\n' "$target" "not-built"
    fi
done
