package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// A bulk load into a new database (seed-bench) runs faster without the
// maintained tables' triggers: they look rows up through indexes the load
// drops, and count row by row what one statement counts at the end. Only
// for a database nothing else uses while it loads.

// SuspendTriggers drops the triggers that keep the maintained tables and
// the full-text index (SQLite) current, as the newest generated migrations
// installed them.
func SuspendTriggers(db *gorm.DB) error {
	triggers, err := currentTriggers(db.Name())
	if err != nil {
		return err
	}
	for _, t := range triggers {
		sql := "DROP TRIGGER IF EXISTS " + t.name
		if db.Name() == Postgres {
			// The trigger's function stays, for ResumeTriggers.
			sql += " ON " + t.table
		}
		if err := db.Exec(sql).Error; err != nil {
			return fmt.Errorf("suspend %s: %w", t.name, err)
		}
	}
	return nil
}

// ResumeTriggers counts the tables that SuspendTriggers left behind once,
// with the rebuilds liaison check repairs with (the names' sort keys and
// duplicate keys too),
// and installs the triggers again from the same generated SQL.
func ResumeTriggers(db *gorm.DB) error {
	if db.Name() == SQLite {
		for _, t := range SearchTables {
			if err := rebuildSearch(db, t); err != nil {
				return fmt.Errorf("full-text index of %s: %w", t, err)
			}
		}
	}
	if err := RebuildLastHeld(db); err != nil {
		return fmt.Errorf("%s: %w", LastHeldTable, err)
	}
	if err := RebuildActivity(db); err != nil {
		return fmt.Errorf("%s: %w", ActivityTable, err)
	}
	if err := fillLinkCopies(db); err != nil {
		return err
	}
	// The sort keys are set by the services as they write; a load that
	// wrote rows another way gets them here (only stale keys are written).
	for _, k := range sortKeyedTables {
		if err := k.rebuild(db); err != nil {
			return err
		}
	}
	// So are the duplicate keys.
	for _, kind := range DuplicateKinds {
		if err := rebuildDuplicateKeys(db, kind); err != nil {
			return err
		}
	}
	triggers, err := currentTriggers(db.Name())
	if err != nil {
		return err
	}
	for _, t := range triggers {
		if err := db.Exec(t.sql).Error; err != nil {
			return fmt.Errorf("trigger %s: %w", t.name, err)
		}
	}
	// What was written without the triggers raised no epoch.
	for _, e := range epochRows {
		if err := raiseEpoch(db, e); err != nil {
			return fmt.Errorf("raise %s: %w", e.table, err)
		}
	}
	return nil
}

type bulkLoadKey struct{}

// WithBulkLoad marks ctx as the context of a bulk load between
// SuspendTriggers and ResumeTriggers, into a database nothing else uses:
// the derived data that ResumeTriggers rebuilds in one pass from every
// record (the duplicate keys) is not kept current row by row under it, as
// the triggers' tables are not.
func WithBulkLoad(ctx context.Context) context.Context {
	return context.WithValue(ctx, bulkLoadKey{}, true)
}

// IsBulkLoad reports whether ctx is marked by WithBulkLoad.
func IsBulkLoad(ctx context.Context) bool {
	return ctx != nil && ctx.Value(bulkLoadKey{}) != nil
}
