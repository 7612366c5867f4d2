package models_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/models/modeltest"
)

func openSQLiteFile(t *testing.T, path string) *gorm.DB {
	t.Helper()
	db, err := models.Open("sqlite:"+path, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := models.Migrate(db); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return db
}

func countTags(t *testing.T, db *gorm.DB) int64 {
	t.Helper()
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM tags WHERE slug LIKE 'w-%'").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// A backup taken while writers go on holds every write acknowledged before
// it began, and passes SQLite's integrity check. (Copying the .db file
// alone can lack writes still in the write-ahead log.)
func TestBackupHoldsEveryWriteAcknowledgedBeforeIt(t *testing.T) {
	dir := t.TempDir()
	db := openSQLiteFile(t, filepath.Join(dir, "live.db"))
	ctx := context.Background()
	var acked atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				err := db.Exec("INSERT INTO tags (created_at, updated_at, slug, name, kind) VALUES (?, ?, ?, 'w', 'custom')",
					models.Now(), models.Now(), fmt.Sprintf("w-%d-%d", w, i)).Error
				if err != nil {
					t.Error(err)
					return
				}
				acked.Add(1)
			}
		})
	}
	for acked.Load() < 200 {
		if t.Failed() {
			t.FailNow()
		}
		runtime.Gosched()
	}
	before := acked.Load()
	dest := filepath.Join(dir, "backups", "copy.db")
	err := models.Backup(ctx, db, dest)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if err := models.CheckSQLiteFile(ctx, dest); err != nil {
		t.Fatal(err)
	}
	copyDB := openSQLiteFile(t, dest)
	if got := countTags(t, copyDB); got < before {
		t.Fatalf("the backup holds %d of the %d writes acknowledged before it began", got, before)
	}
	if err := models.Backup(ctx, db, dest); err == nil {
		t.Fatal("a backup overwrote an existing file")
	}
}

// A restore refuses while a server holds the database; otherwise it puts
// the backup in place, and the database it replaced is kept beside it with
// its write-ahead log, which must not be replayed into the restored file.
func TestRestoreReplacesTheDatabaseOnlyWhenNoServerHoldsIt(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "liaison.db")
	ctx := context.Background()
	db := openSQLiteFile(t, live)
	for i := range 5 {
		db.Exec("INSERT INTO tags (created_at, updated_at, slug, name, kind) VALUES (?, ?, ?, 'w', 'custom')", models.Now(), models.Now(), fmt.Sprint("w-", i))
	}
	saved := filepath.Join(dir, "saved.db")
	if err := models.Backup(ctx, db, saved); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		db.Exec("INSERT INTO tags (created_at, updated_at, slug, name, kind) VALUES (?, ?, ?, 'w', 'custom')", models.Now(), models.Now(), fmt.Sprint("w-later-", i))
	}
	sqlDB, _ := db.DB()
	sqlDB.Close()

	server, err := models.HoldSQLite(live)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := models.Restore(ctx, saved, live); !errors.Is(err, models.ErrDatabaseInUse) {
		t.Fatalf("restore under a running server: %v, want ErrDatabaseInUse", err)
	}
	server.Release()
	if _, err := models.Restore(ctx, filepath.Join(dir, "missing.db"), live); err == nil {
		t.Fatal("restored from a file that does not exist")
	}
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("not a database"), 0o600)
	if _, err := models.Restore(ctx, notDB, live); err == nil {
		t.Fatal("restored from a file that is not a database")
	}
	kept, err := models.Restore(ctx, saved, live)
	if err != nil {
		t.Fatal(err)
	}
	if got := countTags(t, openSQLiteFile(t, live)); got != 5 {
		t.Fatalf("restored database holds %d tags, want the backup's 5", got)
	}
	if got := countTags(t, openSQLiteFile(t, kept)); got != 8 {
		t.Fatalf("the replaced database, kept as %s, holds %d tags, want 8", kept, got)
	}
}

// On PostgreSQL, backups are pg_dump's: the command says so; on SQLite the
// test database itself backs up.
func TestBackupOfEitherDatabase(t *testing.T) {
	err := models.Backup(context.Background(), modeltest.DB(t), filepath.Join(t.TempDir(), "x.db"))
	switch {
	case modeltest.Kind() == models.Postgres && !errors.Is(err, models.ErrBackupPostgres):
		t.Fatalf("backup on PostgreSQL: %v, want the pointer to pg_dump", err)
	case modeltest.Kind() != models.Postgres && err != nil:
		t.Fatalf("backup on SQLite: %v", err)
	}
}
