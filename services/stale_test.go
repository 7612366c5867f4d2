package services

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"liaison/models"
)

// staleSummary is what a reader of the stale review sees, in order.
func staleSummary(t *testing.T, s *OrganizationService, e *env, who string, f StaleFilter) []string {
	t.Helper()
	var out []string
	for _, r := range must(s.Stale(e.ctx, e.as(who), f)) {
		at := "never"
		if r.LastHeldAt != nil {
			at = r.LastHeldAt.UTC().Format(time.RFC3339)
		}
		out = append(out, fmt.Sprintf("%s|%s|%d", r.Name, at, r.OpenCommitments))
	}
	return out
}

// The stale review keeps rankings between requests. Every kind of write
// that moves a ranking must show in the next review, exactly as a review
// computed from scratch (a new service, whose cache is empty) shows it.
// Each step is one such write, and the test checks that it did change what
// its reader sees, so that no step passes by changing nothing.
func TestStaleReviewFollowsEveryWrite(t *testing.T) {
	e := newEnv(t)
	a, b := e.as("a.officer"), e.as("b.officer")
	cached := e.svc.Organizations
	readers := []string{"a.viewer", "b.viewer", "b.admin"}
	filters := []StaleFilter{{Days: 30}, {Days: 100}, {Days: 30, CountryCode: []string{"IQ"}}, {Days: 30, Limit: 2}}
	views := func() map[string][]string {
		fresh := &OrganizationService{db: e.db}
		out := map[string][]string{}
		for _, who := range readers {
			for _, f := range filters {
				key := fmt.Sprintf("%s %+v", who, f)
				got, want := staleSummary(t, cached, e, who, f), staleSummary(t, fresh, e, who, f)
				if !slices.Equal(got, want) {
					t.Fatalf("%s: the kept ranking says\n%v\nranked afresh:\n%v", key, got, want)
				}
				out[key] = want
			}
		}
		return out
	}
	step := func(what, who string, f StaleFilter, write func()) {
		t.Helper()
		before := views()
		write()
		after := views()
		key := fmt.Sprintf("%s %+v", who, f)
		if slices.Equal(before[key], after[key]) {
			t.Fatalf("%s: changed nothing %s sees (%v); the step tests nothing", what, who, after[key])
		}
	}
	month := StaleFilter{Days: 30}

	quiet := must(cached.Create(e.ctx, a, OrganizationInput{Name: "Carol Foundation", Type: "ngo", Influence: ptr(5)}))
	minor := must(cached.Create(e.ctx, a, OrganizationInput{Name: "Minor league", Type: "ngo", Influence: ptr(2), CountryCode: ptr("BA")}))
	views() // every ranking kept

	var org *OrganizationView
	step("a new key stakeholder", "a.viewer", month, func() {
		o := must(cached.Create(e.ctx, a, OrganizationInput{Name: "Beta ministry", Type: "ministry", Influence: ptr(4)}))
		org = &o
	})
	var meeting InteractionView
	step("a held meeting with it", "a.viewer", month, func() {
		meeting = must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "meeting", Status: "held", Subject: "Talk",
			StartsAt: models.Now().AddDate(0, 0, -3), Participants: []ParticipantInput{{OrganizationID: &org.ID, Role: "participant"}}}))
	})
	step("the meeting archived", "a.viewer", month, func() {
		if err := e.svc.Interactions.Archive(e.ctx, a, meeting.ID, nil); err != nil {
			t.Fatal(err)
		}
	})
	step("the meeting restored", "a.viewer", month, func() { must(e.svc.Interactions.Restore(e.ctx, e.as("a.manager"), meeting.ID)) })
	step("the meeting moved back in time", "a.viewer", StaleFilter{Days: 100}, func() {
		must(e.svc.Interactions.Update(e.ctx, a, meeting.ID, nil, InteractionPatch{StartsAt: To(models.Now().AddDate(0, 0, -200))}))
	})
	step("the meeting restricted to its office", "b.viewer", StaleFilter{Days: 100}, func() {
		must(e.svc.Interactions.Update(e.ctx, a, meeting.ID, nil, InteractionPatch{Restricted: To(true)}))
	})
	step("influence raised", "a.viewer", month, func() {
		must(cached.Update(e.ctx, a, minor.ID, nil, OrganizationPatch{Influence: To(ptr(5))}))
	})
	step("a rename that reorders", "a.viewer", month, func() {
		must(cached.Update(e.ctx, a, quiet.ID, nil, OrganizationPatch{Name: To("Zeta Foundation")}))
	})
	step("moved to another country", "a.viewer", StaleFilter{Days: 30, CountryCode: []string{"IQ"}}, func() {
		must(cached.Update(e.ctx, a, minor.ID, nil, OrganizationPatch{CountryCode: To(ptr("IQ"))}))
	})
	step("an organization archived", "a.viewer", month, func() {
		if err := cached.Archive(e.ctx, a, quiet.ID, nil); err != nil {
			t.Fatal(err)
		}
	})
	step("and restored", "a.viewer", month, func() { must(cached.Restore(e.ctx, e.as("a.manager"), quiet.ID)) })

	low := must(cached.Create(e.ctx, b, OrganizationInput{Name: "Low influence partner", Type: "ngo", Influence: ptr(1)}))
	var promise CommitmentView
	step("an open commitment with it", "b.viewer", month, func() {
		promise = must(e.svc.Commitments.Create(e.ctx, b, CommitmentInput{Title: "Send the draft", CounterpartOrganizationID: &low.ID}))
	})
	step("the commitment restricted", "a.viewer", month, func() {
		must(e.svc.Commitments.Update(e.ctx, b, promise.ID, nil, CommitmentPatch{Restricted: To(true)}))
	})
	step("the commitment done", "b.viewer", month, func() {
		must(e.svc.Commitments.Update(e.ctx, b, promise.ID, nil, CommitmentPatch{Status: To("done"), ClosureNote: To("Sent")}))
	})
	step("commitments imported", "b.admin", month, func() {
		must(e.svc.Import().Commitments(e.ctx, b, []CommitmentInput{{Title: "One", CounterpartOrganizationID: &low.ID}, {Title: "Two", CounterpartOrganizationID: &low.ID}}))
	})
	step("organizations imported", "b.viewer", month, func() {
		must(e.svc.Import().Organizations(e.ctx, b, []OrganizationInput{{Name: "Alpha imported", Type: "ngo", Influence: ptr(5)}}))
	})
	person := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Edin", FamilyName: "Mujić"}))
	must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "call", Status: "held", Subject: "Call",
		StartsAt: models.Now().AddDate(0, 0, -1), Participants: []ParticipantInput{{ContactID: &person.ID, Role: "participant"}}}))
	step("a position at a stale organization, held by someone met yesterday", "a.viewer", month, func() {
		must(e.svc.Contacts.Update(e.ctx, a, person.ID, nil, ContactPatch{Positions: To([]PositionInput{{OrganizationID: quiet.ID, Title: "Director"}})}))
	})
	step("the person restricted", "a.viewer", month, func() {
		must(e.svc.Contacts.Update(e.ctx, a, person.ID, nil, ContactPatch{Restricted: To(true)}))
	})

	// Days are cut from a kept ranking when it is read: asking for another
	// number of days changes the answer without any write.
	if got, want := staleSummary(t, cached, e, "a.viewer", StaleFilter{Days: 1}), staleSummary(t, &OrganizationService{db: e.db}, e, "a.viewer", StaleFilter{Days: 1}); !slices.Equal(got, want) {
		t.Fatalf("one day: kept %v, afresh %v", got, want)
	}
}

