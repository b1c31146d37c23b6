#!/usr/bin/env bash
# The README's test command: installs what is needed, then runs every test there is.
#   1. Debian packages (Toolchains/packages.sh) and the C libraries (Toolchains/deps.sh)
#   2. swift test — the whole host test suite (needs root: it makes network namespaces)
#   3. Embedded cross builds for every target, and `selftest` of each under qemu-user
#   4. the libFuzzer targets, each for a bounded time
# Ends with one summary line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

passed=0 failed=0 failures=()
step() {
    local name=$1; shift
    echo "=== $name"
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}

Toolchains/packages.sh
Toolchains/deps.sh all

step "swift test" swift test
step "cross build" Toolchains/cross.sh
targets=$(Toolchains/cross.sh --list)   # its own statement, so a failure stops the run
for target in $targets; do
    step "selftest $target" Toolchains/qemu-run.sh "$target" selftest
done
step "fuzz" Toolchains/fuzz.sh "${FUZZ_SECONDS:-20}"
Toolchains/size-report.sh || true

for name in "${failures[@]+"${failures[@]}"}"; do echo "FAILED: $name"; done
echo "steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
