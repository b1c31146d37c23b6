#!/usr/bin/env bash
# Installs (idempotently) every Debian package the builds and tests need, from the machine's own apt
# sources. The Swift toolchain itself lives in /opt/swift and is not a Debian package.
#
#   Toolchains/packages.sh
set -euo pipefail

# One list: add what a build step or test needs, with the reason beside it.
PACKAGES=(
    dpkg-dev          # apt-get source / dpkg-source (deps.sh)
    xz-utils          # unpacking source packages and .debs
    make              # musl's build for armv6 (deps.sh)
    ca-certificates
    python3           # reading `swift package describe` (cross.sh)
    qemu-user-static  # running the cross-built binaries (qemu-run.sh)
    iproute2          # `ip` for tests that compare with the kernel's view
    file              # checking what the cross builds produced
    binutils          # readelf -A (float ABI attributes)
    openssl           # the real peer that judges our certificates, CSRs and CMS (PKI, Voucher tests)
    python3-cbor2     # an independent CBOR/COSE implementation for the COSE voucher interop test
    python3-cryptography  # ... and its ES256 verification
)

log() { printf '[packages] %s\n' "$*" >&2; }

missing_packages() {
    local package
    for package in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${db:Status-Status}\n' "$package" 2>/dev/null | grep -qx installed || echo "$package"
    done
}

# apt-get update only when the lists are missing or older than a day.
lists_are_fresh() {
    [[ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null | head -n1)" ]]
}

main() {
    local missing
    mapfile -t missing < <(missing_packages)
    if [[ ${#missing[@]} -eq 0 ]]; then
        log "all ${#PACKAGES[@]} packages installed"
        return
    fi
    lists_are_fresh || { log "apt-get update"; apt-get -q update >/dev/null; }
    log "installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    log "done"
}

main "$@"
