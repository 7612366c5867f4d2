package services

import (
	"errors"
	"testing"
)

// Closing a commitment (done or cancelled) is its owner's act, or a
// manager's of its office, or an admin's; other officers may still edit it.
func TestWhoClosesACommitment(t *testing.T) {
	e := newEnv(t)
	manager, officer := e.as("a.manager"), e.as("a.officer")
	cases := []struct {
		name   string
		owner  Actor
		closer Actor
		status string
		want   error
	}{
		{"officer closes their own", officer, officer, "done", nil},
		{"officer cancels their own", officer, officer, "cancelled", nil},
		{"officer closes the manager's", manager, officer, "done", ErrCloseNotAllowed},
		{"officer cancels a colleague's", e.as("a.colleague"), officer, "cancelled", ErrCloseNotAllowed},
		{"manager closes an officer's", officer, manager, "done", nil},
		{"admin closes an officer's", officer, e.as("b.admin"), "done", nil},
		{"manager of another office", officer, e.as("b.manager"), "done", ErrForbidden},
		{"viewer of the office", officer, e.as("a.viewer"), "done", ErrForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := must(e.svc.Commitments.Create(e.ctx, tc.owner, CommitmentInput{Title: "Send the strategy draft"}))
			_, err := e.svc.Commitments.Update(e.ctx, tc.closer, c.ID, &c.Version, CommitmentPatch{Status: To(tc.status)})
			if !errors.Is(err, tc.want) || (tc.want == ErrForbidden && errors.Is(err, ErrCloseNotAllowed)) {
				t.Fatalf("close: %v, want %v", err, tc.want)
			}
		})
	}
	// An officer may still edit a colleague's commitment, short of closing it.
	c := must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "Share the agenda"}))
	if _, err := e.svc.Commitments.Update(e.ctx, officer, c.ID, &c.Version, CommitmentPatch{Status: To("in_progress"), Details: To("draft sent")}); err != nil {
		t.Errorf("officer edits the manager's commitment: %v", err)
	}
}

// Reopening a commitment forgets how it was closed.
func TestReopeningClearsTheClosure(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	for _, closed := range []string{"done", "cancelled"} {
		for _, reopened := range []string{"open", "in_progress"} {
			t.Run(closed+" to "+reopened, func(t *testing.T) {
				c := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Send the strategy draft"}))
				c = must(e.svc.Commitments.Update(e.ctx, a, c.ID, &c.Version, CommitmentPatch{Status: To(closed), ClosureNote: To("sent by email")}))
				if c.ClosureNote != "sent by email" || (closed == "done") != (c.CompletedAt != nil) {
					t.Fatalf("closed: note %q, completed_at %v", c.ClosureNote, c.CompletedAt)
				}
				c = must(e.svc.Commitments.Update(e.ctx, a, c.ID, &c.Version, CommitmentPatch{Status: To(reopened)}))
				if c.ClosureNote != "" || c.CompletedAt != nil {
					t.Errorf("reopened: note %q, completed_at %v", c.ClosureNote, c.CompletedAt)
				}
			})
		}
	}
}
