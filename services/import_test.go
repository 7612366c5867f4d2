package services

import (
	"errors"
	"strings"
	"testing"
	"time"

	"liaison/models"
)

// An import writes what Create would have written, in one transaction per
// batch, with one audit event per batch.
func TestImportMatchesCreate(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	iq := "IQ"
	orgIDs := must(e.svc.Import().Organizations(e.ctx, a, []OrganizationInput{
		{Name: "Ministry of Interior", NameLocal: "وزارة الداخلية", Type: "ministry", CountryCode: &iq, Tags: []string{"sdg-16"}},
		{Name: "Mosul Youth Forum", Type: "youth_group", CountryCode: &iq},
	}))
	if len(orgIDs) != 2 {
		t.Fatalf("got %d ids", len(orgIDs))
	}
	child := must(e.svc.Import().Organizations(e.ctx, a, []OrganizationInput{
		{Name: "Directorate of Planning", Type: "government_agency", ParentID: &orgIDs[0]},
	}))
	contactIDs := must(e.svc.Import().Contacts(e.ctx, a, []ContactInput{
		{GivenName: "Amina", FamilyName: "Hodžić", Restricted: true, Positions: []PositionInput{{OrganizationID: orgIDs[1], Primary: true}}},
		{Honorific: "Dr.", GivenName: "Ali", FamilyName: "Al-Obaidi", NameLocal: "علي العبيدي", Languages: []string{"ar", "en"},
			Positions: []PositionInput{{OrganizationID: orgIDs[0], Title: "Director"}, {OrganizationID: child[0]}}},
	}))
	starts := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	interactionIDs := must(e.svc.Import().Interactions(e.ctx, a, []InteractionInput{
		{Kind: "meeting", Subject: "Coordination on referral", StartsAt: starts, Restricted: true,
			Participants: []ParticipantInput{{OrganizationID: &orgIDs[1], Role: "host"}, {ContactID: &contactIDs[0], Role: "participant"}}},
	}))
	due := "2026-03-15"
	commitmentIDs := must(e.svc.Import().Commitments(e.ctx, a, []CommitmentInput{
		{Title: "Send the notes", InteractionID: &interactionIDs[0], CounterpartContactID: &contactIDs[0], DueDate: &due},
	}))

	c := must(e.svc.Contacts.Get(e.ctx, a, contactIDs[1]))
	if c.FullName != "Dr. Ali Al-Obaidi" || c.Version != 1 || len(c.Positions) != 2 || c.OwnerID == nil || *c.OwnerID != a.UserID {
		t.Errorf("imported contact = %+v", c)
	}
	if p := must(e.svc.Contacts.List(e.ctx, a, ContactFilter{ListParams: ListParams{Q: "hodzic"}})); len(p.Items) != 1 {
		t.Errorf("the imported contact is not found by the full-text index: %d hits", len(p.Items))
	}
	if p := must(e.svc.Contacts.List(e.ctx, a, ContactFilter{ListParams: ListParams{Q: "العبيدي"}})); len(p.Items) != 1 {
		t.Errorf("the Arabic name is not found: %d hits", len(p.Items))
	}
	it := must(e.svc.Interactions.Get(e.ctx, a, interactionIDs[0]))
	if it.Status != "held" || len(it.Participants) != 2 {
		t.Errorf("imported interaction = %+v", it)
	}
	cm := must(e.svc.Commitments.Get(e.ctx, a, commitmentIDs[0]))
	if !cm.Restricted || cm.Status != "open" || cm.Priority != "normal" || cm.Direction != "ours" {
		t.Errorf("a commitment made at a restricted interaction: %+v", cm.Commitment)
	}
	o := must(e.svc.Organizations.Get(e.ctx, a, orgIDs[0]))
	if len(o.Tags) != 1 || o.Tags[0] != "sdg-16" {
		t.Errorf("tags = %v", o.Tags)
	}
	// Other offices do not see restricted imports.
	if _, err := e.svc.Contacts.Get(e.ctx, e.as("b.officer"), contactIDs[0]); !errors.Is(err, ErrNotFound) {
		t.Errorf("b.officer sees the restricted contact: %v", err)
	}
	// Single-record creates after an import get fresh ids.
	later := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Later", Type: "ngo"}))
	if later.ID <= child[0] {
		t.Errorf("id %d after imported %d", later.ID, child[0])
	}
	var events []models.AuditEvent
	e.db.Where("action = ?", ActionImport).Order("id").Find(&events)
	if len(events) != 5 || events[0].EntityID != nil || !strings.Contains(events[0].Changes, `"count":{"old":null,"new":2}`) {
		t.Errorf("audit events of the import: %+v", events)
	}
	// The import files the names as a create does.
	checks := must(models.Check(e.ctx, e.db))
	for _, c := range checks {
		if (c.Table == "contacts.sort_key" || c.Table == "organizations.sort_key") && !c.Clean() {
			t.Errorf("imported records' sort keys: %s", c)
		}
	}
	var key string
	e.db.Raw("SELECT sort_key FROM contacts WHERE id = ?", contactIDs[1]).Scan(&key)
	if key != "alobaidi\x1fali" {
		t.Errorf("sort key of Dr. Ali Al-Obaidi = %q", key)
	}
}

