package services

import (
	"errors"
	"slices"
	"testing"
	"time"

	"liaison/models"
)

// studyVisit builds a small version of the canonical scenario: a committee
// visiting a ministry and a city, with a restricted meeting with youth.
type studyVisit struct {
	ministry, committee, city OrganizationView
	youth                     ContactView
	visit                     VisitView
	reception, youthMeeting   InteractionView
}

func newStudyVisit(t *testing.T, e *env) studyVisit {
	t.Helper()
	a := e.as("a.officer")
	var sv studyVisit
	sv.ministry = must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry of Security", NameLocal: "Ministarstvo sigurnosti", Type: "ministry", CountryCode: ptr("BA"), Influence: ptr(5)}))
	sv.committee = must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "National Committee", NameLocal: "اللجنة الوطنية لمكافحة التطرف", Type: "national_committee", CountryCode: ptr("IQ"), Influence: ptr(4)}))
	sv.city = must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Grad Zenica", Type: "local_government", CountryCode: ptr("BA")}))
	sv.youth = must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Amina", FamilyName: "Hodžić", Restricted: true,
		Positions: []PositionInput{{OrganizationID: sv.city.ID, Title: "Youth council"}}}))
	sv.visit = must(e.svc.Visits.Create(e.ctx, a, VisitInput{Title: "Iraqi delegation study visit to BiH", Kind: "study_visit", Status: "completed",
		StartDate: "2024-05-13", EndDate: "2024-05-17", OriginCountryCode: ptr("IQ"), HostCountryCode: ptr("BA"),
		Participants: []ParticipantInput{{OrganizationID: &sv.committee.ID, Side: "visiting", Role: "delegate"}, {OrganizationID: &sv.ministry.ID, Side: "host", Role: "host"}}}))
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "meeting", Status: "held", Subject: "National PVE strategy", StartsAt: at("2024-05-13T08:00:00Z"), VisitID: &sv.visit.ID,
		Participants: []ParticipantInput{{OrganizationID: &sv.ministry.ID, Role: "host"}}}))
	sv.reception = must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "reception", Status: "held", Subject: "Reception with the international community", StartsAt: at("2024-05-14T22:30:00Z"), VisitID: &sv.visit.ID,
		Participants: []ParticipantInput{{OrganizationID: &sv.ministry.ID, Role: "host"}, {OrganizationID: &sv.committee.ID, Role: "participant"}}}))
	sv.youthMeeting = must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "meeting", Status: "held", Subject: "Youth and parents in Zenica", StartsAt: at("2024-05-16T10:00:00Z"), VisitID: &sv.visit.ID, Restricted: true,
		Participants: []ParticipantInput{{OrganizationID: &sv.city.ID, Role: "host"}, {ContactID: &sv.youth.ID, Role: "participant"}}}))
	return sv
}

func TestItineraryGroupsByDayInTheHostZone(t *testing.T) {
	e := newEnv(t)
	sv := newStudyVisit(t, e)
	sarajevo, _ := time.LoadLocation("Europe/Sarajevo")
	it := must(e.svc.Visits.Itinerary(e.ctx, e.as("a.viewer"), sv.visit.ID, sarajevo))
	var days []string
	for _, d := range it.Days {
		days = append(days, d.Date)
	}
	// The 22:30 UTC reception is on the 15th in Sarajevo.
	if !slices.Equal(days, []string{"2024-05-13", "2024-05-15", "2024-05-16"}) {
		t.Fatalf("days = %v", days)
	}
	if names := it.Days[1].Interactions[0].Participants; *names[0].Name != "Ministry of Security" {
		t.Errorf("participants not named: %+v", names)
	}
	other := must(e.svc.Visits.Itinerary(e.ctx, e.as("b.viewer"), sv.visit.ID, time.UTC))
	for _, d := range other.Days {
		for _, i := range d.Interactions {
			if i.ID == sv.youthMeeting.ID {
				t.Fatal("another office sees the restricted meeting in the itinerary")
			}
		}
	}
	if _, err := e.svc.Visits.Itinerary(e.ctx, e.as("a.viewer"), 99999, time.UTC); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown visit: %v", err)
	}
}

