package models

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect names as gorm reports them.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Open connects to the database named by dsn: "sqlite:PATH" or a
// "postgres://" URL. SQLite is tuned so that concurrent writers wait for each
// other (WAL, busy timeout, BEGIN IMMEDIATE) instead of failing with
// SQLITE_BUSY, and enforces foreign keys.
func Open(dsn string, log *slog.Logger) (*gorm.DB, error) {
	dialector, err := dialectorFor(dsn)
	if err != nil {
		return nil, err
	}
	db, err := gorm.Open(dialector, &gorm.Config{
		TranslateError:         true,
		SkipDefaultTransaction: true,
		PrepareStmt:            false,
		NowFunc:                Now,
		Logger:                 newQueryLogger(log),
	})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if db.Name() == SQLite {
		// One file, many readers under WAL; writers queue on the busy timeout.
		sqlDB.SetMaxOpenConns(8)
		sqlDB.SetMaxIdleConns(8)
	} else {
		sqlDB.SetMaxOpenConns(16)
		sqlDB.SetMaxIdleConns(8)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return db, nil
}

// Now is the clock for every stored timestamp: UTC, truncated to the
// microsecond that PostgreSQL keeps, so a value reads back exactly as written
// on both databases.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// ValidateDSN checks the shape of a LIAISON_DB value without connecting.
func ValidateDSN(dsn string) error {
	_, err := dialectorFor(dsn)
	return err
}

func dialectorFor(dsn string) (gorm.Dialector, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return nil, errors.New("LIAISON_DB: sqlite: needs a file path, e.g. sqlite:data/liaison.db")
		}
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("LIAISON_DB: cannot create %s: %w", dir, err)
			}
		}
		q := url.Values{}
		q.Set("_foreign_keys", "on")
		q.Set("_journal_mode", "WAL")
		q.Set("_synchronous", "NORMAL")
		q.Set("_busy_timeout", "10000")
		q.Set("_txlock", "immediate")
		return sqlite.Open("file:" + path + "?" + q.Encode()), nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		if _, err := url.Parse(dsn); err != nil {
			return nil, errors.New("LIAISON_DB: not a valid postgres:// URL")
		}
		return postgres.Open(dsn), nil
	default:
		return nil, errors.New(`LIAISON_DB: must be "sqlite:PATH" or a "postgres://" URL`)
	}
}

// queryLogger sends gorm's slow-query and error reports to slog without the
// bound values: statements are logged parameterised, never with personal data.
type queryLogger struct{ log *slog.Logger }

func newQueryLogger(log *slog.Logger) logger.Interface {
	return logger.New(queryLogger{log}, logger.Config{
		SlowThreshold:             500 * time.Millisecond,
		LogLevel:                  logger.Warn,
		IgnoreRecordNotFoundError: true,
		ParameterizedQueries:      true,
		Colorful:                  false,
	})
}

func (q queryLogger) Printf(format string, args ...any) {
	q.log.Warn("database", "detail", fmt.Sprintf(format, args...))
}
