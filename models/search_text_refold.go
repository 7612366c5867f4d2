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

// refoldSearchText is a step of migration 0018: it makes every row's
// search_text again with today's folding, a batch of ids per statement,
// writing only the rows whose text changes (on SQLite the full-text
// triggers follow each write).
func refoldSearchText(tx *gorm.DB) error {
	for _, t := range refoldedTables {
		cols := append(append([]string{}, t.names...), t.others...)
		inputs := make([]string, len(cols))
		for i, c := range cols {
			inputs[i] = "COALESCE(" + c + ", '')"
		}
		names := len(t.names)
		k := sortKeyed{table: t.table, column: "search_text", inputs: inputs,
			key: func(in []string) string { return SearchText(in[:names], in[names:]...) }}
		if err := k.rebuild(tx); err != nil {
			return fmt.Errorf("refold %s: %w", t.table, err)
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
		// Driven by the ids (an UPDATE … FROM would make SQLite scan the
		// whole table for each batch).
		sql := "WITH v (id, k) AS (VALUES " + strings.Join(values, ", ") + ") UPDATE " + table +
			" SET " + column + " = (SELECT v.k FROM v WHERE v.id = " + table + ".id) WHERE id IN (SELECT id FROM v)"
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