// Filters that differ keep different rankings, however their values are
// spelled; the same filter in another order shares one.
func TestStaleReviewKeepsEachFilterApart(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Bosnian donor", Type: "donor", Influence: ptr(5), CountryCode: ptr("BA")}))
	must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Iraqi ministry", Type: "ministry", Influence: ptr(5), CountryCode: ptr("IQ")}))
	for _, f := range []StaleFilter{
		{CountryCode: []string{"BA IQ"}},
		{CountryCode: []string{"BA", "IQ"}},
		{CountryCode: []string{"IQ", "BA", "IQ"}},
		{CountryCode: []string{"BA,IQ"}},
		{CountryCode: []string{"IQ"}, OfficeID: []int64{e.fx.OfficeA}},
	} {
		fresh := &OrganizationService{db: e.db} // nothing kept
		got, want := staleSummary(t, e.svc.Organizations, e, "a.viewer", f), staleSummary(t, fresh, e, "a.viewer", f)
		if !slices.Equal(got, want) {
			t.Errorf("%+v: kept %v, afresh %v", f, got, want)
		}
	}
	if staleKey(a, StaleFilter{CountryCode: []string{"BA", "IQ"}}) != staleKey(a, StaleFilter{CountryCode: []string{"IQ", "BA", "BA"}}) {
		t.Error("the same countries in another order rank twice")
	}
}

// A write raises the stale review's epoch only when it changes what a
// ranking reads, and on PostgreSQL once per transaction however many rows
// it touches (each raise there is a row update that the next must wait
// behind).
func TestStaleEpochRisesForWritesThatMatter(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	epoch := func() int64 {
		var n int64
		if err := e.db.Raw(models.StaleEpoch).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	org := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Youth council", Type: "youth_group", Influence: ptr(4)}))
	promise := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Share the agenda", CounterpartOrganizationID: &org.ID}))

	before := epoch()
	must(e.svc.Commitments.Update(e.ctx, a, promise.ID, nil, CommitmentPatch{Title: To("Share the final agenda")}))
	must(e.svc.Organizations.Update(e.ctx, a, org.ID, nil, OrganizationPatch{City: To("Zenica")}))
	if got := epoch(); got != before {
		t.Errorf("a title and a city changed the epoch: %d → %d", before, got)
	}

	var batch []InteractionInput
	for i := range 40 {
		batch = append(batch, InteractionInput{Kind: "meeting", Status: "held", Subject: fmt.Sprint("Meeting ", i),
			StartsAt: models.Now().AddDate(0, 0, i-40), Participants: []ParticipantInput{{OrganizationID: &org.ID, Role: "participant"}}})
	}
	before = epoch()
	must(e.svc.Import().Interactions(e.ctx, a, batch))
	got := epoch()
	switch {
	case got == before:
		t.Fatal("importing meetings with the organization left the epoch as it was")
	case e.db.Name() == models.Postgres && got != before+1:
		t.Errorf("one import raised the epoch %d times on PostgreSQL, want once", got-before)
	}
}
