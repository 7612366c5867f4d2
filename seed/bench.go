package seed

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"liaison/models"
	"liaison/services"
)

// Bench is the command seed-bench: it loads the benchmark data set into a
// new, migrated database, with a progress bar on stderr, and reports the
// import rate.
func Bench(db *gorm.DB, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("seed-bench", flag.ContinueOnError)
	scale := fs.Float64("scale", 1, "size relative to the full data set (1M contacts at 1)")
	seedValue := fs.Uint64("seed", 1, "generator seed")
	batch := fs.Int("batch", 5000, "records per import transaction")
	today := fs.String("today", "", "the day the three years of dates end (YYYY-MM-DD); default today")
	deferred := fs.Bool("defer-indexes", true, "drop the secondary and full-text indexes (on PostgreSQL also the foreign keys and search vectors) of the loaded tables during the load and build them after")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the load to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	opt := Options{Scale: *scale, Seed: *seedValue, Batch: *batch, Progress: NewProgress(stderr)}
	if *today != "" {
		t, err := time.Parse(time.DateOnly, *today)
		if err != nil {
			return fmt.Errorf("-today: %w", err)
		}
		opt.Today = t
	}
	// The load runs statements that take seconds by design (index builds);
	// the slow-query warnings would bury the progress bar.
	db = db.Session(&gorm.Session{Logger: logger.Discard})
	svc := services.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), services.Config{})
	// The load holds whole batches in memory: the server's soft memory
	// limit (models.Open) would make the collector run continuously.
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(math.MaxInt64)
	}
	if db.Name() == models.SQLite {
		// One connection with a large page cache: the load is one writer,
		// and index pages stay in memory between batches.
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.SetMaxOpenConns(1)
			sqlDB.SetMaxIdleConns(1)
		}
		if err := db.Exec("PRAGMA cache_size = -524288").Error; err != nil {
			return err
		}
	}
	ctx := context.Background()
	var rebuild func() error
	if *deferred {
		ctx = models.WithBulkLoad(ctx)
		var err error
		if rebuild, err = deferIndexes(db); err != nil {
			return err
		}
	}
	// The server and this process each have work in every batch: with two
	// batches at once, one's rows stream in while the next is checked and
	// built (gen.pipeline; PostgreSQL only, under -defer-indexes).
	opt.SideBySide = 2
	rep, err := Load(ctx, svc, opt)
	if err != nil {
		if rebuild != nil {
			// A load that stopped (into a database that was not new) puts
			// back what deferIndexes took away.
			err = errors.Join(err, rebuild())
		}
		return err
	}
	start := time.Now()
	if rebuild != nil {
		if err := rebuild(); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "seed-bench: built the deferred indexes in %s\n", time.Since(start).Round(time.Millisecond))
	}
	indexed := time.Since(start)
	start = time.Now()
	if err := models.Analyze(db); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	fmt.Fprintf(stdout, "seed-bench: scale %g seed %d: %d organizations, %d contacts, %d visits, %d interactions, %d commitments\n",
		*scale, *seedValue, rep.Counts["organizations"], rep.Counts["contacts"], rep.Counts["visits"],
		rep.Counts["interactions"], rep.Counts["commitments"])
	fmt.Fprintf(stdout, "seed-bench: setup %s; bulk import %d rows in %s = %.0f rows/s; analyze %s\n",
		rep.Setup.Round(time.Millisecond), rep.Rows, rep.Elapsed.Round(time.Millisecond), rep.RowsPerSecond(),
		time.Since(start).Round(time.Millisecond))
	if rebuild != nil {
		total := rep.Elapsed + indexed
		fmt.Fprintf(stdout, "seed-bench: with the index build: %d rows in %s = %.0f rows/s\n", rep.Rows, total.Round(time.Millisecond),
			float64(rep.Rows)/total.Seconds())
	}
	fmt.Fprintf(stdout, "seed-bench: sign in as %s or %s with the password %s\n", ManagerEmail, AdminEmail, Password)
	return nil
}
