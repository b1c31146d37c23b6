#!/usr/bin/env bash
# Builds the C dependencies of Minerva Connect: mbedTLS 3.6 and libcbor 0.10 as static libraries,
# for the host (glibc, -fPIC, used by `swift test`) and for every shipped target (musl, -Os), plus
# the per-target sysroots (musl, Linux uapi headers, libgcc) that Toolchains/cross.sh links against.
#
#   Toolchains/deps.sh [host|x86_64|aarch64|armv7hf|armv6|mipsel|all]    (default: all)
#
# Everything lands under build/ (gitignored). Every step checks for its own output first, so a
# second run only verifies. Sources and other-architecture .debs come through a PRIVATE apt
# configuration (build/apt/): the machine's apt sources, lists and dpkg architectures stay untouched.
# Why Debian source packages rather than Debian's -dev packages: bookworm ships mbedTLS 2.28 (end of
# life, built for glibc with fortify) and libcbor 0.8 as shared objects only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=Toolchains/targets.sh
source "$ROOT/Toolchains/targets.sh"
APT_DIR="$BUILD/apt"
SRC_DIR="$BUILD/src"
DEB_DIR="$BUILD/debs"
OBJ_DIR="$BUILD/obj"

CLANG="$TOOLCHAIN/bin/clang"
AR="$TOOLCHAIN/bin/llvm-ar"
RANLIB="$TOOLCHAIN/bin/llvm-ranlib"
JOBS=2   # the machine is shared; more parallelism does not pay

# The Debian architectures the private apt configuration knows: those of the target table.
deb_arches() {
    local target
    for target in "${ALL_TARGETS[@]}"; do
        target_info "$target"
        printf '%s\n' "$DEB_ARCH" "$LIBGCC_ARCH"
    done | sort -u
}

# Versions are pinned by suite: trixie carries mbedTLS 3.6.x and libcbor 0.10.x, bookworm musl 1.2.3
# (the musl whose binary packages we link against for the other targets).
MBEDTLS_SRC="mbedtls/trixie"
LIBCBOR_SRC="libcbor/trixie"
MUSL_SRC="musl/bookworm"

log() { printf '[deps] %s\n' "$*" >&2; }
die() { printf '[deps] error: %s\n' "$*" >&2; exit 1; }

# --- private apt ----------------------------------------------------------------------------------
mirror_uri() {
    # Reuse whatever mirror the machine itself uses.
    awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources
}

write_apt_config() {
    local mirror keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    mirror="$(mirror_uri)"
    mkdir -p "$APT_DIR"/{lists/partial,cache/archives/partial,etc/apt.conf.d,etc/preferences.d,etc/sources.list.d}
    touch "$APT_DIR/status"
    cat >"$APT_DIR/sources.list" <<EOF
deb [signed-by=$keyring] $mirror bookworm main
deb-src [signed-by=$keyring] $mirror bookworm main
deb-src [signed-by=$keyring] $mirror trixie main
EOF
    cat >"$APT_DIR/apt.conf" <<EOF
Dir::State "$APT_DIR";
Dir::State::Lists "$APT_DIR/lists";
Dir::State::status "$APT_DIR/status";
Dir::Cache "$APT_DIR/cache";
Dir::Etc::Main "$APT_DIR/etc/apt.conf";
Dir::Etc::Parts "$APT_DIR/etc/apt.conf.d";
Dir::Etc::Preferences "$APT_DIR/etc/preferences";
Dir::Etc::PreferencesParts "$APT_DIR/etc/preferences.d";
Dir::Etc::SourceList "$APT_DIR/sources.list";
Dir::Etc::SourceParts "$APT_DIR/etc/sources.list.d";
APT::Architecture "amd64";
APT::Architectures { $(deb_arches | sed 's/.*/"&";/' | tr '\n' ' ')};
APT::Sandbox::User "root";
Acquire::Languages "none";
EOF
    touch "$APT_DIR/etc/apt.conf"
}

papt() { APT_CONFIG="$APT_DIR/apt.conf" "$@"; }

apt_update() {
    write_apt_config
    # Refresh at most once a day: the lists are only needed to locate versions.
    if [[ -n "$(find "$APT_DIR/lists" -maxdepth 1 -name '*_InRelease' -mmin -1440 2>/dev/null)" ]]; then
        return
    fi
    log "apt: updating private package lists"
    papt apt-get -q update >"$APT_DIR/update.log" 2>&1 || { cat "$APT_DIR/update.log" >&2; die "apt-get update failed"; }
}

