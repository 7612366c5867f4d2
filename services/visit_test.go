package services

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"liaison/models"
)

// visitCast is the canonical scenario's cast: a committee visiting, a
// ministry hosting, an official, and a young person who must stay hidden
// outside office A.
type visitCast struct {
	committee, ministry OrganizationView
	official, youth     ContactView
	project             models.Project
}

func newVisitCast(e *env) visitCast {
	a := e.as("a.officer")
	return visitCast{
		committee: must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "National Committee for PVE", Type: "national_committee", CountryCode: ptr("IQ")})),
		ministry:  must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry of Security", Type: "ministry", CountryCode: ptr("BA")})),
		official:  must(e.svc.Contacts.Create(e.ctx, a, ContactInput{Honorific: "Mr", GivenName: "Ali", FamilyName: "Abdullah"})),
		youth:     must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Amina", FamilyName: "Hodžić", City: "Zenica", Restricted: true})),
		project:   must(e.svc.Projects.Create(e.ctx, e.as("a.admin"), ProjectInput{Code: "SIMVEX", Name: "Study Visit Exchange"})),
	}
}

func (c visitCast) participants() []ParticipantInput {
	return []ParticipantInput{
		{OrganizationID: &c.committee.ID, Side: "visiting", Role: "head_of_delegation"},
		{ContactID: &c.youth.ID, Side: "host", Role: "speaker"},
		{OrganizationID: &c.ministry.ID, Side: "host", Role: "host"},
		{ContactID: &c.official.ID, Side: "visiting", Role: "delegate"},
	}
}

func studyVisitInput(c visitCast) VisitInput {
	return VisitInput{Title: "Study visit on preventing violent extremism", Kind: "study_visit", StartDate: "2026-11-23", EndDate: "2026-11-27",
		OriginCountryCode: ptr("IQ"), HostCountryCode: ptr("BA"), City: "Sarajevo", ProjectID: &c.project.ID,
		Participants: c.participants(), Tags: []string{"sdg-16", "sdg-5"}}
}

func names(ps []Participant) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		switch {
		case p.Restricted:
			out[i] = "(restricted)"
		case p.Name != nil:
			out[i] = *p.Name
		}
	}
	return out
}