func TestTimelinesMergeNewestFirstAndPage(t *testing.T) {
	e := newEnv(t)
	sv := newStudyVisit(t, e)
	a := e.as("a.officer")
	must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Send the strategy translation", CounterpartOrganizationID: &sv.ministry.ID, DueDate: ptr("2024-06-01")}))

	var kinds []string
	var last time.Time
	cursor := ""
	for pages := 0; pages < 5; pages++ {
		p := must(e.svc.Organizations.Timeline(e.ctx, e.as("b.viewer"), sv.ministry.ID, 2, cursor))
		for _, it := range p.Items {
			kinds = append(kinds, it.Kind)
			if !last.IsZero() && it.At.After(last) {
				t.Errorf("not newest first: %v after %v", it.At, last)
			}
			last = it.At
		}
		if cursor = p.NextCursor; cursor == "" {
			break
		}
	}
	// The commitment (made today), two held meetings, the visit.
	if !slices.Equal(kinds, []string{"commitment", "interaction", "interaction", "visit"}) {
		t.Fatalf("ministry timeline kinds = %v", kinds)
	}
	// The city's timeline holds the restricted youth meeting for its own office only.
	count := func(who string) int {
		return len(must(e.svc.Organizations.Timeline(e.ctx, e.as(who), sv.city.ID, 50, "")).Items)
	}
	if count("a.viewer") != 1 || count("b.manager") != 0 || count("b.admin") != 1 {
		t.Errorf("city timeline: own %d, other %d, admin %d", count("a.viewer"), count("b.manager"), count("b.admin"))
	}
	if _, err := e.svc.Contacts.Timeline(e.ctx, e.as("b.viewer"), sv.youth.ID, 50, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("hidden contact's timeline: %v", err)
	}
	if p := must(e.svc.Contacts.Timeline(e.ctx, e.as("a.viewer"), sv.youth.ID, 50, "")); len(p.Items) != 1 {
		t.Errorf("youth timeline for own office: %d items", len(p.Items))
	}
	if _, err := e.svc.Organizations.Timeline(e.ctx, a, sv.city.ID, 10, "garbage"); !errors.Is(err, ErrInvalidCursor) {
		t.Errorf("bad cursor: %v", err)
	}
}

func TestCommitmentReviewCountsAndGroups(t *testing.T) {
	e := newEnv(t)
	sv := newStudyVisit(t, e)
	a, b := e.as("a.officer"), e.as("b.officer")
	day := func(offset int) *string { d := models.Now().AddDate(0, 0, offset).Format(time.DateOnly); return &d }
	mk := func(actor Actor, in CommitmentInput) { must(e.svc.Commitments.Create(e.ctx, actor, in)) }
	mk(a, CommitmentInput{Title: "Overdue long ago", CounterpartOrganizationID: &sv.ministry.ID, DueDate: day(-40), VisitID: &sv.visit.ID})
	mk(a, CommitmentInput{Title: "Overdue yesterday", CounterpartOrganizationID: &sv.ministry.ID, DueDate: day(-1), Status: "in_progress"})
	mk(a, CommitmentInput{Title: "Due in three days", CounterpartOrganizationID: &sv.committee.ID, DueDate: day(3)})
	mk(a, CommitmentInput{Title: "Due in three weeks", CounterpartOrganizationID: &sv.committee.ID, DueDate: day(21)})
	mk(a, CommitmentInput{Title: "Done late", CounterpartOrganizationID: &sv.ministry.ID, DueDate: day(-10), Status: "done"})
	mk(b, CommitmentInput{Title: "Restricted, other office", DueDate: day(-5), Restricted: true})

	r := must(e.svc.Commitments.Review(e.ctx, e.as("a.manager"), ReviewFilter{}))
	want := ReviewCounts{Open: 3, InProgress: 1, Done: 1, Overdue: 2, Due7: 1, Due30: 2}
	if r.Totals != want {
		t.Fatalf("totals = %+v, want %+v", r.Totals, want)
	}
	if len(r.Overdue) != 2 || r.Overdue[0].Title != "Overdue long ago" || !r.Overdue[0].Overdue {
		t.Fatalf("overdue items = %+v", r.Overdue)
	}
	byCountry := map[string]int64{}
	for _, g := range r.ByCountry {
		byCountry[g.Label] = g.Overdue
	}
	if byCountry["Bosnia and Herzegovina"] != 2 || byCountry["Iraq"] != 0 {
		t.Errorf("overdue by country = %v", byCountry)
	}
	if len(r.ByOwner) != 1 || r.ByOwner[0].Label != "User a.officer" || r.ByOwner[0].Overdue != 2 {
		t.Errorf("by owner = %+v", r.ByOwner)
	}
	admin := must(e.svc.Commitments.Review(e.ctx, e.as("a.admin"), ReviewFilter{}))
	if admin.Totals.Overdue != 3 {
		t.Errorf("admin sees %d overdue, want 3 (with the restricted one)", admin.Totals.Overdue)
	}
	iraq := must(e.svc.Commitments.Review(e.ctx, e.as("a.manager"), ReviewFilter{CountryCode: []string{"IQ"}}))
	if iraq.Totals.Open != 2 {
		t.Errorf("IQ filter: %+v", iraq.Totals)
	}
}

