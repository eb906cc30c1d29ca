#!/usr/bin/env bash
# The benchmark suite: micro-benchmarks of hot paths (Google Benchmark), then HTTP load with
# wrk against a release server on loopback (GET /healthz and GET /api/v1/products/{id} with a
# token), and the server's cold start. Traffic stays on 127.0.0.1 and every run is bounded.
#
#   BENCH_DURATION=10s BENCH_CONNECTIONS=16 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-16}
port=${BENCH_PORT:-18181}

cmake --preset release >/dev/null
cmake --build --preset release
bin=build/release/throughline

echo "== micro-benchmarks"
build/release/bench/tl_bench --benchmark_min_time=0.2

data=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$data"
}
trap cleanup EXIT

echo "== cold start (migrate + demo seed on an empty database, then a warm restart)"
for run in first warm; do
  start=$(date +%s%N)
  "$bin" serve --port "$port" --data-dir "$data" --demo --access-log=false >"$data/server.log" 2>&1 &
  server_pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.005; done
  echo "  $run start: $(( ($(date +%s%N) - start) / 1000000 )) ms to first /healthz answer"
  if [ "$run" = first ]; then
    kill "$server_pid"; wait "$server_pid" || true
  fi
done

token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/login" \
  -d '{"email":"alice@skylift.example","password":"demo"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
product=$(curl -sf "http://127.0.0.1:$port/api/v1/products" -H "Authorization: Bearer $token" |
  sed -E 's/^\{"data":\[\{"id":"([^"]+)".*/\1/')

echo "== wrk -t2 -c$connections -d$duration GET /healthz"
wrk -t2 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port/healthz" |
  grep -E "Requests/sec|Latency|50%|99%|requests in|Non-2xx"
echo "== wrk -t2 -c$connections -d$duration GET /api/v1/products/{id} (bearer token)"
wrk -t2 -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$port/api/v1/products/$product" |
  grep -E "Requests/sec|Latency|50%|99%|requests in|Non-2xx"
echo "== server RSS after load: $(ps -o rss= -p "$server_pid" | awk '{printf "%.1f MiB", $1/1024}')"