# fetch_source <pkg/suite> <dir-glob>: unpacks a Debian source package under build/src once.
# Some mirrors lack a source package's .dsc / Debian diff while still carrying the upstream tarball
# (seen for libcbor 0.10.2-2): then the tarball, checked against the Sources index, is unpacked as
# is. Debian's patches do not matter for a static build of these libraries.
fetch_source() {
    local spec="$1" glob="$2" name="${1%%/*}" dir dsc orig
    dir="$(find "$SRC_DIR" -maxdepth 1 -type d -name "$glob" 2>/dev/null | head -n1)"
    if [[ -n "$dir" ]]; then echo "$dir"; return; fi
    apt_update
    log "source: fetching $spec"
    mkdir -p "$SRC_DIR"
    (cd "$SRC_DIR" && papt apt-get -q source --download-only "$spec" >"$SRC_DIR/$name.log" 2>&1) \
        || log "source: $spec incomplete on the mirror (see $SRC_DIR/$name.log), trying its upstream tarball"
    dsc="$(find "$SRC_DIR" -maxdepth 1 -name "${name}_*.dsc" | head -n1)"
    orig="$(find "$SRC_DIR" -maxdepth 1 -name "${name}_*.orig.tar.*" | head -n1)"
    if [[ -n "$dsc" ]]; then
        (cd "$SRC_DIR" && dpkg-source -x "$dsc" >>"$SRC_DIR/$name.log" 2>&1) || die "dpkg-source -x $dsc failed"
    elif [[ -n "$orig" ]]; then
        verify_against_sources_index "$name" "$orig"
        tar -xf "$orig" -C "$SRC_DIR"
    else
        cat "$SRC_DIR/$name.log" >&2; die "apt-get source $spec fetched nothing usable"
    fi
    dir="$(find "$SRC_DIR" -maxdepth 1 -type d -name "$glob" | head -n1)"
    [[ -n "$dir" ]] || die "source $spec unpacked into nothing matching $glob"
    echo "$dir"
}

# verify_against_sources_index <pkg> <file>: the file's SHA-256 must be the one apt's signed
# Sources index lists for it.
verify_against_sources_index() {
    local expected actual
    expected="$(papt apt-cache showsrc "$1" | awk -v f="$(basename "$2")" '$3 == f && length($1) == 64 { print $1; exit }')"
    actual="$(sha256sum "$2" | cut -d' ' -f1)"
    [[ -n "$expected" && "$expected" == "$actual" ]] || die "$2: SHA-256 $actual does not match the Sources index ('$expected')"
}

# fetch_deb <pkg> <arch>: downloads one binary package into build/debs/<arch>/ once.
fetch_deb() {
    local pkg="$1" arch="$2" found
    mkdir -p "$DEB_DIR/$arch"
    found="$(find "$DEB_DIR/$arch" -maxdepth 1 -name "${pkg}_*_${arch}.deb" | head -n1)"
    if [[ -n "$found" ]]; then echo "$found"; return; fi
    apt_update
    log "deb: downloading $pkg:$arch"
    (cd "$DEB_DIR/$arch" && papt apt-get -q download "$pkg:$arch" >/dev/null 2>"$DEB_DIR/$arch/$pkg.log") \
        || { cat "$DEB_DIR/$arch/$pkg.log" >&2; die "apt-get download $pkg:$arch failed"; }
    find "$DEB_DIR/$arch" -maxdepth 1 -name "${pkg}_*_${arch}.deb" | head -n1
}

# --- compiling ------------------------------------------------------------------------------------
# compile_all <objdir> <flags…> -- <sources…>: compiles each source to one object, JOBS at a time,
# skipping objects newer than their source.
compile_all() {
    local objdir="$1"; shift
    local flags=() srcs=()
    while [[ "$1" != "--" ]]; do flags+=("$1"); shift; done
    shift
    srcs=("$@")
    mkdir -p "$objdir"
    local src obj
    for src in "${srcs[@]}"; do
        obj="$objdir/$(basename "${src%.c}").o"
        [[ "$obj" -nt "$src" ]] && continue
        printf '%s\0' "$src"
    done | xargs -0 -r -n 1 -P "$JOBS" bash -c \
        'objdir="$1"; src="${!#}"; set -- "${@:2:$#-2}"; exec "$@" -c "$src" -o "$objdir/$(basename "${src%.c}").o"' \
        compile "$objdir" "$CLANG" "${flags[@]}"
}

