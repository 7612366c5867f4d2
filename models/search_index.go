package models

import (
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// The full-text index over search_text (migration 0002): on SQLite an
// external content FTS5 table per searchable table, kept in sync by
// triggers so that the index changes in the same transaction as the row; on
// PostgreSQL a GIN index over search_vector, a stored column the server
// generates from search_text (migration 0027; before it, an index over the
// expression), which the server keeps itself.

// SearchTables are the tables with a search_text column and a full-text index.
var SearchTables = []string{"organizations", "contacts", "visits", "interactions", "commitments"}

// searchTokenizer is how SQLite splits search_text into words.
const searchTokenizer = "unicode61 remove_diacritics 2"

// searchMigration is migration 0002.
func searchMigration(dialect string) []string {
	var out []string
	for _, t := range SearchTables {
		if dialect == Postgres {
			out = append(out, fmt.Sprintf(`CREATE INDEX ix_%[1]s_search ON %[1]s USING gin (to_tsvector('simple', search_text))`, t))
			continue
		}
		out = append(out,
			fmt.Sprintf(`CREATE VIRTUAL TABLE %[1]s_fts USING fts5(search_text, content='%[1]s', content_rowid='id', tokenize='%[2]s')`, t, searchTokenizer),
			fmt.Sprintf(`CREATE TRIGGER %[1]s_fts_ai AFTER INSERT ON %[1]s BEGIN
  INSERT INTO %[1]s_fts(rowid, search_text) VALUES (new.id, new.search_text);
END`, t),
			fmt.Sprintf(`CREATE TRIGGER %[1]s_fts_ad AFTER DELETE ON %[1]s BEGIN
  INSERT INTO %[1]s_fts(%[1]s_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END`, t),
			fmt.Sprintf(`CREATE TRIGGER %[1]s_fts_au AFTER UPDATE OF search_text ON %[1]s BEGIN
  INSERT INTO %[1]s_fts(%[1]s_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO %[1]s_fts(rowid, search_text) VALUES (new.id, new.search_text);
END`, t),
		)
	}
	return out
}

// searchVectorIndex is the statement of migration 0027 that creates
// PostgreSQL's full-text index of a table.
func searchVectorIndex(table string) string {
	return fmt.Sprintf("CREATE INDEX ix_%[1]s_search ON %[1]s USING gin (search_vector)", table)
}

// searchIndexName is the name liaison check reports a table's full-text
// index under.
func searchIndexName(dialect, table string) string {
	if dialect == Postgres {
		return "ix_" + table + "_search"
	}
	return table + "_fts"
}

// checkSearch compares a table's full-text index with its rows. SQLite's
// own integrity check says whether the FTS5 index matches the table; when
// it does not, the rows it disagrees on are found by indexing the table
// again into a temporary FTS5 table and comparing the two indexes' words
// row by row. PostgreSQL keeps its expression index itself: the check
// makes sure it exists and is valid.
func checkSearch(tx *gorm.DB, table string) (TableCheck, error) {
	name := searchIndexName(tx.Name(), table)
	c := TableCheck{Table: name}
	if tx.Name() == Postgres {
		var valid []bool
		if err := tx.Raw(`SELECT x.indisvalid AND x.indisready FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
			WHERE i.relname = ? AND i.relnamespace = current_schema()::regnamespace`, name).Scan(&valid).Error; err != nil {
			return c, err
		}
		switch {
		case len(valid) == 0:
			c.Missing, c.Examples = 1, []string{"missing index " + name}
		case !valid[0]:
			c.Different, c.Examples = 1, []string{"invalid index " + name}
		}
		return c, nil
	}
	// A failed integrity check is an answer here, not an error to log.
	quiet := tx.Session(&gorm.Session{Logger: logger.Discard})
	if quiet.Exec("INSERT INTO "+name+"("+name+", rank) VALUES ('integrity-check', 1)").Error == nil {
		return c, nil
	}
	// The index disagrees with the table: find the rows. A savepoint keeps
	// the temporary tables out of the caller's transaction.
	err := tx.Transaction(func(tx *gorm.DB) error {
		for _, s := range []string{
			"CREATE VIRTUAL TABLE temp.check_fts USING fts5(search_text, tokenize='" + searchTokenizer + "')",
			"INSERT INTO temp.check_fts(rowid, search_text) SELECT id, search_text FROM " + table,
			"CREATE VIRTUAL TABLE temp.check_want USING fts5vocab(temp, check_fts, instance)",
			"CREATE VIRTUAL TABLE temp.check_have USING fts5vocab(main, " + name + ", instance)",
		} {
			if err := tx.Exec(s).Error; err != nil {
				return err
			}
		}
		var found []struct {
			Problem string
			ID      int64
			N       int64
		}
		err := tx.Raw(`WITH bad AS (
  SELECT doc FROM (SELECT doc, term, col, "offset" FROM temp.check_have EXCEPT SELECT doc, term, col, "offset" FROM temp.check_want)
  UNION SELECT doc FROM (SELECT doc, term, col, "offset" FROM temp.check_want EXCEPT SELECT doc, term, col, "offset" FROM temp.check_have)),
d AS (SELECT CASE WHEN doc NOT IN (SELECT id FROM ` + table + `) THEN 'extra'
  WHEN doc NOT IN (SELECT doc FROM temp.check_have) THEN 'missing' ELSE 'different' END AS problem, doc AS id FROM bad)
SELECT problem, id, n FROM (SELECT problem, id, COUNT(*) OVER (PARTITION BY problem) AS n,
  ROW_NUMBER() OVER (PARTITION BY problem ORDER BY id) AS i FROM d) AS x WHERE i <= 3 ORDER BY problem, i`).Scan(&found).Error
		if err != nil {
			return err
		}
		for _, f := range found {
			switch f.Problem {
			case "missing":
				c.Missing = f.N
			case "extra":
				c.Extra = f.N
			default:
				c.Different = f.N
			}
			c.Examples = append(c.Examples, fmt.Sprintf("%s id=%d", f.Problem, f.ID))
		}
		return errRollback
	})
	if err != nil && err != errRollback {
		// The index is too damaged to be read word by word.
		c.Different, c.Examples = 1, []string{"index fails its integrity check: " + err.Error()}
	}
	if c.Clean() {
		// The integrity check failed on something the comparison of words
		// does not see (the index's own structure).
		c.Different, c.Examples = 1, []string{"index fails its integrity check"}
	}
	return c, nil
}

// errRollback undoes a savepoint whose work was only reading.
var errRollback = errors.New("rollback")

// rebuildSearch builds a table's full-text index again from its rows.
func rebuildSearch(tx *gorm.DB, table string) error {
	name := searchIndexName(tx.Name(), table)
	if tx.Name() == Postgres {
		var n int64
		if err := tx.Raw("SELECT COUNT(*) FROM pg_class WHERE relname = ? AND relnamespace = current_schema()::regnamespace", name).Scan(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return tx.Exec("REINDEX INDEX " + name).Error
		}
		return tx.Exec(searchVectorIndex(table)).Error
	}
	return tx.Exec("INSERT INTO " + name + "(" + name + ") VALUES ('rebuild')").Error
}
