#!/usr/bin/env bash
# Exports every contact a manager sees (GET /api/v1/contacts/export) as CSV
# and as XLSX from a seeded database, and pages through the same contacts
# with the list API (limit 200) in the same run, as the baseline. Reports
# rows, seconds, rows/s and the server's peak resident memory (VmHWM) after
# each step; the server is restarted per step so each peak is its own.
#   scripts/export-throughput.sh sqlite:bench/data/liaison-1m.db
#   scripts/export-throughput.sh 'postgres://postgres@127.0.0.1:5432/liaison_bench?sslmode=disable'
# Needs a database made by `liaison seed-bench` and the binaries of
# `make bench-bin`.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: export-throughput.sh DSN}
port=$((20000 + RANDOM % 20000))
base=http://127.0.0.1:$port
dir=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT

eval "$(bench/bin/prepare -db "$db")"
auth="Authorization: Bearer $TOKEN"

start() {
	LIAISON_DB=$db LIAISON_ADDR=127.0.0.1:$port LIAISON_LOG_LEVEL=error bench/bin/liaison serve >"$dir/server.log" 2>&1 &
	pid=$!
	for _ in $(seq 1 200); do
		curl -fsS "$base/readyz" >/dev/null 2>&1 && return
		sleep 0.1
	done
	echo "the server did not start" >&2
	cat "$dir/server.log" >&2
	exit 1
}
stop() {
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
}
peak() { awk '/VmHWM/ {printf "%d MiB", $2 / 1024}' "/proc/$pid/status"; }

for format in csv xlsx; do
	start
	t0=$(date +%s.%N)
	curl -fsS -H "$auth" -o "$dir/out.$format" "$base/api/v1/contacts/export?format=$format"
	t1=$(date +%s.%N)
	if [ "$format" = csv ]; then
		rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""))) - 1)' "$dir/out.csv")
	else
		rows=$(unzip -p "$dir/out.xlsx" xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l)
		rows=$((rows - 1))
	fi
	printf '%s export: %d rows in %.1f s = %.0f rows/s, %s bytes, peak RSS %s\n' "$format" "$rows" \
		"$(echo "$t1 - $t0" | bc)" "$(echo "$rows / ($t1 - $t0)" | bc -l)" "$(stat -c %s "$dir/out.$format")" "$(peak)"
	stop
done

start
t0=$(date +%s.%N)
rows=$(BASE=$base AUTH="$auth" python3 - <<'PY'
import json, os, urllib.request, urllib.parse
base, auth = os.environ["BASE"], os.environ["AUTH"].split(": ", 1)
n, cursor = 0, None
while True:
    url = base + "/api/v1/contacts?limit=200" + ("&cursor=" + urllib.parse.quote(cursor) if cursor else "")
    req = urllib.request.Request(url, headers={auth[0]: auth[1]})
    page = json.load(urllib.request.urlopen(req))
    n += len(page["items"])
    cursor = page.get("next_cursor")
    if not cursor:
        break
print(n)
PY
)
t1=$(date +%s.%N)
printf 'list API (limit 200, every page): %d rows in %.1f s = %.0f rows/s, peak RSS %s\n' "$rows" \
	"$(echo "$t1 - $t0" | bc)" "$(echo "$rows / ($t1 - $t0)" | bc -l)" "$(peak)"
stop
