#!/usr/bin/env bash
# Everyday HTTP speed: wrk against `binome serve` on the demo database, and, in the same run,
# against nginx serving the very bytes of each endpoint's answer (fetched from binome first,
# served with the same Content-Type and the same security headers). nginx is the floor for
# "answering this many bytes over HTTP on this machine": the ratio binome/nginx is what to
# compare between machines and runs, not the absolute rates.
#
# Usage: bench/http_bench.sh            (BINOME=path/to/binome to bench another binary)
# Knobs (environment): DURATION=5 (s per measurement), WARMUP=2 (s), CONNECTIONS=64,
#   THREADS=2, RUNS=1 (each run measures every endpoint against both servers; with RUNS>1
#   the table shows medians), SERVE_ARGS= (more `binome serve` options, e.g. "--workers 4"),
#   ENDPOINTS="path1 path2 ..." (default: the list below), KEEP=1 keeps the work folder.
# Needs: wrk, nginx (Debian: wrk nginx-light; scripts/bootstrap --bench installs them), curl.
set -euo pipefail
cd "$(dirname "$0")/.."

binome=${BINOME:-build/release/binome}
duration=${DURATION:-5}
warmup=${WARMUP:-2}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
runs=${RUNS:-1}
email=admin@demo.example
password=demo-password-2026
default_endpoints=(
  /healthz
  /api/v1/auth/me
  /api/v1/users?page_size=20
  /api/v1/audit?page_size=20
  /api/v1/employees?page_size=1
  /api/v1/employees?page_size=20
  "/api/v1/employees?q=mar&page_size=20"
  /api/v1/employees/facets
)
if [ -n "${ENDPOINTS:-}" ]; then read -r -a endpoints <<<"$ENDPOINTS"; else endpoints=("${default_endpoints[@]}"); fi
one_conn_endpoint=/api/v1/employees?page_size=20

die() { echo "http_bench: $*" >&2; exit 1; }
[ -x "$binome" ] || die "no binome binary at $binome: build it (make build) or set BINOME="
command -v wrk >/dev/null || die "wrk is missing: run scripts/bootstrap --bench (Debian package wrk)"
nginx_bin=$(command -v nginx || true)
[ -n "$nginx_bin" ] || [ ! -x /usr/sbin/nginx ] || nginx_bin=/usr/sbin/nginx
[ -n "$nginx_bin" ] || die "nginx is missing: run scripts/bootstrap --bench (Debian package nginx-light)"
command -v curl >/dev/null || die "curl is missing: apt-get install curl"

work=$(mktemp -d "${TMPDIR:-/tmp}/http_bench.XXXXXX")
binome_pid=
nginx_pid=
cleanup() {
  [ -n "$binome_pid" ] && kill "$binome_pid" 2>/dev/null && wait "$binome_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  if [ "${KEEP:-0}" = 1 ]; then echo "work folder kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- binome on a fresh demo database ----------------------------------------------------
"$binome" --db "sqlite:$work/demo.db" demo >/dev/null
serve_args=(--db "sqlite:$work/demo.db" serve --listen 127.0.0.1:0)
[ -n "${SERVE_ARGS:-}" ] && read -r -a extra <<<"$SERVE_ARGS" && serve_args+=("${extra[@]}")
# The access log goes to a file, as it would to a log collector (not to /dev/null).
"$binome" "${serve_args[@]}" >"$work/binome.out" 2>"$work/binome.log" &
binome_pid=$!
for _ in $(seq 1 100); do
  grep -q '^listening on ' "$work/binome.out" 2>/dev/null && break
  kill -0 "$binome_pid" 2>/dev/null || die "binome serve exited: $(tail -3 "$work/binome.log")"
  sleep 0.1
done
binome_url=$(sed -n 's/^listening on //p' "$work/binome.out")
[ -n "$binome_url" ] || die "binome serve did not say where it listens"

curl -sS -o /dev/null -D "$work/login.headers" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$binome_url/api/v1/auth/login"
session=$(sed -n 's/^[Ss]et-[Cc]ookie: binome_session=\([^;]*\).*/\1/p' "$work/login.headers" | tr -d '\r')
[ -n "$session" ] || die "login as $email failed: $(head -1 "$work/login.headers")"
cookie="Cookie: binome_session=$session"

# --- nginx serving the same bytes -------------------------------------------------------
mkdir -p "$work/nginx/www/r" "$work/nginx/logs"
locations=""
fetch() {  # INDEX PATH: binome's answer to PATH into www/INDEX, and its nginx location
  local i=$1 ep=$2 code type
  code=$(curl -sS -H "$cookie" -o "$work/nginx/www/r/$i" -D "$work/h$i" -w '%{http_code}' "$binome_url$ep")
  [ "$code" = 200 ] || die "GET $ep answered $code: $(head -c 300 "$work/nginx/www/r/$i")"
  type=$(sed -n 's/^[Cc]ontent-[Tt]ype: *//p' "$work/h$i" | tr -d '\r')
  locations+="    location = /r/$i { types { } default_type \"$type\"; }
"
}
for i in "${!endpoints[@]}"; do fetch "$i" "${endpoints[$i]}"; done
fetch one "$one_conn_endpoint"
# The same extra headers binome sends, so that both answers weigh about the same on the wire.
csp="default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free loopback port found"
}
nginx_port=$(free_port)
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$work/nginx/nginx.conf" <<EOF
$user_line
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log $work/nginx/logs/access.log;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp_body;
  proxy_temp_path $work/nginx/tmp_proxy;
  fastcgi_temp_path $work/nginx/tmp_fastcgi;
  uwsgi_temp_path $work/nginx/tmp_uwsgi;
  scgi_temp_path $work/nginx/tmp_scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/www;
    add_header X-Content-Type-Options nosniff;
    add_header X-Frame-Options DENY;
    add_header Referrer-Policy no-referrer;
    add_header Content-Security-Policy "$csp";
    add_header Cache-Control no-store;
