package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"gorm.io/gorm"

	"liaison/models"
)

// copyDatabase is the command liaison copy --to URL: every record of the
// configured database (LIAISON_DB) into a new, empty database of either
// kind, which it migrates first; the way to move an office from SQLite to
// PostgreSQL. Stop the server first, so that no write lands in the source
// after it was read.
func copyDatabase(src *gorm.DB, dsn string, args []string, log *slog.Logger, stdout io.Writer) error {
	fs := flag.NewFlagSet("copy", flag.ContinueOnError)
	to := fs.String("to", "", "the target database: a postgres:// URL or sqlite:PATH")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *to == "" {
		return errors.New("usage: liaison copy --to postgres://… (or sqlite:PATH)")
	}
	if *to == dsn {
		return errors.New("copy: the target is the source")
	}
	if path, ok := models.SQLitePath(dsn); ok {
		// A server writing to the source while it is read would leave
		// those writes behind.
		lock, err := models.HoldSQLiteExclusively(path)
		if err != nil {
			return err
		}
		defer lock.Release()
	}
	dst, err := models.Open(*to, log)
	if err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	defer closeDB(dst, log)
	if err := models.Migrate(dst); err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	copied, err := models.CopyDatabase(context.Background(), src, dst, stdout)
	if err != nil {
		return err
	}
	var rows int64
	for _, c := range copied {
		rows += c.Rows
	}
	fmt.Fprintf(stdout, "copy: %d rows in %d tables copied, derived tables rebuilt, liaison check clean on the target\n", rows, len(copied))
	return nil
}
