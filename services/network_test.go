package services

import (
	"slices"
	"testing"
	"time"
)

func TestTheNetworkDrawsLinkedOrganizationsWithTheirNeighbours(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	org := func(name, country string, parent *int64, tags ...string) int64 {
		return must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: name, Type: "ngo", CountryCode: &country,
			ParentID: parent, Tags: tags})).ID
	}
	ministry := org("Ministry of Security", "BA", nil, "sdg-16")
	directorate := org("Directorate for Coordination", "BA", &ministry)
	canada := org("Government of Canada", "CA", nil)
	committee := org("National Committee", "IQ", nil)
	alone := org("Unlinked NGO", "BA", nil)
	gone := org("Archived partner", "BA", nil)
	link := func(from, to int64, kind string) int64 {
		return must(e.svc.Relationships.Create(e.ctx, officer, RelationshipInput{FromOrganizationID: from, ToOrganizationID: to, Kind: kind})).ID
	}
	funded := link(ministry, canada, "funded_by")
	link(committee, ministry, "coordinates_with")
	link(gone, ministry, "partner_of")
	if err := e.svc.Organizations.Archive(e.ctx, officer, gone, nil); err != nil {
		t.Fatal(err)
	}
	project := must(e.svc.Projects.Create(e.ctx, e.as("a.admin"), ProjectInput{Code: "SIMVEX", Name: "Study visit", DonorOrganizationID: &canada}))
	// A restricted meeting of another office ties the committee to the
	// project: readers of office A must not learn it from the network.
	must(e.svc.Interactions.Create(e.ctx, e.as("b.officer"), InteractionInput{Kind: "meeting", Status: "held", Subject: "Closed",
		StartsAt: time.Now().UTC(), ProjectID: &project.ID, Restricted: true,
		Participants: []ParticipantInput{{OrganizationID: &committee, Role: "participant"}}}))

	type edge struct {
		from, to int64
		kind     string
	}
	for _, c := range []struct {
		name     string
		as       string
		f        NetworkFilter
		matched  []int64
		context  []int64 // neighbours drawn for their links
		edges    []edge
		relation bool // the funded_by edge carries its relationship id
	}{
		{"everything linked", "a.viewer", NetworkFilter{}, []int64{ministry, canada, committee, directorate}, nil,
			[]edge{{ministry, canada, "funded_by"}, {committee, ministry, "coordinates_with"}, {directorate, ministry, "part_of"}}, true},
		{"by country, with neighbours", "a.viewer", NetworkFilter{CountryCode: []string{"CA"}}, []int64{canada}, []int64{ministry},
			[]edge{{ministry, canada, "funded_by"}}, true},
		{"by tag", "a.viewer", NetworkFilter{Tag: []string{"sdg-16"}}, []int64{ministry}, []int64{canada, committee, directorate},
			[]edge{{ministry, canada, "funded_by"}, {committee, ministry, "coordinates_with"}, {directorate, ministry, "part_of"}}, true},
		{"by project: the donor only for office A", "a.viewer", NetworkFilter{ProjectID: []int64{project.ID}}, []int64{canada}, []int64{ministry},
			[]edge{{ministry, canada, "funded_by"}}, true},
		{"by project: office B sees its meeting", "b.viewer", NetworkFilter{ProjectID: []int64{project.ID}}, []int64{canada, committee}, nil,
			nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := must(e.svc.Network.Graph(e.ctx, e.as(c.as), c.f))
			var matched, context []int64
			for _, node := range n.Nodes {
				if node.ID == alone || node.ID == gone {
					t.Errorf("drew %d, which has no live link", node.ID)
				}
				if node.Matched {
					matched = append(matched, node.ID)
				} else {
					context = append(context, node.ID)
				}
			}
			slices.Sort(matched)
			slices.Sort(context)
			want, wantContext := slices.Sorted(slices.Values(c.matched)), slices.Sorted(slices.Values(c.context))
			if !slices.Equal(matched, want) {
				t.Errorf("matched %v, want %v", matched, want)
			}
			if c.edges == nil {
				return
			}
			if !slices.Equal(context, wantContext) {
				t.Errorf("neighbours %v, want %v", context, wantContext)
			}
			var got []edge
			for _, e := range n.Edges {
				got = append(got, edge{e.From, e.To, e.Kind})
				if e.Kind == "funded_by" && (e.RelationshipID == nil || *e.RelationshipID != funded) {
					t.Errorf("funded_by edge without its relationship: %+v", e)
				}
				if e.Kind == "part_of" && e.RelationshipID != nil {
					t.Errorf("a hierarchy edge with a relationship id")
				}
			}
			if len(got) != len(c.edges) {
				t.Fatalf("edges %v, want %v", got, c.edges)
			}
			for _, w := range c.edges {
				if !slices.Contains(got, w) {
					t.Errorf("edges %v lack %v", got, w)
				}
			}
		})
	}
}

func TestTheEngagementReportGroupsByDonor(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	admin := e.as("a.admin")
	canada := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Government of Canada", Type: "donor"})).ID
	simvex := must(e.svc.Projects.Create(e.ctx, admin, ProjectInput{Code: "SIMVEX", Name: "Study visit", DonorOrganizationID: &canada}))
	bhri := must(e.svc.Projects.Create(e.ctx, admin, ProjectInput{Code: "BHRI", Name: "Resilience", DonorOrganizationID: &canada}))
	noDonor := must(e.svc.Projects.Create(e.ctx, admin, ProjectInput{Code: "OWN", Name: "Own funds"}))
	now := time.Now().UTC()
	for _, p := range []*int64{&simvex.ID, &bhri.ID, &noDonor.ID, nil} {
		must(e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "meeting", Status: "held", Subject: "Meeting", StartsAt: now, ProjectID: p}))
	}
	r := must(e.svc.Reports.Engagement(e.ctx, officer, EngagementFilter{From: now.AddDate(0, 0, -1).Format(time.DateOnly),
		To: now.AddDate(0, 0, 1).Format(time.DateOnly), By: ReportByDonor}))
	if len(r.Rows) != 2 || r.Rows[0].Key != itoa(int(canada)) || r.Rows[0].Label != "Government of Canada" || r.Rows[0].Interactions != 2 ||
		r.Rows[1].Key != "" || r.Rows[1].Interactions != 2 || r.Totals.Interactions != 4 {
		t.Errorf("by donor = %+v", r)
	}
}
