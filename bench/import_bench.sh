#!/usr/bin/env bash
# HR import speed: `binome import employees` against the sqlite3 shell's `.import` of the same
# file on the same machine, in the same run. The sqlite3 shell only splits and inserts text
# (no decoding check, no validation, no upsert, no indexes): it is the floor for "getting a CSV
# into SQLite". Usage: bench/import_bench.sh [ROWS] [RUNS]   (defaults 100000 and 3)
# Needs the release build (make build) and, for the PostgreSQL figure, PostgreSQL binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
runs=${2:-3}
binome=build/release/binome
[ -x "$binome" ] || { echo "build the release binary first: make build" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (scripts/bootstrap installs it)" >&2; exit 1; }

work=$(mktemp -d)
trap 'tests/support/pg_cluster.sh stop "$work/pg_url" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
csv=$work/hr.csv
"$binome" demo hr-csv --rows "$rows" >"$csv"
echo "file: $rows rows, $(du -h "$csv" | cut -f1) (';', UTF-8 with BOM, CRLF, DD/MM/YYYY)"

now() { date +%s.%N; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Binôme: a fresh database each run, with the demo bank's grade scale.
binome_run() {
  local db=$1
  "$binome" --db "$db" migrate >/dev/null
  "$binome" --db "$db" grades set A B C D E F G H I J K >/dev/null
  local t0 t1
  t0=$(now)
  "$binome" --db "$db" import employees "$csv" >/dev/null
  t1=$(now)
  minus "$t1" "$t0"
}

# sqlite3's .import into a table of 14 text columns: bare, or with indexes like ours
# (unique employee id and email, manager, name, department, site, reporting-tree position).
sqlite_run() {
  local db=$work/peer-$1-$2.db
  sqlite3 "$db" "CREATE TABLE employees (employee_id, first_name, last_name, email, job_title, department, grade, manager_id, hire_date, site, time_zone, languages, birth_year, active);"
  if [ "$2" = indexed ]; then
    sqlite3 "$db" "CREATE UNIQUE INDEX i1 ON employees (employee_id); CREATE UNIQUE INDEX i2 ON employees (email);
      CREATE INDEX i3 ON employees (manager_id); CREATE INDEX i4 ON employees (last_name, first_name);
      CREATE INDEX i5 ON employees (department); CREATE INDEX i6 ON employees (site); CREATE INDEX i7 ON employees (hire_date);"
  fi
  local t0 t1
  t0=$(now)
  sqlite3 "$db" ".mode csv" ".separator ;" ".import --skip 1 $csv employees"
  t1=$(now)
  [ "$(sqlite3 "$db" 'SELECT COUNT(*) FROM employees WHERE active IS NOT NULL')" = "$rows" ] || { echo "sqlite3 misread the file" >&2; exit 1; }
  minus "$t1" "$t0"
}

binome_times=()
peer_times=()
indexed_times=()
for i in $(seq 1 "$runs"); do
  binome_times+=("$(binome_run "sqlite:$work/binome-$i.db")")
  peer_times+=("$(sqlite_run "$i" bare)")
  indexed_times+=("$(sqlite_run "$i" indexed)")
done
b=$(printf '%s\n' "${binome_times[@]}" | median)
p=$(printf '%s\n' "${peer_times[@]}" | median)
pi=$(printf '%s\n' "${indexed_times[@]}" | median)
reimport_t0=$(now)
"$binome" --db "sqlite:$work/binome-1.db" import employees "$csv" >/dev/null
reimport=$(minus "$(now)" "$reimport_t0")

printf 'binome import (SQLite), median of %s: %.2f s\n' "$runs" "$b"
printf 'sqlite3 .import, bare table, median of %s: %.2f s (ratio binome / sqlite3: %.1f)\n' "$runs" "$p" \
  "$(awk -v a="$b" -v b="$p" 'BEGIN { print a / b }')"
printf 'sqlite3 .import, same indexes, median of %s: %.2f s (ratio binome / sqlite3: %.1f)\n' "$runs" "$pi" \
  "$(awk -v a="$b" -v b="$pi" 'BEGIN { print a / b }')"
printf 'binome re-import of the same file (nothing changes): %.2f s\n' "$reimport"

if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  tests/support/pg_cluster.sh start "$work/pg_url"
  base=$(cat "$work/pg_url")
  psql "$base" -qAt -c "CREATE DATABASE bench"
  pg_time=$(binome_run "${base%/*}/bench")
  printf 'binome import (PostgreSQL, same machine): %.2f s\n' "$pg_time"
fi
