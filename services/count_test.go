package services

import (
	"fmt"
	"testing"
)

// countBound stands for query.CountBound in these tests, so that a handful
// of records crosses it.
const countBound = 5

func TestListCountIsExactUpToItsBound(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	for i := range 3 {
		must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Ali", FamilyName: fmt.Sprintf("Rare %d", i), CountryCode: ptr("IQ")}))
	}
	for i := range countBound {
		must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Ana", FamilyName: fmt.Sprintf("Even %d", i), CountryCode: ptr("RS")}))
	}
	for i := range 20 {
		must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Amir", FamilyName: fmt.Sprintf("Common %d", i), CountryCode: ptr("BA")}))
	}

	cases := []struct {
		name       string
		filter     ContactFilter
		total      int64
		lowerBound bool
	}{
		{"fewer than the bound", ContactFilter{CountryCode: []string{"IQ"}}, 3, false},
		{"exactly the bound", ContactFilter{CountryCode: []string{"RS"}}, countBound, false},
		{"more than the bound", ContactFilter{CountryCode: []string{"BA"}}, countBound, true},
		{"no filter", ContactFilter{}, countBound, true},
		{"a search with few matches", ContactFilter{ListParams: ListParams{Q: "rare"}}, 3, false},
		{"a search with many matches", ContactFilter{ListParams: ListParams{Q: "common"}}, countBound, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := c.filter
			f.Count, f.CountUpTo, f.Limit = true, countBound, 2
			p := must(e.svc.Contacts.List(e.ctx, a, f))
			if p.Total == nil || *p.Total != c.total || p.TotalIsLowerBound != c.lowerBound {
				t.Errorf("total %v (lower bound %v), want %d (lower bound %v)", totalOf(p.Total), p.TotalIsLowerBound, c.total, c.lowerBound)
			}
			if len(p.Items) != 2 || p.NextCursor == "" {
				t.Errorf("the page holds %d items (next cursor %q): the count changed the page", len(p.Items), p.NextCursor)
			}
		})
	}
}

func TestListCountLeavesOutWhatTheActorMayNotSee(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	for i := range 3 {
		must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Ali", FamilyName: fmt.Sprintf("Open %d", i), CountryCode: ptr("IQ")}))
	}
	// Counted, these would carry the total past the bound.
	for i := range countBound {
		must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Ali", FamilyName: fmt.Sprintf("Restricted %d", i), CountryCode: ptr("IQ"), Restricted: true}))
	}
	list := func(who string) Page[ContactView] {
		return must(e.svc.Contacts.List(e.ctx, e.as(who), ContactFilter{ListParams: ListParams{Count: true, CountUpTo: countBound}, CountryCode: []string{"IQ"}}))
	}
	for _, who := range []string{"b.viewer", "b.manager"} {
		if p := list(who); *p.Total != 3 || p.TotalIsLowerBound || len(p.Items) != 3 {
			t.Errorf("%s: total %d (lower bound %v), %d items; want 3 exact, office A's restricted contacts left out", who, *p.Total, p.TotalIsLowerBound, len(p.Items))
		}
	}
	if p := list("a.viewer"); *p.Total != countBound || !p.TotalIsLowerBound {
		t.Errorf("a.viewer: total %d (lower bound %v), want %d, a lower bound", *p.Total, p.TotalIsLowerBound, countBound)
	}
}

// Every list that builds views of its rows hands the bound on; one list of
// each kind of page (views, rows as they are) shows it.
func TestListCountBoundReachesEveryKindOfPage(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	for i := range countBound + 1 {
		must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: fmt.Sprintf("Org %d", i), Type: "ngo"}))
		must(e.svc.Projects.Create(e.ctx, e.as("a.admin"), ProjectInput{Code: fmt.Sprintf("P-%d", i), Name: fmt.Sprintf("Project %d", i)}))
	}
	params := ListParams{Count: true, CountUpTo: countBound}
	orgs := must(e.svc.Organizations.List(e.ctx, a, OrganizationFilter{ListParams: params}))
	if *orgs.Total != countBound || !orgs.TotalIsLowerBound {
		t.Errorf("organizations: total %d (lower bound %v), want %d, a lower bound", *orgs.Total, orgs.TotalIsLowerBound, countBound)
	}
	projects := must(e.svc.Projects.List(e.ctx, a, ProjectFilter{ListParams: params}))
	if *projects.Total != countBound || !projects.TotalIsLowerBound {
		t.Errorf("projects: total %d (lower bound %v), want %d, a lower bound", *projects.Total, projects.TotalIsLowerBound, countBound)
	}
}

func totalOf(n *int64) any {
	if n == nil {
		return nil
	}
	return *n
}
