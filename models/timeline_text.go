package models

import "gorm.io/gorm"

// AtText renders a timestamp column in the timeline's sortable UTC text
// form ("2026-11-27 09:30:00.000000"); visits use their first day at
// midnight in the same form.
func AtText(db *gorm.DB, column string) string { return atText(db.Name(), column) }

func atText(dialect, column string) string {
	if dialect == Postgres {
		return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
	}
	return "strftime('%Y-%m-%d %H:%M:%f000', " + column + ")"
}

// CommitmentAtText is where a commitment sits on a timeline, in AtText's
// form: when it was completed once done, else its due date, else when it
// was made; alias names the commitments row. A year-old promise loaded
// today then sits a year back, and an open one at the day it is owed.
func CommitmentAtText(db *gorm.DB, alias string) string { return commitmentAtText(db.Name(), alias) }

func commitmentAtText(dialect, alias string) string {
	return "(CASE WHEN " + alias + ".status = 'done' AND " + alias + ".completed_at IS NOT NULL THEN " + atText(dialect, alias+".completed_at") +
		" WHEN " + alias + ".due_date IS NOT NULL THEN " + DateAtText(alias+".due_date") +
		" ELSE " + atText(dialect, alias+".created_at") + " END)"
}

// DateAtText renders a YYYY-MM-DD text column in AtText's form.
func DateAtText(column string) string { return column + " || ' 00:00:00.000000'" }
