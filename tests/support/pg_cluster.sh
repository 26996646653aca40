#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start FILE` writes its URL into FILE,
# `stop FILE` removes it. PostgreSQL refuses to run as root, so as root the cluster runs as
# the `postgres` user. Listens on 127.0.0.1 only, on a free port, with no durability (fast).
set -euo pipefail
cmd=$1
url_file=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
start)
  # In memory when possible: creating databases on a slow disk dominates the tests' time.
  parent=/tmp; [ -d /dev/shm ] && [ -w /dev/shm ] && parent=/dev/shm
  dir=$(mktemp -d "$parent/binome-pg.XXXXXX")
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 20000))
    if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$url_file"
      echo "$dir" >"$url_file.dir"
      exit 0
    fi
  done
  echo "could not start PostgreSQL; see $dir/server.log" >&2
  exit 1
  ;;
stop)
  [ -f "$url_file.dir" ] || exit 0
  dir=$(cat "$url_file.dir")
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir" "$url_file" "$url_file.dir"
  ;;
*)
  echo "usage: $0 start|stop URL_FILE" >&2
  exit 2
  ;;
esac
