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

// DateAtText renders a YYYY-MM-DD text column in AtText's form.
func DateAtText(column string) string { return column + " || ' 00:00:00.000000'" }
