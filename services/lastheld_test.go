package services

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"liaison/models"
	"liaison/services/query"
)

// lastHeld returns the maintained organization_last_held rows and the same
// rows counted from the history, each as "org office restricted" -> date.
// Rows without a date (everything they stood for is gone) are left out.
func lastHeld(t *testing.T, e *env) (kept, fresh map[string]string) {
	t.Helper()
	row := func(scan func(dest ...any) error) (string, string, bool) {
		var org, office int64
		var restricted any
		var at query.Time
		if err := scan(&org, &office, &restricted, &at); err != nil {
			t.Fatal(err)
		}
		r := fmt.Sprint(restricted) == "true" || fmt.Sprint(restricted) == "1"
		return fmt.Sprintf("%d %d %t", org, office, r), at.Time.UTC().Format(time.RFC3339Nano), at.Valid
	}
	kept = readRows(t, e, "SELECT organization_id, office_id, restricted, last_held_at FROM "+models.LastHeldTable, row)
	fresh = readRows(t, e, models.LastHeldRecount(), row)
	return kept, fresh
}

// A random sequence of every kind of write that can move the last held
// interaction of an organization keeps organization_last_held equal to a
// count from scratch after each step.
func TestLastHeldFollowsEveryChange(t *testing.T) {
	e := newEnv(t)
	rng := rand.New(rand.NewPCG(7, 2026))
	officers := []Actor{e.as("a.officer"), e.as("b.officer")}
	managers := []Actor{e.as("a.manager"), e.as("b.manager")}
	pick := func(n int) int { return rng.IntN(n) }

	cast := newRandomCast(t, e, pick, officers, ptr(5), 3)
	orgs, people, positions := cast.orgs, cast.people, cast.positions
	type meeting struct {
		id       int64
		office   int
		archived bool
	}
	var meetings []meeting
	// The participants an officer of office o may name: every organization,
	// and the people not restricted to the other office.
	participants := func(o int) []ParticipantInput {
		var ps []ParticipantInput
		seen := map[string]bool{}
		for range 1 + pick(3) {
			var p ParticipantInput
			if c := people[pick(len(people))]; pick(2) == 0 || (c.restricted && c.office != o) {
				p = ParticipantInput{OrganizationID: ptr(orgs[pick(len(orgs))]), Role: "participant"}
			} else {
				p = ParticipantInput{ContactID: ptr(c.id), Role: "participant"}
			}
			key := fmt.Sprint(derefID(p.OrganizationID), derefID(p.ContactID))
			if !seen[key] {
				seen[key] = true
				ps = append(ps, p)
			}
		}
		return ps
	}
	day := func() time.Time { return models.Now().AddDate(0, 0, -pick(400)).Truncate(time.Hour) }
	status := func() string { return []string{"held", "held", "held", "planned", "cancelled"}[pick(5)] }
	input := func(o int) InteractionInput {
		return InteractionInput{Kind: "meeting", Status: status(), Subject: "Meeting", StartsAt: day(),
			Restricted: pick(3) == 0, Participants: participants(o)}
	}
	check := func(step int, what string) {
		t.Helper()
		kept, fresh := lastHeld(t, e)
		if !maps.Equal(kept, fresh) {
			t.Fatalf("step %d (%s):\nkept    %v\ncounted %v", step, what, kept, fresh)
		}
		// The stale review's kept rankings follow too.
		for _, who := range []string{"a.viewer", "b.viewer"} {
			f := StaleFilter{Days: 200}
			got, want := staleSummary(t, e.svc.Organizations, e, who, f), staleSummary(t, &OrganizationService{db: e.db}, e, who, f)
			if !slices.Equal(got, want) {
				t.Fatalf("step %d (%s), %s: stale review kept %v, afresh %v", step, what, who, got, want)
			}
		}
	}

	for step := range 80 {
		var what string
		switch op := pick(10); {
		case op <= 2 || len(meetings) == 0:
			what = "create an interaction"
			o := pick(2)
			it := must(e.svc.Interactions.Create(e.ctx, officers[o], input(o)))
			meetings = append(meetings, meeting{id: it.ID, office: o})
		case op == 3:
			what = "import interactions"
			o := pick(2)
			ids := must(e.svc.Import().Interactions(e.ctx, officers[o], []InteractionInput{input(o), input(o)}))
			for _, id := range ids {
				meetings = append(meetings, meeting{id: id, office: o})
			}
		case op == 4:
			m := meetings[pick(len(meetings))]
			if m.archived {
				what = "restore an interaction"
				must(e.svc.Interactions.Restore(e.ctx, managers[m.office], m.id))
			} else {
				what = "archive an interaction"
				if err := e.svc.Interactions.Archive(e.ctx, officers[m.office], m.id, nil); err != nil {
					t.Fatal(err)
				}
			}
			i := slices.IndexFunc(meetings, func(x meeting) bool { return x.id == m.id })
			meetings[i].archived = !m.archived
		case op <= 6:
			m := meetings[pick(len(meetings))]
			if m.archived {
				continue
			}
			var p InteractionPatch
			switch pick(4) {
			case 0:
				what, p.Status = "change a status", To(status())
			case 1:
				what, p.StartsAt = "move an interaction", To(day())
			case 2:
				what, p.Restricted = "restrict or open an interaction", To(pick(2) == 0)
			default:
				what, p.Participants = "replace participants", To(participants(m.office))
			}
			must(e.svc.Interactions.Update(e.ctx, officers[m.office], m.id, nil, p))
		case op == 7:
			what = "change positions"
			c := people[pick(len(people))]
			must(e.svc.Contacts.Update(e.ctx, officers[c.office], c.id, nil, ContactPatch{Positions: To(positions())}))
		case op == 8:
			what = "restrict or open a person"
			i := pick(len(people))
			people[i].restricted = pick(2) == 0
			must(e.svc.Contacts.Update(e.ctx, officers[people[i].office], people[i].id, nil, ContactPatch{Restricted: To(people[i].restricted)}))
		default:
			what = "import a contact with positions"
			o := pick(2)
			ids := must(e.svc.Import().Contacts(e.ctx, officers[o], []ContactInput{{GivenName: "Imported", FamilyName: fmt.Sprint(step), Positions: positions()}}))
			people = append(people, castPerson{id: ids[0], office: o})
		}
		check(step, what)
	}
	kept, _ := lastHeld(t, e)
	if len(kept) < 5 {
		t.Errorf("the sequence touched only %d rows: %v", len(kept), kept)
	}
}

