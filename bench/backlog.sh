#!/usr/bin/env bash
# The backlog benchmark: for each storage backend, a release server with the demo workspace,
# whose SkyLift AI product is filled with generated items (first 10,000, then up to 100,000),
# then HTTP load with wrk on loopback against the backlog's hot paths:
#
#   list   GET  /api/v1/products/{id}/items?limit=50            (the first page)
#   item   GET  /api/v1/items/{key}                             (one item, with links, roll-up)
#   move   POST /api/v1/items/{key}/move                        (a real move every request:
#          16 items, each by turns "before" one anchor and "after" another of its own)
#   query  GET  /api/v1/products/{id}/items?limit=50&query=type = story AND points >= 3
#   search GET  /api/v1/search?q=camera                         (only if the server has it)
#
# With BENCH_SPRINT=1, after the largest size: 200 open items of SkyLift AI are planned into a
# sprint of its team Kestrel, the sprint starts, and scope changes follow (re-estimates, items
# removed and added, items done); then
#
#   report   GET /api/v1/sprints/{id}/report
#   burndown GET /api/v1/sprints/{id}/burndown
#
# With BENCH_STRATEGY=1, after the largest size (and the sprint step): SkyLift AI gets 3 goals
# and 8 initiatives (dated over the next year, on the roadmap's timeline), the generated epics
# are aligned to its initiatives by turns, every fifth epic to one of its goals directly
# instead (so about four in five generated items sit below an initiative, with their features
# and stories), 1,000 open items go into a release and 200 into a sprint of Kestrel; then,
# with BENCH_STRATEGY_CONNECTIONS (default 4) connections and a 60 s request timeout:
#
#   roadmap    GET /api/v1/products/{id}/roadmap
#   portfolio  GET /api/v1/roadmap
#   goalwork   GET /api/v1/goals/{id}/work          (the first goal: its initiatives' work too)
#   iniwork    GET /api/v1/initiatives/{id}/work    (the first initiative)
#   relalign   GET /api/v1/releases/{id}/alignment
#   spralign   GET /api/v1/sprints/{id}/alignment
#
# The items are not created over HTTP: one SQL transaction per size (sqlite3 or psql) inserts
# them with their labels, acceptance criteria, search documents and the product's key counter.
# Rank keys are 5 base-36 digits, n * 36 + 18 for item n, so they are valid (never ending in
# '0'), ascending in item order and leave room for moves between neighbours.
#
# Backends: `sqlite` (embedded, a fresh --data-dir) and `postgres` (a throwaway PostgreSQL 15
# this script starts itself, as scripts/bench.sh does: initdb into a temp dir, pg_ctl on a free
# loopback port, stopped and removed at exit even on failure; default settings; ANALYZE after
# each fill, as autovacuum would do soon after a bulk load). Every step is bounded in time.
#
#   BENCH_DURATION=10s BENCH_CONNECTIONS=16 BENCH_BACKENDS="sqlite postgres" \
#   BENCH_SIZES="10000 100000" bench/backlog.sh
#   BENCH_FILL_TIMEOUT=600 (seconds per fill)   BENCH_PG_BIN=/usr/lib/postgresql/15/bin
#   BENCH_SKIP_BUILD=1 uses build/release as it is; BENCH_BIN=path runs another build.
#   BENCH_SPRINT=1 adds the sprint report and burndown (above).
#   BENCH_STRATEGY=1 adds the roadmap, work and alignment reads (above).
#   CMAKE_BUILD_PARALLEL_LEVEL=2 limits the build's parallel jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-16}
backends=${BENCH_BACKENDS:-sqlite postgres}
sizes=${BENCH_SIZES:-10000 100000}
fill_timeout=${BENCH_FILL_TIMEOUT:-600}
pg_bin=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
start_timeout_s=60

for backend in $backends; do
  case "$backend" in
    sqlite | postgres) ;;
    *) echo "bench: unknown backend '$backend' in BENCH_BACKENDS (sqlite, postgres)" >&2; exit 2 ;;
  esac