# archive <lib.a> <objdir>
archive() {
    rm -f "$1"
    "$AR" rcs "$1" "$2"/*.o
}

# --- mbedTLS --------------------------------------------------------------------------------------
# Builds libmbedcrypto/x509/tls.a (one config for every target: the default one) and installs the
# headers. $1 = deps prefix, $2 = object dir, rest = C flags.
build_mbedtls() {
    local prefix="$1" objdir="$2"; shift 2
    local src
    src="$(fetch_source "$MBEDTLS_SRC" 'mbedtls-3.6*')"
    if [[ -f "$prefix/lib/libmbedtls.a" && -f "$prefix/lib/libmbedx509.a" && -f "$prefix/lib/libmbedcrypto.a" ]]; then
        return
    fi
    log "mbedtls: compiling $(basename "$src") into $prefix"
    local flags=("$@" -I"$src/include" -I"$src/library")
    compile_all "$objdir/mbedcrypto" "${flags[@]}" -- $(mbedtls_sources "$src" crypto)
    compile_all "$objdir/mbedx509" "${flags[@]}" -- $(mbedtls_sources "$src" x509)
    compile_all "$objdir/mbedtls" "${flags[@]}" -- $(mbedtls_sources "$src" tls)
    mkdir -p "$prefix/lib" "$prefix/include"
    archive "$prefix/lib/libmbedcrypto.a" "$objdir/mbedcrypto"
    archive "$prefix/lib/libmbedx509.a" "$objdir/mbedx509"
    archive "$prefix/lib/libmbedtls.a" "$objdir/mbedtls"
    cp -R "$src/include/mbedtls" "$src/include/psa" "$prefix/include/"
}

# mbedtls_sources <src> crypto|x509|tls: the split of library/*.c that mbedTLS's own Makefile uses.
mbedtls_sources() {
    local src="$1" part="$2" f name
    for f in "$src"/library/*.c; do
        name="$(basename "$f")"
        case "$name" in
        x509*.c|pkcs7.c) [[ "$part" == x509 ]] && echo "$f" ;;
        ssl*.c|debug.c|mps_*.c|net_sockets.c) [[ "$part" == tls ]] && echo "$f" ;;
        *) [[ "$part" == crypto ]] && echo "$f" ;;
        esac
    done
}

# --- libcbor --------------------------------------------------------------------------------------
build_libcbor() {
    local prefix="$1" objdir="$2"; shift 2
    local src
    src="$(fetch_source "$LIBCBOR_SRC" 'libcbor-0.10*')"
    if [[ -f "$prefix/lib/libcbor.a" && -f "$prefix/include/cbor/configuration.h" ]]; then
        return
    fi
    log "libcbor: compiling $(basename "$src") into $prefix"
    mkdir -p "$prefix/lib" "$prefix/include/cbor"
    write_libcbor_generated_headers "$src" "$prefix/include/cbor"
    compile_all "$objdir/cbor" "$@" -DNDEBUG -I"$src/src" -I"$prefix/include" -- \
        "$src"/src/*.c "$src"/src/cbor/*.c "$src"/src/cbor/internal/*.c
    archive "$prefix/lib/libcbor.a" "$objdir/cbor"
    cp "$src/src/cbor.h" "$prefix/include/"
    cp "$src"/src/cbor/*.h "$prefix/include/cbor/"
}

# libcbor's CMake build generates two headers. configuration.h comes from the source's own
# configuration.h.in with CMakeLists.txt's values (version, defaults for buffer growth, stack size,
# pretty printer on, C99 restrict); cbor_export.h is what CMake's GenerateExportHeader writes for a
# static library.
write_libcbor_generated_headers() {
    local src="$1" out="$2" major minor patch
    major="$(cmake_set_value "$src/CMakeLists.txt" CBOR_VERSION_MAJOR)"
    minor="$(cmake_set_value "$src/CMakeLists.txt" CBOR_VERSION_MINOR)"
    patch="$(cmake_set_value "$src/CMakeLists.txt" CBOR_VERSION_PATCH)"
    [[ -n "$major" && -n "$minor" && -n "$patch" ]] || die "libcbor version not found in $src/CMakeLists.txt"
    sed -e "s/\${CBOR_VERSION_MAJOR}/$major/; s/\${CBOR_VERSION_MINOR}/$minor/; s/\${CBOR_VERSION_PATCH}/$patch/" \
        -e 's/\${CBOR_BUFFER_GROWTH}/2/; s/\${CBOR_MAX_STACK_SIZE}/2048/' \
        -e 's/^#cmakedefine01 CBOR_PRETTY_PRINTER/#define CBOR_PRETTY_PRINTER 1/' \
        -e 's/\${CBOR_RESTRICT_SPECIFIER}/restrict/; s/\${CBOR_INLINE_SPECIFIER}//' \
        "$src/src/cbor/configuration.h.in" >"$out/configuration.h"
    if grep -q '\${\|#cmakedefine' "$out/configuration.h"; then die "unsubstituted values in $out/configuration.h"; fi
    cat >"$out/cbor_export.h" <<'EOF'
#ifndef CBOR_EXPORT_H
#define CBOR_EXPORT_H

/* Static library: nothing to export or import. */
#define CBOR_EXPORT
#define CBOR_NO_EXPORT
#define CBOR_DEPRECATED __attribute__((__deprecated__))
#define CBOR_DEPRECATED_EXPORT CBOR_EXPORT CBOR_DEPRECATED
#define CBOR_DEPRECATED_NO_EXPORT CBOR_NO_EXPORT CBOR_DEPRECATED

#endif // CBOR_EXPORT_H
EOF
}

