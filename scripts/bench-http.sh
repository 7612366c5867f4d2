#!/usr/bin/env bash
# HTTP load run of Liaison on the large data set, beside a bare raw-SQL
# baseline (bench/rawserver) serving the same contacts list and the same
# contact by id in the same run.
#
#   scripts/bench-http.sh sqlite|postgres
#
# Needs the database that `make seed-bench` (SQLite) or
# `make seed-bench-postgres` builds, wrk, and the binaries in bench/bin
# (the make targets build them). Every request goes to 127.0.0.1; every
# scenario is bounded in time (BENCH_DURATION, default 10s) and connections
# (BENCH_CONNECTIONS, default 32); the servers run under a virtual memory
# limit and are stopped at the end. Results: docs/bench/raw/http-<kind>.tsv.
set -euo pipefail
kind=${1:?usage: bench-http.sh sqlite|postgres}
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
port=${BENCH_PORT:-18490}
rawport=$((port + 1))
case $kind in
  sqlite) db="sqlite:bench/data/liaison-1m.db" ;;
  postgres) db=${LIAISON_BENCH_PG:-postgres://postgres@127.0.0.1:5432/liaison_bench?sslmode=disable&options=-c%20plan_cache_mode%3Dforce_custom_plan} ;;
  *) echo "unknown kind $kind" >&2; exit 2 ;;
esac
out=docs/bench/raw/http-$kind.tsv
mkdir -p docs/bench/raw
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

eval "$(bench/bin/prepare -db "$db")"
export BENCH_TOKEN=$TOKEN BENCH_ORG=$BIG_ORG BENCH_TYPICAL_ORG=$TYPICAL_ORG BENCH_COMMITMENTS=$COMMITMENTS

# The servers: Liaison as deployed (the production binary and router), and
# the baseline. Both get the machine's cores; neither may map more than 4 GiB.
(ulimit -v 4194304; LIAISON_DB=$db LIAISON_ADDR=127.0.0.1:$port LIAISON_LOG_LEVEL=error exec bench/bin/liaison serve) >"$work/liaison.log" 2>&1 &
pids+=($!)
liaison_pid=$!
(ulimit -v 4194304; exec bench/bin/rawserver -db "$db" -addr 127.0.0.1:$rawport) >"$work/raw.log" 2>&1 &
pids+=($!)
raw_pid=$!
for i in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && curl -fsS -o /dev/null "http://127.0.0.1:$rawport/raw/contacts?limit=1" 2>/dev/null; then break; fi
  sleep 0.2
done

# ms converts wrk's "1.23ms" / "850.00us" / "1.02s" to milliseconds.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

# run NAME SERVER PATH [LUA]: one bounded wrk run, sampling the server's RSS.
run() {
  local name=$1 server=$2 path=$3 lua=${4:-auth.lua} pid base
  if [ "$server" = raw ]; then pid=$raw_pid; base="http://127.0.0.1:$rawport"; else pid=$liaison_pid; base="http://127.0.0.1:$port"; fi
  : >"$work/rss"
  ( while kill -0 "$pid" 2>/dev/null; do awk '/VmRSS/ {print $2}' /proc/"$pid"/status >>"$work/rss" 2>/dev/null; sleep 0.25; done ) &
  local sampler=$!
  timeout $(( ${duration%s} + 20 )) wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s --latency \
    -s "scripts/wrk/$lua" "$base$path" >"$work/wrk" 2>&1 || true
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  local rps p50 p99 errors rss
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk")
  p50=$(ms "$(awk '$1 == "50%" {print $2}' "$work/wrk")")
  p99=$(ms "$(awk '$1 == "99%" {print $2}' "$work/wrk")")
  errors=$(awk '/Non-2xx/ {print $5}' "$work/wrk")
  local sock
  sock=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$work/wrk" | head -1)
  errors=$(( ${errors:-0} + ${sock:-0} ))
  rss=$(sort -n "$work/rss" | tail -1)
  rss=$(awk -v k="${rss:-0}" 'BEGIN { printf "%.0f", k / 1024 }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$name" "$server" "${rps:-0}" "$p50" "$p99" "$rss" "$errors" | tee -a "$out"
}

printf 'db\tscenario\tserver\treq_per_s\tp50_ms\tp99_ms\trss_mib\terrors\n' | tee "$out"
# Warm both servers' caches on what the scenarios read.
for path in /api/v1/contacts "/api/v1/contacts/$CONTACT" /api/v1/review/commitments "/api/v1/review/stale?days=90"; do curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$path"; done

run contact-get raw "/raw/contacts/$CONTACT"
run contact-get liaison "/api/v1/contacts/$CONTACT"
run contacts-list raw "/raw/contacts"
run contacts-list liaison "/api/v1/contacts"
run contacts-filter raw "/raw/contacts?country_code=IQ"
run contacts-filter liaison "/api/v1/contacts?country_code=IQ"
run contacts-filter-sort raw "/raw/contacts?country_code=IQ&sort=-updated_at"
run contacts-filter-sort liaison "/api/v1/contacts?country_code=IQ&sort=-updated_at"
run contacts-deep-cursor raw "/raw/contacts?sort=full_name&cursor=$DEEP_CURSOR"
run contacts-deep-cursor liaison "/api/v1/contacts?sort=full_name&cursor=$DEEP_CURSOR"
run contacts-search liaison "/api/v1/contacts?q=hodzic"
run search liaison "/api/v1/search?q=ministry%20interior"
run org-timeline-typical liaison "/api/v1/organizations/$TYPICAL_ORG/timeline"
run org-timeline-largest liaison "/api/v1/organizations/$BIG_ORG/timeline"
run commitment-review liaison "/api/v1/review/commitments"
run stale-review liaison "/api/v1/review/stale?days=90"
run create-interaction liaison "/api/v1/interactions" create-interaction.lua
run update-commitment liaison "/api/v1/commitments" update-commitment.lua
run mix-90-10 liaison "/api/v1/contacts" mix.lua
# The ten slowest cells of the filter × sort matrix (make bench-matrix, run
# with BENCH_MATRIX_PATHS set so that it records each cell's request).
if [ -f docs/bench/raw/matrix-$kind.txt ] && [ -f docs/bench/raw/matrix-paths-$kind.tsv ]; then
  go run ./bench/report -worst "$kind" | while IFS=$'\t' read -r name path; do
    run "$name" liaison "$path"
  done
fi
echo "wrote $out"
