package query

import (
	"gorm.io/gorm"
)

// WhereIn adds "column IN (values)" when values are given: the comma
// alternatives of a filter.
func WhereIn[V any](q *gorm.DB, column string, values []V) *gorm.DB {
	if len(values) == 0 {
		return q
	}
	return q.Where(column+" IN ?", values)
}

// Base starts a list query on the live or the archived rows of a model.
func Base(db *gorm.DB, model any, table string, archived bool) *gorm.DB {
	q := db.Model(model)
	if archived {
		return q.Unscoped().Where(table + ".deleted_at IS NOT NULL")
	}
	return q
}

// WhereIDs restricts q to rows whose column is one of ids, written so that
// the statement's text does not change with their number. On SQLite the
// ids are written into the statement as numbers: bound one by one, each
// would pass through database/sql's argument conversion and a bind call.
// On PostgreSQL they are bound as one array: pgx keeps a prepared statement
// per text, and a text per count of ids would prepare again and again.
// (They are int64s: nothing but digits and signs reaches the SQL.) One id
// is bound, on both: reading one record is the commonest case, and with
// the id bound its statement's text is the same for every record, so
// SQLite's statement cache (models.Open) serves it.
func WhereIDs(q *gorm.DB, column string, ids []int64) *gorm.DB {
	cond, args := IDsIn(q, column, ids)
	return q.Where(cond, args...)
}
