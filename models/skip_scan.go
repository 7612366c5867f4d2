package models

import (
	"fmt"

	"gorm.io/gorm"
)

// Keeping SQLite from skip-scanning a sort index for ids.
//
// A list that walks its sort order on SQLite names the sort's index on
// (column, id) (services/query/walk.go) and tests each row against the
// filters, among them "id IN (the tagged records' ids)". Given statistics
// saying that many rows share each value of the column, SQLite reads that
// IN as a lookup instead: it skip-scans the index once per id, for every
// distinct value of the column (14,547 tagged meetings × 5,608 distinct
// creation times: 20 s where the walk takes 44 ms). Rows share a creation
// time whenever they came in one import, which stamps its batch once, and
// the statistics say so as soon as anyone runs ANALYZE. Finding a row by
// id is what the primary key is for, and Liaison's indexes that hold the
// id after other columns are read from their first column (the walks, the
// filters with their sort), so none is worth skip-scanning; "noskipscan"
// in its sqlite_stat1 row tells the planner so
// (https://sqlite.org/fileformat2.html#stat1tab).
// The mark is set wherever Liaison gathers statistics and checked at every
// start, since ANALYZE run by hand writes the row afresh without it.

// unmarkedIDIndexes are the analyzed indexes that hold the id after their
// first column and whose statistics do not yet forbid a skip-scan: the
// sorts' (column, id), the filters' (column, sort, id), and those that
// carry more columns after the id for the lists' counts. With the office
// pinned, the walk's index is (office_id, created_at, id), and SQLite
// skip-scans both columns before the id alike, office equality
// notwithstanding.
const unmarkedIDIndexes = `sqlite_stat1.stat NOT LIKE '% noskipscan%'
	AND EXISTS (SELECT 1 FROM pragma_index_info(sqlite_stat1.idx) WHERE name = 'id' AND seqno >= 1)`

// keepSkipScanOff marks a SQLite database's analyzed indexes that hold the
// id after their first column "noskipscan", and reloads the statistics of
// tx's connection. It reports whether it changed any: other connections
// read the statistics with the schema and keep the old ones until they are
// closed (withoutSkipScans). A database never analyzed has no statistics,
// and SQLite then never skip-scans.
func keepSkipScanOff(tx *gorm.DB) (bool, error) {
	if tx.Name() != SQLite {
		return false, nil
	}
	if analyzed, err := hasStatistics(tx); err != nil || !analyzed {
		return false, err
	}
	// Read first: the update would take the write lock at every start, and
	// wait for another process's writer, when nothing is left to mark.
	var unmarked int64
	if err := tx.Raw("SELECT COUNT(*) FROM sqlite_stat1 WHERE " + unmarkedIDIndexes).Scan(&unmarked).Error; err != nil || unmarked == 0 {
		return false, err
	}
	res := tx.Exec("UPDATE sqlite_stat1 SET stat = stat || ' noskipscan' WHERE " + unmarkedIDIndexes)
	if res.Error != nil {
		return false, fmt.Errorf("mark noskipscan: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return false, nil
	}
	if err := tx.Exec("ANALYZE sqlite_schema").Error; err != nil {
		return false, fmt.Errorf("reload statistics: %w", err)
	}
	return true, nil
}

// hasStatistics reports whether a SQLite database was ever analyzed.
func hasStatistics(tx *gorm.DB) (bool, error) {
	var n int64
	err := tx.Raw("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").Scan(&n).Error
	return n > 0, err
}

// withoutSkipScans marks a SQLite database's indexes (keepSkipScanOff)
// and, when it changed any, closes the pool's idle connections, which hold
// the statistics as they were: each connection opened after reads the
// marked ones.
func withoutSkipScans(db *gorm.DB) error {
	if db.Name() != SQLite {
		return nil
	}
	var changed bool
	err := db.Connection(func(conn *gorm.DB) error {
		var err error
		changed, err = keepSkipScanOff(conn)
		return err
	})
	if err != nil || !changed {
		return err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	sqlDB.SetMaxIdleConns(0)
	sqlDB.SetMaxIdleConns(sqliteConns())
	return nil
}

// Analyze gathers the statistics of a whole database, as after a bulk
// load: ANALYZE on SQLite, with the indexes that hold the id marked;
// VACUUM (ANALYZE) on PostgreSQL, whose freshly loaded tables have no
// visibility map yet, so that every index-only scan would still visit the
// heap (14,461 heap fetches for the largest organization's timeline) until
// autovacuum got to it.
func Analyze(db *gorm.DB) error {
	if db.Name() == Postgres {
		return db.Exec("VACUUM (ANALYZE)").Error
	}
	if err := db.Exec("ANALYZE").Error; err != nil {
		return err
	}
	return withoutSkipScans(db)
}
