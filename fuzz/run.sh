#!/usr/bin/env bash
# Runs one libFuzzer target of the fuzz preset's build (fuzz/CMakeLists.txt) and fails on any
# crash, sanitizer report, leak, hang or exhausted memory.
#
#   fuzz/run.sh BUILD_DIR TARGET SECONDS [fresh]
#
# TARGET is csv, hr_extract, matching_problem, npy or request (the program BUILD_DIR/TARGET_fuzz).
# 1. Every input that made it fail before (BUILD_DIR/artifacts/TARGET/) runs again, so a crash
#    found once stays found until it is fixed; then its input belongs in fuzz/corpus/TARGET/.
# 2. The seed corpus fuzz/corpus/TARGET/ runs whole, then the target fuzzes for SECONDS. New
#    inputs go to BUILD_DIR/corpus/TARGET/, kept from run to run (`make fuzz`), or, with "fresh",
#    to BUILD_DIR/test-corpus/TARGET/, emptied first (`make test`, whose time must not grow): the
#    repository's seeds are only read.
# Prints one line, "TARGET: N runs in S s (R/s), corpus C inputs, coverage X" (libFuzzer's
# figures: inputs kept, seeds included; edges covered), the log in BUILD_DIR/logs/TARGET.log
# (TARGET.test.log with "fresh"),
# and on a failure the end of that log and where the input at fault is.
set -euo pipefail

if [ $# -lt 3 ] || [ $# -gt 4 ] || { [ $# -eq 4 ] && [ "$4" != fresh ]; }; then
  echo "usage: fuzz/run.sh BUILD_DIR TARGET SECONDS [fresh]" >&2
  exit 2
fi
build=$(cd "$1" 2>/dev/null && pwd) || { echo "fuzz: no folder $1 (build the fuzz preset: make build-fuzz)" >&2; exit 1; }
target=$2
seconds=$3
source_dir=$(cd "$(dirname "$0")" && pwd)
program=$build/${target}_fuzz
seeds=$source_dir/corpus/$target
[ -x "$program" ] || { echo "fuzz: no $program (build the fuzz preset: make build-fuzz)" >&2; exit 1; }
[ -d "$seeds" ] || { echo "fuzz: no seed corpus $seeds" >&2; exit 1; }

corpus=$build/corpus/$target
artifacts=$build/artifacts/$target
log=$build/logs/$target.log
if [ "${4:-}" = fresh ]; then
  corpus=$build/test-corpus/$target
  log=$build/logs/$target.test.log
  rm -rf "$corpus"
fi
mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"

# The HR extract target reads CSV too.
case $target in
  hr_extract) dict=$source_dir/dict/csv.dict ;;
  *) dict=$source_dir/dict/$target.dict ;;
esac
options=(-timeout=30 -rss_limit_mb=2048 -print_final_stats=1 "-artifact_prefix=$artifacts/")
[ -f "$dict" ] && options+=("-dict=$dict")

# Stack traces with file and line (Debian's llvm-symbolizer is clang 14's; it reads clang 19's
# DWARF); UBSan's reports abort already (-fno-sanitize-recover).
symbolizer=$(command -v llvm-symbolizer-19 || command -v llvm-symbolizer || true)
sanitizer_options="print_stacktrace=1${symbolizer:+:external_symbolizer_path=$symbolizer}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-$sanitizer_options}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-$sanitizer_options}"

fail() {
  echo "fuzz: $target FAILED: $1 (log: $log)" >&2
  grep -v -e '^#[0-9]' -e '^INFO:' -e 'NEW_FUNC' "$log" | tail -n 60 >&2 || true
  exit 1
}

: >"$log"
mapfile -t earlier < <(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
if ((${#earlier[@]})); then
  echo "== the ${#earlier[@]} input(s) that made $target fail before" >>"$log"
  "$program" "${options[@]}" "${earlier[@]}" >>"$log" 2>&1 ||
    fail "an input that failed before still fails: ${earlier[*]}"
fi

echo "== $target for $seconds s" >>"$log"
"$program" "${options[@]}" -max_total_time="$seconds" "$corpus" "$seeds" >>"$log" 2>&1 ||
  fail "the input is in $artifacts/"

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -n 1)
coverage=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
inputs=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
echo "$target: ${runs:-?} runs in ${took:-?} s ($(( ${runs:-0} / (${took:-1} > 0 ? ${took:-1} : 1) ))/s), corpus ${inputs:-?} inputs, coverage ${coverage:-?}"
