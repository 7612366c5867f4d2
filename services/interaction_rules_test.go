package services

import (
	"slices"
	"testing"
	"time"
)

// A meeting cannot be held before it happens (a few minutes of clock skew
// aside): held in the future would count as contact in the stale review.
func TestHeldInteractionsStartInThePast(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	now := time.Now().UTC()
	held := func(at time.Time) InteractionInput {
		in := meeting("Coordination", at)
		in.Status = "held"
		return in
	}
	cases := []struct {
		name   string
		in     InteractionInput
		refuse bool
	}{
		{"held yesterday", held(now.Add(-24 * time.Hour)), false},
		{"held a minute ahead (clock skew)", held(now.Add(time.Minute)), false},
		{"held in 2030", held(time.Date(2030, 5, 1, 9, 0, 0, 0, time.UTC)), true},
		{"held tomorrow", held(now.Add(24 * time.Hour)), true},
		{"planned tomorrow", meeting("Coordination", now.Add(24*time.Hour)), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.Interactions.Create(e.ctx, a, tc.in)
			if !tc.refuse {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if got := fieldErrors(t, err); !slices.Equal(got, []string{"status"}) {
				t.Errorf("field errors = %v, want status", got)
			}
		})
	}

	past := must(e.svc.Interactions.Create(e.ctx, a, held(now.Add(-time.Hour))))
	if _, err := e.svc.Interactions.Update(e.ctx, a, past.ID, &past.Version, InteractionPatch{StartsAt: To(now.AddDate(1, 0, 0))}); !slices.Equal(fieldErrors(t, err), []string{"status"}) {
		t.Errorf("moving a held meeting into the future: %v", err)
	}
	planned := must(e.svc.Interactions.Create(e.ctx, a, meeting("Reception", now.Add(48*time.Hour))))
	if _, err := e.svc.Interactions.Update(e.ctx, a, planned.ID, &planned.Version, InteractionPatch{Status: To("held")}); !slices.Equal(fieldErrors(t, err), []string{"status"}) {
		t.Errorf("marking a future meeting held: %v", err)
	}
	moved := must(e.svc.Interactions.Update(e.ctx, a, planned.ID, &planned.Version, InteractionPatch{StartsAt: To(now.Add(-2 * time.Hour)), Status: To("held")}))
	if moved.Status != "held" {
		t.Errorf("held once it is in the past: %q", moved.Status)
	}
}

// An organization or a person takes part in a meeting or a visit once.
func TestParticipantsAreNotRepeated(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	a := e.as("a.officer")
	org, person, other := &c.ministry.ID, &c.official.ID, &c.committee.ID
	cases := []struct {
		name         string
		participants []ParticipantInput
		want         []string
	}{
		{"the same person twice", []ParticipantInput{{ContactID: person, Role: "host"}, {OrganizationID: org, Role: "host"}, {ContactID: person, Role: "speaker"}}, []string{"participants[2]"}},
		{"the same organization twice", []ParticipantInput{{OrganizationID: org, Role: "host"}, {OrganizationID: org, Role: "participant"}}, []string{"participants[1]"}},
		{"each once", []ParticipantInput{{OrganizationID: org, Role: "host"}, {OrganizationID: other, Role: "participant"}, {ContactID: person, Role: "speaker"}}, nil},
	}
	for _, tc := range cases {
		t.Run("interaction: "+tc.name, func(t *testing.T) {
			in := meeting("Coordination", time.Now().Add(-time.Hour))
			in.Participants = tc.participants
			_, err := e.svc.Interactions.Create(e.ctx, a, in)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if got := fieldErrors(t, err); !slices.Equal(got, tc.want) {
				t.Errorf("field errors = %v, want %v", got, tc.want)
			}
		})
		t.Run("visit: "+tc.name, func(t *testing.T) {
			in := studyVisitInput(c)
			in.Participants = make([]ParticipantInput, len(tc.participants))
			for i, p := range tc.participants {
				p.Side, p.Role = "host", "host"
				in.Participants[i] = p
			}
			v := must(e.svc.Visits.Create(e.ctx, a, studyVisitInput(c)))
			_, err := e.svc.Visits.Update(e.ctx, a, v.ID, &v.Version, VisitPatch{Participants: To(in.Participants)})
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if got := fieldErrors(t, err); !slices.Equal(got, tc.want) {
				t.Errorf("field errors = %v, want %v", got, tc.want)
			}
		})
	}
}
