#!/usr/bin/env bash
# Runs every test suite and totals them. The last line is "N passed, N failed"; the exit
# status is non-zero when anything failed (a build failure counts as a failed test).
#
#   C++ (dev build, -Werror): unit, storage (the Store contract on SQLite, and on PostgreSQL
#                             through a throwaway server the suite starts), api (real server)
#   C++ (asan build): unit and storage under AddressSanitizer + UBSan, and api against the
#                      sanitized server           (skip with TL_SKIP_ASAN=1)
#   web: Vitest unit tests, Playwright end-to-end tests in Debian's Chromium
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
jobs=$(nproc 2>/dev/null || echo 2)
logs=build/test-logs
mkdir -p "$logs"

total_pass=0
total_fail=0
summary=()

record() {  # suite passed failed
  total_pass=$((total_pass + $2))
  total_fail=$((total_fail + $3))
  summary+=("$(printf '%-28s %5d passed, %d failed' "$1" "$2" "$3")")
}

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
  local failed total
  failed=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")
  record "$name" $((total - failed)) "$failed"
}

build_preset() {  # preset
  local log="$logs/build-$1.log"
  if cmake --preset "$1" >"$log" 2>&1 && cmake --build --preset "$1" >>"$log" 2>&1; then
    return 0
  fi
  tail -n 40 "$log"
  record "build ($1)" 0 1
  return 1
}

started=$(date +%s)

echo "== C++ build (dev)"
if build_preset dev; then
  cp build/dev/throughline build/throughline
  echo "== C++ tests (dev)"
  ctest_suite "c++ unit" dev -L unit
  ctest_suite "c++ storage (sqlite)" dev -L sqlite
  ctest_suite "c++ storage (postgres)" dev -L postgres
  ctest_suite "c++ api" dev -L api
fi

if [ "${TL_SKIP_ASAN:-0}" != 1 ]; then
  echo "== C++ build (asan)"
  if build_preset asan; then
    echo "== C++ tests (asan)"
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    ctest_suite "c++ unit (asan)" asan -L unit
    ctest_suite "c++ storage sqlite (asan)" asan -L sqlite
    ctest_suite "c++ storage postgres (asan)" asan -L postgres
    ctest_suite "c++ api (asan)" asan -L api
  fi
fi

echo "== web build"
if (cd web && npm run build) >"$logs/web-build.log" 2>&1; then
  echo "== web unit tests (Vitest)"
  rm -f web/test-results/vitest.json
  (cd web && npm run test:ci) >"$logs/web-unit.log" 2>&1
  tail -n 8 "$logs/web-unit.log"
  if [ -f web/test-results/vitest.json ]; then
    read -r p f < <(node -e 'const r=require("./web/test-results/vitest.json");console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites||0))')
    record "web unit (vitest)" "$p" "$f"
  else
    record "web unit (vitest)" 0 1
  fi

  echo "== browser end-to-end tests (Playwright, Chromium)"
  rm -f web/test-results/e2e.json
  (cd web && THROUGHLINE_BIN="$PWD/../build/throughline" npm run e2e) >"$logs/web-e2e.log" 2>&1
  tail -n 15 "$logs/web-e2e.log"
  if [ -f web/test-results/e2e.json ]; then
    read -r p f < <(node -e 'const s=require("./web/test-results/e2e.json").stats;console.log(s.expected + (s.flaky||0), s.unexpected)')
    record "web e2e (playwright)" "$p" "$f"
  else
    record "web e2e (playwright)" 0 1
  fi
else
  tail -n 30 "$logs/web-build.log"
  record "web build" 0 1
fi

echo
echo "== summary ($(( $(date +%s) - started ))s; logs in $logs)"
for line in "${summary[@]}"; do
  echo "  $line"
done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
