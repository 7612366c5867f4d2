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

.PHONY: run build spa test test-go test-go-sqlite test-go-postgres test-spa e2e lint api-client clean

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
SPA_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/package-lock.json $(wildcard frontend/tsconfig*.json)

spa: frontend/dist/index.html

frontend/dist/index.html: frontend/node_modules/.installed $(SPA_SOURCES)
	$(NPM) run build

## test: everything — Go on SQLite and PostgreSQL, the SPA's unit tests, lint, browser tests
test: lint test-go test-spa e2e

test-go: test-go-sqlite test-go-postgres

test-go-sqlite:
	scripts/go-test.sh sqlite

test-go-postgres:
	scripts/go-test.sh postgres

test-spa: frontend/node_modules/.installed
	$(NPM) test

## e2e: browser tests in Chromium against the real binary
e2e: build
	$(NPM) run test:e2e

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

clean:
	rm -rf bin frontend/node_modules frontend/dist/assets frontend/dist/index.html
