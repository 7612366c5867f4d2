package services

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// activityRows returns the maintained organization_activity rows and the
// same rows counted from the history, each as "org kind record contact" -> at.
func activityRows(t *testing.T, e *env) (kept, fresh map[string]string) {
	t.Helper()
	row := func(scan func(dest ...any) error) (string, string, bool) {
		var org, record, contact int64
		var kind, at string
		if err := scan(&org, &kind, &record, &contact, &at); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%d %s %d %d", org, kind, record, contact), at, true
	}
	kept = readRows(t, e, "SELECT organization_id, kind, record_id, contact_id, at FROM "+models.ActivityTable, row)
	fresh = readRows(t, e, models.ActivityRecount(e.db), row)
	return kept, fresh
}

// participationTimeline is an organization's timeline read from the
// participations themselves, the way it was read before
// organization_activity: the reference the table's pages must equal.
func participationTimeline(e *env, actor Actor, org int64, limit int, cursor string) (TimelinePage, error) {
	people, args := "SELECT contact_id FROM positions WHERE organization_id = ?", []any{org}
	if !actor.IsAdmin() {
		people = "SELECT p.contact_id FROM positions p WHERE p.organization_id = ? AND NOT EXISTS " +
			"(SELECT 1 FROM contacts k WHERE k.id = p.contact_id AND k.restricted AND k.office_id <> ?)"
		args = append(args, actor.OfficeID)
	}
	touches := func(table, parent string) timelineSource {
		return timelineSource{
			sql:  "SELECT " + parent + " FROM " + table + " WHERE organization_id = ? UNION SELECT " + parent + " FROM " + table + " WHERE contact_id IN (" + people + ")",
			args: append([]any{org}, args...),
		}
	}
	return timeline(e.db.WithContext(e.ctx), actor, timelineSources{
		interactions: touches("interaction_participants", "interaction_id"),
		visits:       touches("visit_participants", "visit_id"),
		commitments: timelineSource{
			sql: "SELECT id FROM commitments WHERE counterpart_organization_id = ? AND deleted_at IS NULL UNION " +
				"SELECT id FROM commitments WHERE counterpart_contact_id IN (" + people + ") AND deleted_at IS NULL",
			args: append([]any{org}, args...),
		},
	}, limit, cursor)
}

// timelineKeys walks every page of a timeline and lists its entries.
func timelineKeys(t *testing.T, read func(cursor string) (TimelinePage, error)) []string {
	t.Helper()
	var out []string
	cursor := ""
	for range 1000 {
		page, err := read(cursor)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			id := int64(0)
			switch {
			case it.Interaction != nil:
				id = it.Interaction.ID
			case it.Visit != nil:
				id = it.Visit.ID
			case it.Commitment != nil:
				id = it.Commitment.ID
			}
			out = append(out, fmt.Sprintf("%s %d", it.Kind, id))
		}
		if page.NextCursor == "" {
			return out
		}
		cursor = page.NextCursor
	}
	t.Fatal("the timeline does not end")
	return nil
}

