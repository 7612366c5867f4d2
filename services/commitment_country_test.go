package services

import "testing"

// A commitment's country, as the list filters by it and the review groups
// by it: its organization's, else its contact's when the reader may see
// the contact, else its visit's host country.
func TestCommitmentsByCountryFollowTheirOrganizationContactAndVisit(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	org := func(name string, country *string) *int64 {
		return ptr(must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: name, Type: "ministry", CountryCode: country})).ID)
	}
	contact := func(family string, country *string, restricted bool) *int64 {
		return ptr(must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Sara", FamilyName: family, CountryCode: country, Restricted: restricted})).ID)
	}
	visit := func(host *string) *int64 {
		return ptr(must(e.svc.Visits.Create(e.ctx, a, VisitInput{Title: "Visit", Kind: "study_visit", Status: "planned",
			StartDate: "2026-11-23", EndDate: "2026-11-27", HostCountryCode: host})).ID)
	}
	iraq, bosnia := org("Ministry of Interior", ptr("IQ")), org("Ministry of Security", ptr("BA"))
	nowhere, archived := org("Network of Youth Centres", nil), org("Old Committee", ptr("IQ"))
	inIraq, hidden, stateless := contact("Karim", ptr("IQ"), false), contact("Hodžić", ptr("BA"), true), contact("Rahman", nil, false)
	toIraq, toBosnia := visit(ptr("IQ")), visit(ptr("BA"))
	commit := func(title string, org, contact, visit *int64) int64 {
		return must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: title, Status: "open", Priority: "normal", Direction: "ours",
			CounterpartOrganizationID: org, CounterpartContactID: contact, VisitID: visit})).ID
	}
	commit("A", iraq, nil, nil)            // IQ: the organization's
	commit("B", bosnia, inIraq, toIraq)    // BA: the organization's comes first
	commit("C", nowhere, inIraq, toBosnia) // IQ: the organization names none, the contact's
	commit("D", nowhere, hidden, toIraq)   // BA in office A; IQ, the visit's, where the contact is hidden
	commit("E", nil, hidden, toIraq)       // the same without an organization
	commit("F", nil, nil, toBosnia)        // BA: the visit's
	commit("G", nil, stateless, toIraq)    // IQ: the contact names none
	commit("H", nil, nil, nil)             // no country
	commit("I", archived, nil, toBosnia)   // IQ: an archived organization still gives its country
	gone := commit("J", iraq, nil, nil)    // archived: only in the archived list
	if err := e.svc.Organizations.Archive(e.ctx, a, *archived, nil); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Commitments.Archive(e.ctx, a, gone, nil); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		reader    string
		countries []string
		want      string
	}{
		{"a.officer", []string{"IQ"}, "ACGI"},
		{"a.officer", []string{"BA"}, "BDEF"},
		{"a.officer", []string{"BA", "IQ"}, "ABCDEFGI"},
		{"b.officer", []string{"IQ"}, "ACDEGI"},
		{"b.officer", []string{"BA"}, "BF"},
		{"b.admin", []string{"BA"}, "BDEF"},
		{"a.officer", []string{"HR"}, ""},
		{"a.officer", []string{""}, ""},
	}
	for _, tc := range cases {
		f := CommitmentFilter{CountryCode: tc.countries, ListParams: ListParams{Sort: "id", Count: true}}
		p := must(e.svc.Commitments.List(e.ctx, e.as(tc.reader), f))
		var got string
		for _, c := range p.Items {
			got += c.Title
		}
		if got != tc.want || *p.Total != int64(len(tc.want)) {
			t.Errorf("%s, %v: %q (total %d), want %q", tc.reader, tc.countries, got, *p.Total, tc.want)
		}
	}
	f := CommitmentFilter{CountryCode: []string{"IQ"}, ListParams: ListParams{Archived: true}}
	if p := must(e.svc.Commitments.List(e.ctx, a, f)); len(p.Items) != 1 || p.Items[0].ID != gone {
		t.Errorf("archived in IQ: %v", p.Items)
	}
	// The review groups the same commitments under the same countries.
	for reader, want := range map[string]int64{"a.officer": 4, "b.officer": 2} {
		r := must(e.svc.Commitments.Review(e.ctx, e.as(reader), ReviewFilter{CountryCode: []string{"BA"}}))
		if r.Totals.Open != want {
			t.Errorf("the review's open commitments in BA for %s: %d, want %d", reader, r.Totals.Open, want)
		}
	}
}
