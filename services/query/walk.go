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

// sortsByTempTree caches, per statement text, whether SQLite's plan for it
// sorts the rows (EXPLAIN QUERY PLAN: "USE TEMP B-TREE FOR ORDER BY").
// Without stat4 (not compiled in) the plan does not depend on the bound
// values, so the text decides. The texts are as many as the filter
// combinations the allow-lists permit; the cache is cleared if it ever
// grows past planCacheSize rather than kept in order.
var sortsByTempTree sync.Map

const planCacheSize = 4096

var planCacheLen int64
var planCacheMu sync.Mutex

// walkedTable returns the FROM clause that makes SQLite walk the sort
// key's index when the filters of q match WalkAbove rows or more and the
// plan SQLite chose for ordered would sort them; "" to keep the planner's
// plan. matches is how many rows the list's count found (-1 when it was not
// asked for), exact unless more is set.
func walkedTable[T any](q, ordered *gorm.DB, key SortKey[T], p Params, table string, matches int64, more bool) (string, error) {
	if key.Walk == "" || p.Archived || q.Name() != models.SQLite {
		return "", nil
	}
	dry := ordered.Session(&gorm.Session{DryRun: true}).Select(table + ".id").Find(&[]int64{}).Statement
	text := dry.SQL.String()
	sorts, known := sortsByTempTree.Load(text)
	if !known {
		var err error
		if sorts, err = planSorts(q, text, dry.Vars); err != nil {
			return "", err
		}
		rememberPlan(text, sorts.(bool))
	}
	if !sorts.(bool) {
		return "", nil
	}
	above := int64(p.WalkAbove)
	if above <= 0 {
		above = WalkAbove
	}
	walk := table + " " + key.Walk
	switch {
	case matches >= above:
		return walk, nil
	case matches >= 0 && !more:
		return "", nil
	}
	// The count that decides reads up to WalkAbove rows; the answer is
	// kept for a minute per filter (its text and values), so that the
	// next pages and the next reader of the same filter do not pay it.
	filters := q.Session(&gorm.Session{DryRun: true}).Select(table + ".id").Find(&[]int64{}).Statement
	probe := fmt.Sprint(above, filters.SQL.String(), filters.Vars)
	if walks, ok := probes.get(probe); ok {
		if walks {
			return walk, nil
		}
		return "", nil
	}
	n, _, err := boundedCount(q, int(above))
	if err != nil {
		return "", err
	}
	probes.put(probe, n >= above)
	if n >= above {
		return walk, nil
	}
	return "", nil
}

// probeCache keeps recent answers of walkedTable's count.
type probeCache struct {
	mu      sync.Mutex
	answers map[string]probeAnswer
}

type probeAnswer struct {
	walks bool
	at    time.Time
}

// probeFor is how long a count's answer stands: the share of rows a
// filter matches moves slowly, and a stale answer costs time, never rows.
const probeFor = time.Minute

var probes = probeCache{answers: map[string]probeAnswer{}}

func (c *probeCache) get(key string) (walks, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.answers[key]
	if !ok || time.Since(a.at) > probeFor {
		return false, false
	}
	return a.walks, true
}

func (c *probeCache) put(key string, walks bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.answers) >= planCacheSize {
		clear(c.answers)
	}
	c.answers[key] = probeAnswer{walks: walks, at: time.Now()}
}

// planSorts asks SQLite whether its plan for the statement sorts in a
// temporary tree rather than reading an index in order.
func planSorts(q *gorm.DB, text string, vars []any) (bool, error) {
	rows, err := q.Session(&gorm.Session{NewDB: true}).Raw("EXPLAIN QUERY PLAN "+text, vars...).Rows()
	if err != nil {
		return false, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return false, err
	}
	sorts := false
	vals := make([]any, len(cols))
	for rows.Next() {
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return false, err
		}
		var detail string
		switch d := vals[len(vals)-1].(type) {
		case string:
			detail = d
		case []byte:
			detail = string(d)
		}
		if strings.Contains(detail, "TEMP B-TREE FOR ORDER BY") || strings.Contains(detail, "TEMP B-TREE FOR LAST") ||
			strings.Contains(detail, "TEMP B-TREE FOR RIGHT PART OF ORDER BY") {
			sorts = true
		}
	}
	return sorts, rows.Err()
}

func rememberPlan(text string, sorts bool) {
	planCacheMu.Lock()
	defer planCacheMu.Unlock()
	if planCacheLen >= planCacheSize {
		sortsByTempTree.Clear()
		planCacheLen = 0
	}
	if _, loaded := sortsByTempTree.LoadOrStore(text, sorts); !loaded {
		planCacheLen++
	}
}