$locations  }
}
EOF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2>"$work/nginx/logs/stderr" &
nginx_pid=$!
nginx_url=http://127.0.0.1:$nginx_port
for _ in $(seq 1 50); do
  curl -s -o /dev/null "$nginx_url/r/0" && break
  kill -0 "$nginx_pid" 2>/dev/null || die "nginx exited: $(cat "$work/nginx/logs/stderr")"
  sleep 0.1
done
for i in "${!endpoints[@]}" one; do
  curl -sS -o "$work/check" "$nginx_url/r/$i"
  cmp -s "$work/check" "$work/nginx/www/r/$i" || die "nginx does not serve the bytes of /r/$i"
done

# --- measuring -------------------------------------------------------------------------
# wrk's figures in ms; prints "req_per_s p50_ms p99_ms errors".
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
    printf "%.2f", n }'
}
measure() {  # URL CONNECTIONS THREADS [header]
  local url=$1 c=$2 t=$3 out
  local hdr=()
  [ -n "${4:-}" ] && hdr=(-H "$4")
  wrk -t"$t" -c"$c" -d"${warmup}s" "${hdr[@]}" "$url" >/dev/null
  out=$(wrk -t"$t" -c"$c" -d"${duration}s" --latency "${hdr[@]}" "$url")
  local rps p50 p99 bad
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  # Answers other than 2xx/3xx, and socket errors (connect, read, write, timeout).
  bad=$(awk '/Non-2xx or 3xx responses:/ { n += $NF }
             /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$out")
  echo "$rps $p50 $p99 $bad"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "binome: $binome ${SERVE_ARGS:-} ($binome_url), nginx $("$nginx_bin" -v 2>&1 | sed 's/.*nginx\///') ($nginx_url)"
echo "wrk: $connections connections, $threads threads, ${duration}s after ${warmup}s of warm-up, $runs run(s); $(nproc) cores"
results=$work/results
: >"$results"
for run in $(seq 1 "$runs"); do
  for i in "${!endpoints[@]}"; do
    b=$(measure "$binome_url${endpoints[$i]}" "$connections" "$threads" "$cookie")
    n=$(measure "$nginx_url/r/$i" "$connections" "$threads")
    echo "$i $b $n" >>"$results"
  done
  b=$(measure "$binome_url$one_conn_endpoint" 1 1 "$cookie")
  n=$(measure "$nginx_url/r/one" 1 1)
  echo "one $b $n" >>"$results"
done

# errors: binome's answers other than 2xx/3xx and socket errors, all runs together.
printf '\n%-40s %8s %8s %8s %6s %8s %8s %6s\n' endpoint "binome/s" "p50 ms" "p99 ms" errors "nginx/s" "ngx p99" ratio
col() { awk -v k="$1" -v f="$2" '$1 == k { print $f }' "$results" | median; }
total() { awk -v k="$1" -v f="$2" '$1 == k { n += $f } END { print n + 0 }' "$results"; }
for i in "${!endpoints[@]}"; do
  ep=${endpoints[$i]}
  br=$(col "$i" 2); bp50=$(col "$i" 3); bp99=$(col "$i" 4); bad=$(total "$i" 5)
  nr=$(col "$i" 6); np99=$(col "$i" 8)
  printf '%-40s %8s %8s %8s %6s %8s %8s %6s\n' "$ep" "$br" "$bp50" "$bp99" "$bad" "$nr" "$np99" \
    "$(awk -v a="$br" -v b="$nr" 'BEGIN { printf "%.1f%%", b ? 100 * a / b : 0 }')"
done
br=$(col one 2); bp50=$(col one 3); nr=$(col one 6)
echo
echo "one connection, $one_conn_endpoint: binome $br req/s ($(awk -v r="$br" 'BEGIN { printf "%.2f", r ? 1000 / r : 0 }') ms per request, p50 $bp50 ms), nginx $nr req/s ($(awk -v r="$nr" 'BEGIN { printf "%.3f", r ? 1000 / r : 0 }') ms)"
