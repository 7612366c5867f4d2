package models

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// refoldedTables are the columns each table's search_text was made from
// when migration 0018 changed the folding (frozen: a later change of what a
// table indexes needs its own migration). names carry typo keys.
var refoldedTables = []struct {
	table         string
	names, others []string
}{
	{"organizations", []string{"name", "name_local", "acronym"}, []string{"city", "email"}},
	{"contacts", []string{"given_name", "family_name", "name_local"}, []string{"email", "city"}},
	{"visits", nil, []string{"title", "city", "purpose", "outcomes"}},
	{"interactions", nil, []string{"subject", "summary", "location", "city"}},
	{"commitments", nil, []string{"title", "details", "closure_note"}},
	{"projects", nil, []string{"code", "name"}},
	{"relationships", nil, []string{"note"}},
}

// refoldBatch is how many rows one statement of the refold reads.
const refoldBatch = 5000

// refoldSearchText is a step of migration 0018: it makes every row's
// search_text again with today's folding, a batch of ids per statement,
// writing only the rows whose text changes (on SQLite the full-text
// triggers follow each write).
func refoldSearchText(tx *gorm.DB) error {
	for _, t := range refoldedTables {
		cols := append(append([]string{}, t.names...), t.others...)
		sel := make([]string, len(cols))
		for i, c := range cols {
			sel[i] = "COALESCE(" + c + ", '')"
		}
		q := "SELECT id, search_text, " + strings.Join(sel, ", ") + " FROM " + t.table + " WHERE id > ? ORDER BY id LIMIT ?"
		var last int64
		for {
			rows, err := tx.Raw(q, last, refoldBatch).Rows()
			if err != nil {
				return fmt.Errorf("refold %s: %w", t.table, err)
			}
			var stale []staleKey
			n := 0
			for rows.Next() {
				var id int64
				var stored string
				in := make([]string, len(cols))
				dest := []any{&id, &stored}
				for i := range in {
					dest = append(dest, &in[i])
				}
				if err := rows.Scan(dest...); err != nil {
					rows.Close()
					return err
				}
				n++
				last = id
				if want := SearchText(in[:len(t.names)], in[len(t.names):]...); want != stored {
					stale = append(stale, staleKey{ID: id, Key: want})
				}
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				return err
			}
			if err := writeColumn(tx, t.table, "search_text", stale); err != nil {
				return err
			}
			if n < refoldBatch {
				break
			}
		}
	}
	return nil
}

// writeColumn sets column of each row to its value, a few hundred rows
// per statement.
func writeColumn(tx *gorm.DB, table, column string, rows []staleKey) error {
	const chunk = 500
	for len(rows) > 0 {
		part := rows[:min(chunk, len(rows))]
		rows = rows[len(part):]
		values := make([]string, len(part))
		args := make([]any, 0, 2*len(part))
		for i, s := range part {
			values[i] = "(CAST(? AS BIGINT), ?)"
			args = append(args, s.ID, s.Key)
		}
		sql := "WITH v (id, k) AS (VALUES " + strings.Join(values, ", ") + ") UPDATE " + table +
			" SET " + column + " = v.k FROM v WHERE " + table + ".id = v.id"
		if err := tx.Exec(sql, args...).Error; err != nil {
			return fmt.Errorf("%s.%s: %w", table, column, err)
		}
	}
	return nil
}

// refoldSortKeys makes the sort keys of contacts and organizations, and
// tags' keys and search text, again with today's folding.
func refoldSortKeys(tx *gorm.DB) error {
	if err := fillSortKeys(tx); err != nil {
		return err
	}
	return fillTagKeys(tx)
}
