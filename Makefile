# Liaison — the commands the README names. Every Go command builds with the
# sqlite_fts5 tag (full-text search on SQLite).
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
export GOFLAGS := -tags=sqlite_fts5

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
LIAISON_DB ?= sqlite:data/liaison.db
LIAISON_ADDR ?= 127.0.0.1:8080
NPM := npm --prefix frontend

.PHONY: fuzz test-fuzz durability soak run run-mail build spa test test-go test-go-sqlite test-go-postgres test-spa e2e test-tools lint api-client generate clean \
	bench bench-go bench-http bench-bin seed-bench seed-bench-postgres bench-report bench-matrix bench-pages lighthouse

## run: build everything, load the demo into a new data/liaison.db, print the logins, serve
run: build
	@LIAISON_DB=$(LIAISON_DB) ./bin/liaison demo || echo "(not a demo database: sign in with your own users)"
	LIAISON_DB=$(LIAISON_DB) LIAISON_ADDR=$(LIAISON_ADDR) ./bin/liaison serve

## build: bin/liaison with the built SPA embedded
build: spa
	CGO_ENABLED=1 go build -trimpath -ldflags "$(LDFLAGS)" -o bin/liaison .

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

# The SPA is rebuilt only when its sources change.
SPA_SOURCES := $(shell find frontend/src frontend/public frontend/build -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/package-lock.json $(wildcard frontend/tsconfig*.json)

spa: frontend/dist/index.html

frontend/dist/index.html: frontend/node_modules/.installed $(SPA_SOURCES)
	$(NPM) run build

## test: everything — Go on SQLite and PostgreSQL, a short fuzz of each target, the SPA's unit tests, lint, browser tests
test: lint test-go test-fuzz test-spa e2e

test-go: test-go-sqlite test-go-postgres

test-go-sqlite: bin/mailpit
	scripts/go-test.sh sqlite

test-go-postgres: bin/mailpit
	scripts/go-test.sh postgres

## bin/mailpit: the real SMTP server (with an HTTP API to read what arrived) that run-mail and the tests start
bin/mailpit: tools/mailpit/go.mod tools/mailpit/go.sum
	cd tools/mailpit && go build -o ../../bin/mailpit github.com/axllent/mailpit

MAILPIT_SMTP ?= 127.0.0.1:1025
MAILPIT_UI ?= 127.0.0.1:8025

## run-mail: as run, with Mailpit beside it receiving Liaison's mails; prints the inbox address
run-mail: build bin/mailpit
	@LIAISON_DB=$(LIAISON_DB) ./bin/liaison demo || echo "(not a demo database: sign in with your own users)"
	@./bin/mailpit --smtp $(MAILPIT_SMTP) --listen $(MAILPIT_UI) --smtp-auth-accept-any --smtp-auth-allow-insecure --disable-version-check --quiet & \
		trap "kill $$! 2>/dev/null" EXIT INT TERM; \
		echo "Mail inbox (Mailpit): http://$(MAILPIT_UI)"; \
		LIAISON_DB=$(LIAISON_DB) LIAISON_ADDR=$(LIAISON_ADDR) LIAISON_SMTP_URL=smtp://$(MAILPIT_SMTP) \
		LIAISON_MAIL_FROM="Liaison <liaison@localhost>" LIAISON_PUBLIC_URL=http://$(LIAISON_ADDR) ./bin/liaison serve

# The native Go fuzz targets, package:name. A crasher is kept by go test
# under the package's testdata/fuzz and runs as a regression input ever after.
FUZZ_TARGETS := ./api:FuzzTextFault ./api:FuzzPatchDecoding ./services/query:FuzzDecodeCursor ./services/query:FuzzFold
FUZZTIME ?= 1m

## fuzz: each fuzz target for FUZZTIME (default 1m)
fuzz:
	@for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$pkg $$name for $(FUZZTIME)"; \
		go test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; done

# make test fuzzes each target for a number of inputs (about 10 s each on
# two cores) rather than a time: Go 1.26's fuzzing stops a duration with a
# race that fails the target with a bare "context deadline exceeded" when a
# worker is busy at the deadline (go.dev/issue/75804, fixed in Go 1.27),
# which a loaded machine hits; a count has no deadline to race.
test-fuzz:
	$(MAKE) fuzz FUZZTIME=15000x

## durability: SIGKILL under concurrent writes, DURABILITY_RUNS times on SQLite and a fifth of that on PostgreSQL; every acknowledged write must survive (make test runs two of each)
DURABILITY_RUNS ?= 50
durability:
	LIAISON_DURABILITY_RUNS=$(DURABILITY_RUNS) LIAISON_TEST_DB=sqlite go test -count=1 -run '^TestAcknowledgedWritesSurviveKill9$$' -v -timeout 60m .
	LIAISON_DURABILITY_RUNS=$$(( $(DURABILITY_RUNS) / 5 + 1 )) LIAISON_TEST_DB=postgres go test -count=1 -run '^TestAcknowledgedWritesSurviveKill9$$' -v -timeout 60m .

## soak: a steady mixed load (SOAK_RATE requests/s, a tenth writes) for SOAK_DURATION against the built binary on the demo; prints p50/p99, 5xx and RSS every 10 s
SOAK_DURATION ?= 2m
SOAK_RATE ?= 100
soak: build
	go run ./bench/soak -bin bin/liaison -duration $(SOAK_DURATION) -rate $(SOAK_RATE)

test-spa: frontend/node_modules/.installed
	$(NPM) test

## e2e: browser tests in Chromium against the real binary
e2e: build test-tools bin/mailpit
	$(NPM) run test:e2e

## test-tools: the real OpenID provider the single sign-on browser test signs in at
test-tools:
	go build -o bin/oidc-provider ./tools/oidc-provider

## bench-pages: how long the main pages take to show their data on the demo, in Chromium
bench-pages: build
	$(NPM) run bench:pages

## lighthouse: Lighthouse (mobile: slow 4G, 4x CPU) on the main pages of the demo, signed in as its manager, into docs/PERFORMANCE.md; LIGHTHOUSE_BASELINE=bin/other measures that binary beside this one as "before"
LIGHTHOUSE_RUNS ?= 3
lighthouse: build
	cd frontend && node scripts/lighthouse.mjs --binary ../bin/liaison --runs $(LIGHTHOUSE_RUNS) $(if $(LIGHTHOUSE_BASELINE),--baseline ../$(LIGHTHOUSE_BASELINE))

## lint: gofmt, go vet, TypeScript, the compose file, and a fresh API client
lint: frontend/node_modules/.installed
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt: $$unformatted"; exit 1; fi
	go vet ./...
	$(NPM) run typecheck
	$(NPM) run lint:compose -- --max-warnings 0

## api-client: regenerate frontend/openapi.json and the typed client from the Go types
api-client: frontend/node_modules/.installed
	go run . openapi > frontend/openapi.json
	$(NPM) run gen:api

## generate: the SQL files of new maintained-table migrations (models/migrations/{sqlite,postgres})
generate:
	go generate ./models

clean:
	rm -rf bin frontend/node_modules frontend/dist/assets frontend/dist/index.html

# ---- Performance at a million contacts (docs/PERFORMANCE.md). None of this
# runs in `make test`: the data sets take minutes to build and gigabytes.
BENCH_SQLITE := bench/data/liaison-1m.db
BENCH_PG ?= postgres://postgres@127.0.0.1:5432/liaison_bench?sslmode=disable&options=-c%20plan_cache_mode%3Dforce_custom_plan
BENCH_PG_ADMIN ?= postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
BENCH_SCALE ?= 1
BENCH_TIME ?= 0.5s
BENCH_COUNT ?= 3
BENCHSTAT := $(shell go env GOPATH)/bin/benchstat

## bench-bin: the server, the raw baseline and the token helper, in bench/bin
bench-bin:
	go build -o bench/bin/liaison .
	go build -o bench/bin/rawserver ./bench/rawserver
	go build -o bench/bin/prepare ./bench/prepare

## seed-bench: the seeded 1M-contact data set in SQLite (bench/data), built once
seed-bench: $(BENCH_SQLITE)

$(BENCH_SQLITE):
	$(MAKE) bench-bin
	mkdir -p bench/data
	rm -f $@.tmp $@.tmp-wal $@.tmp-shm
	set -o pipefail; LIAISON_DB=sqlite:$@.tmp ./bench/bin/liaison seed-bench -scale $(BENCH_SCALE) 2>&1 | tee bench/data/seed-sqlite.log
	@# A write-ahead log left beside an earlier file would be replayed into this one.
	rm -f $@-wal $@-shm
	mv $@.tmp $@

## seed-bench-postgres: the same data set in the PostgreSQL database liaison_bench, built once
seed-bench-postgres: bench-bin
	@set -o pipefail; if psql "$(BENCH_PG)" -tAc "SELECT 1 FROM commitments LIMIT 1" 2>/dev/null | grep -q 1; then echo "liaison_bench is already seeded"; else \
		psql "$(BENCH_PG_ADMIN)" -c "DROP DATABASE IF EXISTS liaison_bench" -c "CREATE DATABASE liaison_bench" && \
		LIAISON_DB='$(BENCH_PG)' ./bench/bin/liaison seed-bench -scale $(BENCH_SCALE) 2>&1 | tee bench/data/seed-postgres.log; fi

$(BENCHSTAT):
	GOFLAGS= go install golang.org/x/perf/cmd/benchstat@latest

## bench: Go benchmarks of every list, filter, sort, search, timeline, itinerary and review query beside plain SQL, on both databases
bench: bench-go bench-report

bench-go: seed-bench seed-bench-postgres $(BENCHSTAT)
	mkdir -p docs/bench/raw
	set -o pipefail; cd bench && LIAISON_BENCH_DB=sqlite:data/liaison-1m.db go test -tags=sqlite_fts5,bench -run '^$$' -bench . \
		-benchtime $(BENCH_TIME) -count $(BENCH_COUNT) -timeout 60m . | tee ../docs/bench/raw/go-sqlite.txt
	set -o pipefail; cd bench && LIAISON_BENCH_DB='$(BENCH_PG)' go test -tags=sqlite_fts5,bench -run '^$$' -bench . \
		-benchtime $(BENCH_TIME) -count $(BENCH_COUNT) -timeout 60m . | tee ../docs/bench/raw/go-postgres.txt
	$(BENCHSTAT) -col /layer docs/bench/raw/go-sqlite.txt > docs/bench/raw/benchstat-sqlite.txt
	$(BENCHSTAT) -col /layer docs/bench/raw/go-postgres.txt > docs/bench/raw/benchstat-postgres.txt

## bench-http: wrk on loopback, 10 s per scenario at 32 connections, Liaison beside a bare raw-SQL handler, on both databases
bench-http: seed-bench seed-bench-postgres bench-bin
	scripts/bench-http.sh sqlite
	scripts/bench-http.sh postgres
	$(MAKE) bench-report

## bench-matrix: every list filter with every sort (and count=true) on both 1M data sets, into docs/PERFORMANCE.md
bench-matrix: seed-bench seed-bench-postgres
	mkdir -p docs/bench/raw
	rm -f docs/bench/raw/matrix-paths-*.tsv
	set -o pipefail; cd bench && BENCH_MATRIX_PATHS=$(CURDIR)/docs/bench/raw/matrix-paths-sqlite.tsv LIAISON_BENCH_DB=sqlite:data/liaison-1m.db go test -tags=sqlite_fts5,bench -run '^$$' -bench Matrix \
		-benchtime 300ms -timeout 90m . | tee ../docs/bench/raw/matrix-sqlite.txt
	set -o pipefail; cd bench && BENCH_MATRIX_PATHS=$(CURDIR)/docs/bench/raw/matrix-paths-postgres.tsv LIAISON_BENCH_DB='$(BENCH_PG)' go test -tags=sqlite_fts5,bench -run '^$$' -bench Matrix \
		-benchtime 300ms -timeout 90m . | tee ../docs/bench/raw/matrix-postgres.txt
	go run ./bench/report -matrix-into docs/PERFORMANCE.md

## bench-report: regenerate docs/PERFORMANCE.md from docs/bench/raw
bench-report:
	go run ./bench/report -keep docs/PERFORMANCE.md > docs/PERFORMANCE.md.new && mv docs/PERFORMANCE.md.new docs/PERFORMANCE.md
