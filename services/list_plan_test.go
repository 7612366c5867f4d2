package services

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// sqlSeen records the statements a database runs, for tests that check
// how a query was planned.
type sqlSeen struct {
	mu   sync.Mutex
	text []string
}

func watchSQL(t *testing.T, db *gorm.DB) *sqlSeen {
	t.Helper()
	s := &sqlSeen{}
	record := func(tx *gorm.DB) {
		s.mu.Lock()
		s.text = append(s.text, tx.Statement.SQL.String())
		s.mu.Unlock()
	}
	if err := db.Callback().Query().After("gorm:query").Register("test:seen_query", record); err != nil {
		t.Fatal(err)
	}
	if err := db.Callback().Row().After("gorm:row").Register("test:seen_row", record); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *sqlSeen) reset() { s.mu.Lock(); s.text = nil; s.mu.Unlock() }

func (s *sqlSeen) any(substr string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.ContainsFunc(s.text, func(q string) bool { return strings.Contains(q, substr) })
}

// A list whose filters match many rows is read by walking its sort's index
// on SQLite (query.WalkAbove): every page of every sort must hold exactly
// the rows, in exactly the order, that the planner's own plan gives, and
// the restriction rule must hold on the walk as it does on the filter's
// index. Here the threshold is lowered to one row, so that a few records
// take the walk.
func TestListsWalkingTheSortIndexReturnWhatTheFilterPlanReturns(t *testing.T) {
	e := newEnv(t)
	seen := watchSQL(t, e.db)
	a, b := e.as("a.officer"), e.as("b.officer")
	manager := e.as("a.manager")
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	priorities := []string{"high", "low", "normal"}
	for i := range 9 {
		who := a
		if i%3 == 2 {
			who = b // another office: restricted ones are hidden from a's manager
		}
		restricted := i%4 == 1
		name := fmt.Sprintf("%c%d", 'Q'-rune(i), i)
		must(e.svc.Contacts.Create(e.ctx, who, ContactInput{GivenName: "G" + name, FamilyName: name, Gender: ptr("female"), Restricted: restricted}))
		must(e.svc.Organizations.Create(e.ctx, who, OrganizationInput{Name: "Org " + name, Type: "ngo"}))
		must(e.svc.Interactions.Create(e.ctx, who, InteractionInput{Kind: "meeting", Subject: "Meeting " + name,
			StartsAt: day.AddDate(0, 0, (i*5)%9), Restricted: restricted}))
		due := day.AddDate(0, 0, (i*7)%9).Format(time.DateOnly)
		must(e.svc.Commitments.Create(e.ctx, who, CommitmentInput{Title: "Follow up " + name, DueDate: &due,
			Priority: priorities[i%3], Restricted: restricted}))
		start := day.AddDate(0, 0, (i*4)%9).Format(time.DateOnly)
		must(e.svc.Visits.Create(e.ctx, who, VisitInput{Title: "Visit " + name, Kind: "study_visit", StartDate: start, EndDate: start}))
	}
	sqlite := e.db.Name() == models.SQLite
	office := []int64{e.fx.OfficeA}
	lists := []struct {
		name  string
		sorts []string
		list  pagedList
	}{
		{"contacts", ContactSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := e.svc.Contacts.List(e.ctx, manager, ContactFilter{ListParams: p, Gender: []string{"female"}})
			return listedIDs(r.Items, func(v ContactView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"organizations", OrganizationSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := e.svc.Organizations.List(e.ctx, manager, OrganizationFilter{ListParams: p, Type: []string{"ngo"}})
			return listedIDs(r.Items, func(v OrganizationView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"interactions", InteractionSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := e.svc.Interactions.List(e.ctx, manager, InteractionFilter{ListParams: p, Kind: []string{"meeting"}})
			return listedIDs(r.Items, func(v InteractionView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"commitments", CommitmentSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := e.svc.Commitments.List(e.ctx, manager, CommitmentFilter{ListParams: p, Status: []string{"open"}})
			return listedIDs(r.Items, func(v CommitmentView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"visits", VisitSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := e.svc.Visits.List(e.ctx, manager, VisitFilter{ListParams: p, OfficeID: office})
			return listedIDs(r.Items, func(v VisitView) int64 { return v.ID }), r.NextCursor, err
		}},
	}
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			walked := 0
			for _, sort := range l.sorts {
				planned := everyPage(t, l.list, sort, 1<<30)
				seen.reset()
				got := everyPage(t, l.list, sort, 1)
				if seen.any(" INDEXED BY ") || seen.any(" NOT INDEXED ") {
					walked++
				}
				if len(planned) < 5 {
					t.Fatalf("sort %s: %d rows; the fixture should give several", sort, len(planned))
				}
				if !slices.Equal(got, planned) {
					t.Errorf("sort %s: walking the index gave %v, the filter's plan %v", sort, got, planned)
				}
			}
			// On SQLite the walk must have been taken where the plan sorted
			// (every sort but those a composite index already serves).
			if sqlite && walked < len(l.sorts)/2 {
				t.Errorf("the sort index was walked for %d of %d sorts", walked, len(l.sorts))
			}
			if !sqlite && walked > 0 {
				t.Errorf("PostgreSQL chooses its own plan, yet %d sorts named an index", walked)
			}
		})
	}
}

// pagedList reads one page of a list: its ids and the next page's cursor.
type pagedList func(p ListParams) ([]int64, string, error)

// everyPage reads every page of l in sort, two rows a page, with SQLite's
// walk (and PostgreSQL's matches first) chosen from walkAbove matches.
func everyPage(t *testing.T, l pagedList, sort string, walkAbove int) []int64 {
	t.Helper()
	var ids []int64
	p := ListParams{Limit: 2, Sort: sort, WalkAbove: walkAbove}
	for range 50 {
		got, next, err := l(p)
		if err != nil {
			t.Fatalf("sort %s: %v", sort, err)
		}
		ids = append(ids, got...)
		if next == "" {
			return ids
		}
		p.Cursor = next
	}
	t.Fatalf("sort %s: paging does not end", sort)
	return nil
}

func listedIDs[T any](items []T, id func(T) int64) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}