// A restricted interaction of one office gives its date to that office
// and to admins only: for everyone else the organization stays never met.
func TestLastHeldKeepsRestrictedDatesHidden(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	donor := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Quiet donor", Type: "donor", Influence: ptr(5)}))
	person := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Lejla", FamilyName: "Kovač",
		Positions: []PositionInput{{OrganizationID: donor.ID, Title: "Director"}}}))
	when := time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)
	must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "meeting", Status: "held", Subject: "Private talk", StartsAt: when,
		Restricted: true, Participants: []ParticipantInput{{ContactID: &person.ID, Role: "participant"}}}))
	last := func(who string) *time.Time {
		t.Helper()
		for _, r := range must(e.svc.Organizations.Stale(e.ctx, e.as(who), StaleFilter{Days: 30})) {
			if r.ID == donor.ID {
				return r.LastHeldAt
			}
		}
		t.Fatalf("%s: the donor is not stale", who)
		return nil
	}
	for _, who := range []string{"a.viewer", "b.admin"} {
		if at := last(who); at == nil || !at.Equal(when) {
			t.Errorf("%s: last held %v, want %v", who, at, when)
		}
	}
	if at := last("b.viewer"); at != nil {
		t.Errorf("another office learns the date of a restricted meeting: %v", at)
	}
	// Restricting the person takes the meeting's date away from everyone:
	// through a person hidden from them, other offices would learn that
	// someone they may not see was at a meeting they can (the table does
	// not know who the person was), so such paths count for no one.
	must(e.svc.Contacts.Update(e.ctx, a, person.ID, nil, ContactPatch{Restricted: To(true)}))
	for _, who := range []string{"a.viewer", "b.viewer", "b.admin"} {
		if at := last(who); at != nil {
			t.Errorf("%s: last held %v through a restricted person", who, at)
		}
	}
	must(e.svc.Contacts.Update(e.ctx, a, person.ID, nil, ContactPatch{Restricted: To(false)}))
	if at := last("a.viewer"); at == nil || !at.Equal(when) {
		t.Errorf("opened again: last held %v, want %v", at, when)
	}
	// Ending the position leaves nothing that touched the donor.
	must(e.svc.Contacts.Update(e.ctx, a, person.ID, nil, ContactPatch{Positions: To([]PositionInput{{OrganizationID: donor.ID, Title: "Director", EndDate: ptr("2024-12-31")}})}))
	if at := last("a.viewer"); at != nil {
		t.Errorf("after the position ended: %v", at)
	}
}
