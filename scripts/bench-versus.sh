#!/usr/bin/env bash
# Two builds of Liaison side by side on the same data, for before/after
# figures taken in one run: each path is loaded with wrk against the first
# server, then the second, alternating for ROUNDS rounds, so that a change
# of the machine's load shows in both columns alike.
#
#   BENCH_TOKEN=... scripts/bench-versus.sh OLD_BIN OLD_DB NEW_BIN NEW_DB PATH...
#
# OLD_DB and NEW_DB are LIAISON_DB values (two copies of one data set when
# the builds' migrations differ). Prints one tab-separated line per run:
# round, build, path, requests/s, p50 ms, p99 ms.
set -euo pipefail
old_bin=$1 old_db=$2 new_bin=$3 new_db=$4
shift 4
duration=${BENCH_DURATION:-8s}
connections=${BENCH_CONNECTIONS:-32}
rounds=${ROUNDS:-2}
: "${BENCH_TOKEN:?BENCH_TOKEN: a token of a user of both databases}"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
start() { # BIN DB PORT
  LIAISON_DB=$2 LIAISON_ADDR=127.0.0.1:$3 LIAISON_LOG_LEVEL=error "$1" serve >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$3/readyz" >/dev/null 2>&1 && return; sleep 0.2; done
  echo "the server on port $3 did not start" >&2; exit 1
}
start "$old_bin" "$old_db" 18480
start "$new_bin" "$new_db" 18481
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'; }
dir=$(dirname "$0")
printf 'round\tbuild\tpath\treq_per_s\tp50_ms\tp99_ms\n'
for round in $(seq 1 "$rounds"); do
  for path in "$@"; do
    for build in old new; do
      port=18480; [ "$build" = new ] && port=18481
      out=$(wrk -t2 -c"$connections" -d"$duration" --timeout 10s --latency -s "$dir/wrk/auth.lua" "http://127.0.0.1:$port$path" 2>&1 || true)
      rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
      non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
      [ -n "$non2xx" ] && echo "warning: $non2xx non-2xx answers from $build on $path" >&2
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$build" "$path" "${rps:-0}" "$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")" "$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
    done
  done
done