// One invalid row refuses the whole batch, naming the row and the field;
// the rules are Create's.
func TestImportRefusesInvalidBatches(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	xx, missing := "XX", int64(999999)
	_, err := e.svc.Import().Organizations(e.ctx, a, []OrganizationInput{
		{Name: "Fine", Type: "ngo"},
		{Name: "", Type: "nonsense", CountryCode: &xx, ParentID: &missing, Tags: []string{"no-such-tag"}},
	})
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("err = %v, want a validation error", err)
	}
	want := map[string]bool{"rows[1].name": false, "rows[1].type": false, "rows[1].country_code": false, "rows[1].parent_id": false, "rows[1].tags": false}
	for _, f := range verr.Fields {
		if _, ok := want[f.Field]; !ok {
			t.Errorf("unexpected field error %s: %s", f.Field, f.Message)
		}
		want[f.Field] = true
	}
	for f, seen := range want {
		if !seen {
			t.Errorf("no error for %s", f)
		}
	}
	var n int64
	e.db.Model(&models.Organization{}).Count(&n)
	if n != 0 {
		t.Errorf("%d organizations written by a refused batch", n)
	}
	// A restricted contact of another office is "no such contact".
	hidden := must(e.svc.Contacts.Create(e.ctx, e.as("b.officer"), ContactInput{GivenName: "Hidden", Restricted: true}))
	_, err = e.svc.Import().Interactions(e.ctx, a, []InteractionInput{{Kind: "call", Subject: "x", StartsAt: time.Now(),
		Participants: []ParticipantInput{{ContactID: &hidden.ID, Role: "participant"}}}})
	if !errors.As(err, &verr) || verr.Fields[0].Field != "rows[0].participants[0].contact_id" {
		t.Errorf("err = %v, want rows[0].participants[0].contact_id", err)
	}
	if _, err := e.svc.Import().Contacts(e.ctx, e.as("a.viewer"), []ContactInput{{GivenName: "V"}}); !errors.Is(err, ErrForbidden) {
		t.Errorf("viewer import: %v, want ErrForbidden", err)
	}
}

// An import attaches sessions and follow-ups to a visit only for the
// offices that organise it (its own and its partners), as Create does:
// the import answers from its memo, Create asks the database.
func TestImportAttachesOnlyWhereTheOfficeOrganises(t *testing.T) {
	e := newEnv(t)
	a, b := e.as("a.officer"), e.as("b.officer")
	shared := must(e.svc.Visits.Create(e.ctx, a, VisitInput{Title: "Study visit", Kind: "study_visit",
		StartDate: "2026-11-23", EndDate: "2026-11-27", PartnerOfficeIDs: []int64{e.fx.OfficeB}}))
	own := must(e.svc.Visits.Create(e.ctx, a, VisitInput{Title: "Office A's own", Kind: "study_visit",
		StartDate: "2026-11-23", EndDate: "2026-11-27"}))
	at := mustTime("2026-11-24T09:00:00Z")
	sharedSession := must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "meeting", Subject: "Shared", StartsAt: at, VisitID: &shared.ID}))
	ownSession := must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "meeting", Subject: "Own", StartsAt: at, VisitID: &own.ID}))
	followUp := func(interaction int64) CommitmentInput {
		return CommitmentInput{Title: "Send the agenda", Direction: "ours", Status: "open", Priority: "normal", InteractionID: &interaction}
	}

	// Allowed: B organises the shared visit, both sessions and follow-ups.
	if _, err := e.svc.Import().Interactions(e.ctx, b, []InteractionInput{
		{Kind: "meeting", Subject: "B's session", StartsAt: at, VisitID: &shared.ID},
		{Kind: "meeting", Subject: "B's second session", StartsAt: at, VisitID: &shared.ID},
	}); err != nil {
		t.Errorf("partner's sessions at the shared visit: %v", err)
	}
	if _, err := e.svc.Import().Commitments(e.ctx, b, []CommitmentInput{followUp(sharedSession.ID), followUp(sharedSession.ID)}); err != nil {
		t.Errorf("partner's follow-ups at a session of the shared visit: %v", err)
	}

	// Refused, naming the row: one row of another office's own visit.
	var verr *ValidationError
	_, err := e.svc.Import().Interactions(e.ctx, b, []InteractionInput{
		{Kind: "meeting", Subject: "Fine", StartsAt: at, VisitID: &shared.ID},
		{Kind: "meeting", Subject: "Not B's", StartsAt: at, VisitID: &own.ID},
	})
	if !errors.As(err, &verr) || len(verr.Fields) != 1 || verr.Fields[0].Field != "rows[1].visit_id" {
		t.Errorf("session at a visit B does not organise: %v, want rows[1].visit_id", err)
	}
	_, err = e.svc.Import().Commitments(e.ctx, b, []CommitmentInput{followUp(sharedSession.ID), followUp(ownSession.ID)})
	if !errors.As(err, &verr) || !hasField(verr, "rows[1].interaction_id") || hasField(verr, "rows[0].interaction_id") {
		t.Errorf("follow-up at a session of a visit B does not organise: %v, want rows[1].interaction_id", err)
	}
	// Create says the same of the same inputs.
	_, err = e.svc.Interactions.Create(e.ctx, b, InteractionInput{Kind: "meeting", Subject: "Not B's", StartsAt: at, VisitID: &own.ID})
	if !errors.As(err, &verr) || !hasField(verr, "visit_id") {
		t.Errorf("Create of a session at a visit B does not organise: %v, want visit_id", err)
	}
	_, err = e.svc.Commitments.Create(e.ctx, b, followUp(ownSession.ID))
	if !errors.As(err, &verr) || !hasField(verr, "interaction_id") {
		t.Errorf("Create of a follow-up at a session of a visit B does not organise: %v, want interaction_id", err)
	}
	var n int64
	e.db.Model(&models.Interaction{}).Where("office_id = ?", e.fx.OfficeB).Count(&n)
	if n != 2 {
		t.Errorf("office B has %d sessions, want the 2 of the accepted batch", n)
	}
}

func hasField(verr *ValidationError, field string) bool {
	for _, f := range verr.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}
