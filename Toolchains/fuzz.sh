#!/usr/bin/env bash
# Builds every libFuzzer target in Fuzz/ and runs each for a bounded time.
#
#   Toolchains/fuzz.sh [seconds-per-target] [target-name…]
#
# A target is Fuzz/<name>.swift defining `LLVMFuzzerTestOneInput`; its first line names the Swift
# modules it needs, in dependency order: `// modules: Platform Netlink`. Those modules are compiled
# straight from Sources/ with coverage instrumentation (`-sanitize=fuzzer,address`), so a fuzz build
# never disturbs the SwiftPM build. Seed inputs, if any, live in Fuzz/corpus/<name>/ (read-only);
# findings go to build/fuzz/<name>/. Prints one line per target: executions and crashes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

seconds=${1:-20}
shift || true
root=$PWD
out=$root/build/fuzz
deps=$root/build/deps/host
mkdir -p "$out"

# C libraries the modules may link against (host builds from Toolchains/deps.sh).
c_libs=("$deps/lib/libmbedtls.a" "$deps/lib/libmbedx509.a" "$deps/lib/libmbedcrypto.a" "$deps/lib/libcbor.a")
c_flags=(-Xcc -D_GNU_SOURCE -Xcc "-I$deps/include"
         -I Sources/CLinux/include -I Sources/CMbedTLS -I Sources/CLibCBOR)
sanitize=-sanitize=fuzzer,address

build_target() {
    local name=$1 file=Fuzz/$1.swift dir=$out/$1
    local modules
    modules=$(sed -n '1s|^// modules: ||p' "$file")
    [ -n "$modules" ] || { echo "fuzz $name: first line must be '// modules: …'" >&2; return 1; }
    rm -rf "$dir/obj" && mkdir -p "$dir/obj" "$dir/findings"
    clang -D_GNU_SOURCE -fsanitize=fuzzer-no-link,address -O1 -c Sources/CLinux/shim.c \
        -I Sources/CLinux/include -o "$dir/obj/CLinux.o"
    local module
    for module in $modules; do
        swiftc $sanitize -parse-as-library -O -wmo -module-name "$module" \
            -emit-module -emit-module-path "$dir/obj/$module.swiftmodule" \
            -emit-object -o "$dir/obj/$module.o" \
            -I "$dir/obj" "${c_flags[@]}" Sources/"$module"/*.swift
    done
    swiftc $sanitize -use-ld=lld -parse-as-library -O -I "$dir/obj" "${c_flags[@]}" "$file" \
        "$dir"/obj/*.o "${c_libs[@]}" -o "$dir/$name"
}

run_target() {
    local name=$1 dir=$out/$1 log=$out/$1/run.log corpus=()
    mkdir -p "$dir/corpus"
    [ -d "Fuzz/corpus/$name" ] && corpus=("$root/Fuzz/corpus/$name")
    local status=0
    (cd "$dir/findings" && "$dir/$name" -max_total_time="$seconds" -rss_limit_mb=2048 \
        -print_final_stats=1 "$dir/corpus" "${corpus[@]+"${corpus[@]}"}") >"$log" 2>&1 || status=$?
    local execs crashes
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    crashes=$(find "$dir/findings" -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' | wc -l)
    echo "fuzz $name: ${execs:-0} executions in ${seconds}s, $crashes findings (status $status)"
    if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        tail -40 "$log"
        return 1
    fi
}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for file in Fuzz/*.swift; do [ -e "$file" ] && targets+=("$(basename "$file" .swift)"); done
fi
failed=0
for name in "${targets[@]+"${targets[@]}"}"; do
    build_target "$name" && run_target "$name" || failed=1
done
exit $failed
