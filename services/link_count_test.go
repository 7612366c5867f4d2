package services

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// TestTagTotalsCountTheTaggingsAndAgreeWithTheRows: a list filtered by
// tags alone counts the taggings, which carry what the visibility rule
// reads of their records, instead of the records. The total must stay
// exactly the number of rows the list shows, for readers of either office
// and an admin, with one tag and with two that records share, through a
// restriction, an opening, archiving, restoring and retagging; with any other
// filter the list counts its own rows.
func TestTagTotalsCountTheTaggingsAndAgreeWithTheRows(t *testing.T) {
	e := newEnv(t)
	officers := []Actor{e.as("a.officer"), e.as("b.officer")}
	var contacts, meetings, commitments, visits, orgs [2][]int64
	for o, officer := range officers {
		for i := range 4 {
			tags := []string{"sdg-16"}
			if i%2 == 1 {
				tags = append(tags, "sdg-17") // both: counted once
			}
			restricted := i >= 2
			c := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Amra", FamilyName: fmt.Sprintf("Tagged %d-%d", o, i), Restricted: restricted, Tags: tags}))
			contacts[o] = append(contacts[o], c.ID)
			m := must(e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "meeting", Status: "held", Subject: "Meeting",
				StartsAt: time.Now().AddDate(0, 0, -i-1), Restricted: restricted, Tags: tags}))
			meetings[o] = append(meetings[o], m.ID)
			k := must(e.svc.Commitments.Create(e.ctx, officer, CommitmentInput{Title: "Follow up", Restricted: restricted, Tags: tags}))
			commitments[o] = append(commitments[o], k.ID)
			v := must(e.svc.Visits.Create(e.ctx, officer, VisitInput{Title: "Visit", Kind: "study_visit", Status: "planned",
				StartDate: "2026-03-01", EndDate: "2026-03-02", Tags: tags}))
			visits[o] = append(visits[o], v.ID)
			g := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: fmt.Sprintf("Tagged ministry %d-%d", o, i), Type: "ministry", Tags: tags}))
			orgs[o] = append(orgs[o], g.ID)
		}
	}

	// Each list: its total and how many rows it shows, for a tag filter
	// with or without a second filter that matches every record.
	lists := map[string]totalsList{}
	for _, slugs := range [][]string{{"sdg-16"}, {"sdg-17", "sdg-16"}, {"sdg-17"}} {
		name := fmt.Sprint(slugs)
		lists["contacts by "+name] = func(a Actor, p ListParams, other bool) (answer, error) {
			f := ContactFilter{ListParams: p, Tag: slugs}
			if other {
				f.UpdatedAfter = ptr(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
			}
			pg, err := e.svc.Contacts.List(e.ctx, a, f)
			return answer{shownTotal(pg.Total), len(pg.Items)}, err
		}
		lists["interactions by "+name] = func(a Actor, p ListParams, other bool) (answer, error) {
			f := InteractionFilter{ListParams: p, Tag: slugs}
			if other {
				f.Kind = []string{"meeting"}
			}
			pg, err := e.svc.Interactions.List(e.ctx, a, f)
			return answer{shownTotal(pg.Total), len(pg.Items)}, err
		}
		lists["commitments by "+name] = func(a Actor, p ListParams, other bool) (answer, error) {
			f := CommitmentFilter{ListParams: p, Tag: slugs}
			if other {
				f.Direction = []string{"ours", "theirs", "joint"}
			}
			pg, err := e.svc.Commitments.List(e.ctx, a, f)
			return answer{shownTotal(pg.Total), len(pg.Items)}, err
		}
		lists["visits by "+name] = func(a Actor, p ListParams, other bool) (answer, error) {
			f := VisitFilter{ListParams: p, Tag: slugs}
			if other {
				f.Kind = []string{"study_visit"}
			}
			pg, err := e.svc.Visits.List(e.ctx, a, f)
			return answer{shownTotal(pg.Total), len(pg.Items)}, err
		}
		lists["organizations by "+name] = func(a Actor, p ListParams, other bool) (answer, error) {
			f := OrganizationFilter{ListParams: p, Tag: slugs}
			if other {
				f.Type = []string{"ministry"}
			}
			pg, err := e.svc.Organizations.List(e.ctx, a, f)
			return answer{shownTotal(pg.Total), len(pg.Items)}, err
		}
	}
	verify := func(step string) {
		t.Helper()
		checkLinkTotals(t, e, step, lists, "taggings.archived")
	}
	verify("creating")

	a, b := officers[0], officers[1]
	must(e.svc.Contacts.Update(e.ctx, a, contacts[0][0], nil, ContactPatch{Restricted: To(true)}))
	must(e.svc.Contacts.Update(e.ctx, b, contacts[1][2], nil, ContactPatch{Restricted: To(false)}))
	must(e.svc.Interactions.Update(e.ctx, a, meetings[0][1], nil, InteractionPatch{Restricted: To(true)}))
	must(e.svc.Commitments.Update(e.ctx, b, commitments[1][3], nil, CommitmentPatch{Restricted: To(false)}))
	for _, archive := range []error{
		e.svc.Contacts.Archive(e.ctx, a, contacts[0][1], nil),
		e.svc.Interactions.Archive(e.ctx, b, meetings[1][0], nil),
		e.svc.Commitments.Archive(e.ctx, a, commitments[0][2], nil),
		e.svc.Visits.Archive(e.ctx, b, visits[1][1], nil),
		e.svc.Organizations.Archive(e.ctx, a, orgs[0][3], nil),
	} {
		if archive != nil {
			t.Fatal(archive)
		}
	}
	verify("restricting, opening and archiving")

	must(e.svc.Contacts.Restore(e.ctx, e.as("a.manager"), contacts[0][1]))
	must(e.svc.Organizations.Restore(e.ctx, e.as("a.manager"), orgs[0][3]))
	must(e.svc.Contacts.Update(e.ctx, a, contacts[0][3], nil, ContactPatch{Tags: To([]string{"sdg-17"})}))
	verify("restoring and retagging")
}

