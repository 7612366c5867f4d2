package services

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"liaison/models"
)

func TestCalendarFeedSecretIsKeptOnlyAsAHash(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	secret := must(e.svc.Calendars.CreateFeed(e.ctx, officer))
	if !strings.HasPrefix(secret, calendarFeedPrefix) || len(secret) < len(calendarFeedPrefix)+22 { // ≥128 bits in base64
		t.Fatalf("secret %q", secret)
	}
	var stored []string
	e.db.Raw("SELECT secret_hash FROM calendar_feeds").Scan(&stored)
	if len(stored) != 1 || stored[0] == secret || strings.Contains(stored[0], secret[len(calendarFeedPrefix):]) {
		t.Fatalf("stored %v", stored)
	}
	var audited int64
	e.db.Raw("SELECT COUNT(*) FROM audit_events WHERE action = ? AND changes NOT LIKE ?", ActionCalendarFeedCreate, "%"+secret+"%").Scan(&audited)
	if audited != 1 {
		t.Fatalf("audit events: %d", audited)
	}
	again := must(e.svc.Calendars.CreateFeed(e.ctx, officer))
	if _, err := e.svc.Calendars.Feed(e.ctx, secret); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the replaced secret: %v", err)
	}
	if _, err := e.svc.Calendars.Feed(e.ctx, again); err != nil {
		t.Fatalf("the new secret: %v", err)
	}
}

func TestCalendarFeedHoldsWhatItsUserMaySee(t *testing.T) {
	e := newEnv(t)
	officer, partner := e.as("a.officer"), e.as("b.officer")
	start := time.Now().UTC().AddDate(0, 0, 3).Format(time.DateOnly)
	visit := must(e.svc.Visits.Create(e.ctx, officer, VisitInput{Title: "Study visit", Kind: "study_visit", StartDate: start, EndDate: start,
		PartnerOfficeIDs: []int64{e.fx.OfficeB}}))
	at := time.Now().UTC().Add(72 * time.Hour).Truncate(time.Minute)
	mine := must(e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "meeting", Subject: "Mine, restricted", StartsAt: at, Restricted: true}))
	open := must(e.svc.Interactions.Create(e.ctx, partner, InteractionInput{Kind: "meeting", Subject: "Partner's", StartsAt: at, VisitID: &visit.ID}))
	must(e.svc.Interactions.Create(e.ctx, partner, InteractionInput{Kind: "meeting", Subject: "Partner's restricted", StartsAt: at,
		VisitID: &visit.ID, Restricted: true}))
	old := must(e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "call", Subject: "A year ago", Status: "held",
		StartsAt: time.Now().UTC().AddDate(-1, 0, 0)}))
	due := must(e.svc.Commitments.Create(e.ctx, officer, CommitmentInput{Title: "Send it", DueDate: ptr(start)}))
	must(e.svc.Commitments.Create(e.ctx, officer, CommitmentInput{Title: "No date"}))
	archived := must(e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "meeting", Subject: "Archived", StartsAt: at}))
	if err := e.svc.Interactions.Archive(e.ctx, officer, archived.ID, ptr(archived.Version)); err != nil {
		t.Fatal(err)
	}

	feed := must(e.svc.Calendars.Feed(e.ctx, must(e.svc.Calendars.CreateFeed(e.ctx, officer))))
	var got []int64
	for _, it := range feed.Interactions {
		got = append(got, it.ID)
	}
	// Its own restricted one and the visit's open session; not the
	// partner's restricted session, the archived one, nor last year's.
	if len(got) != 2 || !slices.Contains(got, mine.ID) || !slices.Contains(got, open.ID) || slices.Contains(got, old.ID) {
		t.Errorf("interactions %v", got)
	}
	if len(feed.Visits) != 1 || feed.Visits[0].ID != visit.ID {
		t.Errorf("visits %+v", feed.Visits)
	}
	if len(feed.Commitments) != 1 || feed.Commitments[0].ID != due.ID {
		t.Errorf("commitments %+v", feed.Commitments)
	}

	// A deactivated user's feed is gone, as their sessions are.
	viewer := e.as("a.viewer")
	secret := must(e.svc.Calendars.CreateFeed(e.ctx, viewer))
	e.db.Model(&models.User{}).Where("id = ?", viewer.UserID).Update("active", false)
	if _, err := e.svc.Calendars.Feed(e.ctx, secret); !errors.Is(err, ErrNotFound) {
		t.Errorf("deactivated: %v", err)
	}
}
