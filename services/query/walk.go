package query

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// Choosing a list's plan by how many rows its filters match.
//
// A filtered, sorted page can be read two ways: read every row the filter
// matches (through the filter's index) and sort them, or walk the sort
// key's index in order and skip the rows the filter does not match. The
// first costs the number of matches; the second about limit × rows ÷
// matches. SQLite's planner does not weigh the LIMIT: for "female contacts
// by family name, 50 a page" it read all 500,000 women and sorted them
// (1.6 s over a million contacts), where the walk stops after about a
// hundred rows. PostgreSQL weighs the LIMIT against per-value statistics
// and is left to choose.
//
// So on SQLite, when the planner would sort, List first counts the
// matching rows up to WalkAbove through the planner's own plan. Past it,
// the walk reads at most limit × rows ÷ WalkAbove index entries, and List
// names the sort key's index (SortKey.Walk). Below it, the matches are
// few and sorting them is the cheap plan, which is kept.

// WalkAbove is where reading the matches and sorting them stops being the
// cheaper plan: about √(limit × rows) for a million rows and pages of 50
// (both plans then read some 7,000 rows; the count that decides reads at
// most this many).
const WalkAbove = 5_000

// walkedTable returns the FROM clause that makes SQLite walk the sort
// key's index when the filters of q match WalkAbove rows or more and the
// plan SQLite chose for ordered would sort them; "" to keep the planner's
// plan. matches is how many rows the list's count found (-1 when it was not
// asked for), exact unless more is set.
func walkedTable[T any](q *gorm.DB, page statement[T], key SortKey[T], p Params, table string, matches int64, more bool) (string, error) {
	if key.Walk == "" || p.Archived || q.Name() != models.SQLite {
		return "", nil
	}
	text, vars := page.plan()
	sorts, err := planSorts(q, text, vars)
	if err != nil || !sorts {
		return "", err
	}
	many, err := manyMatches(q, p, table, matches, more)
	if err != nil || !many {
		return "", err
	}
	return table + " " + key.Walk, nil
}

// manyMatches reports whether the filters of q match WalkAbove rows or
// more (p.WalkAbove when set): from the list's count when it was asked for
// (matches, -1 when not; more when it stopped at its bound), else counted up
// to that bound (matchesAtLeast). Both databases choose their plan by it:
// SQLite's walk (above) and PostgreSQL's matches first (matches_first.go).
func manyMatches(q *gorm.DB, p Params, table string, matches int64, more bool) (bool, error) {
	above := int64(p.WalkAbove)
	if above <= 0 {
		above = WalkAbove
	}
	if matches >= above {
		return true, nil
	}
	if matches >= 0 && !more {
		return false, nil
	}
	return matchesAtLeast(q, p.matchRows(q), table, above)
}

// planSorts reports whether SQLite's plan for the list's statement (text,
// with its values) sorts in a temporary tree ("USE TEMP B-TREE FOR … ORDER
// BY") rather than reading an index in order. Without stat4 (not compiled
// in) the plan does not depend on the bound values, so the answer is kept
// per statement text: the texts are as many as the filter combinations the
// allow-lists permit.
func planSorts(db *gorm.DB, text string, vars []any) (bool, error) {
	if sorts, ok := plans.get(text); ok {
		return sorts, nil
	}
	rows, err := db.Session(&gorm.Session{NewDB: true}).Raw("EXPLAIN QUERY PLAN "+text, vars...).Rows()
	if err != nil {
		return false, err
	}
	defer rows.Close()
	sorts := false
	for rows.Next() {
		var id, parent, unused int64
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return false, err
		}
		sorts = sorts || (strings.Contains(detail, "TEMP B-TREE FOR") && strings.HasSuffix(detail, "ORDER BY"))
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	plans.put(text, sorts)
	return sorts, nil
}

// matchesAtLeast reports whether the filters of q match at least n rows,
// counting no further. The answer is kept a minute per filter (its text
// and values), so that the next pages and the next reader of the same
// filter do not pay the count: the share of rows a filter matches moves
// slowly, and a stale answer costs time, never rows.
func matchesAtLeast(q, rows *gorm.DB, table string, n int64) (bool, error) {
	text, vars := statementOf(q, table)
	key := fmt.Sprint(n, text, vars)
	if many, ok := probes.get(key); ok {
		return many, nil
	}
	count, _, err := boundedCount(q, rows, int(n))
	if err != nil {
		return false, err
	}
	probes.put(key, count >= n)
	return count >= n, nil
}

// statementOf is the text and values of q reading the ids of table, built
// without running it.
func statementOf(q *gorm.DB, table string) (string, []any) {
	s := q.Session(&gorm.Session{DryRun: true}).Select(table + ".id").Find(&[]int64{}).Statement
	return s.SQL.String(), s.Vars
}

// answers is a small cache of yes-or-no answers by key, each standing for
// a time (0: for good). It is emptied whenever it would grow past
// answerCacheSize, rather than kept in order: its keys are few in use.
type answers struct {
	mu    sync.Mutex
	stand time.Duration
	kept  map[string]answer
}

type answer struct {
	yes bool
	at  time.Time
}

const answerCacheSize = 4096

var (
	plans  = answers{kept: map[string]answer{}}
	probes = answers{stand: time.Minute, kept: map[string]answer{}}
)

func (c *answers) get(key string) (yes, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.kept[key]
	if !ok || (c.stand > 0 && time.Since(a.at) > c.stand) {
		return false, false
	}
	return a.yes, true
}

func (c *answers) put(key string, yes bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.kept) >= answerCacheSize {
		clear(c.kept)
	}
	c.kept[key] = answer{yes: yes, at: time.Now()}
}