// A random sequence of every kind of write that opens or closes a path from
// an organization to a record keeps organization_activity equal to a count
// from scratch after each step, and every organization's timeline, for
// every kind of reader and paged three at a time, equal to the same
// timeline read from the participations.
func TestActivityFollowsEveryChange(t *testing.T) {
	e := newEnv(t)
	rng := rand.New(rand.NewPCG(11, 2026))
	officers := []Actor{e.as("a.officer"), e.as("b.officer")}
	managers := []Actor{e.as("a.manager"), e.as("b.manager")}
	readers := []Actor{e.as("a.viewer"), e.as("b.viewer"), e.as("a.admin")}
	pick := func(n int) int { return rng.IntN(n) }

	cast := newRandomCast(t, e, pick, officers, nil, 4)
	orgs, people, positions := cast.orgs, cast.people, cast.positions
	// someone an officer of office o may name: a person not restricted to the
	// other office, or an organization.
	someone := func(o int) (org, contact *int64) {
		if c := people[pick(len(people))]; pick(2) == 0 && (!c.restricted || c.office == o) {
			return nil, ptr(c.id)
		}
		return ptr(orgs[pick(len(orgs))]), nil
	}
	participants := func(o int, side bool) []ParticipantInput {
		var ps []ParticipantInput
		seen := map[[2]int64]bool{}
		for range 1 + pick(3) {
			org, contact := someone(o)
			p := ParticipantInput{OrganizationID: org, ContactID: contact, Role: "participant"}
			if side {
				p.Side, p.Role = "host", "host"
			}
			// A participant takes part once (validateParticipants).
			key := [2]int64{derefID(org), derefID(contact)}
			if seen[key] {
				continue
			}
			seen[key] = true
			ps = append(ps, p)
		}
		return ps
	}
	day := func() time.Time { return models.Now().AddDate(0, 0, -pick(400)).Truncate(time.Hour) }
	date := func() string { return day().Format(time.DateOnly) }
	type record struct {
		id       int64
		office   int
		archived bool
	}
	var meetings, visits, commitments []record
	check := func(step int, what string) {
		t.Helper()
		kept, fresh := activityRows(t, e)
		if !maps.Equal(kept, fresh) {
			t.Fatalf("step %d (%s):\nkept    %v\ncounted %v", step, what, kept, fresh)
		}
		if step%10 != 9 {
			return
		}
		for _, org := range orgs {
			for _, r := range readers {
				got := timelineKeys(t, func(c string) (TimelinePage, error) { return e.svc.Organizations.Timeline(e.ctx, r, org, 3, c) })
				want := timelineKeys(t, func(c string) (TimelinePage, error) { return participationTimeline(e, r, org, 3, c) })
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("step %d (%s): timeline of org %d for %s:\ngot  %v\nwant %v", step, what, org, r.Role, got, want)
				}
			}
		}
	}
	toggle := func(list []record, archive, restore func(r record) error) string {
		i := pick(len(list))
		if list[i].archived {
			if err := restore(list[i]); err != nil {
				t.Fatal(err)
			}
		} else if err := archive(list[i]); err != nil {
			t.Fatal(err)
		}
		list[i].archived = !list[i].archived
		return "archive or restore"
	}

	for step := range 90 {
		var what string
		o := pick(2)
		switch op := pick(14); {
		case op <= 1 || len(meetings) == 0:
			what = "create an interaction"
			it := must(e.svc.Interactions.Create(e.ctx, officers[o], InteractionInput{Kind: "meeting", Status: "held", Subject: "Meeting",
				StartsAt: day(), Restricted: pick(3) == 0, Participants: participants(o, false)}))
			meetings = append(meetings, record{id: it.ID, office: o})
		case op == 2 || len(visits) == 0:
			what = "create a visit"
			start := date()
			v := must(e.svc.Visits.Create(e.ctx, officers[o], VisitInput{Title: "Visit", Kind: "study_visit", Status: "planned",
				StartDate: start, EndDate: start, Participants: participants(o, true)}))
			visits = append(visits, record{id: v.ID, office: o})
		case op == 3 || len(commitments) == 0:
			what = "create a commitment"
			org, contact := someone(o)
			if pick(2) == 0 {
				org, _ = someone(o)
			}
			c := must(e.svc.Commitments.Create(e.ctx, officers[o], CommitmentInput{Title: "Follow up", Restricted: pick(3) == 0,
				CounterpartOrganizationID: org, CounterpartContactID: contact}))
			commitments = append(commitments, record{id: c.ID, office: o})
		case op == 4:
			what = "import interactions and visits"
			ids := must(e.svc.Import().Interactions(e.ctx, officers[o], []InteractionInput{
				{Kind: "call", Status: "held", Subject: "Call", StartsAt: day(), Participants: participants(o, false)},
				{Kind: "meeting", Status: "planned", Subject: "Meeting", StartsAt: day(), Participants: participants(o, false)}}))
			for _, id := range ids {
				meetings = append(meetings, record{id: id, office: o})
			}
			start := date()
			vs := must(e.svc.Import().Visits(e.ctx, officers[o], []VisitInput{{Title: "Imported visit", Kind: "field_visit", Status: "completed",
				StartDate: start, EndDate: start, Participants: participants(o, true)}}))
			visits = append(visits, record{id: vs[0], office: o})
		case op == 5:
			m := meetings[pick(len(meetings))]
			if m.archived {
				continue
			}
			var p InteractionPatch
			if pick(2) == 0 {
				what, p.StartsAt = "move an interaction", To(day())
			} else {
				what, p.Participants = "replace an interaction's participants", To(participants(m.office, false))
			}
			must(e.svc.Interactions.Update(e.ctx, officers[m.office], m.id, nil, p))
		case op == 6:
			v := visits[pick(len(visits))]
			if v.archived {
				continue
			}
			var p VisitPatch
			if pick(2) == 0 {
				start := date()
				what, p.StartDate, p.EndDate = "move a visit", To(start), To(start)
			} else {
				what, p.Participants = "replace a visit's participants", To(participants(v.office, true))
			}
			must(e.svc.Visits.Update(e.ctx, officers[v.office], v.id, nil, p))
		case op == 7:
			c := commitments[pick(len(commitments))]
			if c.archived {
				continue
			}
			what = "change a commitment's counterpart"
			org, contact := someone(c.office)
			must(e.svc.Commitments.Update(e.ctx, officers[c.office], c.id, nil, CommitmentPatch{
				CounterpartOrganizationID: To(org), CounterpartContactID: To(contact)}))
		case op == 8:
			what = "change positions"
			c := people[pick(len(people))]
			must(e.svc.Contacts.Update(e.ctx, officers[c.office], c.id, nil, ContactPatch{Positions: To(positions())}))
		case op == 9:
			what = "restrict or open a person"
			i := pick(len(people))
			people[i].restricted = pick(2) == 0
			must(e.svc.Contacts.Update(e.ctx, officers[people[i].office], people[i].id, nil, ContactPatch{Restricted: To(people[i].restricted)}))
		case op == 10:
			what = "import a contact with positions"
			ids := must(e.svc.Import().Contacts(e.ctx, officers[o], []ContactInput{{GivenName: "Imported", FamilyName: fmt.Sprint(step), Positions: positions()}}))
			people = append(people, castPerson{id: ids[0], office: o})
		case op == 11:
			what = toggle(meetings, func(r record) error { return e.svc.Interactions.Archive(e.ctx, officers[r.office], r.id, nil) },
				func(r record) error {
					_, err := e.svc.Interactions.Restore(e.ctx, managers[r.office], r.id)
					return err
				})
		case op == 12:
			what = toggle(visits, func(r record) error { return e.svc.Visits.Archive(e.ctx, officers[r.office], r.id, nil) },
				func(r record) error { _, err := e.svc.Visits.Restore(e.ctx, managers[r.office], r.id); return err })
		default:
			what = toggle(commitments, func(r record) error { return e.svc.Commitments.Archive(e.ctx, officers[r.office], r.id, nil) },
				func(r record) error { _, err := e.svc.Commitments.Restore(e.ctx, managers[r.office], r.id); return err })
		}
		check(step, what)
	}
	kept, _ := activityRows(t, e)
	kinds := map[string]bool{}
	for key := range kept {
		var org, record, contact int64
		var kind string
		fmt.Sscanf(key, "%d %s %d %d", &org, &kind, &record, &contact)
		kinds[fmt.Sprintf("%s via person %t", kind, contact != 0)] = true
	}
	if len(kinds) < 6 {
		t.Errorf("the sequence left only these kinds of path: %v", kinds)
	}
}

