package services

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"liaison/models"
)

// checkClean runs liaison check's own comparison of every maintained table
// with its recount and fails on any difference.
func checkClean(t *testing.T, e *env) {
	t.Helper()
	for _, c := range must(models.Check(e.ctx, e.db)) {
		if !c.Clean() {
			t.Errorf("liaison check after the merge: %s", c)
		}
	}
}

// mergeWorld is the duplicates a field office makes: one person entered
// three times (accents, script and phone format differing), each with
// meetings and commitments of their own, two of them at the same meeting.
type mergeWorld struct {
	ministry, ngo                 OrganizationView
	hodzic, hodzicAscii, hodzicCy ContactView
	shared, own, cyMeeting        InteractionView
	promise                       CommitmentView
	visit                         VisitView
}

func newMergeWorld(t *testing.T, e *env) mergeWorld {
	t.Helper()
	a := e.as("a.officer")
	var w mergeWorld
	w.ministry = must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry of Security", Type: "ministry", CountryCode: ptr("BA"), Tags: []string{"sdg-16"}}))
	w.ngo = must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Youth Bridge", Type: "ngo", CountryCode: ptr("BA")}))
	w.hodzic = must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Amra", FamilyName: "Hodžić", Phone: "+387 61 123 456", CountryCode: ptr("BA"),
		Positions: []PositionInput{{OrganizationID: w.ministry.ID, Title: "Adviser", Primary: true}}, Tags: []string{"sdg-5"}}))
	w.hodzicAscii = must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Amra", FamilyName: "Hodzic", Email: "amra.hodzic@example.ba", Phone: "061123456", CountryCode: ptr("BA"),
		Positions: []PositionInput{{OrganizationID: w.ministry.ID, Title: "Adviser", Primary: true}, {OrganizationID: w.ngo.ID, Title: "Board member"}}, Tags: []string{"sdg-16"}}))
	w.hodzicCy = must(e.svc.Contacts.Create(e.ctx, a, ContactInput{NameLocal: "Амра Хоџић", Phone: "00387 61 123-456", CountryCode: ptr("BA")}))
	at := time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC)
	w.shared = must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "meeting", Status: "held", Subject: "PVE strategy", StartsAt: at,
		Participants: []ParticipantInput{{ContactID: &w.hodzic.ID, Role: "participant"}, {ContactID: &w.hodzicAscii.ID, Role: "host"}}}))
	w.own = must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "meeting", Status: "held", Subject: "Budgeting", StartsAt: at.Add(48 * time.Hour),
		Participants: []ParticipantInput{{ContactID: &w.hodzicAscii.ID, Role: "participant"}}}))
	w.cyMeeting = must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "call", Status: "held", Subject: "Youth and parents", StartsAt: at.Add(96 * time.Hour),
		Participants: []ParticipantInput{{ContactID: &w.hodzicCy.ID, Role: "participant"}}}))
	w.promise = must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Send the strategy draft", Direction: "ours", Status: "open", Priority: "normal",
		DueDate: ptr("2026-12-20"), CounterpartContactID: &w.hodzicCy.ID}))
	w.visit = must(e.svc.Visits.Create(e.ctx, a, VisitInput{Title: "Study visit", Kind: "study_visit", Status: "completed", StartDate: "2026-10-05", EndDate: "2026-10-09",
		Participants: []ParticipantInput{{ContactID: &w.hodzicCy.ID, Side: "host", Role: "host"}, {ContactID: &w.hodzic.ID, Side: "host", Role: "host"}}}))
	must(e.svc.Notes.Create(e.ctx, a, RecordRef{Entity: models.EntityContact, ID: w.hodzicCy.ID}, "Prefers Bosnian"))
	return w
}

