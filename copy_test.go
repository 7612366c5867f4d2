package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"

	"liaison/demo"
	"liaison/models"
	"liaison/models/modeltest"
	"liaison/services"
)

// An office moves from SQLite to the other database (PostgreSQL in the
// PostgreSQL run, another SQLite file in the SQLite run): every record is
// copied, the derived tables are rebuilt and clean, the same users see the
// same lists, timelines and reviews, restricted records stay restricted,
// and new records get new ids. A second copy into a database that holds
// records is refused.
func TestCopyMovesAnOfficeToAnotherDatabase(t *testing.T) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	src, err := models.Open("sqlite:"+filepath.Join(t.TempDir(), "office.db"), quiet)
	if err != nil {
		t.Fatal(err)
	}
	if err := models.Migrate(src); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	from := services.New(src, quiet, services.Config{})
	if _, err := demo.Load(ctx, from); err != nil {
		t.Fatal(err)
	}
	// A note with a mention and a document whose bytes are not text: the
	// copy must carry them byte for byte.
	var admin0 models.User
	src.Where("role = ?", models.RoleAdmin).Order("id").First(&admin0)
	var org0 models.Organization
	src.Order("id").First(&org0)
	author := services.Actor{UserID: admin0.ID, OfficeID: admin0.OfficeID, Role: admin0.Role}
	onOrg := services.RecordRef{Entity: models.EntityOrganization, ID: org0.ID}
	if _, err := from.Notes.Create(ctx, author, onOrg, fmt.Sprintf("Minutes for @[Admin](user:%d)", admin0.ID)); err != nil {
		t.Fatal(err)
	}
	scan := append([]byte("\x89PNG\r\n\x1a\n"), 0x00, 0xff, 0xfe, '\\', 'x', 0x80)
	doc, err := from.Documents.Create(ctx, author, onOrg, services.DocumentUpload{Name: "scan.png", Content: scan})
	if err != nil {
		t.Fatal(err)
	}
	dst, _ := modeltest.Empty(t)
	if err := models.Migrate(dst); err != nil {
		t.Fatal(err)
	}
	copied, err := models.CopyDatabase(ctx, src, dst, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(copied) < 10 {
		t.Fatalf("copied %d tables", len(copied))
	}
	to := services.New(dst, quiet, services.Config{})
	if _, content, err := to.Documents.Content(ctx, author, doc.ID); err != nil || !slices.Equal(content, scan) {
		t.Fatalf("the document after the copy: %q, %v", content, err)
	}
	if notes, err := to.Notes.List(ctx, author, onOrg, services.ListParams{}); err != nil || len(notes.Items) != 1 || !slices.Equal(notes.Items[0].Mentions, []int64{admin0.ID}) {
		t.Fatalf("the note after the copy: %+v, %v", notes.Items, err)
	}

	var users []models.User
	src.Order("id").Find(&users)
	for _, u := range users {
		actor := services.Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role}
		if a, b := listing(t, from, actor), listing(t, to, actor); !slices.Equal(a, b) {
			t.Errorf("%s sees other records after the copy:\n%v\n%v", u.Email, a, b)
		}
	}
	var next int64
	src.Raw("SELECT MAX(id) FROM organizations").Scan(&next)
	admin := services.Actor{UserID: users[0].ID, OfficeID: users[0].OfficeID, Role: models.RoleAdmin}
	o, err := to.Organizations.Create(ctx, admin, services.OrganizationInput{Name: "Created after the move", Type: "ngo"})
	if err != nil || o.ID <= next {
		t.Fatalf("a new organization after the copy: id %d (largest copied %d), %v", o.ID, next, err)
	}
	if _, err := models.CopyDatabase(ctx, src, dst, io.Discard); !errors.Is(err, models.ErrTargetNotEmpty) {
		t.Fatalf("a second copy into the same database: %v", err)
	}
}

// listing is what one user sees of the main lists, a timeline and the
// review, as text to compare.
func listing(t *testing.T, svc *services.Services, actor services.Actor) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	orgs, err := svc.Organizations.List(ctx, actor, services.OrganizationFilter{ListParams: services.ListParams{Limit: 200, Count: true}})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, fmt.Sprint("organizations ", *orgs.Total))
	for _, o := range orgs.Items {
		out = append(out, fmt.Sprint(o.ID, o.Name, o.ParentID != nil, o.Tags))
	}
	contacts, err := svc.Contacts.List(ctx, actor, services.ContactFilter{ListParams: services.ListParams{Limit: 200, Count: true}})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, fmt.Sprint("contacts ", *contacts.Total))
	for _, c := range contacts.Items {
		out = append(out, fmt.Sprint(c.ID, c.FullName, c.Restricted))
	}
	if len(orgs.Items) > 0 {
		tl, err := svc.Organizations.Timeline(ctx, actor, orgs.Items[0].ID, 50, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range tl.Items {
			out = append(out, fmt.Sprint("timeline ", it.Kind, it.At.UTC()))
		}
	}
	review, err := svc.Commitments.Review(ctx, actor, services.ReviewFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, fmt.Sprintf("review %+v %d", review.Totals, len(review.Overdue)))
	return out
}