func TestVisitLifecycle(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	officer := e.as("a.officer")
	v := must(e.svc.Visits.Create(e.ctx, officer, studyVisitInput(c)))
	if v.Status != "planned" || v.OfficeID != e.fx.OfficeA || *v.OwnerID != officer.UserID || v.Version != 1 || *v.ProjectID != c.project.ID {
		t.Fatalf("created = %+v", v.Visit)
	}
	if got := names(v.Participants); !slices.Equal(got, []string{"National Committee for PVE", "Amina Hodžić", "Ministry of Security", "Mr Ali Abdullah"}) {
		t.Errorf("participants = %v", got)
	}
	if v.Participants[0].Side != "visiting" || v.Participants[0].Role != "head_of_delegation" || *v.Participants[1].ContactID != c.youth.ID {
		t.Errorf("participant fields = %+v", v.Participants[:2])
	}
	if !slices.Equal(v.Tags, []string{"sdg-16", "sdg-5"}) {
		t.Errorf("tags = %v", v.Tags)
	}

	// Participants sent in a patch replace the stored ones whole.
	v2 := must(e.svc.Visits.Update(e.ctx, officer, v.ID, ptr(int64(1)), VisitPatch{
		Status:       To("ongoing"),
		Participants: To([]ParticipantInput{{OrganizationID: &c.ministry.ID, Side: "host", Role: "organiser"}}),
	}))
	if v2.Version != 2 || v2.Status != "ongoing" || len(v2.Participants) != 1 || v2.Participants[0].Role != "organiser" {
		t.Fatalf("after patch: %+v %+v", v2.Visit, v2.Participants)
	}
	// The same list again changes nothing, so the version stays.
	v3 := must(e.svc.Visits.Update(e.ctx, officer, v.ID, ptr(int64(2)), VisitPatch{
		Participants: To([]ParticipantInput{{OrganizationID: &c.ministry.ID, Side: "host", Role: "organiser"}}),
	}))
	if v3.Version != 2 {
		t.Errorf("an unchanged participant list bumped the version to %d", v3.Version)
	}
	if _, err := e.svc.Visits.Update(e.ctx, e.as("b.officer"), v.ID, nil, VisitPatch{City: To("Baghdad")}); !errors.Is(err, ErrForbidden) {
		t.Errorf("other office edits: %v", err)
	}
	if _, err := e.svc.Visits.Update(e.ctx, officer, v.ID, ptr(int64(1)), VisitPatch{City: To("Mostar")}); !errors.Is(err, ErrStale) {
		t.Errorf("stale: %v", err)
	}

	must(0, e.svc.Visits.Archive(e.ctx, officer, v.ID, ptr(int64(2))))
	if _, err := e.svc.Visits.Get(e.ctx, officer, v.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("archived get: %v", err)
	}
	if p := must(e.svc.Visits.List(e.ctx, officer, VisitFilter{ListParams: ListParams{Archived: true}})); len(p.Items) != 1 || len(p.Items[0].Participants) != 1 {
		t.Fatalf("archived list = %+v", p.Items)
	}
	if _, err := e.svc.Visits.Restore(e.ctx, officer, v.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("officer restore: %v", err)
	}
	must(e.svc.Visits.Restore(e.ctx, e.as("a.manager"), v.ID))

	var events []models.AuditEvent
	e.db.Where("entity = ? AND entity_id = ?", models.EntityVisit, v.ID).Order("id").Find(&events)
	var actions []string
	for _, ev := range events {
		actions = append(actions, ev.Action)
	}
	if !slices.Equal(actions, []string{"create", "update", "archive", "restore"}) {
		t.Fatalf("audit = %v", actions)
	}
	if !strings.Contains(events[1].Changes, `"participants":{"old":[{"organization_id":`) || !strings.Contains(events[1].Changes, `"status":{"old":"planned","new":"ongoing"}`) {
		t.Errorf("update event = %s", events[1].Changes)
	}
	// Everyone may read the history of a visit.
	if p := must(e.svc.Audit.List(e.ctx, e.as("b.viewer"), AuditFilter{Entity: []string{models.EntityVisit}, EntityID: []int64{v.ID}})); len(p.Items) != 4 {
		t.Errorf("b.viewer sees %d visit events", len(p.Items))
	}
}