// TestOrganizationTotalsCountThePositionsAndParticipants: the people of
// an organization (their positions there, ended ones too) and the
// meetings it took part in are counted from the positions and the
// participants, which carry what the visibility rule reads of the person
// and the meeting. The totals must be the rows the lists show, with a
// person holding two positions there and a meeting naming it twice counted
// once, through restrictions, archiving, a restore and a merge that moves
// a person's positions to another.
func TestOrganizationTotalsCountThePositionsAndParticipants(t *testing.T) {
	e := newEnv(t)
	officers := []Actor{e.as("a.officer"), e.as("b.officer")}
	ministry := must(e.svc.Organizations.Create(e.ctx, officers[0], OrganizationInput{Name: "Ministry of Youth", Type: "ministry"}))
	council := must(e.svc.Organizations.Create(e.ctx, officers[1], OrganizationInput{Name: "Youth Council", Type: "ngo"}))
	var people, meetings [2][]int64
	for o, officer := range officers {
		for i := range 4 {
			restricted := i >= 2
			positions := []PositionInput{{OrganizationID: ministry.ID, Title: "Adviser"}}
			if i%2 == 1 {
				positions = append(positions, PositionInput{OrganizationID: ministry.ID, Title: "Former head", EndDate: ptr("2020-01-01")},
					PositionInput{OrganizationID: council.ID, Title: "Member"})
			}
			c := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Lejla", FamilyName: fmt.Sprintf("Member %d-%d", o, i), Restricted: restricted, Positions: positions}))
			people[o] = append(people[o], c.ID)
			parts := []ParticipantInput{{OrganizationID: &ministry.ID, Role: "host"}}
			if i%2 == 1 {
				parts = append(parts, ParticipantInput{OrganizationID: &council.ID, Role: "participant"})
			}
			m := must(e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "meeting", Status: "held", Subject: "Meeting",
				StartsAt: time.Now().AddDate(0, 0, -i-1), Restricted: restricted, Participants: parts}))
			meetings[o] = append(meetings[o], m.ID)
		}
	}
	lists := map[string]totalsList{}
	for name, orgs := range map[string][]int64{"the ministry": {ministry.ID}, "both": {ministry.ID, council.ID}, "the council": {council.ID}} {
		lists["contacts of "+name] = func(a Actor, p ListParams, other bool) (answer, error) {
			f := ContactFilter{ListParams: p, OrganizationID: orgs}
			if other {
				f.UpdatedAfter = ptr(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
			}
			pg, err := e.svc.Contacts.List(e.ctx, a, f)
			return answer{shownTotal(pg.Total), len(pg.Items)}, err
		}
		lists["meetings of "+name] = func(a Actor, p ListParams, other bool) (answer, error) {
			f := InteractionFilter{ListParams: p, OrganizationID: orgs}
			if other {
				f.Kind = []string{"meeting"}
			}
			pg, err := e.svc.Interactions.List(e.ctx, a, f)
			return answer{shownTotal(pg.Total), len(pg.Items)}, err
		}
	}
	verify := func(step string) {
		t.Helper()
		for name, list := range lists {
			marker := "positions.archived"
			if strings.HasPrefix(name, "meetings") {
				marker = "interaction_participants.archived"
			}
			checkLinkTotals(t, e, step, map[string]totalsList{name: list}, marker)
		}
	}
	verify("creating")

	a, b := officers[0], officers[1]
	must(e.svc.Contacts.Update(e.ctx, a, people[0][1], nil, ContactPatch{Restricted: To(true)}))
	must(e.svc.Contacts.Update(e.ctx, b, people[1][3], nil, ContactPatch{Restricted: To(false)}))
	must(e.svc.Interactions.Update(e.ctx, a, meetings[0][0], nil, InteractionPatch{Restricted: To(true)}))
	for _, archive := range []error{
		e.svc.Contacts.Archive(e.ctx, a, people[0][0], nil),
		e.svc.Interactions.Archive(e.ctx, b, meetings[1][1], nil),
	} {
		if archive != nil {
			t.Fatal(archive)
		}
	}
	verify("restricting, opening and archiving")

	must(e.svc.Contacts.Restore(e.ctx, e.as("a.manager"), people[0][0]))
	// The restricted person's positions move to an open one.
	must(e.svc.Merges.MergeContacts(e.ctx, e.as("a.manager"), people[0][0], nil, MergeInput{From: []int64{people[0][3]}}))
	verify("restoring and merging")
}

