package services

import (
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"testing"

	"liaison/models"
	"liaison/services/query"
)

// The three ways a text condition is handed to the database (the matches
// listed as ids, the database driving from its full-text index, the list
// walking its sort order) are chosen by the number of matches, for speed
// only: a list page, paged through in every sort, its total, and the
// global search must answer the same under each, and exactly the records
// that hold the word. The walk along a name is bounded by the matches'
// first and last names: a holder of the word as a given name, filed among
// the Z's, and records filed before and after them must not move the
// answer.
func TestTextSearchPlansAgree(t *testing.T) {
	e := newEnv(t)
	a, b := e.as("a.officer"), e.as("b.officer")
	want := map[int64]bool{}
	for i := range 23 {
		who := a
		restricted := i%5 == 0
		if i%3 == 0 {
			who = b // b's restricted people are hidden from a's office
		}
		c := must(e.svc.Contacts.Create(e.ctx, who, ContactInput{GivenName: fmt.Sprintf("Given%02d", 22-i), FamilyName: "Hodžić", Restricted: restricted}))
		if !restricted || who.OfficeID == a.OfficeID {
			want[c.ID] = true
		}
		must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: fmt.Sprintf("Other%02d", i), FamilyName: "Halilović"}))
		must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: fmt.Sprintf("Other%02d", i), FamilyName: "Zulfić"}))
	}
	for _, family := range []string{"Abazović", "Zukić"} {
		c := must(e.svc.Contacts.Create(e.ctx, b, ContactInput{GivenName: "Hodžić", FamilyName: family}))
		want[c.ID] = true
	}
	defer func(listed, walk int64) { query.ListedMatches, query.WalkThreshold = listed, walk }(query.ListedMatches, query.WalkThreshold)
	reader := e.as("a.viewer")
	first := map[string][]int64{}
	var firstHits []SearchHit
	for _, plan := range []struct {
		name         string
		listed, walk int64
	}{{"listed", 1000, 5000}, {"driven", 0, 5000}, {"walked", 0, 0}} {
		query.ListedMatches, query.WalkThreshold = plan.listed, plan.walk
		for _, sort := range []string{"", "-name", "full_name", "-family_name", "-created_at"} {
			var got []int64
			cursor := ""
			for {
				p := must(e.svc.Contacts.List(e.ctx, reader, ContactFilter{ListParams: ListParams{Q: "hodzic", Sort: sort, Limit: 4, Cursor: cursor, Count: true}}))
				if p.Total == nil || *p.Total != int64(len(want)) {
					t.Fatalf("%s, sort %q: total %v, want %d", plan.name, sort, p.Total, len(want))
				}
				for _, c := range p.Items {
					got = append(got, c.ID)
				}
				if cursor = p.NextCursor; cursor == "" {
					break
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%s, sort %q: %d contacts found, want %d", plan.name, sort, len(got), len(want))
			}
			for _, id := range got {
				if !want[id] {
					t.Fatalf("%s, sort %q: contact %d found, which does not hold the word or is hidden", plan.name, sort, id)
				}
			}
			if first[sort] == nil {
				first[sort] = got
			} else if !slices.Equal(got, first[sort]) {
				t.Fatalf("%s, sort %q: order %v, listed plan %v", plan.name, sort, got, first[sort])
			}
		}
		hits := must(e.svc.Search.Search(e.ctx, reader, "hodzic", nil, 50))
		if firstHits == nil {
			firstHits = hits
		} else if !slices.Equal(hits, firstHits) {
			t.Fatalf("%s: search hits %+v, listed plan %+v", plan.name, hits, firstHits)
		}
	}
}

// A hit found by a word of its text rather than its title shows that text
// as its snippet, and its title as the title.
func TestSearchSnippetComesFromWhereTheWordIs(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	it := must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "call", Status: "held", Subject: "Weekly call",
		Summary: "We went through the ombudsman's annual report and agreed on next steps.", StartsAt: models.Now()}))
	org := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Institution of Human Rights Ombudsman", Type: "government_agency"}))
	hits := must(e.svc.Search.Search(e.ctx, e.as("a.viewer"), "ombudsman", nil, 10))
	byKind := map[string]SearchHit{}
	for _, h := range hits {
		byKind[h.Kind] = h
	}
	if h := byKind[models.EntityInteraction]; h.ID != it.ID || h.Title != "Weekly call" || !strings.Contains(h.Snippet, "ombudsman's annual report") {
		t.Errorf("interaction hit %+v", h)
	}
	if h := byKind[models.EntityOrganization]; h.ID != org.ID || h.Snippet != org.Name {
		t.Errorf("organization hit %+v", h)
	}
	if len(hits) != 2 || hits[0].Kind != models.EntityOrganization {
		t.Errorf("the title match ranks first: %+v", hits)
	}
}

