package services

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// poolSeen is a connection pool that records every statement's text, the
// ones run without gorm (query.Direct, a list's page) included.
type poolSeen struct {
	gorm.ConnPool
	seen *sqlSeen
}

func (p poolSeen) QueryContext(ctx context.Context, text string, args ...any) (*sql.Rows, error) {
	p.seen.add(text)
	return p.ConnPool.QueryContext(ctx, text, args...)
}

func (p poolSeen) QueryRowContext(ctx context.Context, text string, args ...any) *sql.Row {
	p.seen.add(text)
	return p.ConnPool.QueryRowContext(ctx, text, args...)
}

// GetDBConn is the pool under the recording, for what needs the
// *sql.DB itself (the job queue's client).
func (p poolSeen) GetDBConn() (*sql.DB, error) { return p.ConnPool.(*sql.DB), nil }

func (s *sqlSeen) add(text string) { s.mu.Lock(); s.text = append(s.text, text); s.mu.Unlock() }

// servicesSeen are the services over e's database with every statement
// they run recorded.
func servicesSeen(e *env) (*Services, *sqlSeen) {
	seen := &sqlSeen{}
	db := e.db.Session(&gorm.Session{NewDB: true, Context: context.Background()})
	db.Statement.ConnPool = poolSeen{ConnPool: e.db.Statement.ConnPool, seen: seen}
	return New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{}), seen
}