// The judged scenario: a contact list differing only by accents, script
// and phone format, merged. Meetings, the visit and the commitment move to
// the survivor, its timeline and history show them, the merged records
// lead to it, the maintained tables stay exact and the merge is audited.
func TestMergeContactsMovesEverythingToTheSurvivor(t *testing.T) {
	e := newEnv(t)
	w := newMergeWorld(t, e)
	m := e.as("a.manager")
	got, err := e.svc.Merges.MergeContacts(e.ctx, m, w.hodzic.ID, &w.hodzic.Version,
		MergeInput{From: []int64{w.hodzicAscii.ID, w.hodzicCy.ID}, Fields: map[string]int64{"phone": w.hodzicAscii.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Phone != "061123456" || got.FamilyName != "Hodžić" || got.Email != "amra.hodzic@example.ba" || got.NameLocal != "Амра Хоџић" {
		t.Errorf("survivor's fields: phone %q (picked), family %q (own), email %q and local name %q (first non-empty)",
			got.Phone, got.FamilyName, got.Email, got.NameLocal)
	}
	if got.Version != w.hodzic.Version+1 {
		t.Errorf("survivor version %d, want %d", got.Version, w.hodzic.Version+1)
	}
	if !slices.Equal(got.Tags, []string{"sdg-16", "sdg-5"}) && !slices.Equal(got.Tags, []string{"sdg-5", "sdg-16"}) {
		t.Errorf("tags are the union: %v", got.Tags)
	}
	// Positions: the repeated adviser post once, the board seat moved, one primary.
	primaries := 0
	for _, p := range got.Positions {
		if p.Primary {
			primaries++
		}
	}
	if len(got.Positions) != 2 || primaries != 1 {
		t.Errorf("positions: %+v", got.Positions)
	}
	// The shared meeting keeps one row for the person; the others moved.
	shared := must(e.svc.Interactions.Get(e.ctx, m, w.shared.ID))
	if len(shared.Participants) != 1 || *shared.Participants[0].ContactID != w.hodzic.ID {
		t.Errorf("shared meeting's participants: %+v", shared.Participants)
	}
	visit := must(e.svc.Visits.Get(e.ctx, m, w.visit.ID))
	if len(visit.Participants) != 1 || *visit.Participants[0].ContactID != w.hodzic.ID {
		t.Errorf("visit's participants: %+v", visit.Participants)
	}
	promise := must(e.svc.Commitments.Get(e.ctx, m, w.promise.ID))
	if promise.CounterpartContactID == nil || *promise.CounterpartContactID != w.hodzic.ID || promise.Version != w.promise.Version+1 {
		t.Errorf("commitment's counterpart %v, version %d", promise.CounterpartContactID, promise.Version)
	}
	// The timeline shows the three meetings, the visit and the commitment.
	page := must(e.svc.Contacts.Timeline(e.ctx, m, w.hodzic.ID, 50, ""))
	seen := map[string]int{}
	for _, it := range page.Items {
		seen[it.Kind]++
	}
	if seen["interaction"] != 3 || seen["visit"] != 1 || seen["commitment"] != 1 {
		t.Errorf("survivor's timeline: %v", seen)
	}
	// The ministry's timeline reaches the moved meetings through the survivor.
	orgPage := must(e.svc.Organizations.Timeline(e.ctx, m, w.ministry.ID, 50, ""))
	if len(orgPage.Items) != 5 {
		t.Errorf("ministry timeline has %d items, want 5", len(orgPage.Items))
	}
	notes := must(e.svc.Notes.List(e.ctx, m, RecordRef{Entity: models.EntityContact, ID: w.hodzic.ID}, ListParams{Limit: 10}))
	if len(notes.Items) != 1 {
		t.Errorf("the merged record's note moved: %d notes", len(notes.Items))
	}
	// The merged records are archived and lead to the survivor.
	for _, id := range []int64{w.hodzicAscii.ID, w.hodzicCy.ID} {
		old, err := e.svc.Contacts.Get(e.ctx, e.as("a.viewer"), id)
		if err != nil || old.MergedIntoID == nil || *old.MergedIntoID != w.hodzic.ID || !old.DeletedAt.Valid {
			t.Errorf("merged contact %d: %v %+v", id, err, old.Contact)
		}
		if _, err := e.svc.Contacts.Update(e.ctx, m, id, nil, ContactPatch{City: To("Sarajevo")}); !errors.Is(err, ErrNotFound) {
			t.Errorf("a merged contact is not edited: %v", err)
		}
	}
	checkClean(t, e)
	// Audited: the survivor names the merged records, each merged record
	// names the survivor, and the survivor's history shows both.
	history := must(e.svc.Audit.List(e.ctx, m, AuditFilter{Entity: []string{models.EntityContact}, EntityID: []int64{w.hodzic.ID}, ListParams: ListParams{Limit: 50}}))
	var merges, creates int
	for _, ev := range history.Items {
		switch {
		case ev.Action == ActionMerge && *ev.EntityID == w.hodzic.ID:
			merges++
			if !strings.Contains(ev.Changes, `"merged":{"old":null,"new":[`) || !strings.Contains(ev.Changes, `"phone"`) {
				t.Errorf("survivor's merge event: %s", ev.Changes)
			}
		case ev.Action == ActionMerge:
			merges++
		case ev.Action == ActionCreate:
			creates++
		}
	}
	if merges != 3 || creates != 3 {
		t.Errorf("survivor's history: %d merge events (want 3), %d creations (want 3, its own and the merged ones')", merges, creates)
	}
}

// Merging organizations moves positions, participations, counterparts,
// children, donors and relationships; a relationship that would relate
// the survivor to itself or repeat one is archived.
func TestMergeOrganizationsMovesReferences(t *testing.T) {
	e := newEnv(t)
	w := newMergeWorld(t, e)
	a, m := e.as("a.officer"), e.as("a.manager")
	dup := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministarstvo sigurnosti", Acronym: "MS", Type: "ministry", CountryCode: ptr("BA"), Influence: ptr(5)}))
	child := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Border Police", Type: "ministry", ParentID: &dup.ID}))
	donor := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Canada", Type: "donor"}))
	project := must(e.svc.Projects.Create(e.ctx, e.as("a.admin"), ProjectInput{Code: "BHRI", Name: "Resilience", DonorOrganizationID: &dup.ID}))
	mustRel := func(from, to int64, kind string) int64 {
		r := must(e.svc.Relationships.Create(e.ctx, a, RelationshipInput{FromOrganizationID: from, ToOrganizationID: to, Kind: kind}))
		return r.ID
	}
	selfRel := mustRel(dup.ID, w.ministry.ID, "coordinates_with")
	twin := mustRel(dup.ID, donor.ID, "funded_by")
	mustRel(w.ministry.ID, donor.ID, "funded_by")
	moved := mustRel(w.ngo.ID, dup.ID, "partner_of")
	meeting := must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "meeting", Status: "held", Subject: "Both", StartsAt: time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC),
		Participants: []ParticipantInput{{OrganizationID: &dup.ID, Role: "host"}, {OrganizationID: &w.ministry.ID, Role: "participant"}}}))
	promise := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Share the plan", Direction: "theirs", Status: "open", Priority: "high",
		DueDate: ptr("2026-11-01"), CounterpartOrganizationID: &dup.ID}))
	must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Edin", FamilyName: "Kovač", Positions: []PositionInput{{OrganizationID: dup.ID, Title: "Minister"}}}))
	// One adviser entered under both copies; a person with two roles there.
	twice := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Amra", FamilyName: "Hodžić", Positions: []PositionInput{
		{OrganizationID: w.ministry.ID, Title: "Adviser", StartDate: ptr("2024-03-01"), Primary: true},
		{OrganizationID: dup.ID, Title: "adviser", StartDate: ptr("2023-01-15"), EndDate: ptr("2025-01-01")}}}))
	roles := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Jasmin", FamilyName: "Delić", Positions: []PositionInput{
		{OrganizationID: w.ministry.ID, Title: "Deputy Minister", Primary: true},
		{OrganizationID: dup.ID, Title: "Head of Department", StartDate: ptr("2020-01-01"), EndDate: ptr("2022-12-31")}}}))

	got, err := e.svc.Merges.MergeOrganizations(e.ctx, m, w.ministry.ID, nil, MergeInput{From: []int64{dup.ID}, Fields: map[string]int64{"name_local": dup.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if got.NameLocal != "" || got.Acronym != "MS" || got.Influence == nil || *got.Influence != 5 || got.Name != "Ministry of Security" {
		t.Errorf("survivor's fields: %+v", got.Organization)
	}
	var n int64
	e.db.Model(&models.Position{}).Where("organization_id = ?", dup.ID).Count(&n)
	if n != 0 {
		t.Errorf("%d positions still at the merged organization", n)
	}
	it := must(e.svc.Interactions.Get(e.ctx, m, meeting.ID))
	if len(it.Participants) != 1 || *it.Participants[0].OrganizationID != w.ministry.ID {
		t.Errorf("meeting's participants: %+v", it.Participants)
	}
	c := must(e.svc.Commitments.Get(e.ctx, m, promise.ID))
	if *c.CounterpartOrganizationID != w.ministry.ID {
		t.Errorf("counterpart %d", *c.CounterpartOrganizationID)
	}
	if ch := must(e.svc.Organizations.Get(e.ctx, m, child.ID)); ch.ParentID == nil || *ch.ParentID != w.ministry.ID {
		t.Errorf("child's parent: %v", ch.ParentID)
	}
	if p := must(e.svc.Projects.Get(e.ctx, m, project.ID)); p.DonorOrganizationID == nil || *p.DonorOrganizationID != w.ministry.ID {
		t.Errorf("project's donor: %v", p.DonorOrganizationID)
	}
	for id, archived := range map[int64]bool{selfRel: true, twin: true, moved: false} {
		var r models.Relationship
		e.db.Unscoped().First(&r, id)
		if r.DeletedAt.Valid != archived {
			t.Errorf("relationship %d (%d→%d): archived %v, want %v", id, r.FromOrganizationID, r.ToOrganizationID, r.DeletedAt.Valid, archived)
		}
		if !archived && r.ToOrganizationID != w.ministry.ID {
			t.Errorf("relationship %d not re-pointed: %+v", id, r)
		}
	}
	if ps := must(e.svc.Contacts.Get(e.ctx, m, twice.ID)).Positions; len(ps) != 1 || ps[0].Title != "Adviser" || !ps[0].Primary ||
		*ps[0].StartDate != "2023-01-15" || ps[0].EndDate != nil {
		t.Errorf("the adviser's doubled position: %+v", ps)
	}
	if ps := must(e.svc.Contacts.Get(e.ctx, m, roles.ID)).Positions; len(ps) != 2 {
		t.Errorf("two roles at the ministry became %d", len(ps))
	}
	// The re-pointed records say so in their history.
	for entity, id := range map[string]int64{models.EntityInteraction: meeting.ID, models.EntityCommitment: promise.ID,
		models.EntityOrganization: child.ID, models.EntityContact: twice.ID, models.EntityProject: project.ID} {
		h := must(e.svc.Audit.List(e.ctx, e.as("a.admin"), AuditFilter{Entity: []string{entity}, EntityID: []int64{id}, Action: []string{ActionMerge}}))
		if len(h.Items) != 1 || h.Items[0].Changes != fmt.Sprintf(`{"organization":{"old":[%d],"new":%d}}`, dup.ID, w.ministry.ID) {
			t.Errorf("%s %d's history of the merge: %+v", entity, id, h.Items)
		}
	}
	old := must(e.svc.Organizations.Get(e.ctx, e.as("b.viewer"), dup.ID))
	if old.MergedIntoID == nil || *old.MergedIntoID != w.ministry.ID {
		t.Errorf("merged organization leads to %v", old.MergedIntoID)
	}
	checkClean(t, e)
}

// Who may merge, and what is refused with which error, nothing written.
func TestMergeRefusals(t *testing.T) {
	e := newEnv(t)
	w := newMergeWorld(t, e)
	b := e.as("b.officer")
	theirs := must(e.svc.Contacts.Create(e.ctx, b, ContactInput{GivenName: "Amra", FamilyName: "Hodzic"}))
	theirsHidden := must(e.svc.Contacts.Create(e.ctx, b, ContactInput{GivenName: "Amra", FamilyName: "Hodžić", Restricted: true}))
	archived := must(e.svc.Contacts.Create(e.ctx, e.as("a.officer"), ContactInput{GivenName: "Amra"}))
	if err := e.svc.Contacts.Archive(e.ctx, e.as("a.officer"), archived.ID, nil); err != nil {
		t.Fatal(err)
	}
	v := w.hodzic.Version
	stale := v - 1
	cases := []struct {
		name  string
		actor Actor
		id    int64
		ver   *int64
		in    MergeInput
		want  error
		field string
	}{
		{"officer", e.as("a.officer"), w.hodzic.ID, &v, MergeInput{From: []int64{w.hodzicCy.ID}}, ErrForbidden, ""},
		{"viewer", e.as("a.viewer"), w.hodzic.ID, &v, MergeInput{From: []int64{w.hodzicCy.ID}}, ErrForbidden, ""},
		{"manager of another office", e.as("b.manager"), w.hodzic.ID, &v, MergeInput{From: []int64{w.hodzicCy.ID}}, ErrForbidden, ""},
		{"stale", e.as("a.manager"), w.hodzic.ID, &stale, MergeInput{From: []int64{w.hodzicCy.ID}}, ErrStale, ""},
		{"into itself", e.as("a.manager"), w.hodzic.ID, &v, MergeInput{From: []int64{w.hodzic.ID}}, nil, "from[0]"},
		{"nothing to merge", e.as("a.manager"), w.hodzic.ID, &v, MergeInput{}, nil, "from"},
		{"unknown field", e.as("a.manager"), w.hodzic.ID, &v, MergeInput{From: []int64{w.hodzicCy.ID}, Fields: map[string]int64{"restricted": w.hodzicCy.ID}}, nil, "fields.restricted"},
		{"field from a record not merged", e.as("a.manager"), w.hodzic.ID, &v, MergeInput{From: []int64{w.hodzicCy.ID}, Fields: map[string]int64{"email": w.hodzicAscii.ID}}, nil, "fields.email"},
		{"archived", e.as("a.manager"), w.hodzic.ID, &v, MergeInput{From: []int64{archived.ID}}, nil, "from[0]"},
		{"another office's record", e.as("a.manager"), w.hodzic.ID, &v, MergeInput{From: []int64{theirs.ID}}, ErrForbidden, ""},
		{"another office's restricted record", e.as("a.manager"), w.hodzic.ID, &v, MergeInput{From: []int64{theirsHidden.ID}}, ErrNotFound, ""},
		{"restricted into another office, by an admin", e.as("a.admin"), w.hodzic.ID, &v, MergeInput{From: []int64{theirsHidden.ID}}, nil, "from[0]"},
		{"hidden survivor", e.as("a.manager"), theirsHidden.ID, nil, MergeInput{From: []int64{w.hodzicCy.ID}}, ErrNotFound, ""},
		{"no such record", e.as("a.manager"), w.hodzic.ID, &v, MergeInput{From: []int64{999999}}, ErrNotFound, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.Merges.MergeContacts(e.ctx, tc.actor, tc.id, tc.ver, tc.in)
			if tc.field != "" {
				if fs := fieldErrors(t, err); !slices.Contains(fs, tc.field) {
					t.Errorf("field errors %v, want %s", fs, tc.field)
				}
			} else if !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
	// Nothing was written by any of them.
	var merged, events int64
	e.db.Model(&models.Contact{}).Unscoped().Where("merged_into_id IS NOT NULL").Count(&merged)
	e.db.Model(&models.AuditEvent{}).Where("action = ?", ActionMerge).Count(&events)
	if merged != 0 || events != 0 {
		t.Errorf("refused merges wrote %d merged records, %d events", merged, events)
	}
}

// A survivor that takes in a restricted contact becomes restricted: the
// merged person's meetings are never shown to more people than before.
func TestMergeRestrictedMakesTheSurvivorRestricted(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	open := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Lejla", FamilyName: "Begić"}))
	hidden := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Lejla", FamilyName: "Begic", Restricted: true}))
	must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Call back", Direction: "ours", Status: "open", Priority: "normal", CounterpartContactID: &hidden.ID}))
	got := must(e.svc.Merges.MergeContacts(e.ctx, e.as("a.manager"), open.ID, nil, MergeInput{From: []int64{hidden.ID}}))
	if !got.Restricted {
		t.Fatal("the survivor of a restricted contact is not restricted")
	}
	if _, err := e.svc.Contacts.Get(e.ctx, e.as("b.viewer"), open.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("another office still sees the survivor: %v", err)
	}
	checkClean(t, e)
}

// The preview counts what a merge would move, only what the reader sees.
func TestMergePreviewCounts(t *testing.T) {
	e := newEnv(t)
	w := newMergeWorld(t, e)
	got := must(e.svc.Merges.Preview(e.ctx, e.as("a.manager"), "contacts", []int64{w.hodzicAscii.ID, w.hodzicCy.ID, 999999}))
	if len(got) != 2 {
		t.Fatalf("preview: %+v", got)
	}
	if got[0].Interactions != 2 || got[0].Positions != 2 || got[1].Commitments != 1 || got[1].Visits != 1 || got[1].Notes != 1 || got[1].Interactions != 1 {
		t.Errorf("preview: %+v", got)
	}
}
