package query

import (
	"database/sql"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
)

// Direct runs a read written as SQL text on db's connection (the pool, or
// the transaction db is in) and in its context, without gorm. The reads that every request
// makes (the sign-in's epoch, a record by id, the tags and positions of a
// page) are a few fixed statements; building each through gorm's clauses,
// callbacks and reflection cost more CPU than the database spent on it
// (measured: the statement building and scanning were a sixth of a
// request for one contact). The text uses ? placeholders on both
// databases; it must hold no ? of its own (no literal question marks).
func Direct(db *gorm.DB, text string, args ...any) (*sql.Rows, error) {
	return db.Statement.ConnPool.QueryContext(db.Statement.Context, Bind(db, text), args...)
}

// DirectRow is Direct for a statement that reads one row.
func DirectRow(db *gorm.DB, text string, args ...any) *sql.Row {
	return db.Statement.ConnPool.QueryRowContext(db.Statement.Context, Bind(db, text), args...)
}

// Bind writes SQLite's ? placeholders as PostgreSQL's $1, $2, … when db is
// PostgreSQL.
func Bind(db *gorm.DB, text string) string {
	if db.Name() != models.Postgres || !strings.Contains(text, "?") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 8)
	n := 0
	for _, r := range text {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// IDsIn is WhereIDs' condition as SQL text and its arguments, for
// statements written as text (Direct).
func IDsIn(db *gorm.DB, column string, ids []int64) (string, []any) {
	switch len(ids) {
	case 0:
		return "1 = 0", nil
	case 1:
		return column + " = ?", []any{ids[0]}
	}
	var b strings.Builder
	b.Grow(8 * len(ids))
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	if db.Name() == models.Postgres {
		return column + " = ANY(CAST(? AS bigint[]))", []any{"{" + b.String() + "}"}
	}
	return column + " IN (" + b.String() + ")", nil
}
