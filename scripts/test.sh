#!/usr/bin/env bash
# Runs every test suite and totals them. The last line is "N passed, N failed"; the exit
# status is non-zero when anything failed (a build failure counts as a failed test). A test
# that skips is counted apart, never as passed.
#
#   C++ (dev build, -Werror): unit; storage (the Store contract) and api (the real server over
#                             HTTP), each on SQLite and on PostgreSQL
#   C++ (asan build): unit, storage on both backends and api on SQLite under AddressSanitizer +
#                     UBSan (skip with TL_SKIP_ASAN=1). The api suite on PostgreSQL runs the
#                     same app and HTTP code as on SQLite, and the PostgreSQL driver is under
#                     asan in the storage suite, so it runs in the dev build only: building
#                     and running it a second time under asan cost about 8 minutes of the run.
#   web: Vitest unit tests, Playwright end-to-end tests in Debian's Chromium
#                                                 (skip with TL_SKIP_WEB=1)
#
# The PostgreSQL suites share one throwaway server started here for the whole run (initdb into
# a temp dir, pg_ctl on a free loopback port, removed at exit however the run ends); each test
# creates a database of its own on it. They find it through TL_TEST_PG_URL.
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
jobs=$(nproc 2>/dev/null || echo 2)
logs=build/test-logs
mkdir -p "$logs"

total_pass=0
total_fail=0
summary=()

total_skip=0

record() {  # suite passed failed [skipped]
  local skipped=${4:-0} line
  total_pass=$((total_pass + $2))
  total_fail=$((total_fail + $3))
  total_skip=$((total_skip + skipped))
  line=$(printf '%-28s %5d passed, %d failed' "$1" "$2" "$3")
  [ "$skipped" -gt 0 ] && line+=", $skipped skipped"
  summary+=("$line")
}

# The throwaway PostgreSQL server the PostgreSQL suites share.
pg_bin=/usr/lib/postgresql/15/bin
pg_dir=""
pg_as=()
stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$pg_dir"
  pg_dir=""
}
start_postgres() {
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/tl-test-pg-XXXXXX") || return 1
  if [ "$(id -u)" = 0 ]; then  # initdb refuses root
    chown postgres:postgres "$pg_dir"
    pg_as=(runuser -u postgres --)
  fi
  if ! "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U tl -E UTF8 --locale=C \
      --no-sync >"$logs/postgres-initdb.log" 2>&1; then
    tail -n 20 "$logs/postgres-initdb.log"
    return 1
  fi
  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 30000))
    if [ -n "$(ss -Htln "sport = :$port" 2>/dev/null)" ]; then
      continue
    fi
    # Durability is pointless for a server that is deleted at the end of the run.
    if "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200 \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1; then
      export TL_TEST_PG_URL="postgres://tl@127.0.0.1:$port"
      return 0
    fi
  done
  tail -n 20 "$pg_dir/server.log"
  return 1
}
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Counts from ctest's closing line "NN% tests passed, F tests failed out of T".
ctest_suite() {  # name preset [ctest args...]
  local name=$1 preset=$2
  shift 2
  local log="$logs/$name.log"
  ctest --preset "$preset" -j"$jobs" --timeout 300 "$@" 2>&1 | tee "$log" | grep -E "^\s*[0-9]+/[0-9]+ Test|tests passed|Failed|\*\*\*" | grep -vE " Passed " || true
  local line
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$log" | tail -n1)
  if [ -z "$line" ]; then
    # No closing line: ctest crashed, or it selected no test at all. Either is a failure.
    grep -q "No tests were found" "$log" && echo "  $name: no test matched the selection"
    record "$name" 0 1
    return
  fi
  local failed total skipped
  failed=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")
  # ctest counts a skipped or disabled test as not failed; it lists them in its closing lines.
  skipped=$(grep -cE "^\s+[0-9]+ - .* \((Skipped|Disabled)\)$" "$log")
  record "$name" $((total - failed - skipped)) "$failed" "$skipped"
  if [ "$failed" -gt 0 ]; then
    # What each failing test said (gtest's "file:line: Failure" blocks), so a failure in CI can
    # be read from its console alone.
    echo "  $name: the failures"
    grep -E -A8 ": Failure$|^\[  FAILED  \]" "$log" | head -n 120 | sed 's/^/    /'
  fi
}