# cmake_set_value <CMakeLists.txt> <NAME>: the quoted value of `set(NAME "value")` (any case).
cmake_set_value() {
    sed -n "s/^[Ss][Ee][Tt](${2} \"\([^\"]*\)\")/\1/p" "$1" | head -n1
}

# --- host -----------------------------------------------------------------------------------------
build_host() {
    local prefix="$BUILD/deps/host"
    local flags=(-O2 -fPIC -ffunction-sections -fdata-sections -w)
    build_mbedtls "$prefix" "$OBJ_DIR/host" "${flags[@]}"
    build_libcbor "$prefix" "$OBJ_DIR/host" "${flags[@]}"
    log "host: ready ($prefix)"
}

# --- sysroots -------------------------------------------------------------------------------------
# extract_deb <pkg> <arch> <sysroot>: unpacks a .deb into the sysroot once (a stamp file records it).
extract_deb() {
    local pkg="$1" arch="$2" sysroot="$3" deb stamp
    stamp="$sysroot/.extracted-$pkg-$arch"
    [[ -f "$stamp" ]] && return
    deb="$(fetch_deb "$pkg" "$arch")"
    log "sysroot: unpacking $(basename "$deb") into $sysroot"
    mkdir -p "$sysroot"
    dpkg-deb -x "$deb" "$sysroot"
    touch "$stamp"
}

build_sysroot() {
    local target="$1"
    target_info "$target"
    extract_deb linux-libc-dev "$DEB_ARCH" "$SYSROOT"
    extract_deb libgcc-12-dev "$LIBGCC_ARCH" "$SYSROOT"
    if [[ -n "$MUSL_TRIPLET" ]]; then
        extract_deb musl-dev "$DEB_ARCH" "$SYSROOT"
    else
        build_musl "$target"
    fi
    local f
    for f in "$LIBC_INCLUDE/stdio.h" "$LIBC_LIB/libc.a" "$LIBC_LIB/crt1.o" "$UAPI_INCLUDE/linux/rtnetlink.h" \
        "$UAPI_ARCH_INCLUDE/asm/types.h" "$LIBGCC_A"; do
        [[ -e "$f" ]] || die "$target sysroot lacks $f"
    done
}

# build_musl <target>: musl from Debian's source package, configured for the target's CLANG_FLAGS,
# installed (static only) into the sysroot's musl/ folder. Used where Debian's binary musl does not
# fit the CPU and float ABI (armv6).
build_musl() {
    local target="$1" src builddir
    [[ -f "$LIBC_LIB/libc.a" && -f "$LIBC_INCLUDE/stdio.h" ]] && return
    src="$(fetch_source "$MUSL_SRC" 'musl-1.2.3')"
    builddir="$OBJ_DIR/$target/musl"
    log "musl: building $(basename "$src") for $target (${CLANG_FLAGS[*]})"
    rm -rf "$builddir"; mkdir -p "$builddir"
    (
        cd "$builddir"
        CC="$CLANG ${CLANG_FLAGS[*]}" AR="$AR" RANLIB="$RANLIB" \
            "$src/configure" --target=arm-linux-musleabihf --disable-shared --prefix="$SYSROOT/musl" \
            --syslibdir="$SYSROOT/musl/lib" >configure.log 2>&1 \
            || { cat configure.log >&2; exit 1; }
        make -j"$JOBS" >make.log 2>&1 && make install >>make.log 2>&1 || { tail -30 make.log >&2; exit 1; }
    ) || die "musl build for $target failed"
}

# --- target libraries -----------------------------------------------------------------------------
build_target() {
    local target="$1"
    build_sysroot "$target"
    local includes
    mapfile -t includes < <(target_c_includes)
    local flags=("${CLANG_FLAGS[@]}" "${includes[@]}" -Os -ffunction-sections -fdata-sections -w)
    build_mbedtls "$DEPS_PREFIX" "$OBJ_DIR/$target" "${flags[@]}"
    build_libcbor "$DEPS_PREFIX" "$OBJ_DIR/$target" "${flags[@]}"
    log "$target: ready ($DEPS_PREFIX)"
}

main() {
    local what="${1:-all}" target
    case "$what" in
    host) build_host ;;
    all)
        build_host
        for target in "${ALL_TARGETS[@]}"; do build_target "$target"; done ;;
    *)
        target_info "$what" >/dev/null || die "unknown target '$what' (expected: host ${ALL_TARGETS[*]} all)"
        build_target "$what" ;;
    esac
}

main "$@"
