package services

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"liaison/models"
	"liaison/models/modeltest"
)

// The unique traces of the person erased below, in the forms the database
// may hold them: as typed, folded for search and sorting, in a mail address.
const (
	erasedFamily = "Zqxwvelmarch"
	erasedGiven  = "Ardiqoneth"
	erasedEmail  = "ardiqoneth.zqxwvelmarch@example.org"
)

func TestErasureLeavesAnAnonymousTombstoneAndNoTrace(t *testing.T) {
	db, dsn := modeltest.Open(t)
	fx := modeltest.Seed(t, db, testHash())
	e := &env{t: t, db: db, svc: New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{}), fx: fx, ctx: context.Background()}
	officer, manager := e.as("a.officer"), e.as("a.manager")

	org := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Zenica Youth Council", Type: "youth_group"}))
	c := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: erasedGiven, FamilyName: "Hodzic", Email: erasedEmail,
		Phone: "+387 61 987 654", City: "Zenica", Notes: "Met " + erasedGiven + " at the workshop", ConsentBasis: ptr("consent"),
		ConsentDate: ptr("2026-03-14"), ConsentSource: "signed form, " + erasedFamily + " file",
		Positions: []PositionInput{{OrganizationID: org.ID, Title: erasedFamily + " youth adviser", Primary: true}}}))
	// Several edits: the history holds the old values.
	c = must(e.svc.Contacts.Update(e.ctx, officer, c.ID, &c.Version, ContactPatch{FamilyName: To(erasedFamily)}))
	c = must(e.svc.Contacts.Update(e.ctx, officer, c.ID, &c.Version, ContactPatch{City: To("Sarajevo"), NameLocal: To("Арди " + erasedFamily)}))
	start := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	var meetings []int64
	for i := range 2 {
		m := must(e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "meeting", Status: "held", Subject: fmt.Sprint("Youth council meeting ", i),
			StartsAt: start.Add(time.Duration(i) * 24 * time.Hour), Participants: []ParticipantInput{
				{OrganizationID: &org.ID, Role: "host"}, {ContactID: &c.ID, Role: "participant"}}}))
		meetings = append(meetings, m.ID)
	}
	commitment := must(e.svc.Commitments.Create(e.ctx, officer, CommitmentInput{Title: "Send the workshop photos", CounterpartContactID: &c.ID}))
	on := RecordRef{Entity: models.EntityContact, ID: c.ID}
	must(e.svc.Notes.Create(e.ctx, officer, on, "Call "+erasedGiven+" "+erasedFamily+" about the photos."))
	must(e.svc.Documents.Create(e.ctx, officer, on, DocumentUpload{Name: "consent-" + erasedFamily + ".txt", Content: []byte("I agree. " + erasedGiven)}))

	// The subject access export lists everything first.
	x := must(e.svc.Contacts.SubjectExport(e.ctx, manager, c.ID))
	if len(x.Participations) != 2 || len(x.Commitments) != 1 || len(x.Notes) != 1 || len(x.Documents) != 1 || len(x.History) < 3 ||
		x.Contact.FamilyName != erasedFamily || x.Contact.ConsentSource != "signed form, "+erasedFamily+" file" {
		t.Fatalf("subject export: %d participations, %d commitments, %d notes, %d documents, %d events; %+v",
			len(x.Participations), len(x.Commitments), len(x.Notes), len(x.Documents), len(x.History), x.Contact.Contact)
	}
	if _, err := e.svc.Contacts.SubjectExport(e.ctx, officer, c.ID); err != ErrForbidden {
		t.Fatalf("an officer's subject export: %v", err)
	}

	// Only the managers of the office erase, with a reason, at the version read.
	if _, err := e.svc.Contacts.Erase(e.ctx, officer, c.ID, &c.Version, "asked"); err != ErrForbidden {
		t.Fatalf("an officer erased: %v", err)
	}
	if _, err := e.svc.Contacts.Erase(e.ctx, e.as("b.manager"), c.ID, &c.Version, "asked"); err != ErrForbidden {
		t.Fatalf("another office's manager erased: %v", err)
	}
	stale := c.Version - 1
	if _, err := e.svc.Contacts.Erase(e.ctx, manager, c.ID, &stale, "asked"); err != ErrStale {
		t.Fatalf("a stale erasure: %v", err)
	}
	if fields := fieldErrors(t, ignoreView(e.svc.Contacts.Erase(e.ctx, manager, c.ID, &c.Version, "  "))); fields[0] != "reason" {
		t.Fatalf("no reason: %v", fields)
	}
	tomb := must(e.svc.Contacts.Erase(e.ctx, manager, c.ID, &c.Version, "The person asked on 2026-12-01"))
	if tomb.FullName != fmt.Sprintf("Erased contact %d", c.ID) || tomb.GivenName != "" || tomb.FamilyName != "" || tomb.Email != "" ||
		tomb.Phone != "" || tomb.Notes != "" || tomb.NameLocal != "" || tomb.ConsentSource != "" || tomb.ErasedAt == nil ||
		len(tomb.Positions) != 1 || tomb.Positions[0].Title != "" || tomb.Positions[0].OrganizationID != org.ID {
		t.Fatalf("tombstone: %+v", tomb)
	}

	// Search finds nothing; meetings keep their counts; the commitment its counterpart.
	for _, q := range []string{erasedFamily, erasedGiven, "zqxwvel"} {
		if hits := must(e.svc.Search.Search(e.ctx, manager, q, nil, 20)); len(hits) != 0 {
			t.Fatalf("search %q after erasure: %+v", q, hits)
		}
		if p := must(e.svc.Contacts.List(e.ctx, manager, ContactFilter{ListParams: ListParams{Q: q}})); len(p.Items) != 0 {
			t.Fatalf("contacts q=%q after erasure: %d", q, len(p.Items))
		}
	}
	for _, id := range meetings {
		if m := must(e.svc.Interactions.Get(e.ctx, manager, id)); len(m.Participants) != 2 {
			t.Fatalf("meeting %d has %d participants after erasure", id, len(m.Participants))
		}
	}
	if got := must(e.svc.Commitments.Get(e.ctx, manager, commitment.ID)); got.CounterpartContactID == nil || *got.CounterpartContactID != c.ID {
		t.Fatalf("the commitment lost its counterpart: %+v", got.CounterpartContactID)
	}
	// The history says what changed, and when, without the values.
	history := must(e.svc.Audit.List(e.ctx, e.as("a.admin"), AuditFilter{Entity: []string{models.EntityContact}, EntityID: []int64{c.ID}, ListParams: ListParams{Limit: 100}}))
	actions := map[string]bool{}
	for _, ev := range history.Items {
		actions[ev.Action] = true
		if strings.Contains(strings.ToLower(ev.Changes), "zqxwvel") || strings.Contains(ev.Changes, erasedGiven) {
			t.Fatalf("the history keeps a value: %s %s", ev.Action, ev.Changes)
		}
		if ev.Action == ActionUpdate && !strings.Contains(ev.Changes, `"family_name":{"old":null,"new":null,"erased":true}`) &&
			!strings.Contains(ev.Changes, `"city":{"old":null,"new":null,"erased":true}`) {
			t.Fatalf("an update lost which fields changed: %s", ev.Changes)
		}
	}
	if !actions[ActionCreate] || !actions[ActionUpdate] || !actions[ActionErase] || !actions[ActionSubjectExport] {
		t.Fatalf("history actions: %v", actions)
	}
	// The maintained tables stay exact.
	checks, err := models.Check(e.ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range checks {
		if !ch.Clean() {
			t.Fatalf("liaison check after erasure: %s", ch)
		}
	}
	// The erased person joins nothing new.
	_, err = e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "meeting", Subject: "Next", StartsAt: start.AddDate(0, 1, 0),
		Participants: []ParticipantInput{{ContactID: &c.ID, Role: "participant"}}})
	if fields := fieldErrors(t, err); len(fields) != 1 || fields[0] != "participants[0].contact_id" {
		t.Fatalf("adding the erased person: %v", fields)
	}

	// Nothing of the person is left in the database's files.
	path, sqlite := models.SQLitePath(dsn)
	if !sqlite {
		return // PostgreSQL keeps old row versions until VACUUM: docs/OPERATIONS.md
	}
	for _, f := range []string{path, path + "-wal"} {
		raw, err := os.ReadFile(f)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		lower := bytes.ToLower(raw)
		for _, trace := range []string{"zqxwvelmarch", "ardiqoneth", "987 654", "987654"} {
			if n := bytes.Count(lower, []byte(trace)); n > 0 {
				t.Errorf("%s holds %q %d times after erasure", f, trace, n)
			}
		}
	}
}