func TestVisitValidation(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	officer := e.as("a.officer")
	youthOfB := must(e.svc.Contacts.Create(e.ctx, e.as("b.officer"), ContactInput{GivenName: "Zaid", Restricted: true}))
	base := func(edit func(*VisitInput)) VisitInput {
		in := VisitInput{Title: "Field visit", Kind: "field_visit", StartDate: "2026-05-04", EndDate: "2026-05-05"}
		edit(&in)
		return in
	}
	cases := []struct {
		name  string
		in    VisitInput
		field string
	}{
		{"missing title", base(func(v *VisitInput) { v.Title = " " }), "title"},
		{"bad kind", base(func(v *VisitInput) { v.Kind = "holiday" }), "kind"},
		{"bad status", base(func(v *VisitInput) { v.Status = "done" }), "status"},
		{"missing start", base(func(v *VisitInput) { v.StartDate = "" }), "start_date"},
		{"bad end", base(func(v *VisitInput) { v.EndDate = "05/05/2026" }), "end_date"},
		{"ends before it starts", base(func(v *VisitInput) { v.EndDate = "2026-05-03" }), "end_date"},
		{"unknown host country", base(func(v *VisitInput) { v.HostCountryCode = ptr("ZZ") }), "host_country_code"},
		{"unknown project", base(func(v *VisitInput) { v.ProjectID = ptr(int64(999999)) }), "project_id"},
		{"owner of another office", base(func(v *VisitInput) { v.OwnerID = ptr(e.fx.Users["b.officer"].ID) }), "owner_id"},
		{"unknown tag", base(func(v *VisitInput) { v.Tags = []string{"sdg-0"} }), "tags"},
		{"participant with both", base(func(v *VisitInput) {
			v.Participants = []ParticipantInput{{OrganizationID: &c.ministry.ID, ContactID: &c.official.ID, Side: "host", Role: "host"}}
		}), "participants[0]"},
		{"participant with neither", base(func(v *VisitInput) { v.Participants = []ParticipantInput{{Side: "host", Role: "host"}} }), "participants[0]"},
		{"bad side", base(func(v *VisitInput) {
			v.Participants = []ParticipantInput{{OrganizationID: &c.ministry.ID, Side: "inside", Role: "host"}}
		}), "participants[0].side"},
		{"bad role", base(func(v *VisitInput) {
			v.Participants = []ParticipantInput{{OrganizationID: &c.ministry.ID, Side: "host", Role: "king"}}
		}), "participants[0].role"},
		{"unknown organization", base(func(v *VisitInput) {
			v.Participants = []ParticipantInput{{OrganizationID: &c.ministry.ID, Side: "host", Role: "host"}, {OrganizationID: ptr(int64(999999)), Side: "host", Role: "host"}}
		}), "participants[1].organization_id"},
		{"restricted contact of another office", base(func(v *VisitInput) {
			v.Participants = []ParticipantInput{{ContactID: &youthOfB.ID, Side: "visiting", Role: "delegate"}}
		}), "participants[0].contact_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.Visits.Create(e.ctx, officer, tc.in)
			if got := fieldErrors(t, err); !slices.Contains(got, tc.field) {
				t.Fatalf("field errors %v, want %s", got, tc.field)
			}
		})
	}
	var n int64
	e.db.Model(&models.Visit{}).Count(&n)
	if n != 0 {
		t.Errorf("invalid input wrote %d visits", n)
	}
	// The hidden contact's error reads like a missing one: no tell.
	_, err := e.svc.Visits.Create(e.ctx, officer, base(func(v *VisitInput) {
		v.Participants = []ParticipantInput{{ContactID: &youthOfB.ID, Side: "visiting", Role: "delegate"}, {ContactID: ptr(int64(999999)), Side: "visiting", Role: "delegate"}}
	}))
	verr := err.(*ValidationError)
	if verr.Fields[0].Message != verr.Fields[1].Message || verr.Fields[0].Message != "no such contact" {
		t.Errorf("hidden vs missing contact: %+v", verr.Fields)
	}
}