build_preset() {  # preset [target...]: every target when none is named
  local preset=$1 log="$logs/build-$1.log"
  shift
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  if cmake --preset "$preset" >"$log" 2>&1 && cmake --build --preset "$preset" "${targets[@]}" >>"$log" 2>&1; then
    return 0
  fi
  tail -n 40 "$log"
  record "build ($preset)" 0 1
  return 1
}

# Runs a web suite (a command in web/) that writes a JSON report, and records its counts:
# `counts` is JavaScript printing "passed failed" from the report, loaded as `r`.
web_suite() {  # name log report counts command...
  local name=$1 log="$logs/$2.log" report=$3 counts=$4
  shift 4
  rm -f "$report"
  (cd web && "$@") >"$log" 2>&1
  tail -n 15 "$log"
  if [ -f "$report" ]; then
    read -r p f < <(node -e "const r=require('./$report');$counts")
    record "$name" "$p" "$f"
  else
    record "$name" 0 1
  fi
}

started=$(date +%s)

echo "== PostgreSQL for the PostgreSQL suites"
if start_postgres; then
  echo "  throwaway server at $TL_TEST_PG_URL"
else
  # The suites then start a throwaway server per test process: slower, but still tested.
  unset TL_TEST_PG_URL
  record "postgres (throwaway server)" 0 1
fi

echo "== C++ build (dev)"
if build_preset dev; then
  cp build/dev/throughline build/throughline
  echo "== C++ tests (dev)"
  ctest_suite "c++ unit" dev -L unit
  ctest_suite "c++ storage (sqlite)" dev -L storage_sqlite
  ctest_suite "c++ storage (postgres)" dev -L storage_postgres
  ctest_suite "c++ api (sqlite)" dev -L api_sqlite
  ctest_suite "c++ api (postgres)" dev -L api_postgres
fi

if [ "${TL_SKIP_ASAN:-0}" != 1 ]; then
  echo "== C++ build (asan)"
  if build_preset asan throughline tl_unit_tests tl_storage_sqlite_tests \
    tl_storage_postgres_tests tl_api_sqlite_tests; then
    echo "== C++ tests (asan)"
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    ctest_suite "c++ unit (asan)" asan -L unit
    ctest_suite "c++ storage (sqlite, asan)" asan -L storage_sqlite
    ctest_suite "c++ storage (postgres, asan)" asan -L storage_postgres
    ctest_suite "c++ api (sqlite, asan)" asan -L api_sqlite
  fi
fi

stop_postgres

if [ "${TL_SKIP_WEB:-0}" != 1 ]; then
  echo "== web build"
  if (cd web && npm run build) >"$logs/web-build.log" 2>&1; then
    echo "== web unit tests (Vitest)"
    web_suite "web unit (vitest)" web-unit web/test-results/vitest.json \
      'console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites||0))' \
      npm run test:ci
    echo "== browser end-to-end tests (Playwright, Chromium)"
    web_suite "web e2e (playwright)" web-e2e web/test-results/e2e.json \
      'console.log(r.stats.expected + (r.stats.flaky||0), r.stats.unexpected)' \
      env THROUGHLINE_BIN="$PWD/build/throughline" npm run e2e
  else
    tail -n 30 "$logs/web-build.log"
    record "web build" 0 1
  fi
fi

echo
echo "== summary ($(( $(date +%s) - started ))s; logs in $logs)"
for line in "${summary[@]}"; do
  echo "  $line"
done
[ "$total_skip" -gt 0 ] && echo "$total_skip skipped (not counted as passed)"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
