# Shared by the benchmark scripts (scripts/bench.sh, bench/backlog.sh), sourced after they set
# `work` (a temp dir, removed at exit), `pg_bin` and `start_timeout_s`: the server and throwaway
# PostgreSQL life cycle, cleaned up at exit even on failure, and a free loopback port.
# shellcheck shell=bash
server_pid=""
pg_dir=""
pg_as=()
if [ "$(id -u)" -eq 0 ]; then
  pg_as=(runuser -u postgres --)  # initdb refuses root
fi

# The server finishes the requests under way before it exits; one that takes unbounded time
# (a benchmark's request that wrk gave up on) is cut short after 30 s with SIGKILL.
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while kill -0 "$server_pid" 2>/dev/null && ((SECONDS < deadline)); do
      sleep 0.2
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
stop_postgres() {
  if [ -n "$pg_dir" ]; then
    if [ -f "$pg_dir/data/postmaster.pid" ]; then
      "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
        true
    fi
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}
cleanup() {
  stop_server
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A loopback port nothing listens on (a connect attempt is refused).
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  echo "bench: no free loopback port found" >&2
  return 1
}

# Waits until the server prints its port and answers /healthz there; sets port. Fails if the
# server exits or takes longer than the timeout.
wait_healthy() {
  local deadline=$((SECONDS + start_timeout_s))
  port=""
  until [ -n "$port" ] && curl -sf --max-time 2 "http://127.0.0.1:$port/healthz" >/dev/null; do
    if [ -z "$port" ]; then
      port=$(sed -nE 's|.* listening on http://[^ ]*:([0-9]+)$|\1|p' "$work/server.log")
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "bench: the server exited; its log:" >&2
      cat "$work/server.log" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "bench: no /healthz answer within ${start_timeout_s}s" >&2
      return 1
    fi
    sleep 0.005
  done
}

# A throwaway PostgreSQL with default settings on a free loopback port; sets pg_url, pg_port.
start_postgres() {
  pg_dir=$(mktemp -d -t tl-bench-pg-XXXXXX)
  pg_port=$(free_port)
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$pg_dir"
  fi
  # --no-sync only skips initdb's final flush of the fresh files; the server keeps fsync on.
  "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U tl -E UTF8 --locale=C --no-sync \
    >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; return 1; }
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null ||
    { cat "$pg_dir/server.log" >&2; return 1; }
  psql -X -q -h 127.0.0.1 -p "$pg_port" -U tl -d postgres -c 'CREATE DATABASE throughline_bench'
  pg_url="postgres://tl@127.0.0.1:$pg_port/throughline_bench"
  echo "  $(psql -X -At -h 127.0.0.1 -p "$pg_port" -U tl -d postgres -c 'SHOW server_version')" \
    "on 127.0.0.1:$pg_port, default settings:" \
    "$(psql -X -At -F= -h 127.0.0.1 -p "$pg_port" -U tl -d postgres -c \
      "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit',
       'shared_buffers', 'max_connections') ORDER BY name" | paste -sd ' ')" \
    "(shared_buffers in 8 kB pages)"
}