// A filter through another table (a tag, an organization's people, a
// meeting's participants) is read matches first on PostgreSQL when it
// matches fewer than query.WalkAbove rows (services/query/matches_first.go):
// every page of every sort must hold exactly the rows, in exactly the
// order, that the planner's own plan gives, a restricted record of another
// office must stay out of both, and the cursor must carry across pages.
// The threshold is set past the fixture's rows (matches first) and to one
// row (the planner's plan on PostgreSQL, the walk on SQLite). A list by id
// is left to the planner.
func TestListsFilteredThroughAnotherTableReadMatchesFirstOnPostgreSQL(t *testing.T) {
	e := newEnv(t)
	svc, seen := servicesSeen(e)
	a, b := e.as("a.officer"), e.as("b.officer")
	manager := e.as("a.manager")
	must(e.svc.Tags.Create(e.ctx, e.as("a.admin"), TagInput{Slug: "pve", Name: "PVE", Kind: "theme"}))
	org := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry of Youth", Type: "ministry"}))
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	priorities := []string{"high", "low", "normal"}
	var person int64
	hidden := map[string]int64{}
	for i := range 10 {
		who := a
		if i%3 == 2 {
			who = b // another office: its restricted records are hidden from a's manager
		}
		restricted := i%4 == 2
		var tags []string
		if i%5 != 4 {
			tags = []string{"pve"} // one in five untagged: the filter must leave them out
		}
		name := fmt.Sprintf("%c%d", 'Q'-rune(i), i)
		c := must(e.svc.Contacts.Create(e.ctx, who, ContactInput{GivenName: "G" + name, FamilyName: name, Restricted: restricted,
			Tags: tags, Positions: []PositionInput{{OrganizationID: org.ID}}}))
		if person == 0 && !restricted {
			person = c.ID
		}
		must(e.svc.Organizations.Create(e.ctx, who, OrganizationInput{Name: "Org " + name, Type: "ngo", Tags: tags}))
		it := must(e.svc.Interactions.Create(e.ctx, who, InteractionInput{Kind: "meeting", Subject: "Meeting " + name,
			StartsAt: day.AddDate(0, 0, (i*5)%9), Restricted: restricted, Tags: tags,
			Participants: []ParticipantInput{{OrganizationID: &org.ID, Role: "participant"}, {ContactID: &person, Role: "participant"}}}))
		due := day.AddDate(0, 0, (i*7)%9).Format(time.DateOnly)
		cm := must(e.svc.Commitments.Create(e.ctx, who, CommitmentInput{Title: "Follow up " + name, DueDate: &due,
			Priority: priorities[i%3], Restricted: restricted, Tags: tags}))
		start := day.AddDate(0, 0, (i*4)%9).Format(time.DateOnly)
		must(e.svc.Visits.Create(e.ctx, who, VisitInput{Title: "Visit " + name, Kind: "study_visit", StartDate: start, EndDate: start,
			Tags: tags, Participants: []ParticipantInput{{OrganizationID: &org.ID, Side: "host", Role: "host"}, {ContactID: &person, Side: "visiting", Role: "delegate"}}}))
		if restricted && who == b && tags != nil {
			hidden["contacts"], hidden["interactions"], hidden["commitments"] = c.ID, it.ID, cm.ID
		}
	}
	if len(hidden) == 0 {
		t.Fatal("the fixture should hold a tagged, restricted record of another office")
	}
	postgres := e.db.Name() == models.Postgres
	tag, orgs, people := []string{"pve"}, []int64{org.ID}, []int64{person}
	lists := []struct {
		name, table string
		sorts       []string
		list        pagedList
	}{
		{"contacts by tag", "contacts", ContactSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := svc.Contacts.List(e.ctx, manager, ContactFilter{ListParams: p, Tag: tag})
			return listedIDs(r.Items, func(v ContactView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"contacts of an organization", "contacts", ContactSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := svc.Contacts.List(e.ctx, manager, ContactFilter{ListParams: p, OrganizationID: orgs})
			return listedIDs(r.Items, func(v ContactView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"organizations by tag", "organizations", OrganizationSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := svc.Organizations.List(e.ctx, manager, OrganizationFilter{ListParams: p, Tag: tag})
			return listedIDs(r.Items, func(v OrganizationView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"interactions by tag", "interactions", InteractionSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := svc.Interactions.List(e.ctx, manager, InteractionFilter{ListParams: p, Tag: tag})
			return listedIDs(r.Items, func(v InteractionView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"interactions with an organization", "interactions", InteractionSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := svc.Interactions.List(e.ctx, manager, InteractionFilter{ListParams: p, OrganizationID: orgs})
			return listedIDs(r.Items, func(v InteractionView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"interactions with a person", "interactions", InteractionSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := svc.Interactions.List(e.ctx, manager, InteractionFilter{ListParams: p, ContactID: people})
			return listedIDs(r.Items, func(v InteractionView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"commitments by tag", "commitments", CommitmentSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := svc.Commitments.List(e.ctx, manager, CommitmentFilter{ListParams: p, Tag: tag})
			return listedIDs(r.Items, func(v CommitmentView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"visits by tag", "visits", VisitSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := svc.Visits.List(e.ctx, manager, VisitFilter{ListParams: p, Tag: tag})
			return listedIDs(r.Items, func(v VisitView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"visits with an organization", "visits", VisitSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := svc.Visits.List(e.ctx, manager, VisitFilter{ListParams: p, OrganizationID: orgs})
			return listedIDs(r.Items, func(v VisitView) int64 { return v.ID }), r.NextCursor, err
		}},
		{"visits with a person", "visits", VisitSorts.SortNames(), func(p ListParams) ([]int64, string, error) {
			r, err := svc.Visits.List(e.ctx, manager, VisitFilter{ListParams: p, ContactID: people})
			return listedIDs(r.Items, func(v VisitView) int64 { return v.ID }), r.NextCursor, err
		}},
	}
	const first = "WITH matched AS MATERIALIZED"
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			for _, sort := range l.sorts {
				seen.reset()
				planned := everyPage(t, l.list, sort, 1)
				if seen.any(first) {
					t.Errorf("sort %s: matches were read first although the threshold is one row", sort)
				}
				seen.reset()
				got := everyPage(t, l.list, sort, 1<<30)
				// By id the table is walked in its own order: never matches first.
				byID := strings.TrimPrefix(sort, "-") == "id"
				if took := seen.any(first); took != (postgres && !byID) {
					t.Errorf("sort %s: matches read first: %v, want %v (on PostgreSQL, not by id)", sort, took, postgres && !byID)
				}
				if len(planned) < 3 {
					t.Fatalf("sort %s: %d rows; the fixture should give several", sort, len(planned))
				}
				if !slices.Equal(got, planned) {
					t.Errorf("sort %s: matches first gave %v, the planner's plan %v", sort, got, planned)
				}
				if id, ok := hidden[l.table]; ok && (slices.Contains(got, id) || slices.Contains(planned, id)) {
					t.Errorf("sort %s: another office's restricted record %d was listed", sort, id)
				}
			}
		})
	}
}
