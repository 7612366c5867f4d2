#!/usr/bin/env bash
# Runs the Go test suite on one database kind (sqlite or postgres) and ends
# with a one-line count. Under CI=true an unreachable PostgreSQL fails the
# tests instead of skipping them (see models/modeltest).
set -uo pipefail
kind=${1:?usage: go-test.sh sqlite|postgres}
log=$(mktemp)
LIAISON_TEST_DB=$kind go test -count=1 -v -timeout 15m ./... >"$log" 2>&1
status=$?
passed=$(grep -cE '^\s*--- PASS' "$log")
failed=$(grep -cE '^\s*--- FAIL' "$log")
skipped=$(grep -cE '^\s*--- SKIP' "$log")
grep -E '^(ok|FAIL|---|panic)|^\s+--- FAIL|_test.go:[0-9]+:' "$log" | grep -vE '^\s*--- (PASS|SKIP)' | tail -80
if [ "${CI:-}" = "true" ] && [ "$skipped" -gt 0 ]; then
  echo "go ($kind): $skipped skipped tests under CI=true:"; grep -E -A2 '^\s*--- SKIP' "$log" | head -20
  status=1
fi
rm -f "$log"
echo "go ($kind): $passed passed, $failed failed, $skipped skipped"
exit $status
