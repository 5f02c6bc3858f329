#!/usr/bin/env bash
# `make fuzz`: builds each libFuzzer target of Fuzz/ with -sanitize=fuzzer,address
# (optimized, with -enable-testing for its `@testable import`; scratch path
# .build-fuzz, apart from the normal build) and runs it for
# FUZZ_SECONDS (default 60) on a working corpus seeded from Content/ and
# Tests/Fixtures. Prints executions, exec/s and crashes per target; crashers are
# kept in .build-fuzz/crashes/<target>/ and the run fails if there is any. Turn
# each into a regression test: copy it to Tests/Fixtures/fuzz/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
SECONDS_EACH=${FUZZ_SECONDS:-60}
SCRATCH=.build-fuzz
TARGETS=(${FUZZ_TARGETS:-FuzzDirectives FuzzFrontMatter FuzzChapter})
CONFIG=${FUZZ_CONFIG:-release}
FLAGS=(-c "$CONFIG" -Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing)

mkdir -p "$SCRATCH/logs"
for target in "${TARGETS[@]}"; do
    echo "Building $target..."
    # The gold linker warns once per ASan symbol it cannot export; only real problems are shown.
    if ! "$SWIFT" build --scratch-path "$SCRATCH" --product "$target" "${FLAGS[@]}" >"$SCRATCH/logs/build-$target.log" 2>&1; then
        grep -v "Cannot export local symbol" "$SCRATCH/logs/build-$target.log" >&2
        exit 1
    fi
done
bin=$("$SWIFT" build --scratch-path "$SCRATCH" "${FLAGS[@]}" --show-bin-path)

seeds() {
    case "$1" in
        FuzzFrontMatter) find Content Tests/Fixtures -type f \( -name '*.md' -o -name '*.yaml' \) ;;
        *) find Content Tests/Fixtures -type f -name '*.md' ;;
    esac
}

summary=()
failed=0
for target in "${TARGETS[@]}"; do
    corpus="$SCRATCH/corpus/$target"
    seed="$SCRATCH/seeds/$target"
    crashes="$SCRATCH/crashes/$target"
    rm -rf "$seed"
    mkdir -p "$corpus" "$seed" "$crashes"
    seeds "$target" | while read -r file; do cp "$file" "$seed/$(echo "$file" | tr '/' '_')"; done
    dict=Fuzz/dictionaries/markdown.dict
    [ "$target" = FuzzFrontMatter ] && dict=Fuzz/dictionaries/yaml.dict
    log="$SCRATCH/logs/$target.log"
    before=$(ls "$crashes" | wc -l)
    echo "Fuzzing $target for ${SECONDS_EACH} s..."
    # The Swift runtime's own crash backtracer would fight ASan and libFuzzer for the crash.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$bin/$target" \
        -max_total_time="$SECONDS_EACH" -max_len=16384 -timeout=10 -rss_limit_mb=4096 \
        -dict="$dict" -artifact_prefix="$crashes/" -print_final_stats=1 \
        "$corpus" "$seed" >"$log" 2>&1 || true
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    found=$(( $(ls "$crashes" | wc -l) - before ))
    if grep -q "ERROR: libFuzzer\|ERROR: AddressSanitizer\|Fatal error" "$log"; then found=$(( found > 0 ? found : 1 )); fi
    [ "$found" -gt 0 ] && failed=1
    summary+=("$(printf '%-16s %5s s  %10s runs  %7s exec/s  %s crash(es)' "$target" "$SECONDS_EACH" "${runs:-?}" "${rate:-?}" "$found")")
done
echo
printf '%s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
    echo "Crashers are in $SCRATCH/crashes/ (logs in $SCRATCH/logs/): copy each to Tests/Fixtures/fuzz/<target>/." >&2
    exit 1
fi
