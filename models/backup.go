package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gorm.io/gorm"
)

// A running SQLite database is more than its .db file: committed writes
// may still be in the write-ahead log beside it, so a copy of the file
// alone can lack them while passing every integrity check. Backups are
// therefore taken through SQLite itself (VACUUM INTO, which reads one
// consistent snapshot while writers go on), and a restore puts the copy in
// place with no stale log left beside it to be replayed into it.

// ErrBackupPostgres is asking Liaison to back up a PostgreSQL database:
// pg_dump does it (docs/OPERATIONS.md has the commands).
var ErrBackupPostgres = errors.New("on PostgreSQL, back up with pg_dump -Fc and restore with pg_restore (see docs/OPERATIONS.md)")

// SQLitePath is the file of a "sqlite:PATH" database; false for PostgreSQL.
func SQLitePath(dsn string) (string, bool) {
	path, ok := strings.CutPrefix(dsn, "sqlite:")
	return path, ok && path != ""
}

// Backup writes a consistent copy of a live SQLite database to dest (which
// must not exist) and checks it. Every write committed before it began is
// in the copy; writes may go on meanwhile.
func Backup(ctx context.Context, db *gorm.DB, dest string) error {
	if db.Name() != SQLite {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("%s exists: a backup never overwrites a file", dest)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o750); err != nil {
		return err
	}
	tmp := dest + ".partial"
	_ = os.Remove(tmp)
	if err := db.WithContext(ctx).Exec("VACUUM INTO ?", tmp).Error; err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	if err := CheckSQLiteFile(ctx, tmp); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	return os.Rename(tmp, dest)
}

// CheckSQLiteFile opens a database file read-only and runs SQLite's
// integrity check on it.
func CheckSQLiteFile(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return err
	}
	conn, err := sql.Open(sqliteDriver, "file:"+path+"?mode=ro&_foreign_keys=on")
	if err != nil {
		return err
	}
	defer conn.Close()
	var result string
	if err := conn.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result); err != nil {
		return fmt.Errorf("%s is not a readable SQLite database: %w", path, err)
	}
	if result != "ok" {
		return fmt.Errorf("%s fails SQLite's integrity check: %s", path, result)
	}
	var migrations int
	if err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&migrations); err != nil || migrations == 0 {
		return fmt.Errorf("%s is not a Liaison database (no migrations recorded)", path)
	}
	return nil
}

// ServerLock is held by every process that serves a SQLite database, on a
// file beside it, for as long as it runs: a restore takes it exclusively,
// so it cannot replace a database under a running server.
type ServerLock struct{ f *os.File }

// ErrDatabaseInUse is a restore while a server holds the database.
var ErrDatabaseInUse = errors.New("a Liaison server is using this database: stop it before restoring")

// HoldSQLite takes the shared server lock of the database at path.
func HoldSQLite(path string) (*ServerLock, error) { return lockBeside(path, syscall.LOCK_SH) }

// HoldSQLiteExclusively takes the lock that no server may hold meanwhile:
// for reading a database whole (liaison copy) or replacing it.
func HoldSQLiteExclusively(path string) (*ServerLock, error) {
	return lockBeside(path, syscall.LOCK_EX)
}

func lockBeside(path string, how int) (*ServerLock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrDatabaseInUse
		}
		return nil, err
	}
	return &ServerLock{f: f}, nil
}

// Release gives the lock up.
func (l *ServerLock) Release() {
	if l != nil && l.f != nil {
		_ = l.f.Close()
	}
}

// Restore replaces the SQLite database at path with the backup at from,
// after checking the backup. It refuses while a server holds the database.
// The database it replaces is kept beside it, renamed with the time, and
// its write-ahead log is moved with it: left in place, the log would be
// replayed into the restored file. It returns the name the old database
// was kept under ("" when there was none).
func Restore(ctx context.Context, from, path string) (string, error) {
	if err := CheckSQLiteFile(ctx, from); err != nil {
		return "", err
	}
	lock, err := HoldSQLiteExclusively(path)
	if err != nil {
		return "", err
	}
	defer lock.Release()
	tmp := path + ".restoring"
	if err := copyFile(from, tmp); err != nil {
		_ = os.Remove(tmp)
		return "", err
	}
	kept := ""
	if _, err := os.Stat(path); err == nil {
		kept = path + ".before-restore-" + Now().Format("20060102T150405Z")
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Rename(path+suffix, kept+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return "", err
			}
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return kept, err
	}
	return kept, syncDir(filepath.Dir(path))
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// BackupName is the file name of a scheduled backup taken at t.
func BackupName(t time.Time) string {
	return "liaison-" + t.UTC().Format("20060102T150405Z") + ".db"
}

// PruneBackups removes the oldest scheduled backups in dir (files named by
// BackupName) beyond the newest keep, and returns what it removed.
func PruneBackups(dir string, keep int) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(dir, "liaison-*.db"))
	if err != nil {
		return nil, err
	}
	// The names sort by time: liaison-YYYYMMDDTHHMMSSZ.db.
	slices.Sort(matches)
	var removed []string
	for len(matches) > keep {
		if err := os.Remove(matches[0]); err != nil {
			return removed, err
		}
		removed = append(removed, matches[0])
		matches = matches[1:]
	}
	return removed, nil
}

// TruncateWAL checkpoints the write-ahead log and truncates it to nothing,
// but only if it can do so at once: when a reader or writer is busy it
// gives up (busy true) rather than make writers wait, and is tried again
// later. Run while the server is quiet, it keeps the log's file small.
func TruncateWAL(ctx context.Context, db *gorm.DB) (busy bool, err error) {
	if db.Name() != SQLite {
		return false, nil
	}
	sqlDB, err := db.DB()
	if err != nil {
		return false, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return false, err
	}
	// The connection goes back to the pool: its usual wait is restored.
	defer conn.ExecContext(context.Background(), "PRAGMA busy_timeout = "+strconv.Itoa(sqliteBusyTimeoutMS))
	var blocked, logPages, checkpointed int
	if err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&blocked, &logPages, &checkpointed); err != nil {
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			return true, nil
		}
		return false, err
	}
	return blocked != 0, nil
}
