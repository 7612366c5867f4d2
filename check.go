package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
)

// errDiffers ends liaison check with a non-zero status when a table still
// disagrees with its recount.
var errDiffers = errors.New("maintained tables differ from their recount (liaison check --repair rebuilds them)")

// check is the command liaison check: it compares every maintained table,
// full-text index, sort key column and epoch with what it should hold and prints, per
// table, what differs (rows named by ids only). With --repair it rebuilds
// the tables that differ in one transaction, raises the epochs, and checks
// again.
func check(db *gorm.DB, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	repair := fs.Bool("repair", false, "rebuild the tables that differ and raise the epochs")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	checks, err := models.Check(ctx, db)
	if err != nil {
		return err
	}
	printChecks(stdout, checks)
	if *repair {
		rebuilt, err := models.Repair(ctx, db, checks)
		if err != nil {
			return err
		}
		if len(rebuilt) == 0 {
			rebuilt = []string{"nothing"}
		}
		fmt.Fprintf(stdout, "repaired: rebuilt %s; raised the epochs\n", strings.Join(rebuilt, ", "))
		if checks, err = models.Check(ctx, db); err != nil {
			return err
		}
		printChecks(stdout, checks)
	}
	for _, c := range checks {
		if !c.Clean() {
			return errDiffers
		}
	}
	return nil
}

func printChecks(w io.Writer, checks []models.TableCheck) {
	differ := 0
	for _, c := range checks {
		fmt.Fprintln(w, c)
		if !c.Clean() {
			differ++
		}
	}
	if differ == 0 {
		fmt.Fprintf(w, "check: all %d tables agree with their recount\n", len(checks))
	} else {
		fmt.Fprintf(w, "check: %d of %d tables differ\n", differ, len(checks))
	}
}
