#!/usr/bin/env bash
# The non-GUI tests again under AddressSanitizer + UndefinedBehaviorSanitizer (every finding fatal),
# built with Clang into build-sanitize/, then each libFuzzer target fuzzed for a fixed time.
#   scripts/check-sanitizers.sh            # build, run the unit and integration tests, fuzz 20 s each
#   FUZZ_SECONDS=300 scripts/check-sanitizers.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# Clang and its sanitizer/libFuzzer runtimes, on top of what the project needs anyway.
VKSIGNUP_PACKAGES+=(clang libclang-rt-dev)
vksignup_install_deps

build=${VKSIGNUP_SANITIZE_BUILD:-$VKSIGNUP_ROOT/build-sanitize}
fuzz_seconds=${FUZZ_SECONDS:-20}
export CCACHE_BASEDIR="$VKSIGNUP_ROOT" CCACHE_NOHASHDIR=1

if [ ! -f "$build/CMakeCache.txt" ]; then
  vksignup_log "Configuring the sanitizer build into $build"
  cmake -S "$VKSIGNUP_ROOT" -B "$build" -G "Unix Makefiles" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DVKSIGNUP_SANITIZE=address,undefined -DVKSIGNUP_FUZZ=ON >/dev/null
fi
vksignup_log "Building the non-GUI tests and fuzz targets with ASan + UBSan"
cmake --build "$build" --parallel "$(nproc)" --target nongui_tests

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$VKSIGNUP_ROOT/tests/fuzz/lsan.supp:print_suppressions=0
vksignup_log "Running the unit and integration tests under the sanitizers"
(cd "$build" && ctest --output-on-failure --parallel "$(nproc)" -L 'unit|integration' "$@")

vksignup_log "Fuzzing each target for ${fuzz_seconds} s"
mkdir -p "$build/fuzz-artifacts"
for corpus in "$VKSIGNUP_ROOT"/tests/fuzz/corpus/*/; do
  target=$(basename "$corpus")
  work=$(mktemp -d)
  # New inputs go to a scratch folder: the committed corpus stays as it is.
  "$build/tests/fuzz/fuzz_$target" -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/" "$work" "$corpus" 2>"$work.log" || { tail -50 "$work.log"; vksignup_log "Failing inputs are in $build/fuzz-artifacts/"; exit 1; }
  grep -E '^stat::number_of_executed_units' "$work.log" | sed "s/^/fuzz_$target: /"
  rm -rf "$work" "$work.log"
done
vksignup_log "Sanitizer and fuzz checks passed"