func TestVisitParticipantsHideRestrictedContacts(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	v := must(e.svc.Visits.Create(e.ctx, e.as("a.officer"), studyVisitInput(c)))
	named := []string{"National Committee for PVE", "Amina Hodžić", "Ministry of Security", "Mr Ali Abdullah"}
	masked := []string{"National Committee for PVE", "(restricted)", "Ministry of Security", "Mr Ali Abdullah"}
	for _, who := range []string{"a.viewer", "a.officer", "b.admin"} {
		if got := names(must(e.svc.Visits.Get(e.ctx, e.as(who), v.ID)).Participants); !slices.Equal(got, named) {
			t.Errorf("%s sees %v", who, got)
		}
	}
	for _, who := range []string{"b.viewer", "b.officer", "b.manager"} {
		t.Run(who, func(t *testing.T) {
			actor := e.as(who)
			got := must(e.svc.Visits.Get(e.ctx, actor, v.ID))
			if !slices.Equal(names(got.Participants), masked) {
				t.Fatalf("sees %v", names(got.Participants))
			}
			hidden := got.Participants[1]
			if hidden.ContactID != nil || hidden.Name != nil || hidden.OrganizationID != nil || hidden.Side != "host" || hidden.Role != "speaker" {
				t.Errorf("hidden participant = %+v", hidden)
			}
			listed := must(e.svc.Visits.List(e.ctx, actor, VisitFilter{}))
			if len(listed.Items) != 1 || !slices.Equal(names(listed.Items[0].Participants), masked) {
				t.Errorf("list shows %v", listed.Items)
			}
			// Filtering or searching by the hidden contact tells nothing.
			if p := must(e.svc.Visits.List(e.ctx, actor, VisitFilter{ContactID: []int64{c.youth.ID}})); len(p.Items) != 0 {
				t.Error("the contact_id filter finds where the hidden contact took part")
			}
			if p := must(e.svc.Visits.List(e.ctx, actor, VisitFilter{ListParams: ListParams{Q: "hodzic"}})); len(p.Items) != 0 {
				t.Error("search finds the visit by the hidden contact's name")
			}
			// Nor does the visit's history.
			events := must(e.svc.Audit.List(e.ctx, actor, AuditFilter{Entity: []string{models.EntityVisit}, EntityID: []int64{v.ID}}))
			if len(events.Items) != 1 || strings.Contains(events.Items[0].Changes, fmt.Sprintf(`"contact_id":%d`, c.youth.ID)) ||
				!strings.Contains(events.Items[0].Changes, `"contact_id":null`) || !strings.Contains(events.Items[0].Changes, fmt.Sprintf(`"contact_id":%d`, c.official.ID)) {
				t.Errorf("history = %+v", events.Items)
			}
		})
	}
	if p := must(e.svc.Visits.List(e.ctx, e.as("a.viewer"), VisitFilter{ContactID: []int64{c.youth.ID}})); len(p.Items) != 1 {
		t.Error("the own office cannot filter by its restricted contact")
	}
	if events := must(e.svc.Audit.List(e.ctx, e.as("a.viewer"), AuditFilter{Entity: []string{models.EntityVisit}})); !strings.Contains(events.Items[0].Changes, fmt.Sprintf(`"contact_id":%d`, c.youth.ID)) {
		t.Errorf("own office history lost the contact: %s", events.Items[0].Changes)
	}

	// An admin of office B adds a restricted contact of B to A's visit. Office
	// A cannot see that person; replacing the participants it sees keeps them.
	bAdmin := e.as("b.admin")
	refugee := must(e.svc.Contacts.Create(e.ctx, bAdmin, ContactInput{GivenName: "Hidden", FamilyName: "Witness", Restricted: true}))
	ps := append(c.participants(), ParticipantInput{ContactID: &refugee.ID, Side: "other", Role: "observer"})
	must(e.svc.Visits.Update(e.ctx, bAdmin, v.ID, nil, VisitPatch{Participants: To(ps)}))
	officer := e.as("a.officer")
	seen := must(e.svc.Visits.Get(e.ctx, officer, v.ID))
	if got := names(seen.Participants); !slices.Equal(got, append(slices.Clone(named), "(restricted)")) {
		t.Fatalf("office A sees %v", got)
	}
	must(e.svc.Visits.Update(e.ctx, officer, v.ID, &seen.Version, VisitPatch{Participants: To(c.participants()[:2])}))
	if got := names(must(e.svc.Visits.Get(e.ctx, bAdmin, v.ID)).Participants); !slices.Equal(got, []string{"Hidden Witness", "National Committee for PVE", "Amina Hodžić"}) {
		t.Errorf("after office A replaced its participants, the admin sees %v", got)
	}
}

