package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"gorm.io/gorm"

	"liaison/models"
)

// backup is the command liaison backup PATH: a consistent copy of the
// running SQLite database, checked, in a new file.
func backup(db *gorm.DB, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: liaison backup PATH (a new file)")
	}
	if err := models.Backup(context.Background(), db, args[0]); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup: %s written and checked\n", args[0])
	return nil
}

// restore is the command liaison restore PATH: it puts a backup in place
// of the configured SQLite database, which no server may be using.
func restore(dsn string, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: liaison restore PATH (a file written by liaison backup)")
	}
	path, ok := models.SQLitePath(dsn)
	if !ok {
		return models.ErrBackupPostgres
	}
	kept, err := models.Restore(context.Background(), args[0], path)
	if err != nil {
		return err
	}
	if kept != "" {
		fmt.Fprintf(stdout, "restore: the database it replaced is kept as %s\n", kept)
	}
	fmt.Fprintf(stdout, "restore: %s restored from %s\n", path, args[0])
	return nil
}
