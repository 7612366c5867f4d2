package seed

import (
	"fmt"

	"gorm.io/gorm"

	"liaison/models"
)

// A load into a new database leaves out, while it writes, the work that is
// cheaper done once over the whole set afterwards; deferIndexes returns the
// function that does it. Only for a new database nothing else is using.

// seedTables are the tables the bulk import fills.
var seedTables = []string{"organizations", "contacts", "positions", "visits", "visit_participants", "interactions",
	"interaction_participants", "commitments", "taggings", "audit_events"}

// deferIndexes drops the secondary indexes of the tables the load fills,
// suspends the triggers of the maintained tables (and, on SQLite, of the
// full-text index) and, on PostgreSQL, drops the foreign keys of those
// tables and their generated search vectors. It returns the function that
// puts each back from its own stored definition: search vectors first
// (each table is rewritten once), then indexes, foreign keys (each checked
// with one join) and triggers, after counting the maintained tables once.
// Building an index once over a million sorted rows is far cheaper than
// keeping ten indexes and a full-text index current through a million
// random inserts; on PostgreSQL the per-row foreign-key checks and word
// splitting took most of COPY's time.
func deferIndexes(db *gorm.DB) (func() error, error) {
	type def struct{ Name, SQL string }
	var indexes []def
	query := `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ?`
	if db.Name() == models.Postgres {
		query = `SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE schemaname = current_schema()
			AND tablename IN ? AND indexname NOT IN (SELECT conname FROM pg_constraint)`
	}
	if err := db.Raw(query, seedTables).Scan(&indexes).Error; err != nil {
		return nil, err
	}
	for _, d := range indexes {
		if err := db.Exec(`DROP INDEX "` + d.Name + `"`).Error; err != nil {
			return nil, err
		}
	}
	vectors, keys := func() error { return nil }, func() error { return nil }
	if db.Name() == models.Postgres {
		var err error
		if vectors, err = deferSearchVectors(db); err != nil {
			return nil, err
		}
		if keys, err = deferForeignKeys(db); err != nil {
			return nil, err
		}
	}
	if err := models.SuspendTriggers(db); err != nil {
		return nil, err
	}
	return func() error {
		if err := vectors(); err != nil {
			return err
		}
		for _, d := range indexes {
			if err := db.Exec(d.SQL).Error; err != nil {
				return fmt.Errorf("index %s: %w", d.Name, err)
			}
		}
		if err := keys(); err != nil {
			return err
		}
		return models.ResumeTriggers(db)
	}, nil
}

// deferForeignKeys drops the foreign keys of the tables the load fills and
// returns the function that adds them again, as pg_get_constraintdef
// states them. Adding one checks every row in one join, where the load
// would have run one lookup per row and key. The import checks every
// reference before it writes; the check when a key is added again is the
// database's own, and a load that broke one fails there.
func deferForeignKeys(db *gorm.DB) (func() error, error) {
	var keys []struct{ Tbl, Name, Def string }
	err := db.Raw(`SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
		FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
		AND c.conrelid::regclass::text IN ? ORDER BY c.conrelid, c.conname`, seedTables).Scan(&keys).Error
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		if err := db.Exec(`ALTER TABLE ` + k.Tbl + ` DROP CONSTRAINT "` + k.Name + `"`).Error; err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, k := range keys {
			if err := db.Exec(`ALTER TABLE ` + k.Tbl + ` ADD CONSTRAINT "` + k.Name + `" ` + k.Def).Error; err != nil {
				return fmt.Errorf("foreign key %s: %w", k.Name, err)
			}
		}
		return nil
	}, nil
}

// deferSearchVectors drops the generated search_vector column (migration
// 0027) of the tables the load fills and returns the function that adds it
// again with the same expression: the server then splits every row's words
// while it rewrites the table once, where COPY split them row by row
// (about 15 µs a row, as much as writing the row). PostgreSQL cannot turn
// a plain column back into a generated one, hence the drop; a column is
// only deferred when it is its table's last, so that adding it again
// leaves the columns in the migrated order.
func deferSearchVectors(db *gorm.DB) (func() error, error) {
	var cols []struct{ Tbl, Expr string }
	err := db.Raw(`SELECT a.attrelid::regclass::text AS tbl, pg_get_expr(d.adbin, d.adrelid) AS expr
		FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE a.attname = 'search_vector' AND a.attgenerated = 's' AND NOT a.attisdropped
		AND a.attrelid::regclass::text IN ?
		AND a.attnum = (SELECT MAX(b.attnum) FROM pg_attribute b WHERE b.attrelid = a.attrelid AND b.attnum > 0 AND NOT b.attisdropped)
		ORDER BY a.attrelid`, seedTables).Scan(&cols).Error
	if err != nil {
		return nil, err
	}
	for _, c := range cols {
		if err := db.Exec(`ALTER TABLE ` + c.Tbl + ` DROP COLUMN search_vector`).Error; err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, c := range cols {
			if err := db.Exec(`ALTER TABLE ` + c.Tbl + ` ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (` + c.Expr + `) STORED`).Error; err != nil {
				return fmt.Errorf("search vector of %s: %w", c.Tbl, err)
			}
		}
		return nil
	}, nil
}