// Names a typo away are looked for only when the words as spelt find less
// than a page: "Ahmad" finds Ahmed while few are called Ahmad, and once a
// page of Ahmads answers, the list holds what was typed.
func TestTypoNeighboursOnlyWhenTheWordsFindFew(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	ahmed := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Ahmed", FamilyName: "Karim"}))
	for i := range 3 {
		must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Ahmad", FamilyName: fmt.Sprintf("Family%d", i)}))
	}
	defer func(below int64) { query.TypoBelow = below }(query.TypoBelow)
	found := func() (ids []int64) {
		for _, c := range must(e.svc.Contacts.List(e.ctx, a, ContactFilter{ListParams: ListParams{Q: "ahmad", Limit: 50}})).Items {
			ids = append(ids, c.ID)
		}
		return ids
	}
	query.TypoBelow = 4
	if got := found(); len(got) != 4 || !slices.Contains(got, ahmed.ID) {
		t.Fatalf("three Ahmads, fewer than the bound: %v, want them and Ahmed %d", got, ahmed.ID)
	}
	query.TypoBelow = 3
	if got := found(); len(got) != 3 || slices.Contains(got, ahmed.ID) {
		t.Fatalf("three Ahmads fill the bound: %v, want only them", got)
	}
}

// TestKeptSearchFollowsEveryWrite: what a search's words match, and the
// first and last of them along a name, are kept between requests (for the
// lists and the search across kinds alike); a
// record written by another process (a second set of services on the same
// database) that holds the words is found by the next page under every
// plan, also when it files before the first or after the last match kept,
// and one that no longer holds them is gone.
func TestKeptSearchFollowsEveryWrite(t *testing.T) {
	defer func(listed, walk int64) { query.ListedMatches, query.WalkThreshold = listed, walk }(query.ListedMatches, query.WalkThreshold)
	for _, plan := range []struct {
		name         string
		listed, walk int64
	}{{"listed", 1000, 5000}, {"driven", 0, 5000}, {"walked", 0, 0}} {
		t.Run(plan.name, func(t *testing.T) {
			query.ListedMatches, query.WalkThreshold = plan.listed, plan.walk
			e := newEnv(t)
			other := New(e.db, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{})
			a := e.as("a.officer")
			want := map[int64]bool{}
			for i := range 5 {
				want[must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: fmt.Sprintf("Given%d", i), FamilyName: "Hodžić"})).ID] = true
				must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: fmt.Sprintf("Given%d", i), FamilyName: "Halilović"}))
			}
			check := func(step string) {
				t.Helper()
				for _, sort := range []string{"", "-name"} {
					for range 2 { // the second is answered from what was kept
						got := map[int64]bool{}
						cursor := ""
						for {
							p := must(e.svc.Contacts.List(e.ctx, a, ContactFilter{ListParams: ListParams{Q: "hodzic", Sort: sort, Limit: 2, Cursor: cursor}}))
							for _, c := range p.Items {
								got[c.ID] = true
							}
							if cursor = p.NextCursor; cursor == "" {
								break
							}
						}
						if !maps.Equal(got, want) {
							t.Fatalf("after %s, sort %q: found %v, want %v", step, sort, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
						}
					}
				}
				hit := map[int64]bool{}
				for _, h := range must(e.svc.Search.Search(e.ctx, a, "hodzic", []string{models.EntityContact}, 50)) {
					hit[h.ID] = true
				}
				if !maps.Equal(hit, want) {
					t.Fatalf("after %s, the search across kinds found %v, want %v", step, slices.Sorted(maps.Keys(hit)), slices.Sorted(maps.Keys(want)))
				}
			}
			check("the first search")
			first := must(other.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Hodžić", FamilyName: "Abazović"}))
			want[first.ID] = true
			check("a holder filed before the others")
			last := must(other.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Hodžić", FamilyName: "Žužul"}))
			want[last.ID] = true
			check("a holder filed after the others")
			must(other.Contacts.Update(e.ctx, a, last.ID, nil, ContactPatch{GivenName: To("Emir")}))
			delete(want, last.ID)
			check("a holder renamed")
		})
	}
}