// Every kind of write of the same people at the same time, in many
// transactions at once — meetings with follow-ups naming them in different
// orders, their positions replaced (with and without a version, with their
// restriction changed), meetings moved, commitments given another
// counterpart — all succeed, and the table still equals a count from
// scratch: a meeting and a position written together each see the other.
func TestActivityUnderConcurrentWrites(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	var orgs, people []int64
	for i := range 3 {
		orgs = append(orgs, must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: fmt.Sprintf("Org %d", i), Type: "ngo"})).ID)
	}
	for i := range 4 {
		people = append(people, must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Person", FamilyName: fmt.Sprint(i),
			Positions: []PositionInput{{OrganizationID: orgs[i%len(orgs)], Title: "Adviser"}}})).ID)
	}
	var meetings, commitments []int64
	for i := range 4 {
		it := must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "meeting", Status: "held", Subject: "Meeting",
			StartsAt: models.Now().AddDate(0, 0, -i), Participants: []ParticipantInput{{ContactID: ptr(people[i]), Role: "participant"}},
			Commitments: []CommitmentInput{{Title: "Follow up", CounterpartContactID: ptr(people[(i+1)%len(people)])}}}))
		meetings = append(meetings, it.ID)
		commitments = append(commitments, must(e.svc.Commitments.List(e.ctx, a, CommitmentFilter{InteractionID: []int64{it.ID}})).Items[0].ID)
	}
	const writers = 8
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 6 {
				n := w + round
				var err error
				switch w % 4 {
				case 0:
					// The people in a different order in every writer.
					var ps []ParticipantInput
					for i := range people {
						ps = append(ps, ParticipantInput{ContactID: ptr(people[(i+n)%len(people)]), Role: "participant"})
					}
					_, err = e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "meeting", Status: "held", Subject: "Meeting",
						StartsAt: models.Now().AddDate(0, 0, -n), Participants: ps,
						Commitments: []CommitmentInput{{Title: "Follow up", CounterpartContactID: ptr(people[(n+1)%len(people)])}}})
				case 1:
					id := people[n%len(people)]
					var version *int64
					if round%2 == 0 {
						c, gerr := e.svc.Contacts.Get(e.ctx, a, id)
						if gerr != nil {
							err = gerr
							break
						}
						version = &c.Version
					}
					_, err = e.svc.Contacts.Update(e.ctx, a, id, version, ContactPatch{Restricted: To(round%3 == 0), Positions: To([]PositionInput{
						{OrganizationID: orgs[n%len(orgs)], Title: "Adviser"}, {OrganizationID: orgs[(n+1)%len(orgs)], Title: "Member"}})})
					if errors.Is(err, ErrStale) {
						err = nil // another writer changed the person first: what If-Match is for
					}
				case 2:
					_, err = e.svc.Interactions.Update(e.ctx, a, meetings[n%len(meetings)], nil, InteractionPatch{StartsAt: To(models.Now().AddDate(0, 0, -10*n))})
				default:
					_, err = e.svc.Commitments.Update(e.ctx, a, commitments[n%len(commitments)], nil, CommitmentPatch{CounterpartContactID: To(ptr(people[n%len(people)]))})
				}
				if err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Errorf("writer %d: %v", w, err)
		}
	}
	kept, fresh := activityRows(t, e)
	if !maps.Equal(kept, fresh) {
		t.Fatalf("after concurrent writes:\nkept    %v\ncounted %v", kept, fresh)
	}
}

