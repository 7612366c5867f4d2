package services

import (
	"maps"
	"slices"
	"testing"
	"time"

	"liaison/models"
)

// A commitment sits on a timeline where it belongs in time: at its
// completion once done, else at its due date, else when it was made; a
// year-old promise loaded today does not top the timeline. Both timelines
// (the organization's maintained rows and the contact's query) agree, and
// closing a commitment moves it.
func TestTimelinesPlaceCommitmentsInTime(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	now := models.Now()
	day := func(n int) *string { d := now.AddDate(0, 0, n).Format(time.DateOnly); return &d }
	ministry := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry of Security", Type: "ministry"}))
	person := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{FamilyName: "Abdullah"}))
	with := func(in CommitmentInput) CommitmentInput {
		in.CounterpartOrganizationID, in.CounterpartContactID = &ministry.ID, &person.ID
		return in
	}
	meet := func(subject string, days int) {
		in := meeting(subject, now.AddDate(0, 0, days))
		in.Participants = []ParticipantInput{{OrganizationID: &ministry.ID, Role: "host"}, {ContactID: &person.ID, Role: "participant"}}
		must(e.svc.Interactions.Create(e.ctx, a, in))
	}
	meet("meeting 200 days ago", -200)
	meet("meeting 10 days ago", -10)
	must(e.svc.Commitments.Create(e.ctx, a, with(CommitmentInput{Title: "done 300 days ago", DueDate: day(-250), Status: "done", CompletedAt: ptr(now.AddDate(0, 0, -300))})))
	must(e.svc.Commitments.Create(e.ctx, a, with(CommitmentInput{Title: "due in 30 days", DueDate: day(30)})))
	owed := must(e.svc.Commitments.Create(e.ctx, a, with(CommitmentInput{Title: "due 100 days ago", DueDate: day(-100)})))
	must(e.svc.Commitments.Create(e.ctx, a, with(CommitmentInput{Title: "undated, made today"})))

	order := func() map[string][]string {
		out := map[string][]string{}
		read := map[string]func(cursor string) (TimelinePage, error){
			"organization": func(c string) (TimelinePage, error) { return e.svc.Organizations.Timeline(e.ctx, a, ministry.ID, 2, c) },
			"contact":      func(c string) (TimelinePage, error) { return e.svc.Contacts.Timeline(e.ctx, a, person.ID, 2, c) },
		}
		for name, page := range read {
			var last time.Time
			for cursor := ""; ; {
				p := must(page(cursor))
				for _, it := range p.Items {
					title := ""
					if it.Commitment != nil {
						title = it.Commitment.Title
					} else {
						title = it.Interaction.Subject
					}
					if !last.IsZero() && it.At.After(last) {
						t.Errorf("%s: %q at %v after %v", name, title, it.At, last)
					}
					last = it.At
					out[name] = append(out[name], title)
				}
				if cursor = p.NextCursor; cursor == "" {
					break
				}
			}
		}
		return out
	}
	want := []string{"due in 30 days", "undated, made today", "meeting 10 days ago", "due 100 days ago", "meeting 200 days ago", "done 300 days ago"}
	for name, got := range order() {
		if !slices.Equal(got, want) {
			t.Errorf("%s timeline = %v\nwant %v", name, got, want)
		}
	}

	// Closed today, the promise owed for 100 days moves to today.
	must(e.svc.Commitments.Update(e.ctx, a, owed.ID, &owed.Version, CommitmentPatch{Status: To("done")}))
	want = []string{"due in 30 days", "due 100 days ago", "undated, made today", "meeting 10 days ago", "meeting 200 days ago", "done 300 days ago"}
	for name, got := range order() {
		if !slices.Equal(got, want) {
			t.Errorf("%s timeline after closing = %v\nwant %v", name, got, want)
		}
	}
	if kept, fresh := activityRows(t, e); !maps.Equal(kept, fresh) {
		t.Errorf("maintained rows differ from a recount:\nkept  %v\nfresh %v", kept, fresh)
	}
}
