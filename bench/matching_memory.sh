#!/usr/bin/env bash
# Matching memory: the peak resident memory of `binome match solve` (reading the JSON, solving,
# checking the proof, writing the result: what one request to POST /api/v1/matching/solve costs
# the server) on generated problems of a few sizes, against the formula of docs/matching.md
# ("Limits and stopping"):
#   bytes ~ base + a * people + b * pairs + c * profile people + 8 * matrix cells,
# with people = mentors + mentees, pairs = listed scores, "profile people" the people of a
# profile problem (each profile's own lists, and the scorer's tables), and matrix cells those a
# profile problem computes into memory: mentees x mentors up to 4,194,304 (32 MiB), or blocks of
# 64 rows for a larger one (core/matching/assignment.hpp, kMaterialisedCells). Prints a table of the
# measured peak, the formula's estimate and their ratio, and fails when a ratio leaves [0.5, 1.5].
# Usage: bench/matching_memory.sh [SCALE]   (SCALE 1 by default; 0.1 for a quick look)
# Builds the release binary into build/bench (as bench/matching_bench.sh does), unless BINOME_BIN
# names one; needs node and GNU time (/usr/bin/time, Debian's `time` package).
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1}

[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
bin=${BINOME_BIN:-build/bench/binome}
if [ -z "${BINOME_BIN:-}" ]; then
  cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DBINOME_BENCH=ON >/dev/null
  cmake --build build/bench --target binome >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The formula's coefficients (bytes), fitted on this script's runs (docs/performance.md) and
# accounted for by the data structures (docs/matching.md, "Memory per problem"): the parsed
# document and the result document dominate.
base=13000000      # the binary's own resident memory, with nothing read
per_person=1200    # in: the {"id"} object parsed (~220 B) and the id's index entry (~130 B); the
                   # solver's vectors (~150 B); out: an unmatched or unused-capacity entry, parsed
                   # (~400 B) and written; the text of both
per_pair=280       # in: a [mentor, mentee, score] triple parsed (~220 B, freed last), its
                   # duplicate check (~80 B), the candidate lists and the solver's graph (~40 B)
per_profile=6100   # a bank-like profile's lists parsed (~4 kB for ~330 B of JSON), its Profile,
                   # the scorer's tables (336 free-time cells and 9 B per skill and interest), and
                   # the result's explanation of each pair (five criteria, parsed and written)

estimate() { awk -v p="$1" -v e="$2" -v f="$3" -v x="$4" -v b="$base" -v a="$per_person" -v c="$per_pair" -v d="$per_profile" \
  'BEGIN { printf "%.0f", b + a * p + c * e + d * f + 8 * x }'; }
mib() { awk -v x="$1" 'BEGIN { printf "%.0f MiB", x / 1048576 }'; }

echo "matching_memory: scale $scale, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| problem | JSON | people | pairs | peak RSS | formula | measured / formula |"
echo "|---|---|---|---|---|---|---|"
failed=0
run() {
  local label=$1 kind=$2 n=$3 k=${4:-} people pairs profile cells=0
  node bench/matching_problem.mjs "$kind" "$n" $k >"$work/p.json"
  case $kind in
    people) people=$n; pairs=0; profile=0 ;;
    pairs) people=$((2 * n)); pairs=$((n * k)); profile=0 ;;
    *) people=$((2 * n)); pairs=0; profile=$((2 * n))
       cells=$((n * n <= 4194304 ? n * n : 64 * n)) ;;
  esac
  /usr/bin/time -f '%M' -o "$work/rss" "$bin" match solve --problem "$work/p.json" --out /dev/null
  local rss=$(($(cat "$work/rss") * 1024))
  local est
  est=$(estimate "$people" "$pairs" "$profile" "$cells")
  local ratio
  ratio=$(awk -v a="$rss" -v b="$est" 'BEGIN { printf "%.2f", a / b }')
  awk -v r="$ratio" 'BEGIN { exit !(r >= 0.5 && r <= 1.5) }' || failed=1
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$(mib "$(stat -c %s "$work/p.json")")" "$people" "$pairs" \
    "$(mib "$rss")" "$(mib "$est")" "$ratio"
}
s() { awk -v x="$1" -v s="$scale" 'BEGIN { printf "%d", x * s }'; }
run "people only, no scores" people "$(s 100000)"
run "people only, no scores" people "$(s 1000000)"
run "sparse scores, 10 a mentee" pairs "$(s 20000)" 10
run "sparse scores, 50 a mentee" pairs "$(s 10000)" 50
run "bank-like profiles" profiles "$(s 5000)"
run "bank-like profiles" profiles "$(s 20000)"
echo
[ "$failed" = 0 ] || { echo "A measured peak is off the formula by more than 50%: update docs/matching.md." >&2; exit 1; }
echo "Every peak is within 50% of the formula."
