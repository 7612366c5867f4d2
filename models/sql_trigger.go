package models

import (
	"fmt"
	"regexp"
	"strings"
)

// The triggers of the maintained tables are written once, for both
// databases, as steps over the placeholder row R (bound to NEW or OLD), and
// turned into SQL only by `go generate` (see generated_sql.go): what a
// migration installs is the generated file, never these definitions.

// step is one statement of a trigger. lock (PostgreSQL only) is a query
// that takes the row locks the statement needs, run before it as a
// statement of its own so that the statement's snapshot sees what the
// holders of those locks committed. conflict is an insert's ON CONFLICT
// clause: on PostgreSQL the inserted rows are ordered before it, so that
// two writers take their rows' locks in one order and never wait for each
// other in a circle.
type step struct{ row, lock, sql, conflict string }

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

// triggerStatements are the statements that create the triggers on a
// database of the given dialect (on PostgreSQL, each with a function of
// the same name).
func triggerStatements(dialect string, defs []maintainedTrigger) []string {
	var out []string
	for _, t := range defs {
		out = append(out, t.statements(dialect)...)
	}
	return out
}

func (t maintainedTrigger) statements(dialect string) []string {
	if dialect == Postgres {
		var body strings.Builder
		for _, s := range t.steps {
			if s.lock != "" {
				body.WriteString("  PERFORM 1 FROM (" + rowRef(s.lock, s.row) + ") AS locked;\n")
			}
			sql := rowRef(s.sql, s.row)
			if s.conflict != "" {
				sql += " ORDER BY 1, 2, 3" + s.conflict
			}
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
		body.WriteString("  " + rowRef(s.sql, s.row) + s.conflict + ";\n")
	}
	when := ""
	if t.when != "" {
		when = " WHEN " + t.when
	}
	return []string{fmt.Sprintf("CREATE TRIGGER %s %s %s ON %s FOR EACH ROW%s BEGIN\n%sEND", t.name, t.timing, t.event, t.table, when, body.String())}
}

// dropTriggerStatements remove the triggers (and their functions on
// PostgreSQL).
func dropTriggerStatements(dialect string, defs []maintainedTrigger) []string {
	var out []string
	for _, t := range defs {
		if dialect == Postgres {
			out = append(out, "DROP FUNCTION IF EXISTS "+t.name+"() CASCADE")
		} else {
			out = append(out, "DROP TRIGGER IF EXISTS "+t.name)
		}
	}
	return out
}

// rows binds steps to the trigger's NEW or OLD row.
func rows(steps []step, row string) []step {
	out := make([]step, len(steps))
	for i, s := range steps {
		out[i] = s.on(row)
	}
	return out
}
