#!/usr/bin/env bash
# Imports a generated 100k-row contacts CSV end to end through the HTTP API
# (POST /api/v1/imports, dry_run=false) into a fresh database, and reports
# rows/s and the server's peak resident memory (VmHWM).
#   scripts/import-throughput.sh sqlite            # a temporary SQLite file
#   scripts/import-throughput.sh postgres          # database liaison_import_bench on 127.0.0.1:5432
# ROWS=100000 by default; the binary is bin/liaison (make build), or BIN.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-sqlite}
rows=${ROWS:-100000}
dir=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
base=http://127.0.0.1:$port
case $kind in
sqlite) db="sqlite:$dir/liaison.db" ;;
postgres)
	psql -q -h 127.0.0.1 -U postgres -c 'DROP DATABASE IF EXISTS liaison_import_bench' -c 'CREATE DATABASE liaison_import_bench'
	db="postgres://postgres@127.0.0.1:5432/liaison_import_bench?sslmode=disable" ;;
*) echo "sqlite or postgres" >&2; exit 2 ;;
esac

python3 - "$rows" >"$dir/contacts.csv" <<'PY'
import sys
n = int(sys.argv[1])
given = ["Amra", "Đorđe", "Ćamila", "Ahmed", "Leila", "Šefik", "Žana", "Omar", "Mirza", "Nadia"]
family = ["Hodžić", "Šećerović", "Al-Obaidi", "Kovačević", "Husseini", "Begić", "Mahmoud", "Đurić"]
print("given_name,family_name,email,phone,city,notes")
for i in range(n):
    g, f = given[i % len(given)], family[(i // len(given)) % len(family)]
    print(f'{g},{f} {i},person{i}@example.org,,Sarajevo,"Imported row {i}"')
PY
echo "file: $(du -h "$dir/contacts.csv" | cut -f1), $rows rows"

LIAISON_DB=$db LIAISON_ADDR=127.0.0.1:$port LIAISON_ADMIN_EMAIL=bench@example.org \
	LIAISON_ADMIN_PASSWORD=bench-password-2026 LIAISON_LOG_LEVEL=warn "${BIN:-bin/liaison}" serve >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.3; done
curl -fs -c "$dir/jar" -H 'Content-Type: application/json' \
	-d '{"email":"bench@example.org","password":"bench-password-2026"}' "$base/api/v1/auth/login" >/dev/null
echo "server RSS before: $(awk '/VmRSS/{print $2" "$3}' /proc/$pid/status)"

start=$(date +%s.%N)
curl -fsS -b "$dir/jar" -H 'Accept: application/x-ndjson' -F kind=contacts -F dry_run=false \
	-F "file=@$dir/contacts.csv;type=text/csv" "$base/api/v1/imports" >"$dir/answer.ndjson"
end=$(date +%s.%N)
tail -n 1 "$dir/answer.ndjson" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read())["result"]; print("rows", r["rows"], "created", r["created"], "errors", r["error_count"], "duplicates", r["duplicate_count"])'
echo "progress lines: $(grep -c '"rows"' "$dir/answer.ndjson")"
python3 -c "s=$end-$start; print(f'elapsed {s:.1f} s, {$rows/s:.0f} rows/s')"
echo "server peak RSS (VmHWM): $(awk '/VmHWM/{print $2" "$3}' /proc/$pid/status)"
