package models

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Liaison's planner settings are added to a PostgreSQL URL unless the URL
// already chooses them, as a parameter or in options.
func TestPostgresPlannerDefaults(t *testing.T) {
	for _, c := range []struct{ in, want, not string }{
		{"postgres://u@h/db?sslmode=disable", "plan_cache_mode=force_custom_plan", ""},
		{"postgres://u@h/db", "random_page_cost=1.1", ""},
		{"postgres://u@h/db", "jit=off", ""},
		{"postgres://u@h/db?jit=on", "jit=on", "jit=off"},
		{"postgres://u@h/db?plan_cache_mode=auto", "plan_cache_mode=auto", "force_custom_plan"},
		{"postgres://u@h/db?options=-c%20random_page_cost%3D2", "random_page_cost%3D2", "random_page_cost=1.1"},
	} {
		u, _ := url.Parse(c.in)
		got := pgRuntimeParams(u)
		if !strings.Contains(got, c.want) || (c.not != "" && strings.Contains(got, c.not)) {
			t.Errorf("%s -> %s", c.in, got)
		}
	}
	// The driver reads the options back as they were given, spaces and
	// pluses apart.
	u, _ := url.Parse("postgres://u@h/db?options=-c%20plan_cache_mode%3Dforce_custom_plan%20-c%20search_path%3Da%2Bb")
	cfg, err := pgx.ParseConfig(pgRuntimeParams(u))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.RuntimeParams["options"], "-c plan_cache_mode=force_custom_plan -c search_path=a+b"; got != want {
		t.Errorf("options reach the server as %q, want %q", got, want)
	}
}

// Every SQLite connection bounds the write-ahead log it leaves on disk, and
// keeps the settings of the connection string (WAL, foreign keys).
func TestSQLiteConnectionsBoundTheWriteAheadLog(t *testing.T) {
	db, err := Open("sqlite:"+t.TempDir()+"/wal.db", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, _ := db.DB()
	defer sqlDB.Close()
	ctx := context.Background()
	for i := range sqliteConns() { // every connection of the pool, held at once
		conn, err := sqlDB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var limit int64
		var mode string
		var fk int
		if err := conn.QueryRowContext(ctx, "PRAGMA journal_size_limit").Scan(&limit); err != nil {
			t.Fatal(err)
		}
		_ = conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
		_ = conn.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk)
		if limit != walSizeLimit || mode != "wal" || fk != 1 {
			t.Fatalf("connection %d: journal_size_limit %d, journal_mode %s, foreign_keys %d", i, limit, mode, fk)
		}
	}
}

// SQLite syncs at checkpoints by default (synchronous=NORMAL, 1) and at
// every commit when asked (FULL, 2).
func TestSQLiteSyncsEveryCommitWhenAsked(t *testing.T) {
	for _, c := range []struct {
		options []OpenOption
		want    int
	}{{nil, 1}, {[]OpenOption{SyncEveryCommit()}, 2}} {
		db, err := Open("sqlite:"+t.TempDir()+"/sync.db", slog.New(slog.NewTextHandler(io.Discard, nil)), c.options...)
		if err != nil {
			t.Fatal(err)
		}
		var got int
		db.Raw("PRAGMA synchronous").Scan(&got)
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
		if got != c.want {
			t.Errorf("options %d: synchronous = %d, want %d", len(c.options), got, c.want)
		}
	}
}