done
previous=0
for size in $sizes; do
  if ! [[ "$size" =~ ^[0-9]+$ ]] || ((size <= previous || size > 1000000)); then
    echo "bench: BENCH_SIZES must be ascending counts up to 1000000" >&2
    exit 2
  fi
  previous=$size
done

bin=${BENCH_BIN:-build/release/throughline}
if [ -z "${BENCH_SKIP_BUILD:-}" ] && [ -z "${BENCH_BIN:-}" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release
fi

work=$(mktemp -d -t tl-bench-backlog-XXXXXX)
# shellcheck source=scripts/bench_lib.sh
source scripts/bench_lib.sh

# The SQL that adds items first..last to the product with key AI, in one transaction.
# $1 sqlite|postgres, $2 first, $3 last.
fill_sql() {
  local dialect=$1 first=$2 last=$3
  local digits="'0123456789abcdefghijklmnopqrstuvwxyz'"
  local series
  if [ "$dialect" = sqlite ]; then
    series="WITH RECURSIVE seq(n) AS (SELECT $first UNION ALL SELECT n + 1 FROM seq WHERE n < $last)"
  else
    series="WITH seq(n) AS (SELECT generate_series($first, $last))"
  fi
  local word="CASE n % 8 WHEN 0 THEN 'camera' WHEN 1 THEN 'battery' WHEN 2 THEN 'gimbal'
    WHEN 3 THEN 'firmware' WHEN 4 THEN 'sensor' WHEN 5 THEN 'app' WHEN 6 THEN 'propeller'
    ELSE 'geofence' END"
  cat <<SQL
BEGIN;
CREATE TEMP TABLE bench_ctx AS SELECT workspace_id AS ws, id AS product FROM products WHERE product_key = 'AI';
$series,
g AS (
  SELECT n, n * 36 + 18 AS v,
    CASE WHEN n % 50 = 1 THEN 'epic' WHEN n % 10 = 2 THEN 'feature'
      ELSE CASE n % 7 WHEN 4 THEN 'bug' WHEN 5 THEN 'spike' WHEN 6 THEN 'tech-debt'
        ELSE 'story' END END AS t,
    $word AS w,
    CASE n % 5 WHEN 0 THEN 'new' WHEN 1 THEN 'ready' WHEN 2 THEN 'in_progress'
      WHEN 3 THEN 'in_review' ELSE 'done' END AS s
  FROM seq)
INSERT INTO items (id, workspace_id, product_id, item_number, item_type, title, description,
  status, category, points, assignee_id, parent_id, goal_id, initiative_id, sprint_id,
  release_id, rank_key, ready_checks, done_checks, accepted_at, accepted_by, created_by,
  version, created_at, updated_at)
SELECT 'itm_bench' || n, c.ws, c.product, n, t,
  'Generated ' || t || ' ' || n || ': ' || w || ' improvements for the next series',
  'Generated for the backlog benchmark. The **' || w || '** work of item ' || n || '.',
  s,
  CASE s WHEN 'done' THEN 'done' WHEN 'in_progress' THEN 'in_progress'
    WHEN 'in_review' THEN 'in_progress' ELSE 'to_do' END,
  CASE WHEN t IN ('epic', 'feature') THEN NULL ELSE
    CASE (n / 7) % 7 WHEN 0 THEN 1 WHEN 1 THEN 2 WHEN 2 THEN 3 WHEN 3 THEN 5 WHEN 4 THEN 8
      WHEN 5 THEN 13 ELSE NULL END END,
  NULL,
  CASE WHEN t = 'epic' THEN NULL WHEN t = 'feature' THEN 'itm_bench' || (n - n % 50 + 1)
    WHEN n % 10 >= 3 THEN 'itm_bench' || (n - n % 10 + 2) ELSE NULL END,
  NULL, NULL, NULL, NULL,
  substr($digits, v / 1679616 % 36 + 1, 1) || substr($digits, v / 46656 % 36 + 1, 1) ||
    substr($digits, v / 1296 % 36 + 1, 1) || substr($digits, v / 36 % 36 + 1, 1) ||
    substr($digits, v % 36 + 1, 1),
  CASE WHEN s = 'new' THEN '' ELSE 'dor_criteria,dor_estimate,dor_dependencies,dor_size' END,
  CASE WHEN s = 'done' THEN 'dod_review,dod_tests,dod_docs,dod_flight' ELSE '' END,
  0, NULL, NULL, 1, 1700000000000 + n, 1700000000000 + n
FROM g, bench_ctx c;
INSERT INTO item_labels (workspace_id, item_id, label)
SELECT i.workspace_id, i.id, ${word//n % 8/i.item_number % 8}
FROM items i, bench_ctx c
WHERE i.workspace_id = c.ws AND i.product_id = c.product AND i.item_number BETWEEN $first AND $last;
INSERT INTO item_criteria (workspace_id, item_id, id, position, text, done)
SELECT i.workspace_id, i.id, 'acc_bench' || i.item_number, 0,
  'Given a pilot in the field, when the feature is used, then it works as described', 0
FROM items i, bench_ctx c
WHERE i.workspace_id = c.ws AND i.product_id = c.product AND i.item_type = 'story'
  AND i.item_number BETWEEN $first AND $last;
SQL
  if [ "$dialect" = sqlite ]; then
    cat <<SQL
INSERT INTO item_search (item_id, workspace_id, product_id, title, description, criteria, comments)
SELECT i.id, i.workspace_id, i.product_id, i.title, i.description,
  COALESCE((SELECT group_concat(a.text, ' ') FROM item_criteria a
    WHERE a.workspace_id = i.workspace_id AND a.item_id = i.id), ''), ''
FROM items i, bench_ctx c
WHERE i.workspace_id = c.ws AND i.product_id = c.product AND i.item_number BETWEEN $first AND $last;
SQL
  else
    cat <<SQL
INSERT INTO item_search (item_id, workspace_id, product_id, title, description, criteria,
  comments, document)
SELECT d.id, d.workspace_id, d.product_id, d.title, d.description, d.criteria, '',
  setweight(to_tsvector('simple', d.title), 'A') ||
  setweight(to_tsvector('simple', d.description), 'B') ||
  setweight(to_tsvector('simple', d.criteria), 'B')
FROM (SELECT i.id, i.workspace_id, i.product_id, i.title, i.description,
    COALESCE((SELECT string_agg(a.text, ' ' ORDER BY a.position) FROM item_criteria a
      WHERE a.workspace_id = i.workspace_id AND a.item_id = i.id), '') AS criteria
  FROM items i, bench_ctx c
  WHERE i.workspace_id = c.ws AND i.product_id = c.product
    AND i.item_number BETWEEN $first AND $last) d;
SQL
  fi
  cat <<SQL
INSERT INTO item_counters (workspace_id, product_id, next_number)
SELECT ws, product, $((last + 1)) FROM bench_ctx WHERE true
ON CONFLICT (workspace_id, product_id) DO UPDATE SET next_number = excluded.next_number;
DROP TABLE bench_ctx;
COMMIT;
SQL
}

fill() {
  local first=$1 last=$2 start
  start=$(date +%s%N)
  if [ "$backend" = sqlite ]; then
    fill_sql sqlite "$first" "$last" |
      timeout "$fill_timeout" sqlite3 -bail -cmd '.timeout 10000' "$work/data/throughline.db" \
        >/dev/null
  else
    fill_sql postgres "$first" "$last" |
      timeout "$fill_timeout" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U tl \
        -d throughline_bench >/dev/null
    timeout "$fill_timeout" psql -X -q -h 127.0.0.1 -p "$pg_port" -U tl -d throughline_bench \
      -c 'ANALYZE' >/dev/null
  fi
  echo "  filled items $first..$last in $((($(date +%s%N) - start) / 1000000)) ms"
}

# wrk against one URL; prints the interesting lines and records a summary row. Arguments after
# the URL are wrk options; those after a "--" go to the Lua script.
load() {
  local label=$1 url=$2
  shift 2
  local opts=() script_args=()
  while (($# > 0)); do
    if [ "$1" = -- ]; then
      shift
      script_args=(-- "$@")
      break
    fi
    opts+=("$1")
    shift
  done
  echo "-- wrk -t2 -c$connections -d$duration $label"
  local out
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency "${opts[@]}" "$url" "${script_args[@]}")
  grep -E "Requests/sec|Latency|50%|99%|requests in|Non-2xx|Socket errors" <<<"$out"
  summary+=("$(printf '%-9s %7s  %-7s %10s req/s  p50 %-9s p99 %-9s %s' "$backend" "$size" \
    "$label" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
    "$(awk '/Non-2xx/ {print "non-2xx: " $NF}' <<<"$out")")")
}

# Moves: each wrk thread moves its own half of the listed items in turn, each item by turns
# "before" its first anchor and "after" its second, so every request changes the item's
# position and the keys stay short (every item has its own gaps, which it leaves again).
# Arguments: the token, then triples of item, anchor before, anchor after.
cat >"$work/move.lua" <<'LUA'
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  token = args[1]
  items, befores, afters = {}, {}, {}
  for k = 2, #args - 2, 3 do
    items[#items + 1], befores[#befores + 1], afters[#afters + 1] = args[k], args[k + 1], args[k + 2]
  end
  counter = 0
end
function request()
  local half = math.floor(#items / 2)
  local k = tid * half + counter % half + 1
  local body
  if math.floor(counter / half) % 2 == 0 then
    body = '{"before":"' .. befores[k] .. '"}'
  else
    body = '{"after":"' .. afters[k] .. '"}'
  end
  counter = counter + 1
  return wrk.format("POST", "/api/v1/items/" .. items[k] .. "/move",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
LUA

# Slow requests of the previous loads that wrk gave up on are still running on the server's
# threads; waits until it answers at once again, so they do not count against the next step.
wait_quiet() {
  local quick=0 deadline=$((SECONDS + 120)) t
  while ((quick < 3 && SECONDS < deadline)); do
    t=$(curl -s -o /dev/null --max-time 10 -w '%{time_total}' "$base/healthz" || echo 10)
    if awk -v t="$t" 'BEGIN { exit !(t < 0.05) }'; then
      quick=$((quick + 1))
    else
      quick=0
      sleep 0.5
    fi
  done
}

# SQL from stdin against the benchmark's database, bounded in time.
run_sql() {
  if [ "$backend" = sqlite ]; then
    timeout "$fill_timeout" sqlite3 -bail -cmd '.timeout 10000' "$work/data/throughline.db" \
      >/dev/null
  else
    timeout "$fill_timeout" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U tl \
      -d throughline_bench >/dev/null
    timeout "$fill_timeout" psql -X -q -h 127.0.0.1 -p "$pg_port" -U tl -d throughline_bench \
      -c 'ANALYZE' >/dev/null
  fi
}

# Open story-level items of the fill (no epics, features or done ones) from item $1 on, as a
# JSON list of $2 keys.
open_keys() {
  local n=$1 want=$2 keys=()
  while ((${#keys[@]} < want)); do
    n=$((n + 1))
    if ((n % 50 == 1 || n % 10 == 2 || n % 5 == 4)); then
      continue
    fi
    keys+=("\"AI-$n\"")
  done
  (IFS=,; echo "${keys[*]}")
}

# The strategy step (BENCH_STRATEGY=1) on the product filled to $size: see the header.
strategy_bench() {
  echo "--- $backend, strategy reads in the $size-item product"
  wait_quiet
  local connections=${BENCH_STRATEGY_CONNECTIONS:-4}
  local goals initiatives ini_case="" goal_case="" k start year body
  # The demo's strategy is another product's: SkyLift AI gets 3 goals and 8 initiatives on the
  # roadmap's timeline, each serving a goal (every fourth a second one too).
  year=$(date -u +%Y)
  for k in 0 1 2; do
    goals[k]=$(curl -sf --max-time 30 -X POST "$base/api/v1/products/$product/goals" "${auth[@]}" \
      -H 'Content-Type: application/json' \
      -d "{\"objective\":\"Bench goal $k\",\"horizon\":\"year\",\"start_date\":\"$((year + k))-01-01\"}" |
      jq -r .id)
  done
  for k in 0 1 2 3 4 5 6 7; do
    body="\"${goals[$((k % 3))]}\""
    if ((k % 4 == 3)); then
      body+=",\"${goals[$(((k + 1) % 3))]}\""
    fi
    curl -sf --max-time 30 -X POST "$base/api/v1/products/$product/initiatives" "${auth[@]}" \
      -H 'Content-Type: application/json' \
      -d "{\"name\":\"Bench initiative $k\",\"goal_ids\":[$body],\"status\":\"planned\",\"start_date\":\"$(date -u -d "@$(($(date -u +%s) + k * 45 * 86400))" +%F)\",\"end_date\":\"$(date -u -d "@$(($(date -u +%s) + (k * 45 + 120) * 86400))" +%F)\"}" \
      >/dev/null
  done
  goals=()
  mapfile -t goals < <(curl -sf --max-time 30 "$base/api/v1/products/$product/goals" "${auth[@]}" |
    jq -r '.data[].id')
  mapfile -t initiatives < <(curl -sf --max-time 30 \
    "$base/api/v1/products/$product/initiatives" "${auth[@]}" | jq -r '.data[].id')
  if ((${#goals[@]} == 0 || ${#initiatives[@]} == 0)); then
    echo "bench: the product AI has no goals or initiatives to align the items to" >&2
    exit 1
  fi
  for k in "${!initiatives[@]}"; do
    ini_case+=" WHEN $k THEN '${initiatives[$k]}'"
  done
  for k in "${!goals[@]}"; do
    goal_case+=" WHEN $k THEN '${goals[$k]}'"
  done
  start=$(date +%s%N)
  run_sql <<SQL
BEGIN;
UPDATE items SET initiative_id = CASE (item_number / 50) % ${#initiatives[@]}$ini_case END
WHERE id LIKE 'itm_bench%' AND item_type = 'epic' AND (item_number / 50) % 5 <> 4;
UPDATE items SET goal_id = CASE (item_number / 250) % ${#goals[@]}$goal_case END
WHERE id LIKE 'itm_bench%' AND item_type = 'epic' AND (item_number / 50) % 5 = 4;
COMMIT;
SQL
  echo "  aligned $(((size + 49) / 50)) epics in $((($(date +%s%N) - start) / 1000000)) ms"
  local release sprint team today planned
  release=$(curl -sf --max-time 30 -X POST "$base/api/v1/products/$product/releases" \
    "${auth[@]}" -H 'Content-Type: application/json' \
    -d '{"version":"9.0","name":"Bench release"}' | jq -r .id)
  for k in 0 1 2 3 4; do
    planned=$(curl -s --max-time 120 -o "$work/plan.json" -w '%{http_code}' -X POST \
      "$base/api/v1/releases/$release/items" "${auth[@]}" -H 'Content-Type: application/json' \
      -d "{\"items\":[$(open_keys $((size / 5 + k * 400)) 200)]}")
    if [ "$planned" != 200 ]; then
      echo "bench: planning the release answered $planned: $(head -c 300 "$work/plan.json")" >&2
      exit 1
    fi
  done
  team=$(curl -sf --max-time 10 "$base/api/v1/teams?limit=200" "${auth[@]}" |
    jq -r '.data[] | select(.name == "Kestrel") | .id')
  today=$(date -u +%s)
  sprint=$(curl -sf --max-time 30 -X POST "$base/api/v1/products/$product/sprints" "${auth[@]}" \
    -H 'Content-Type: application/json' \
    -d "{\"team_id\":\"$team\",\"name\":\"Strategy bench sprint\",\"goal\":\"Measure\",\"start_date\":\"$(date -u -d "@$((today + 30 * 86400))" +%F)\",\"end_date\":\"$(date -u -d "@$((today + 43 * 86400))" +%F)\"}" |
    jq -r .id)
  planned=$(curl -s --max-time 120 -o "$work/plan.json" -w '%{http_code}' -X POST \
    "$base/api/v1/sprints/$sprint/items" "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"items\":[$(open_keys $((size * 3 / 5)) 200)]}")
  if [ "$planned" != 200 ]; then
    echo "bench: planning the sprint answered $planned: $(head -c 300 "$work/plan.json")" >&2
    exit 1
  fi
  local url t bytes
  local -A urls=(
    [roadmap]="$base/api/v1/products/$product/roadmap"
    [portfolio]="$base/api/v1/roadmap"
    [goalwork]="$base/api/v1/goals/${goals[0]}/work"
    [iniwork]="$base/api/v1/initiatives/${initiatives[0]}/work"
    [relalign]="$base/api/v1/releases/$release/alignment"
    [spralign]="$base/api/v1/sprints/$sprint/alignment")
  # Each read is first asked once (its time and what it answers, so the figures mean something),
  # then loaded. One that does not answer within the probe's time is not loaded: its request
  # keeps the server busy, so the roadmaps, the slowest reads, go last.
  local probe=${BENCH_STRATEGY_PROBE_TIMEOUT:-120} status
  for k in goalwork iniwork relalign spralign roadmap portfolio; do
    url=${urls[$k]}
    wait_quiet
    echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    status=$(curl -s --max-time "$probe" -o "$work/strategy.json" \
      -w '%{http_code} %{time_total} %{size_download}' "$url" "${auth[@]}" || true)
    if [ "${status%% *}" != 200 ]; then
      echo "  $k: no answer within ${probe} s (HTTP ${status%% *}), not loaded"
      notes+=("$backend $size $k: no answer within ${probe} s (load average $(cut -d' ' -f1-3 /proc/loadavg)), not measured")
      continue
    fi
    read -r _ t bytes <<<"$status"
    echo -n "  $k: one request in $t s, $bytes bytes"
    case "$k" in
      roadmap | portfolio)
        jq -r '[.lanes[].initiatives[].work]
          | "; \(length) initiatives on the timeline, \(map(.items) | add // 0) items below them"' \
          "$work/strategy.json" ;;
      goalwork | iniwork) jq -r '"; \(.totals.items) items, \(.totals.points) points"' "$work/strategy.json" ;;
      *) jq -r '"; \(.items) items, \(.unaligned.items) unaligned"' "$work/strategy.json" ;;
    esac
    load "$k" "$url" --timeout 60s "${auth[@]}"
  done
}

# The sprint step (BENCH_SPRINT=1) on the product filled to $size: 200 open story-level items
# (no epics, features or done ones, by the fill's rules) from the middle of the backlog go into
# a sprint of Kestrel, which starts; then 10 re-estimates, 5 items out, 5 in and up to 10 bugs
# done make the scope changes and the done series the report and burndown read.
sprint_bench() {
  echo "--- $backend, sprint of 200 items in the $size-item product"
  wait_quiet
  local team today start_day end_day sprint keys=() extra=() n
  team=$(curl -sf --max-time 10 "$base/api/v1/teams?limit=200" "${auth[@]}" |
    jq -r '.data[] | select(.name == "Kestrel") | .id')
  today=$(date -u +%s)
  start_day=$(date -u -d "@$((today - 5 * 86400))" +%F)
  end_day=$(date -u -d "@$((today + 8 * 86400))" +%F)
  sprint=$(curl -sf --max-time 30 -X POST "$base/api/v1/products/$product/sprints" "${auth[@]}" \
    -H 'Content-Type: application/json' \
    -d "{\"team_id\":\"$team\",\"name\":\"Bench sprint\",\"goal\":\"Measure\",\"start_date\":\"$start_day\",\"end_date\":\"$end_day\"}" |
    jq -r .id)
  n=$((size / 2 + 1000))
  while ((${#keys[@]} < 200 || ${#extra[@]} < 5)); do
    n=$((n + 1))
    if ((n % 50 == 1 || n % 10 == 2 || n % 5 == 4)); then
      continue
    fi
    if ((${#keys[@]} < 200)); then
      keys+=("\"AI-$n\"")
    else
      extra+=("\"AI-$n\"")
    fi
  done
  local list
  list=$(IFS=,; echo "${keys[*]}")
  local planned
  planned=$(curl -s --max-time 60 -o "$work/plan.json" -w '%{http_code}' -X POST \
    "$base/api/v1/sprints/$sprint/items" "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"items\":[$list]}")
  if [ "$planned" != 200 ]; then
    echo "bench: planning the sprint answered $planned: $(head -c 300 "$work/plan.json")" >&2
    exit 1
  fi
  echo "  planned $(jq .planning.items "$work/plan.json") items," \
    "$(jq .planning.committed_points "$work/plan.json") points"
  curl -sf --max-time 60 -X POST "$base/api/v1/sprints/$sprint/start" "${auth[@]}" >/dev/null
  local k key changes=0 done_count=0
  for k in $(seq 0 9); do
    key=${keys[$((k * 7))]//\"/}
    if curl -sf --max-time 30 -X PATCH "$base/api/v1/items/$key" "${auth[@]}" \
      -H 'Content-Type: application/json' -d '{"points":8}' >/dev/null; then
      changes=$((changes + 1))
    fi
  done
  list=$(IFS=,; echo "${keys[*]:190:5}")
  curl -sf --max-time 30 -X POST "$base/api/v1/sprints/$sprint/items/remove" "${auth[@]}" \
    -H 'Content-Type: application/json' -d "{\"items\":[$list],\"reason\":\"bench\"}" \
    >/dev/null && changes=$((changes + 5))
  list=$(IFS=,; echo "${extra[*]}")
  curl -sf --max-time 30 -X POST "$base/api/v1/sprints/$sprint/items" "${auth[@]}" \
    -H 'Content-Type: application/json' -d "{\"items\":[$list],\"reason\":\"bench\"}" \
    >/dev/null && changes=$((changes + 5))
  # Bugs in progress or in review, with the Definition of Done ticked, may go to done.
  for key in "${keys[@]}"; do
    key=${key//\"/}
    n=${key#AI-}
    if ((done_count < 10 && n % 7 == 4 && (n % 5 == 2 || n % 5 == 3))); then
      if curl -sf --max-time 30 -X PATCH "$base/api/v1/items/$key" "${auth[@]}" \
        -H 'Content-Type: application/json' \
        -d '{"status":"done","done_checks":["dod_review","dod_tests","dod_docs","dod_flight"]}' \
        >/dev/null; then
        done_count=$((done_count + 1))
      fi
    fi
  done
  echo "  started; $changes scope changes, $done_count items done"
  load report "$base/api/v1/sprints/$sprint/report" "${auth[@]}"
  load burndown "$base/api/v1/sprints/$sprint/burndown" "${auth[@]}"
}

query='type = story AND points >= 3'
query_enc='type%20%3D%20story%20AND%20points%20%3E%3D%203'

summary=()
notes=()
for backend in $backends; do
  db_args=(--data-dir "$work/data")
  if [ "$backend" = postgres ]; then
    echo "==== backend: postgres (throwaway PostgreSQL, server with --db postgres://...)"
    start_postgres
    db_args=(--db "$pg_url")
  else
    echo "==== backend: sqlite (embedded, WAL)"
    rm -rf "$work/data"
  fi
  "$bin" serve --bind 127.0.0.1 --port 0 "${db_args[@]}" --demo --access-log=false \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  wait_healthy
  base="http://127.0.0.1:$port"
  # Alice is the PM and the Product Owner of SkyLift AI, the product filled here.
  token=$(curl -sf --max-time 10 -X POST "$base/api/v1/auth/login" \
    -d '{"email":"alice@skylift.example","password":"demo"}' | jq -r .token)
  product=$(curl -sf --max-time 10 "$base/api/v1/products?limit=200" \
    -H "Authorization: Bearer $token" | jq -r '.data[] | select(.key == "AI") | .id')
  if [ -z "$product" ] || [ "$token" = null ]; then
    echo "bench: could not log in as the demo PM and find the product AI" >&2
    exit 1
  fi
  auth=(-H "Authorization: Bearer $token")

  filled=0
  for size in $sizes; do
    echo "--- $backend, $size items"
    fill $((filled + 1)) "$size"
    filled=$size
    count_check=$(curl -sf --max-time 30 "$base/api/v1/items/AI-$size" "${auth[@]}" | jq -r .key)
    if [ "$count_check" != "AI-$size" ]; then
      echo "bench: the server does not see item AI-$size after the fill" >&2
      exit 1
    fi

    load list "$base/api/v1/products/$product/items?limit=50" "${auth[@]}"
    load item "$base/api/v1/items/AI-$((size / 2))" "${auth[@]}"
    moves=()
    for k in $(seq 1 16); do
      moves+=("AI-$((size / 2 + 100 + k))" "AI-$((size / 4 + 10 * k))" "AI-$((size * 3 / 4 + 10 * k))")
    done
    load move "$base" -s "$work/move.lua" -- "$token" "${moves[@]}"

    # The query: measured only where the server applies it (400 without the query language;
    # a branch that ignores the filter answers unfiltered items, which is not a query).
    status=$(curl -s --max-time 30 -o "$work/query.json" -w '%{http_code}' \
      "$base/api/v1/products/$product/items?limit=50&query=$query_enc" "${auth[@]}")
    if [ "$status" != 200 ]; then
      notes+=("$backend $size query: HTTP $status ($(jq -r .error.code "$work/query.json" \
        2>/dev/null)), not measured")
    elif [ "$(jq '[.data[] | select(.type != "story" or .points == null or .points < 3)]
                | length' "$work/query.json")" != 0 ]; then
      notes+=("$backend $size query: answered 200 but not filtered (\"$query\" is not applied on this build), not measured")
    else
      load query "$base/api/v1/products/$product/items?limit=50&query=$query_enc" "${auth[@]}"
    fi
    status=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' \
      "$base/api/v1/search?q=camera" "${auth[@]}")
    if [ "$status" = 200 ]; then
      load search "$base/api/v1/search?q=camera" "${auth[@]}"
    else
      notes+=("$backend $size search: GET /api/v1/search answers $status, not measured")
    fi
  done
  if [ -n "${BENCH_SPRINT:-}" ]; then
    sprint_bench
  fi
  if [ -n "${BENCH_STRATEGY:-}" ]; then
    strategy_bench
  fi
  echo "-- server RSS after load: $(ps -o rss= -p "$server_pid" | awk '{printf "%.1f MiB", $1/1024}')"
  stop_server
  stop_postgres
done

echo "==== summary (wrk -t2 -c$connections -d$duration, loopback; the strategy reads with" \
  "-c${BENCH_STRATEGY_CONNECTIONS:-4} --timeout 60s; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
printf '%s\n' "${summary[@]}"
if ((${#notes[@]} > 0)); then
  printf '%s\n' "${notes[@]}"
fi
