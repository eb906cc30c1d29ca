#!/usr/bin/env bash
# The benchmark suite: micro-benchmarks of hot paths (Google Benchmark), then, for each storage
# backend, the server's cold start, HTTP load with wrk against a release server on loopback
# (GET /healthz and GET /api/v1/products/{id} with a token) and its RSS afterwards.
#
# Backends: `sqlite` (embedded, a fresh --data-dir) and `postgres` (a throwaway PostgreSQL 15
# this script starts itself: initdb into a temp dir, pg_ctl on a free loopback port, stopped
# and removed at exit even on failure). PostgreSQL runs with its default settings (fsync and
# synchronous_commit on); the settings that matter are printed with the results.
# Traffic stays on 127.0.0.1 and every run is bounded.
#
#   BENCH_DURATION=10s BENCH_CONNECTIONS=16 BENCH_BACKENDS="sqlite postgres" scripts/bench.sh
#   BENCH_PORT=0 (server port; 0 picks a free one)   BENCH_PG_BIN=/usr/lib/postgresql/15/bin
#   CMAKE_BUILD_PARALLEL_LEVEL=2 limits the build's parallel jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-16}
fixed_port=${BENCH_PORT:-0}
backends=${BENCH_BACKENDS:-sqlite postgres}
pg_bin=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
start_timeout_s=60

for backend in $backends; do
  case "$backend" in
    sqlite | postgres) ;;
    *) echo "bench: unknown backend '$backend' in BENCH_BACKENDS (sqlite, postgres)" >&2; exit 2 ;;
  esac
done

cmake --preset release >/dev/null
cmake --build --preset release
bin=build/release/throughline

echo "== micro-benchmarks"
build/release/bench/tl_bench --benchmark_min_time=0.2

work=$(mktemp -d -t tl-bench-XXXXXX)
# shellcheck source=scripts/bench_lib.sh
source scripts/bench_lib.sh

# wrk against one URL; prints the interesting lines and records "req/s p99" for the summary.
load() {
  local label=$1 url=$2
  shift 2
  echo "-- wrk -t2 -c$connections -d$duration $label"
  local out
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency "$@" "$url")
  grep -E "Requests/sec|Latency|50%|99%|requests in|Non-2xx|Socket errors" <<<"$out"
  summary+=("$(printf '%-9s %-34s %10s req/s  p50 %-9s p99 %s' "$backend" "$label" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")")")
}

summary=()
for backend in $backends; do
  db_args=(--data-dir "$work/data")
  if [ "$backend" = postgres ]; then
    echo "==== backend: postgres (throwaway PostgreSQL, server with --db postgres://...)"
    start_postgres
    db_args=(--db "$pg_url")
  else
    echo "==== backend: sqlite (embedded, WAL, --durability normal)"
    rm -rf "$work/data"
  fi

  echo "-- cold start (migrate + demo seed on an empty database, then a warm restart)"
  for run in first warm; do
    start=$(date +%s%N)
    "$bin" serve --bind 127.0.0.1 --port "$fixed_port" "${db_args[@]}" --demo --access-log=false \
      >"$work/server.log" 2>&1 &
    server_pid=$!
    wait_healthy
    echo "  $run start: $((($(date +%s%N) - start) / 1000000)) ms to first /healthz answer"
    if [ "$run" = first ]; then
      stop_server
    fi
  done

  token=$(curl -sf --max-time 10 -X POST "http://127.0.0.1:$port/api/v1/auth/login" \
    -d '{"email":"alice@skylift.example","password":"demo"}' |
    sed -E 's/.*"token":"([^"]+)".*/\1/')
  product=$(curl -sf --max-time 10 "http://127.0.0.1:$port/api/v1/products" \
    -H "Authorization: Bearer $token" | sed -E 's/^\{"data":\[\{"id":"([^"]+)".*/\1/')
  if [[ -z "$product" || "$product" == *[\"{}]* ]]; then
    echo "bench: could not log in as the demo PM and find a product" >&2
    exit 1
  fi

  load "GET /healthz" "http://127.0.0.1:$port/healthz"
  load "GET /api/v1/products/{id} (bearer)" "http://127.0.0.1:$port/api/v1/products/$product" \
    -H "Authorization: Bearer $token"
  echo "-- server RSS after load: $(ps -o rss= -p "$server_pid" | awk '{printf "%.1f MiB", $1/1024}')"
  stop_server
  stop_postgres
done

echo "==== summary (wrk -t2 -c$connections -d$duration, loopback)"
printf '%s\n' "${summary[@]}"