func TestStaleKeyStakeholders(t *testing.T) {
	e := newEnv(t)
	sv := newStudyVisit(t, e)
	a := e.as("a.officer")
	quiet := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Quiet donor", Type: "donor", Influence: ptr(5)}))
	must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Minor NGO", Type: "ngo", Influence: ptr(2)}))
	// Met yesterday: not stale.
	must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "call", Status: "held", Subject: "Catch-up", StartsAt: models.Now().AddDate(0, 0, -1),
		Participants: []ParticipantInput{{OrganizationID: &sv.committee.ID, Role: "participant"}}}))
	rows := must(e.svc.Organizations.Stale(e.ctx, e.as("a.viewer"), StaleFilter{Days: 90}))
	var names []string
	for _, r := range rows {
		names = append(names, r.Name)
	}
	// Never met first, then the longest untouched.
	if !slices.Equal(names, []string{"Quiet donor", "Ministry of Security"}) {
		t.Fatalf("stale = %v", names)
	}
	if rows[0].LastHeldAt != nil || rows[1].LastHeldAt == nil || rows[1].LastHeldAt.Format(time.DateOnly) != "2024-05-14" {
		t.Errorf("last held: %v %v", rows[0].LastHeldAt, rows[1].LastHeldAt)
	}
	_ = quiet
	if _, err := e.svc.Organizations.Stale(e.ctx, a, StaleFilter{Days: -3}); err == nil {
		t.Error("negative days accepted")
	}
}

func TestSearchAcrossKindsAndScripts(t *testing.T) {
	e := newEnv(t)
	sv := newStudyVisit(t, e)
	search := func(who, q string, kinds ...string) []SearchHit {
		return must(e.svc.Search.Search(e.ctx, e.as(who), q, kinds, 20))
	}
	cases := []struct {
		q         string
		wantKind  string
		wantID    int64
		wantFirst bool
	}{
		{"ministry security", models.EntityOrganization, sv.ministry.ID, true},
		{"Ministarstvo", models.EntityOrganization, sv.ministry.ID, true},
		{"اللجنة الوطنيه", models.EntityOrganization, sv.committee.ID, true},
		{"study visit", models.EntityVisit, sv.visit.ID, true},
		{"reception", models.EntityInteraction, sv.reception.ID, true},
		{"hodzic", models.EntityContact, sv.youth.ID, true},
	}
	for _, c := range cases {
		t.Run(c.q, func(t *testing.T) {
			hits := search("a.viewer", c.q)
			if len(hits) == 0 || (c.wantFirst && (hits[0].Kind != c.wantKind || hits[0].ID != c.wantID)) {
				t.Fatalf("hits = %+v", hits)
			}
			if hits[0].Title == "" || hits[0].Snippet == "" {
				t.Errorf("hit lacks title or snippet: %+v", hits[0])
			}
		})
	}
	for _, q := range []string{"hodzic", "zenica youth parents"} {
		for _, h := range search("b.manager", q) {
			if h.ID == sv.youth.ID && h.Kind == models.EntityContact || h.ID == sv.youthMeeting.ID && h.Kind == models.EntityInteraction {
				t.Errorf("q=%q: another office finds restricted %s %d", q, h.Kind, h.ID)
			}
		}
	}
	if hits := search("a.viewer", `") OR * NEAR(`); len(hits) != 0 {
		t.Errorf("syntax-only query: %+v", hits)
	}
	if hits := search("a.viewer", "zenica", models.EntityOrganization); len(hits) != 1 || hits[0].Kind != models.EntityOrganization {
		t.Errorf("kind filter: %+v", hits)
	}
	if _, err := e.svc.Search.Search(e.ctx, e.as("a.viewer"), "x", []string{"planet"}, 5); err == nil {
		t.Error("unknown kind accepted")
	}
}
