package models

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"

	"gorm.io/gorm"
)

// Triggers that keep a derived table current (migrations 0007 and 0009),
// written once for both databases: each step is a statement over the
// placeholder row R, bound to NEW or OLD.

// step is one statement of a trigger; lock (PostgreSQL only) is a query
// that takes the row locks the statement needs, run before it as a
// statement of its own so that the statement's snapshot sees what the
// holders of those locks committed.
type step struct{ row, lock, sql string }

func (s step) on(row string) step { s.row = row; return s }

// maintainedTrigger is one trigger: when it fires and what it runs.
type maintainedTrigger struct {
	name, timing, event, table, when string
	steps                            []step
}

// rowRef replaces the placeholder row R with NEW or OLD.
func rowRef(sql, row string) string {
	return rowPlaceholder.ReplaceAllString(sql, row+".")
}

var rowPlaceholder = regexp.MustCompile(`\bR\.`)

// installTriggers creates the triggers (on PostgreSQL, each with a
// function of the same name).
func installTriggers(tx *gorm.DB, defs []maintainedTrigger) error {
	for _, t := range defs {
		for _, s := range triggerStatements(tx.Name(), t) {
			if err := tx.Exec(s).Error; err != nil {
				return fmt.Errorf("trigger %s: %w", t.name, err)
			}
		}
	}
	return nil
}

// triggerStatements are the statements that create trigger t on a
// database of the given dialect.
func triggerStatements(dialect string, t maintainedTrigger) []string {
	if dialect == Postgres {
		var body strings.Builder
		for _, s := range t.steps {
			if s.lock != "" {
				body.WriteString("  PERFORM 1 FROM (" + rowRef(s.lock, s.row) + ") AS locked;\n")
			}
			// Inserts take their rows' locks in key order, so that two
			// writers never wait for each other in a circle.
			sql := strings.Replace(rowRef(s.sql, s.row), " ON CONFLICT", " ORDER BY 1, 2, 3 ON CONFLICT", 1)
			body.WriteString("  " + sql + ";\n")
		}
		ret := "NULL"
		if t.timing == "BEFORE" {
			ret = "OLD"
		}
		when := ""
		if t.when != "" {
			when = " WHEN (" + t.when + ")"
		}
		return []string{
			"CREATE FUNCTION " + t.name + "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n" + body.String() + "  RETURN " + ret + ";\nEND\n$$",
			fmt.Sprintf("CREATE TRIGGER %s %s %s ON %s FOR EACH ROW%s EXECUTE FUNCTION %s()", t.name, t.timing, t.event, t.table, when, t.name),
		}
	}
	var body strings.Builder
	for _, s := range t.steps {
		body.WriteString("  " + rowRef(s.sql, s.row) + ";\n")
	}
	when := ""
	if t.when != "" {
		when = " WHEN " + t.when
	}
	return []string{fmt.Sprintf("CREATE TRIGGER %s %s %s ON %s FOR EACH ROW%s BEGIN\n%sEND", t.name, t.timing, t.event, t.table, when, body.String())}
}

// TriggerFingerprint is a digest of the statements that create the
// maintained tables' triggers (migrations 0007 to 0009) on db's dialect.
// The migrations install them from the definitions in this package as they
// stand; a database migrated earlier keeps the triggers it was given. A
// change to a definition therefore needs a migration that installs the
// triggers again (as 0008 does), and the test that pins this digest says
// so.
func TriggerFingerprint(db *gorm.DB) string {
	h := sha256.New()
	if db.Name() == Postgres {
		h.Write([]byte(lockPersonFunction))
	}
	for _, defs := range [][]maintainedTrigger{lastHeldTriggerDefs, activityTriggerDefs(db)} {
		for _, t := range defs {
			for _, s := range triggerStatements(db.Name(), t) {
				h.Write([]byte(s))
				h.Write([]byte{0})
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// dropTriggers removes the triggers (and their functions on PostgreSQL).
func dropTriggers(tx *gorm.DB, defs []maintainedTrigger) error {
	for _, t := range defs {
		sql := "DROP TRIGGER IF EXISTS " + t.name
		if tx.Name() == Postgres {
			sql = "DROP FUNCTION IF EXISTS " + t.name + "() CASCADE"
		}
		if err := tx.Exec(sql).Error; err != nil {
			return err
		}
	}
	return nil
}
