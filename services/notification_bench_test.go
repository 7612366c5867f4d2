package services

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"liaison/models"
	"liaison/models/modeltest"
)

// The bell asks for the unread count on every page and once a minute, and
// the panel lists a page of notifications: both are measured for an officer
// told 5,000 things (half read), among 20 colleagues told as much, against
// the baseline of reading one commitment (Commitments.Get) in the same run.
//
//	go test -run '^$' -bench Notification -benchtime 2s ./services
func BenchmarkNotifications(b *testing.B) {
	db := modeltest.DB(b)
	fx := modeltest.Seed(b, db, testHash())
	svc := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{})
	ctx := context.Background()
	m := fx.Users["a.manager"]
	manager := Actor{UserID: m.ID, OfficeID: m.OfficeID, Role: m.Role}
	c := must(svc.Commitments.Create(ctx, manager, CommitmentInput{Title: "Send the agenda"}))
	var users []models.User
	db.Where("office_id = ?", m.OfficeID).Find(&users)
	now := time.Now().UTC()
	for _, u := range users {
		rows := make([]models.Notification, 0, 5000)
		for i := range 5000 {
			n := models.Notification{UserID: u.ID, Kind: models.NotifyAssigned, SubjectType: models.EntityCommitment, SubjectID: c.ID,
				ActorID: &m.ID, DedupeKey: fmt.Sprint("bench:", i), CreatedAt: now.Add(-time.Duration(i) * time.Minute), Mail: models.MailNone}
			if i%2 == 1 {
				n.ReadAt = &now
			}
			rows = append(rows, n)
		}
		if err := db.CreateInBatches(rows, 500).Error; err != nil {
			b.Fatal(err)
		}
	}
	o := fx.Users["a.officer"]
	officer := Actor{UserID: o.ID, OfficeID: o.OfficeID, Role: o.Role}
	b.Run("baseline-get-commitment", func(b *testing.B) {
		for b.Loop() {
			must(svc.Commitments.Get(ctx, officer, c.ID))
		}
	})
	b.Run("unread-count", func(b *testing.B) {
		for b.Loop() {
			if n := must(svc.Notifications.UnreadCount(ctx, officer)); n != MaxUnreadCount {
				b.Fatalf("count %d", n)
			}
		}
	})
	b.Run("list-first-page", func(b *testing.B) {
		for b.Loop() {
			if p := must(svc.Notifications.List(ctx, officer, false, ListParams{Limit: 50})); len(p.Items) != 50 {
				b.Fatalf("page of %d", len(p.Items))
			}
		}
	})
	b.Run("list-unread-first-page", func(b *testing.B) {
		for b.Loop() {
			if p := must(svc.Notifications.List(ctx, officer, true, ListParams{Limit: 50})); len(p.Items) != 50 {
				b.Fatalf("page of %d", len(p.Items))
			}
		}
	})
}