func ignoreView(_ ContactView, err error) error { return err }

func TestWithdrawnConsentKeepsThePersonOutOfNewMeetings(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	withdrawn := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Lejla", ConsentBasis: ptr("consent"), ConsentDate: ptr("2026-01-10")}))
	public := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Minister", ConsentBasis: ptr("public_role")}))
	at := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	meeting := must(e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "meeting", Subject: "Before", StartsAt: at,
		Participants: []ParticipantInput{{ContactID: &withdrawn.ID, Role: "participant"}}}))
	gone := at.Add(24 * time.Hour)
	withdrawn = must(e.svc.Contacts.Update(e.ctx, officer, withdrawn.ID, &withdrawn.Version, ContactPatch{ConsentWithdrawnAt: To(&gone)}))
	public = must(e.svc.Contacts.Update(e.ctx, officer, public.ID, &public.Version, ContactPatch{ConsentWithdrawnAt: To(&gone)}))

	_, err := e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "meeting", Subject: "After", StartsAt: at.AddDate(0, 0, 7),
		Participants: []ParticipantInput{{ContactID: &public.ID, Role: "participant"}, {ContactID: &withdrawn.ID, Role: "participant"}}})
	if fields := fieldErrors(t, err); len(fields) != 1 || fields[0] != "participants[1].contact_id" {
		t.Fatalf("a withdrawn consent: %v", fields)
	}
	// A bulk import (whose batches look their contacts up at once) holds
	// the same rule: the meeting with the person who withdrew is refused,
	// whole, and nothing of the import is written.
	importMeeting := func(who int64) InteractionInput {
		return InteractionInput{Kind: "meeting", Subject: "Imported", StartsAt: at.AddDate(0, 0, 8),
			Participants: []ParticipantInput{{ContactID: &who, Role: "participant"}}}
	}
	var before, after int64
	e.db.Model(&models.Interaction{}).Count(&before)
	if _, err := e.svc.Import().Interactions(e.ctx, officer, []InteractionInput{importMeeting(public.ID), importMeeting(withdrawn.ID)}); err == nil ||
		!strings.Contains(err.Error(), "withdrew their consent") {
		t.Fatalf("an import with a withdrawn consent: %v", err)
	}
	if e.db.Model(&models.Interaction{}).Count(&after); after != before {
		t.Fatalf("the refused import wrote %d meetings", after-before)
	}
	must(e.svc.Import().Interactions(e.ctx, officer, []InteractionInput{importMeeting(public.ID)}))
	// The meeting they took part in before keeps them through an edit.
	must(e.svc.Interactions.Update(e.ctx, officer, meeting.ID, &meeting.Version, InteractionPatch{Subject: To("Before, renamed")}))
	for _, bad := range []struct {
		patch ContactPatch
		field string
	}{
		{ContactPatch{ConsentDate: To(ptr("2026-13-01"))}, "consent_date"},
		{ContactPatch{ConsentDate: To(ptr("2999-01-01"))}, "consent_date"},
		{ContactPatch{ConsentSource: To(strings.Repeat("x", 501))}, "consent_source"},
		{ContactPatch{ConsentWithdrawnAt: To(ptr(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)))}, "consent_withdrawn_at"},
	} {
		_, err := e.svc.Contacts.Update(e.ctx, officer, withdrawn.ID, &withdrawn.Version, bad.patch)
		if fields := fieldErrors(t, err); len(fields) != 1 || fields[0] != bad.field {
			t.Fatalf("%+v: %v", bad.patch, fields)
		}
	}
}