// answer is what a list shows: its total, and how many rows.
type answer struct {
	total int64
	rows  int
}

// totalsList asks one list, filtered through a link, for a page; other adds
// a second filter that every record matches (so that the list counts its
// own rows).
type totalsList func(a Actor, p ListParams, other bool) (answer, error)

// checkLinkTotals asks every list, as readers of either office and an
// admin, for its rows, its total counted from the links (the counting
// statement names marker) and its total with the second filter (counted
// from the records), and expects the three to agree.
func checkLinkTotals(t *testing.T, e *env, step string, lists map[string]totalsList, marker string) {
	t.Helper()
	checks, err := models.Check(e.ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		if c.Table == models.LinkCopyCheck && !c.Clean() {
			t.Errorf("after %s, liaison check: %v", step, c)
		}
	}
	var counted []string
	name := "test:link_totals_" + strings.ReplaceAll(t.Name(), "/", "_")
	err = e.db.Callback().Query().After("gorm:query").Register(name, func(tx *gorm.DB) {
		if s := tx.Statement.SQL.String(); strings.Contains(s, "AS counted") {
			counted = append(counted, s)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer e.db.Callback().Query().Remove(name)
	fresh := func() {
		t.Helper()
		counted = nil
		// else a total kept from an earlier reader who sees the same rows is given
		if err := e.db.Exec(models.RaiseListEpoch).Error; err != nil {
			t.Fatal(err)
		}
	}
	for name, list := range lists {
		for _, who := range []string{"a.viewer", "b.manager", "a.admin"} {
			at := fmt.Sprintf("after %s, %s for %s", step, name, who)
			shown, err := list(e.as(who), ListParams{Limit: MaxLimit}, false)
			if err != nil {
				t.Fatalf("%s: %v", at, err)
			}
			fresh()
			fromLinks, err := list(e.as(who), ListParams{Limit: 1, Count: true}, false)
			if err != nil {
				t.Fatalf("%s: %v", at, err)
			}
			if len(counted) != 1 || !strings.Contains(counted[0], marker) {
				t.Fatalf("%s: the total was not counted from the links: %q", at, counted)
			}
			fresh()
			fromRows, err := list(e.as(who), ListParams{Limit: 1, Count: true}, true)
			if err != nil {
				t.Fatalf("%s: %v", at, err)
			}
			if len(counted) != 1 || strings.Contains(counted[0], marker) {
				t.Fatalf("%s with another filter: the total was not counted from the rows: %q", at, counted)
			}
			if fromLinks.total != int64(shown.rows) || fromRows.total != int64(shown.rows) || shown.rows == 0 {
				t.Errorf("%s: total %d from the links, %d from the rows, %d rows shown", at, fromLinks.total, fromRows.total, shown.rows)
			}
		}
	}
}

// shownTotal is a page's total, -1 when it has none.
func shownTotal(n *int64) int64 {
	if n == nil {
		return -1
	}
	return *n
}