// A meeting moved while a position of one of its people is added, in two
// open transactions, in either order: the path the position opens carries
// the meeting's new time (whichever writes second waits for the first and
// sees what it committed).
func TestActivityMoveBesidePosition(t *testing.T) {
	for _, moveFirst := range []bool{true, false} {
		t.Run(fmt.Sprintf("move first %t", moveFirst), func(t *testing.T) {
			e := newEnv(t)
			a := e.as("a.officer")
			org := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry", Type: "ministry"})).ID
			person := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Amra", FamilyName: "Hodžić"})).ID
			it := must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "meeting", Status: "held", Subject: "Meeting",
				StartsAt: models.Now().AddDate(0, 0, -3), Participants: []ParticipantInput{{ContactID: &person, Role: "participant"}}}))
			move := func(tx *gorm.DB) error {
				return tx.Exec("UPDATE interactions SET starts_at = ? WHERE id = ?", models.Now().AddDate(0, 0, -30), it.ID).Error
			}
			position := func(tx *gorm.DB) error {
				return tx.Exec("INSERT INTO positions (contact_id, organization_id, title, created_at) VALUES (?, ?, 'Adviser', ?)", person, org, models.Now()).Error
			}
			first, second := move, position
			if !moveFirst {
				first, second = position, move
			}
			tx := e.db.Begin()
			if err := first(tx); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				done <- e.db.Transaction(second)
			}()
			select {
			case err := <-done:
				t.Fatalf("the second write did not wait for the first (%v)", err)
			case <-time.After(300 * time.Millisecond):
			}
			if err := tx.Commit().Error; err != nil {
				t.Fatal(err)
			}
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			kept, fresh := activityRows(t, e)
			if !maps.Equal(kept, fresh) {
				t.Fatalf("kept    %v\ncounted %v", kept, fresh)
			}
			if len(kept) != 1 {
				t.Fatalf("want the one path through the person: %v", kept)
			}
		})
	}
}

// An import batch of 16,000 people with positions, then a batch of
// meetings naming all of them, goes in whole and leaves the table equal to
// a count from scratch. On PostgreSQL a lock per person would overflow the
// server's lock table (about 12,000 to 15,000 entries with the default
// settings: "out of shared memory"); the batch takes one lock for everyone.
func TestActivityAfterLargeImports(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	org := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry", Type: "ministry"})).ID
	const people = 16000
	in := make([]ContactInput, people)
	for i := range in {
		in[i] = ContactInput{GivenName: "Person", FamilyName: fmt.Sprint(i), Positions: []PositionInput{{OrganizationID: org, Title: "Officer"}}}
	}
	ids := must(e.svc.Import().Contacts(e.ctx, a, in))
	meetings := make([]InteractionInput, people/2)
	for i := range meetings {
		meetings[i] = InteractionInput{Kind: "meeting", Status: "held", Subject: "Meeting", StartsAt: models.Now().AddDate(0, 0, -i%300),
			Participants: []ParticipantInput{{ContactID: &ids[2*i], Role: "participant"}, {ContactID: &ids[2*i+1], Role: "participant"}}}
	}
	must(e.svc.Import().Interactions(e.ctx, a, meetings))
	kept, fresh := activityRows(t, e)
	if len(kept) != people || !maps.Equal(kept, fresh) {
		t.Fatalf("%d rows kept, %d counted; want %d, equal", len(kept), len(fresh), people)
	}
}

func derefID(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}