func TestVisitFiltersSortsAndPaging(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	a, b := e.as("a.officer"), e.as("b.officer")
	type row struct {
		title, kind, status, start, host, owner string
	}
	rows := []row{
		{"Zenica youth dialogue", "field_visit", "completed", "2026-03-10", "BA", "a"},
		{"Study visit Sarajevo", "study_visit", "planned", "2026-11-23", "BA", "a"},
		{"Delegation to Baghdad", "delegation_visit", "planned", "2026-11-23", "IQ", "b"},
		{"Conference Vienna", "conference", "cancelled", "2026-06-01", "AT", "b"},
		{"Field visit Mostar", "field_visit", "ongoing", "2026-06-01", "BA", "a"},
		{"Field visit Mostar", "field_visit", "planned", "2026-06-01", "BA", "a"},
		{"Event Tuzla", "event", "planned", "2025-12-31", "BA", "a"},
		{"Study visit Erbil", "study_visit", "completed", "2025-01-15", "IQ", "b"},
		{"Study visit Erbil", "study_visit", "completed", "2025-01-15", "IQ", "b"},
		{"Other", "other", "planned", "2027-01-01", "BA", "b"},
		{"Reception Sarajevo", "event", "planned", "2026-11-26", "BA", "a"},
	}
	var ids []int64
	for i, r := range rows {
		actor := a
		if r.owner == "b" {
			actor = b
		}
		in := VisitInput{Title: r.title, Kind: r.kind, Status: r.status, StartDate: r.start, EndDate: r.start, HostCountryCode: ptr(r.host), OriginCountryCode: ptr("IQ")}
		if i%3 == 0 {
			in.ProjectID = &c.project.ID
			in.Tags = []string{"sdg-16"}
			in.Participants = []ParticipantInput{{OrganizationID: &c.ministry.ID, Side: "host", Role: "host"}}
		}
		ids = append(ids, must(e.svc.Visits.Create(e.ctx, actor, in)).ID)
	}
	titles := func(f VisitFilter) []string {
		t.Helper()
		f.Sort = "start_date"
		p := must(e.svc.Visits.List(e.ctx, e.as("b.viewer"), f))
		var out []string
		for _, it := range p.Items {
			out = append(out, it.Title)
		}
		return out
	}
	cases := []struct {
		name string
		f    VisitFilter
		want []string
	}{
		{"kind alternatives", VisitFilter{Kind: []string{"conference", "delegation_visit"}}, []string{"Conference Vienna", "Delegation to Baghdad"}},
		{"status", VisitFilter{Status: []string{"ongoing"}}, []string{"Field visit Mostar"}},
		{"host country", VisitFilter{HostCountryCode: []string{"IQ"}}, []string{"Study visit Erbil", "Study visit Erbil", "Delegation to Baghdad"}},
		{"office", VisitFilter{OfficeID: []int64{e.fx.OfficeB}, Kind: []string{"other"}}, []string{"Other"}},
		{"owner", VisitFilter{OwnerID: []int64{e.fx.Users["a.officer"].ID}, Status: []string{"completed"}}, []string{"Zenica youth dialogue"}},
		{"project", VisitFilter{ProjectID: []int64{c.project.ID}}, []string{"Event Tuzla", "Zenica youth dialogue", "Conference Vienna", "Other"}},
		{"tag", VisitFilter{Tag: []string{"sdg-16"}}, []string{"Event Tuzla", "Zenica youth dialogue", "Conference Vienna", "Other"}},
		{"participant organization", VisitFilter{OrganizationID: []int64{c.ministry.ID}}, []string{"Event Tuzla", "Zenica youth dialogue", "Conference Vienna", "Other"}},
		{"start window, exclusive", VisitFilter{StartAfter: ptr("2026-06-01"), StartBefore: ptr("2026-11-26")}, []string{"Study visit Sarajevo", "Delegation to Baghdad"}},
		{"search", VisitFilter{ListParams: ListParams{Q: "sarajev"}}, []string{"Study visit Sarajevo", "Reception Sarajevo"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := titles(tc.f); !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
	if _, err := e.svc.Visits.List(e.ctx, a, VisitFilter{StartAfter: ptr("soon")}); !slices.Contains(fieldErrors(t, err), "start_after") {
		t.Errorf("bad date filter: %v", err)
	}
	for _, sort := range VisitSorts.SortNames() {
		t.Run(sort, func(t *testing.T) {
			got := walkPages(t, len(rows), func(v VisitView) int64 { return v.ID }, sort, func(lp ListParams) (Page[VisitView], error) {
				return e.svc.Visits.List(e.ctx, a, VisitFilter{ListParams: lp})
			})
			for i := 1; i < len(got) && strings.HasSuffix(sort, "start_date"); i++ {
				if prev, cur := got[i-1].StartDate, got[i].StartDate; (sort == "start_date" && prev > cur) || (sort == "-start_date" && prev < cur) {
					t.Fatalf("%s: %s before %s", sort, prev, cur)
				}
			}
		})
	}
	// The default order is newest first.
	if first := must(e.svc.Visits.List(e.ctx, a, VisitFilter{ListParams: ListParams{Limit: 1}})).Items[0]; first.Title != "Other" {
		t.Errorf("default first = %q", first.Title)
	}
}

func TestVisitListLoadsParticipantsInBulk(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	for i := 0; i < 12; i++ {
		must(e.svc.Visits.Create(e.ctx, e.as("a.officer"), studyVisitInput(c)))
	}
	queries := countQueries(t, e.db, "visit_participants")
	p := must(e.svc.Visits.List(e.ctx, e.as("b.viewer"), VisitFilter{ListParams: ListParams{Limit: 10}}))
	if len(p.Items) != 10 || len(p.Items[9].Participants) != 4 {
		t.Fatalf("page = %d visits", len(p.Items))
	}
	if n := queries.Load(); n != 1 {
		t.Fatalf("%d queries read visit_participants for one page, want 1", n)
	}
}
