package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"liaison/models"
	"liaison/models/modeltest"
	"liaison/services"
)

// Scheduled backups are named by their time, each checked, and only the
// newest LIAISON_BACKUP_KEEP are kept.
func TestScheduledBackupsKeepTheNewest(t *testing.T) {
	db, _ := modeltest.Open(t)
	dir := filepath.Join(t.TempDir(), "backups")
	start := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	var written []string
	for i := range 4 {
		path, err := scheduledBackup(context.Background(), db, dir, 2, start.Add(time.Duration(i)*24*time.Hour))
		if modeltest.Kind() == models.Postgres {
			if err == nil {
				t.Fatal("a scheduled backup of PostgreSQL was taken; pg_dump's job")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		written = append(written, path)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if !slices.Equal(left, written[2:]) {
		t.Fatalf("kept %v, want the newest two %v", left, written[2:])
	}
	for _, f := range left {
		if err := models.CheckSQLiteFile(context.Background(), f); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(written[0]); !os.IsNotExist(err) {
		t.Errorf("the oldest backup is still there: %v", err)
	}
}

// Truncating the write-ahead log in a quiet moment leaves it empty, and
// never waits when the database is busy.
func TestQuietCheckpointTruncatesTheLog(t *testing.T) {
	db, dsn := modeltest.Open(t)
	for i := range 200 {
		db.Exec("INSERT INTO tags (created_at, updated_at, slug, name, kind) VALUES (?, ?, ?, 'x', 'custom')", models.Now(), models.Now(), fmt.Sprint("t-", i))
	}
	// A writer in the middle of a transaction: the checkpoint gives up at once.
	writer := db.Begin()
	writer.Exec("INSERT INTO tags (created_at, updated_at, slug, name, kind) VALUES (?, ?, 'held', 'x', 'custom')", models.Now(), models.Now())
	busy, err := models.TruncateWAL(context.Background(), db)
	writer.Rollback()
	if err != nil || (modeltest.Kind() == models.SQLite && !busy) {
		t.Fatalf("checkpoint beside a writer: busy %v, %v; want busy", busy, err)
	}
	busy, err = models.TruncateWAL(context.Background(), db)
	if err != nil || busy {
		t.Fatalf("quiet checkpoint: busy %v, %v", busy, err)
	}
	if path, ok := models.SQLitePath(dsn); ok {
		if st, err := os.Stat(path + "-wal"); err == nil && st.Size() != 0 {
			t.Fatalf("write-ahead log is %d bytes after a truncating checkpoint", st.Size())
		}
		var timeout int
		db.Raw("PRAGMA busy_timeout").Scan(&timeout)
		if timeout == 0 {
			t.Fatal("the checkpoint left a connection without its busy timeout")
		}
	}
}

// The scheduled prune deletes the Idempotency-Keys past their 24 hours and
// keeps the younger ones, on either database.
func TestScheduledPruneDeletesExpiredIdempotencyKeys(t *testing.T) {
	db, _ := modeltest.Open(t)
	fx := modeltest.Seed(t, db, "not-a-hash")
	user := fx.Users["a.officer"].ID
	now := time.Now().UTC()
	for key, age := range map[string]time.Duration{"old": 25 * time.Hour, "young": 23 * time.Hour} {
		if err := db.Exec(`INSERT INTO idempotency_keys (user_id, idem_key, request_hash, state, claim, claimed_at, status, created_at)
VALUES (?, ?, 'h', 'done', 'c', ?, 201, ?)`, user, key, now.Add(-age), now.Add(-age)).Error; err != nil {
			t.Fatal(err)
		}
	}
	svc := services.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), services.Config{})
	pruneIdempotencyKeys(context.Background(), svc, now, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var left []string
	db.Raw("SELECT idem_key FROM idempotency_keys").Scan(&left)
	if !slices.Equal(left, []string{"young"}) {
		t.Fatalf("keys left after the prune: %v, want [young]", left)
	}
}
