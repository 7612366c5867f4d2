package query

import (
	"strconv"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
)

// Reading a list's matches first, on PostgreSQL.
//
// A filter through another table (a tag's taggings, an organization's
// positions, a meeting's participants) tells PostgreSQL how many rows
// match but not where they lie in the sort order, and with a LIMIT it
// walks the sort key's index, probing each row against the other table.
// The rows under a name index are spread over the whole table, so for a
// tag that one contact in two hundred carries the walk visited some
// 14,500 contacts to find 51 (100–135 ms over a million contacts), where
// reading the tag's 4,925 contacts and sorting them took 21 ms.
//
// So, as SQLite's walk is chosen by count (walk.go), a PostgreSQL list
// whose filters go through another table counts its matches up to
// WalkAbove (kept a minute, as there). Below it, the page is read in two
// steps, in one statement: the matches' ids and sort values (a
// MATERIALIZED common table expression, which PostgreSQL plans without
// the LIMIT: through the other table's index), the page's ids among them
// by sort order, then those rows. Narrow rows keep the sort in memory;
// only the page's rows are read whole. At WalkAbove or more the walk
// finds a page within about limit × rows ÷ WalkAbove index entries, and
// the planner's plan is kept.

// matchesFirst returns the page statement reading the matches of the
// filtered, cursor-bounded query paged first, when it should (above); page
// unchanged otherwise. order are the ORDER BY expressions of the page, id
// last, each followed by dir; size is the page's row count. A list by id
// is left to the planner: the table lies in id order, so walking its key
// reads the table in order (9 ms for the tag above, 30 ms matches first).
func matchesFirst[T any](q, paged *gorm.DB, page statement[T], order []string, dir string, p Params, table string, matches int64, more bool, size int) (statement[T], error) {
	byID := order[len(order)-2] == order[len(order)-1] // the key is the id, then the id again
	if !p.through || !page.scanned || byID || q.Name() != models.Postgres {
		return page, nil
	}
	if many, err := manyMatches(q, p, table, matches, more); err != nil || many {
		return page, err
	}
	// The matches' ids and sort values, as id, k0, k1, …
	keys := make([]string, 0, len(order)+1)
	keys = append(keys, table+".id AS id")
	ranked := make([]string, len(order))
	for i, o := range order[:len(order)-1] {
		k := "k" + strconv.Itoa(i)
		keys = append(keys, o+" AS "+k)
		ranked[i] = k + dir
	}
	ranked[len(order)-1] = "id" + dir
	inner := paged.Session(&gorm.Session{DryRun: true}).Select(keys).Find(&[]int64{}).Statement
	outer := make([]string, len(order))
	for i, o := range order {
		outer[i] = o + dir
	}
	var b strings.Builder
	b.WriteString("WITH matched AS MATERIALIZED (")
	b.WriteString(inner.SQL.String())
	b.WriteString(") SELECT ")
	b.WriteString(page.columns)
	b.WriteString(" FROM " + table + " WHERE " + table + ".id IN (SELECT id FROM matched ORDER BY ")
	b.WriteString(strings.Join(ranked, ", "))
	b.WriteString(" LIMIT " + strconv.Itoa(size) + ") ORDER BY ")
	b.WriteString(strings.Join(outer, ", "))
	page.text, page.vars = b.String(), inner.Vars
	return page, nil
}
