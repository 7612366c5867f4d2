package models

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// Check and Repair are liaison check: every table the database keeps from
// other tables (by triggers, or by the services from Go), compared with a
// count of it from scratch, and rebuilt when they disagree. The maintenance
// is meant to make this needless; the check is how an operator learns that
// it was not (a trigger dropped by hand, a restore of part of a database, a
// bug), and the repair how the summaries become true again without
// reloading anything.

// TableCheck is what the check found in one table. Examples name rows by
// their ids only: the output may be pasted into an issue.
type TableCheck struct {
	Table                     string
	Missing, Extra, Different int64
	Examples                  []string
}

// Clean reports whether the table agrees with its recount.
func (c TableCheck) Clean() bool { return c.Missing == 0 && c.Extra == 0 && c.Different == 0 }

func (c TableCheck) String() string {
	if c.Clean() {
		return c.Table + ": ok"
	}
	s := fmt.Sprintf("%s: %d missing, %d extra, %d different", c.Table, c.Missing, c.Extra, c.Different)
	if len(c.Examples) > 0 {
		s += "\n    " + strings.Join(c.Examples, "\n    ")
	}
	return s
}

// Check compares every maintained table, full-text index, sort key column
// and epoch with what it should hold. Each table is compared in one statement, which sees
// the table and the records it is counted from at one moment; no
// transaction spans the tables, so that a check of a large database holds
// back no writer (SQLite's transactions all take the write lock).
func Check(ctx context.Context, db *gorm.DB) ([]TableCheck, error) {
	db = db.WithContext(ctx)
	var out []TableCheck
	for _, k := range keyedTables {
		c, err := checkKeyed(db, k)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	for _, t := range SearchTables {
		c, err := checkSearch(db, t)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	for _, k := range sortKeyedTables {
		c, err := k.check(db)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	copies, err := checkLinkCopies(db)
	if err != nil {
		return nil, err
	}
	out = append(out, copies)
	for _, kind := range DuplicateKinds {
		c, err := checkDuplicateKeys(db, kind)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	for _, e := range epochRows {
		c, err := checkEpoch(db, e)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// Repair rebuilds, in one transaction, every table that checks found
// different, and raises the epochs so that no process keeps a cache
// computed from what was wrong. It returns the tables it rebuilt.
func Repair(ctx context.Context, db *gorm.DB, checks []TableCheck) ([]string, error) {
	differs := map[string]bool{}
	for _, c := range checks {
		differs[c.Table] = !c.Clean()
	}
	var rebuilt []string
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, k := range keyedTables {
			if differs[k.table] {
				if tx.Name() == Postgres {
					// Writers wait until the table is whole again, then
					// apply their changes to it (readers go on).
					if err := tx.Exec("LOCK TABLE " + k.table + " IN SHARE ROW EXCLUSIVE MODE").Error; err != nil {
						return err
					}
				}
				if err := k.rebuild(tx); err != nil {
					return fmt.Errorf("rebuild %s: %w", k.table, err)
				}
				rebuilt = append(rebuilt, k.table)
			}
		}
		for _, t := range SearchTables {
			if name := searchIndexName(tx.Name(), t); differs[name] {
				if err := rebuildSearch(tx, t); err != nil {
					return fmt.Errorf("rebuild %s: %w", name, err)
				}
				rebuilt = append(rebuilt, name)
			}
		}
		for _, k := range sortKeyedTables {
			if differs[k.checkName()] {
				if err := k.rebuild(tx); err != nil {
					return fmt.Errorf("rebuild %s: %w", k.checkName(), err)
				}
				rebuilt = append(rebuilt, k.checkName())
			}
		}
		if differs[LinkCopyCheck] {
			if err := fillLinkCopies(tx); err != nil {
				return err
			}
			rebuilt = append(rebuilt, LinkCopyCheck)
		}
		for _, kind := range DuplicateKinds {
			if name := DuplicateKeysTable + "." + kind; differs[name] {
				if err := rebuildDuplicateKeys(tx, kind); err != nil {
					return fmt.Errorf("rebuild %s: %w", name, err)
				}
				rebuilt = append(rebuilt, name)
			}
		}
		for _, e := range epochRows {
			if err := raiseEpoch(tx, e); err != nil {
				return fmt.Errorf("raise %s: %w", e.table, err)
			}
		}
		return nil
	})
	return rebuilt, err
}

// checkKeyed compares a keyed table with its recount.
func checkKeyed(tx *gorm.DB, k keyedTable) (TableCheck, error) {
	c := TableCheck{Table: k.table}
	rows, err := tx.Raw(k.diffQuery(tx.Name())).Rows()
	if err != nil {
		return c, fmt.Errorf("%s: %w", k.table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return c, err
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return c, err
		}
		var problem string
		var n int64
		var shown []string
		for i, col := range cols {
			switch {
			case col == "problem":
				problem = text(vals[i])
			case col == "n_rows":
				fmt.Sscan(text(vals[i]), &n)
			case col == "i":
			case shownInExamples(col):
				shown = append(shown, col+"="+text(vals[i]))
			}
		}
		switch problem {
		case "missing":
			c.Missing = n
		case "extra":
			c.Extra = n
		case "different":
			c.Different = n
		}
		c.Examples = append(c.Examples, problem+" "+strings.Join(shown, " "))
	}
	return c, rows.Err()
}

// shownInExamples says which key columns an example may print: ids, kinds
// and flags, never a date, a country or a status that could, next to an
// id, say something about a person.
func shownInExamples(col string) bool {
	return strings.HasSuffix(col, "_id") || col == "kind" || strings.HasSuffix(col, "restricted")
}

// text prints a scanned value the same way from both drivers.
func text(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case nil:
		return "NULL"
	default:
		return fmt.Sprint(v)
	}
}
