package demo_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"liaison/demo"
	"liaison/models"
	"liaison/models/modeltest"
	"liaison/services"
)

func TestMain(m *testing.M) {
	code := m.Run()
	modeltest.DropTemplate()
	os.Exit(code)
}

// TestDemoHoldsTheStudyVisit loads the demo and reads the canonical scenario
// back as an officer and a manager would.
func TestDemoHoldsTheStudyVisit(t *testing.T) {
	db := modeltest.DB(t)
	svc := services.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), services.Config{})
	ctx := context.Background()
	sum, err := demo.Load(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Organizations < 100 || sum.Contacts < 200 || sum.Interactions < 300 || sum.Commitments < 100 {
		t.Errorf("the demo is too small to feel real: %+v", sum)
	}
	if _, err := demo.Load(ctx, svc); !errors.Is(err, demo.ErrNotEmpty) {
		t.Errorf("second load: %v", err)
	}

	actor := func(email string) services.Actor {
		var u models.User
		if err := db.Where("email = ?", email).First(&u).Error; err != nil {
			t.Fatal(err)
		}
		return services.Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role}
	}
	officer, iraq, manager := actor("officer@demo.liaison"), actor("officer.iraq@demo.liaison"), actor("manager@demo.liaison")

	visits, err := svc.Visits.List(ctx, officer, services.VisitFilter{ListParams: services.ListParams{Q: "study visit national committee"}})
	if err != nil || len(visits.Items) != 1 {
		t.Fatalf("the study visit: %v %d", err, len(visits.Items))
	}
	v := visits.Items[0]
	if !strings.Contains(strings.Join(v.Tags, ","), "sdg-5") || len(v.Participants) != 7 {
		t.Errorf("visit tags %v, %d participants", v.Tags, len(v.Participants))
	}
	// Organised by IOM BiH with IOM Iraq, whose officer added follow-ups to it.
	if len(v.PartnerOfficeIDs) != 1 || v.PartnerOfficeIDs[0] != iraq.OfficeID || v.OfficeID != officer.OfficeID {
		t.Errorf("visit of office %d, partner offices %v", v.OfficeID, v.PartnerOfficeIDs)
	}
	// Done commitments were completed on their own days, not all on the day the demo was loaded.
	var completedToday, done int64
	today := models.Now().Format(time.DateOnly)
	db.Model(&models.Commitment{}).Where("status = 'done'").Count(&done)
	var stamps []time.Time
	db.Model(&models.Commitment{}).Where("status = 'done'").Pluck("completed_at", &stamps)
	for _, at := range stamps {
		if at.UTC().Format(time.DateOnly) >= today {
			completedToday++
		}
	}
	if done == 0 || completedToday != 0 {
		t.Errorf("%d done commitments, %d of them completed today or later", done, completedToday)
	}
	sarajevo, _ := time.LoadLocation("Europe/Sarajevo")
	own := must(svc.Visits.Itinerary(ctx, officer, v.ID, sarajevo))
	other := must(svc.Visits.Itinerary(ctx, iraq, v.ID, sarajevo))
	if len(own.Days) != 5 || count(own) != 6 || count(other) != 5 {
		t.Errorf("itinerary: %d days, %d sessions for IOM BiH, %d for IOM Iraq (the youth meeting is restricted)", len(own.Days), count(own), count(other))
	}

	review := must(svc.Commitments.Review(ctx, manager, services.ReviewFilter{}))
	if review.Totals.Overdue == 0 || review.Totals.Done == 0 || len(review.Overdue) == 0 {
		t.Errorf("review: %+v", review.Totals)
	}
	found := false
	for _, c := range must(svc.Commitments.List(ctx, iraq, services.CommitmentFilter{Overdue: ptr(true), ListParams: services.ListParams{Limit: 200}})).Items {
		found = found || c.Title == "Send the draft gender-inclusive action plan for comments"
	}
	if !found {
		t.Error("the overdue action plan is not among IOM Iraq's overdue follow-ups")
	}

	for _, q := range []string{"Ministarstvo sigurnosti", "اللجنة الوطنية", "hodzic", "zenica"} {
		hits := must(svc.Search.Search(ctx, officer, q, nil, 10))
		if len(hits) == 0 {
			t.Errorf("search %q finds nothing", q)
		}
	}
	for _, h := range must(svc.Search.Search(ctx, iraq, "Adna Hodžić", nil, 50)) {
		if h.Kind == models.EntityContact && h.Title == "Adna Hodžić" {
			t.Errorf("IOM Iraq finds a restricted youth contact of IOM BiH: %+v", h)
		}
	}
}

func count(it services.Itinerary) int {
	n := 0
	for _, d := range it.Days {
		n += len(d.Interactions)
	}
	return n
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func ptr[T any](v T) *T { return &v }
