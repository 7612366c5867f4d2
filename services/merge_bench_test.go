package services

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"liaison/models/modeltest"
)

// BenchmarkMergeOrganizations merges a ministry entered twice, the
// duplicate with 300 people, 600 meetings (each with the person and the
// ministry) and 300 commitments: one merge re-points all of it, with the
// maintained tables following. Each iteration builds its pair afresh
// (outside the timer).
func BenchmarkMergeOrganizations(b *testing.B) {
	db := modeltest.DB(b)
	fx := modeltest.Seed(b, db, testHash())
	svc := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{})
	ctx := context.Background()
	u := fx.Users["a.officer"]
	a := Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role}
	mu := fx.Users["a.manager"]
	m := Actor{UserID: mu.ID, OfficeID: mu.OfficeID, Role: mu.Role}
	for b.Loop() {
		b.StopTimer()
		keep := must(svc.Organizations.Create(ctx, a, OrganizationInput{Name: "Ministry of Security", Type: "ministry"}))
		dup := must(svc.Organizations.Create(ctx, a, OrganizationInput{Name: "Ministarstvo sigurnosti", Type: "ministry"}))
		at := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
		for i := range 300 {
			c := must(svc.Contacts.Create(ctx, a, ContactInput{GivenName: "Person", FamilyName: itoa(i), Positions: []PositionInput{{OrganizationID: dup.ID, Title: "Adviser"}}}))
			for j := range 2 {
				must(svc.Interactions.Create(ctx, a, InteractionInput{Kind: "meeting", Status: "held", Subject: "Meeting", StartsAt: at.Add(time.Duration(i*2+j) * time.Hour),
					Participants: []ParticipantInput{{OrganizationID: &dup.ID, Role: "host"}, {ContactID: &c.ID, Role: "participant"}}}))
			}
			must(svc.Commitments.Create(ctx, a, CommitmentInput{Title: "Follow up", Direction: "ours", Status: "open", Priority: "normal", CounterpartOrganizationID: &dup.ID}))
		}
		b.StartTimer()
		if _, err := svc.Merges.MergeOrganizations(ctx, m, keep.ID, nil, MergeInput{From: []int64{dup.ID}}); err != nil {
			b.Fatal(err)
		}
	}
}
