# syntax=docker/dockerfile:1

# ---- 1. Single-page app -------------------------------------------------------
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend

# Install dependencies first so this layer is reused until the lockfile changes.
COPY frontend/package.json frontend/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

COPY frontend/ ./
RUN npm run build

# ---- 2. Go binary (cgo is required by the SQLite driver) ---------------------
FROM golang:1.26-bookworm AS build
ARG VERSION=dev
WORKDIR /src

COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download

COPY . .
# The SPA is embedded into the binary; take the freshly built bundle, never a
# stale one from the build context (.dockerignore excludes frontend/dist).
COPY --from=frontend /src/frontend/dist ./frontend/dist

RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=1 go build -tags sqlite_fts5 -trimpath \
        -ldflags "-s -w -X main.version=${VERSION}" \
        -o /out/liaison .

# ---- 3. Runtime ---------------------------------------------------------------
# Same Debian release as the build stage so the cgo binary finds a matching glibc.
FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 liaison \
    && useradd --system --uid 10001 --gid liaison --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin liaison \
    && mkdir -p /data \
    && chown liaison:liaison /data

COPY --from=build /out/liaison /usr/local/bin/liaison

ENV LIAISON_ADDR=0.0.0.0:8080 \
    LIAISON_DB=sqlite:/data/liaison.db

WORKDIR /data
VOLUME ["/data"]
# Numeric so orchestrators enforcing runAsNonRoot can verify it (uid of "liaison").
USER 10001:10001
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || exit 1

ENTRYPOINT ["/usr/local/bin/liaison"]
CMD ["serve"]
