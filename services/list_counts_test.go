package services

import (
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// countsRun counts the statements that count a list's rows on db.
func countsRun(t *testing.T, db *gorm.DB) *int {
	t.Helper()
	n := new(int)
	name := "test:list_counts_" + strings.ReplaceAll(t.Name(), "/", "_")
	err := db.Callback().Query().After("gorm:query").Register(name, func(tx *gorm.DB) {
		if strings.Contains(tx.Statement.SQL.String(), "AS counted") {
			*n++
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestKeptTotalsFollowEveryWriteOfAnyProcess: a list's total is counted
// once and then kept while nothing is written; after any write that can
// change it, made by another process on the same database (here a second
// set of services), the next total is the fresh count. Writes of every
// kind a contacts count reads are made: the record, its tags, its
// positions, its restriction, its archiving.
func TestKeptTotalsFollowEveryWriteOfAnyProcess(t *testing.T) {
	e := newEnv(t)
	other := New(e.db, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{})
	uncounted := &ContactService{db: e.db} // counts every time
	a := e.as("a.officer")
	org := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Grad Zenica", Type: "local_government"}))
	var ids []int64
	for i := range 4 {
		c := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Amra", FamilyName: fmt.Sprintf("Hodžić %d", i), CountryCode: ptr("BA")}))
		ids = append(ids, c.ID)
	}
	filters := map[string]ContactFilter{
		"country":      {CountryCode: []string{"BA"}},
		"tag":          {Tag: []string{"sdg-16"}},
		"organization": {OrganizationID: []int64{org.ID}},
		"restricted":   {Restricted: ptr(true)},
		"search":       {ListParams: ListParams{Q: "hodzic"}},
	}
	counted := countsRun(t, e.db)
	check := func(step string) {
		t.Helper()
		for name, f := range filters {
			f.Count, f.Limit = true, 1
			kept := must(e.svc.Contacts.List(e.ctx, a, f))
			fresh := must(uncounted.List(e.ctx, a, f))
			if *kept.Total != *fresh.Total || kept.TotalIsLowerBound != fresh.TotalIsLowerBound {
				t.Errorf("after %s, %s: kept total %d, counted %d", step, name, *kept.Total, *fresh.Total)
			}
		}
		before := *counted
		for _, f := range filters {
			f.Count, f.Limit = true, 1
			must(e.svc.Contacts.List(e.ctx, a, f))
		}
		if *counted != before {
			t.Errorf("after %s: %d totals counted again with nothing written, want all kept", step, *counted-before)
		}
	}
	check("the first count")
	tagged := ContactPatch{Tags: To([]string{"sdg-16"})}
	must(other.Contacts.Update(e.ctx, a, ids[0], nil, tagged))
	check("tagging a contact")
	must(other.Contacts.Update(e.ctx, a, ids[1], nil, ContactPatch{Positions: To([]PositionInput{{OrganizationID: org.ID, Title: "Mayor"}})}))
	check("giving a contact a position")
	must(other.Contacts.Update(e.ctx, a, ids[2], nil, ContactPatch{Restricted: To(true)}))
	check("restricting a contact")
	if err := other.Contacts.Archive(e.ctx, a, ids[3], nil); err != nil {
		t.Fatal(err)
	}
	check("archiving a contact")
	must(other.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Emir", FamilyName: "Hodžić", CountryCode: ptr("BA"), Tags: []string{"sdg-16"}}))
	check("creating a contact")
	must(other.Contacts.Restore(e.ctx, e.as("a.manager"), ids[3]))
	check("restoring a contact")
}

// TestKeptTotalsAreKeptPerReader: two readers of the same filter who may
// see different rows each get their own total, however their requests
// interleave.
func TestKeptTotalsAreKeptPerReader(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	for i := range 3 {
		must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Ali", FamilyName: fmt.Sprintf("Open %d", i), CountryCode: ptr("IQ")}))
		must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Ali", FamilyName: fmt.Sprintf("Restricted %d", i), CountryCode: ptr("IQ"), Restricted: true}))
	}
	f := ContactFilter{ListParams: ListParams{Count: true}, CountryCode: []string{"IQ"}}
	for range 2 {
		for who, want := range map[string]int64{"a.viewer": 6, "b.viewer": 3, "a.manager": 6, "b.manager": 3} {
			if p := must(e.svc.Contacts.List(e.ctx, e.as(who), f)); *p.Total != want {
				t.Errorf("%s: total %d, want %d", who, *p.Total, want)
			}
		}
	}
}

// TestCountedListsReadOnlyTablesThatRaiseTheEpoch: a kept total is exact
// only if every table its statement reads raises list_epoch on a write.
// Each of the five lists is counted with every filter and a search, by an
// officer (the visibility rule's widest statement), and no statement may
// name a table that leaves the epoch alone.
func TestCountedListsReadOnlyTablesThatRaiseTheEpoch(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	var statements []string
	err := e.db.Callback().Query().After("gorm:query").Register("test:counted_statements", func(tx *gorm.DB) {
		statements = append(statements, tx.Statement.SQL.String())
	})
	if err != nil {
		t.Fatal(err)
	}
	ids, day, at, yes := []int64{1}, ptr("2026-01-01"), ptr(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), ptr(true)
	p := ListParams{Count: true, Q: "zenica"}
	must(e.svc.Contacts.List(e.ctx, a, ContactFilter{ListParams: p, Gender: []string{"female"}, CountryCode: []string{"BA"},
		OfficeID: ids, OwnerID: ids, OrganizationID: ids, ID: ids, Tag: []string{"sdg-16"}, Restricted: yes, UpdatedAfter: at}))
	must(e.svc.Organizations.List(e.ctx, a, OrganizationFilter{ListParams: p, Type: []string{"ngo"}, Level: []string{"local"}, CountryCode: []string{"BA"},
		OfficeID: ids, OwnerID: ids, ParentID: ids, ID: ids, Tag: []string{"sdg-16"}, UpdatedAfter: at}))
	must(e.svc.Interactions.List(e.ctx, a, InteractionFilter{ListParams: p, Kind: []string{"meeting"}, Status: []string{"held"}, CountryCode: []string{"BA"},
		VisitID: ids, ProjectID: ids, OfficeID: ids, OwnerID: ids, OrganizationID: ids, ContactID: ids, Tag: []string{"sdg-16"}, Restricted: yes,
		StartsAfter: at, StartsBefore: at, UpdatedAfter: at}))
	must(e.svc.Commitments.List(e.ctx, a, CommitmentFilter{ListParams: p, Status: []string{"open"}, Priority: []string{"high"}, Direction: []string{"ours"},
		VisitID: ids, InteractionID: ids, ProjectID: ids, OfficeID: ids, OwnerID: ids, OrganizationID: ids, ContactID: ids,
		Tag: []string{"sdg-16"}, CountryCode: []string{"BA"}, Overdue: yes, Restricted: yes, DueBefore: day, DueAfter: day, UpdatedAfter: at}))
	must(e.svc.Visits.List(e.ctx, a, VisitFilter{ListParams: p, Kind: []string{"study_visit"}, Status: []string{"planned"}, HostCountryCode: []string{"BA"},
		OriginCountryCode: []string{"RS"}, ProjectID: ids, OfficeID: ids, OwnerID: ids, OrganizationID: ids, ContactID: ids, Tag: []string{"sdg-16"},
		StartAfter: day, StartBefore: day, UpdatedAfter: at}))
	words := regexp.MustCompile(`[a-z_]+`)
	counts := 0
	for _, s := range statements {
		if !strings.Contains(s, "AS counted") {
			continue
		}
		counts++
		for _, w := range words.FindAllString(strings.ToLower(s), -1) {
			if reason := models.NotListEpochTables[w]; reason != "" {
				t.Errorf("a counted statement reads %s, whose writes leave list_epoch alone (%s):\n%s", w, reason, s)
			}
		}
	}
	if counts != 5 {
		t.Errorf("%d counted statements seen, want one for each of the five lists", counts)
	}
}