func TestTheRetentionReviewListsTheLongQuiet(t *testing.T) {
	e := newEnv(t)
	officer, manager := e.as("a.officer"), e.as("a.manager")
	quiet := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Quiet"}))
	met := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Met"}))
	kept := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Kept"}))
	other := must(e.svc.Contacts.Create(e.ctx, e.as("b.officer"), ContactInput{GivenName: "Other office"}))
	long := time.Now().UTC().AddDate(-6, 0, 0)
	e.db.Model(&models.Contact{}).Where("id IN ?", []int64{quiet.ID, met.ID, kept.ID, other.ID}).Update("updated_at", long)
	must(e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "meeting", Subject: "Recent", StartsAt: time.Now().UTC().AddDate(0, -1, 0),
		Participants: []ParticipantInput{{ContactID: &met.ID, Role: "participant"}}}))
	e.db.Model(&models.Contact{}).Where("id = ?", met.ID).Update("updated_at", long)

	names := func(a Actor) string {
		var out []string
		for _, r := range must(e.svc.Retention.Due(e.ctx, a, ListParams{})).Items {
			out = append(out, r.FullName)
		}
		return strings.Join(out, ",")
	}
	if got := names(manager); got != "Quiet,Kept" {
		t.Fatalf("due for office A's manager: %q", got)
	}
	if err := e.svc.Retention.Keep(e.ctx, manager, []int64{kept.ID}, "Still the council's focal point"); err != nil {
		t.Fatal(err)
	}
	if got := names(manager); got != "Quiet" {
		t.Fatalf("after keeping one: %q", got)
	}
	if got := names(e.as("a.admin")); got != "Quiet,Other office" {
		t.Fatalf("for an admin: %q", got)
	}
	if _, err := e.svc.Retention.Due(e.ctx, officer, ListParams{}); err != ErrForbidden {
		t.Fatalf("an officer's review: %v", err)
	}
	if err := e.svc.Retention.Keep(e.ctx, manager, []int64{other.ID}, "x"); err == nil {
		t.Fatal("a manager kept another office's contact")
	}
	var raw []byte
	ev := must(e.svc.Audit.List(e.ctx, e.as("a.admin"), AuditFilter{Action: []string{ActionRetentionKeep}}))
	raw, _ = json.Marshal(ev.Items)
	if len(ev.Items) != 1 || !strings.Contains(string(raw), "focal point") {
		t.Fatalf("the keep decision's audit: %s", raw)
	}
	// Bulk erasure of the quiet: all or none.
	if err := e.svc.Contacts.EraseMany(e.ctx, manager, []ContactRef{{quiet.ID, quiet.Version}, {other.ID, other.Version}}, "retention"); err == nil {
		t.Fatal("a bulk erasure with another office's contact went through")
	}
	if got := must(e.svc.Contacts.Get(e.ctx, manager, quiet.ID)); got.ErasedAt != nil {
		t.Fatal("a refused bulk erasure erased the first contact")
	}
	if err := e.svc.Contacts.EraseMany(e.ctx, manager, []ContactRef{{quiet.ID, quiet.Version}}, "retention"); err != nil {
		t.Fatal(err)
	}
	if got := names(manager); got != "" {
		t.Fatalf("after erasure: %q", got)
	}
}

func TestImportsCarryConsentEvidence(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	file := "family_name,given_name,consent_basis,consent_date,consent_source\nHodžić,Amra,consent,14.03.2026,\"signed form, Zenica workshop\"\n"
	res := must(e.svc.Import().File(e.ctx, a, ImportFileRequest{Kind: ImportContacts, File: spreadsheet(t, file)}))
	if res.Created != 1 || res.ErrorCount != 0 {
		t.Fatalf("import: %+v", res)
	}
	var c models.Contact
	e.db.Where("family_name = ?", "Hodžić").First(&c)
	if c.ConsentDate == nil || *c.ConsentDate != "2026-03-14" || c.ConsentSource != "signed form, Zenica workshop" {
		t.Fatalf("imported consent: %v %q", c.ConsentDate, c.ConsentSource)
	}
	bad := "family_name,consent_date\nHodžić,2999-01-01\n"
	res = must(e.svc.Import().File(e.ctx, a, ImportFileRequest{Kind: ImportContacts, DryRun: true, File: spreadsheet(t, bad)}))
	if res.ErrorCount != 1 || res.Errors[0].Location != "body.consent_date" {
		t.Fatalf("a consent date in the future: %+v", res.Errors)
	}
}
