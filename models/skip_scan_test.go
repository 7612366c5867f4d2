package models_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"liaison/models"
)

// The statistics concern SQLite alone (PostgreSQL is never told which index
// to walk), so these tests open a SQLite file in both database runs.

// walkTagsByUpdate is a list's walk as services/query/walk.go writes it:
// the sort's (column, id) index named, the filter an id list.
const walkTagsByUpdate = "EXPLAIN QUERY PLAN SELECT tags.id FROM tags INDEXED BY ix_tags_updated " +
	"WHERE tags.id IN (3, 5, 7) ORDER BY tags.updated_at DESC, tags.id DESC LIMIT 51"

// walkKindByName is a walk with a column pinned before the sort's, as the
// lists' office pins do: (kind, sort_key, id) read with kind equal.
const walkKindByName = "EXPLAIN QUERY PLAN SELECT tags.id FROM tags INDEXED BY ix_tags_kind " +
	"WHERE tags.deleted_at IS NULL AND tags.kind = 'custom' AND tags.id IN (3, 5, 7) " +
	"ORDER BY tags.kind, tags.sort_key, tags.id LIMIT 51"

// closeDB closes db before the test ends, as a stopped server does.
func closeDB(t *testing.T, db *gorm.DB) {
	t.Helper()
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlDB.Close(); err != nil {
		t.Fatal(err)
	}
}

// importTagsAtOnce adds tags the way an import writes a batch: every row
// stamped with the same time (and, here, of one kind with one sort key),
// so that ANALYZE finds hundreds of rows per value of updated_at, enough
// for SQLite to consider skip-scanning.
func importTagsAtOnce(t *testing.T, db *gorm.DB, n int) {
	t.Helper()
	err := db.Transaction(func(tx *gorm.DB) error {
		for i := range n {
			if err := tx.Exec("INSERT INTO tags (created_at, updated_at, slug, name, kind) VALUES (?, ?, ?, ?, 'custom')",
				"2026-01-05 10:00:00", "2026-01-05 10:00:00", fmt.Sprintf("imported-%d", i), fmt.Sprintf("Imported %d", i)).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// plansOfEveryConnection is the plan of statement on three connections of
// the pool held at once.
func plansOfEveryConnection(t *testing.T, db *gorm.DB, statement string) []string {
	t.Helper()
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var plans []string
	for range 3 {
		conn, err := sqlDB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		plans = append(plans, planOn(t, ctx, conn, statement))
	}
	return plans
}

func planOn(t *testing.T, ctx context.Context, conn *sql.Conn, statement string) string {
	t.Helper()
	rows, err := conn.QueryContext(ctx, statement)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int64
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "; ")
}

// A database someone analyzed by hand after large imports must still walk
// its sort index in order, not skip-scan it once per id (on the 1M data
// set: 20 s instead of 44 ms a page), with or without a column pinned
// before the sort's, from the next start on, on every connection; indexes
// that do not hold the id keep their statistics as SQLite wrote them.
func TestAnalyzedByHandTheNextStartWalksWithoutSkipScan(t *testing.T) {
	path := filepath.Join(t.TempDir(), "analyzed.db")
	db := openSQLiteFile(t, path)
	importTagsAtOnce(t, db, 4000)
	if err := db.Exec("ANALYZE").Error; err != nil {
		t.Fatal(err)
	}
	// The statistics alone invite the skip-scan: this is what the start mends.
	for _, walk := range []string{walkTagsByUpdate, walkKindByName} {
		if plan := plansOfEveryConnection(t, db, walk)[0]; !strings.Contains(plan, "ANY(") {
			t.Fatalf("analyzed as SQLite writes it, the walk is planned %q; the test no longer shows the skip-scan it guards against", plan)
		}
	}
	closeDB(t, db)

	db = openSQLiteFile(t, path)
	for _, walk := range []string{walkTagsByUpdate, walkKindByName} {
		for i, plan := range plansOfEveryConnection(t, db, walk) {
			if strings.Contains(plan, "ANY(") || !strings.Contains(plan, "tags USING") {
				t.Errorf("connection %d after the start: %q, want the index read in order", i, plan)
			}
		}
	}
	var others int64
	if err := db.Raw("SELECT COUNT(*) FROM sqlite_stat1 WHERE stat LIKE '%noskipscan%' AND " +
		"NOT EXISTS (SELECT 1 FROM pragma_index_info(sqlite_stat1.idx) WHERE name = 'id' AND seqno >= 1)").Scan(&others).Error; err != nil {
		t.Fatal(err)
	}
	if others != 0 {
		t.Errorf("%d indexes that do not hold the id after their first column were marked noskipscan", others)
	}
	var slug string
	if err := db.Raw("SELECT stat FROM sqlite_stat1 WHERE idx = 'ux_tags_slug'").Scan(&slug).Error; err != nil {
		t.Fatal(err)
	}
	if slug == "" || strings.Contains(slug, "noskipscan") {
		t.Errorf("ux_tags_slug (slug) has statistics %q, want SQLite's own", slug)
	}
}

// Liaison's own ANALYZE (after a bulk load) leaves every connection of the
// pool, including those that read the statistics before it, planning the
// walk in order.
func TestAnalyzeLeavesNoSkipScanOnAnyConnection(t *testing.T) {
	db := openSQLiteFile(t, filepath.Join(t.TempDir(), "loaded.db"))
	importTagsAtOnce(t, db, 4000)
	// Analyzed by hand before, as SQLite writes it: the connections read
	// these statistics with the schema, and nothing later changes the
	// schema that would make them read the statistics again.
	if err := db.Exec("ANALYZE").Error; err != nil {
		t.Fatal(err)
	}
	for i, plan := range plansOfEveryConnection(t, db, walkTagsByUpdate) {
		if !strings.Contains(plan, "ANY(updated_at)") {
			t.Fatalf("connection %d analyzed by hand: %q; the test no longer shows the skip-scan it guards against", i, plan)
		}
	}
	if err := models.Analyze(db); err != nil {
		t.Fatal(err)
	}
	for i, plan := range plansOfEveryConnection(t, db, walkTagsByUpdate) {
		if strings.Contains(plan, "ANY(") || !strings.Contains(plan, "SCAN tags USING") {
			t.Errorf("connection %d after Analyze: %q, want the index scanned in order", i, plan)
		}
	}
}
