package services

import (
	"strings"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"
)

// walkPages reads every page of one sort, three rows at a time, and fails
// unless each of the want rows comes exactly once. It returns the rows in
// list order.
func walkPages[T any](t *testing.T, want int, id func(T) int64, sort string, list func(ListParams) (Page[T], error)) []T {
	t.Helper()
	seen := map[int64]bool{}
	var out []T
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 3*want {
			t.Fatal("paging does not end")
		}
		p, err := list(ListParams{Limit: 3, Sort: sort, Cursor: cursor, Count: pages == 0})
		if err != nil {
			t.Fatalf("page %d: %v", pages, err)
		}
		if pages == 0 && *p.Total != int64(want) {
			t.Fatalf("total = %d, want %d", *p.Total, want)
		}
		for _, it := range p.Items {
			if seen[id(it)] {
				t.Fatalf("row %d returned twice", id(it))
			}
			seen[id(it)] = true
			out = append(out, it)
		}
		if p.NextCursor == "" {
			break
		}
		cursor = p.NextCursor
	}
	if len(seen) != want {
		t.Fatalf("visited %d rows, want %d", len(seen), want)
	}
	return out
}

// countQueries counts the statements that read table while it is installed;
// it proves that a list loads what belongs to its rows in bulk.
func countQueries(t *testing.T, db *gorm.DB, table string) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	count := func(tx *gorm.DB) {
		if strings.Contains(tx.Statement.SQL.String(), table) {
			n.Add(1)
		}
	}
	name := "test:count_" + table
	if err := db.Callback().Query().After("gorm:query").Register(name, count); err != nil {
		t.Fatal(err)
	}
	if err := db.Callback().Row().After("gorm:row").Register(name, count); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = db.Callback().Query().Remove(name)
		_ = db.Callback().Row().Remove(name)
	})
	return &n
}
