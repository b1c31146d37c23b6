#!/usr/bin/env bash
# The README's main command: installs what is needed, builds minerva-connect for every target,
# runs its selftest on each under qemu-user and prints the size report.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

Toolchains/packages.sh
Toolchains/deps.sh all
Toolchains/cross.sh
status=0
targets=$(Toolchains/cross.sh --list)   # its own statement, so a failure stops the run
for target in $targets; do
    echo "=== selftest $target"
    Toolchains/qemu-run.sh "$target" selftest || status=1
done
Toolchains/size-report.sh
exit $status
