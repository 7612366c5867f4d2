package models

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
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
// SQLITE_BUSY, and enforces foreign keys. PostgreSQL plans every statement
// with its values and prices random reads as on an SSD (see pgDefaults).
//
// By default SQLite syncs the write-ahead log at checkpoints, not at every
// commit (synchronous=NORMAL): a commit survives the process being killed,
// but a power cut or a kernel crash can lose the last transactions before
// the next checkpoint, never corrupting the file. SyncEveryCommit trades
// some write speed for surviving those too.
func Open(dsn string, log *slog.Logger, options ...OpenOption) (*gorm.DB, error) {
	var o openOptions
	for _, opt := range options {
		opt(&o)
	}
	dialector, err := dialectorFor(dsn, o)
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
		sqlDB.SetMaxOpenConns(sqliteConns())
		sqlDB.SetMaxIdleConns(sqliteConns())
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
	// Someone may have run ANALYZE since the last start (skip_scan.go).
	if err := withoutSkipScans(db); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	return db, nil
}

// sqliteConns sizes the SQLite pool: two connections per core. A statement
// runs on the calling thread, so more connections than that add no
// throughput once the data is in the file cache (measured on two cores: 4
// and 8 connections served the same requests per second at 32 clients),
// while each holds its own schema, page cache and malloc'd sort space
// (8 connections: about 11 MiB more resident memory under load).
func sqliteConns() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

// sqliteCacheKiB is each SQLite connection's page cache. The pool's
// connections each keep their own (sqliteConns × 2 MiB); the operating
// system's file cache holds the rest of the database for all of them.
//
// It must still hold the pages of one list request, or least-recently-used
// eviction turns into missing every page when the request comes again: a
// page of 50 contacts with their positions and tags reads 220 to 300
// distinct 4 KiB pages on the 1M data set, and a 1 MiB cache holds about
// 240 of them. Contacts in one country (294 pages) then read every page
// through a system call on every request: 0.35 s of system time per 3,000
// requests, about a third more CPU per request than at 2 MiB (which is
// SQLite's own default, and holds a page of 100). Each connection fills
// its cache only as far as it reads, so the cost is at most 1 MiB more per
// connection.
const sqliteCacheKiB = 2048

// sqliteStmtCache is how many prepared statements each SQLite connection
// keeps, by their SQL text, for the next query with the same text.
// Preparing (parsing and planning) was a fifth of the CPU time of a
// request reading one contact; the statements of the common requests are
// a few dozen. PostgreSQL's driver keeps its own statement cache.
const sqliteStmtCache = 64

// pgDefaults are the planner settings Liaison's PostgreSQL connections
// start with, unless the URL names them (as a parameter or in "options").
//
// plan_cache_mode=force_custom_plan: pgx prepares and caches statements;
// after five executions PostgreSQL may switch one to a generic plan, which
// cannot see the values: for a full-text condition it walks the sort index
// and computes to_tsvector for every row (seconds at a million rows)
// instead of using the GIN index (milliseconds), and it cannot tell a
// ministry with thousands of people from a small NGO. Planning with the
// values costs a fraction of a millisecond per query.
//
// random_page_cost=1.1: the server's default of 4 prices a random read as
// on a spinning disk, so for a few thousand rows (a ministry's people and
// their participations) it preferred reading whole tables and hashing them
// to probing indexes; an organization's timeline took seconds at a million
// interactions (docs/PERFORMANCE.md). 1.1 is the usual value for SSDs and
// for data the file cache holds.
//
// jit=off: PostgreSQL compiles a statement to machine code when its
// estimated cost passes jit_above_cost, and a list's filter whose rows it
// cannot estimate (a commitment's country, read through three correlated
// lookups) is priced in the millions although it reads a page: compiling
// took 266 of the 608 ms of counting the commitments of the commonest
// country on the 1M data set (docs/PERFORMANCE.md). Liaison's statements
// read pages and bounded counts, never the long scans that compiling pays
// back on.
//
// max_parallel_workers_per_gather=0: a list's page walks an index and stops
// after a page, and PostgreSQL, pricing the walk by its estimate, starts
// worker processes to share it; starting them cost more than the walk (a
// tag's meetings, newest first: 67-90 ms with two workers, 37-43 without,
// on two cores). Requests already run side by side, one per connection,
// and workers only take cores from the others.
var pgDefaults = [][2]string{{"plan_cache_mode", "force_custom_plan"}, {"random_page_cost", "1.1"}, {"jit", "off"},
	{"max_parallel_workers_per_gather", "0"}}

// pgRuntimeParams adds pgDefaults to a PostgreSQL URL as run-time
// parameters (pgx sends unknown URL parameters to the server as settings).
func pgRuntimeParams(u *url.URL) string {
	q := u.Query()
	for _, p := range pgDefaults {
		if !q.Has(p[0]) && !strings.Contains(q.Get("options"), p[0]) {
			q.Set(p[0], p[1])
		}
	}
	// Encode writes a space as "+", which the driver reads back as a plus
	// ("-c+plan_cache_mode=…" in options is refused by the server); a
	// plus of the values themselves is written %2B, so every "+" is a space.
	u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
	return u.String()
}

// Now is the clock for every stored timestamp: UTC, truncated to the
// microsecond that PostgreSQL keeps, so a value reads back exactly as written
// on both databases.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// ValidateDSN checks the shape of a LIAISON_DB value without connecting.
func ValidateDSN(dsn string) error {
	_, err := dialectorFor(dsn, openOptions{})
	return err
}

// sqliteBusyTimeoutMS is how long a SQLite statement waits for a lock.
const sqliteBusyTimeoutMS = 10000

// OpenOption adjusts how Open connects.
type OpenOption func(*openOptions)

type openOptions struct{ syncEveryCommit bool }

// SyncEveryCommit makes SQLite sync every commit to disk
// (synchronous=FULL), so that no acknowledged write is lost even to a
// power cut; PostgreSQL does so by default.
func SyncEveryCommit() OpenOption { return func(o *openOptions) { o.syncEveryCommit = true } }

func dialectorFor(dsn string, o openOptions) (gorm.Dialector, error) {
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
		if o.syncEveryCommit {
			q.Set("_synchronous", "FULL")
		}
		q.Set("_busy_timeout", strconv.Itoa(sqliteBusyTimeoutMS))
		q.Set("_txlock", "immediate")
		q.Set("_cache_size", strconv.Itoa(-sqliteCacheKiB))
		q.Set("_stmt_cache_size", strconv.Itoa(sqliteStmtCache))
		return sqlite.New(sqlite.Config{DriverName: sqliteDriver, DSN: "file:" + path + "?" + q.Encode()}), nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		u, err := url.Parse(dsn)
		if err != nil {
			return nil, errors.New("LIAISON_DB: not a valid postgres:// URL")
		}
		return postgres.Open(pgRuntimeParams(u)), nil
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
	for _, a := range args {
		// A statement stopped because its request was cancelled (the client
		// went away) is not a database problem.
		if err, ok := a.(error); ok && errors.Is(err, context.Canceled) {
			return
		}
	}
	q.log.Warn("database", "detail", fmt.Sprintf(format, args...))
}
