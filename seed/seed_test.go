package seed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"gorm.io/gorm"

	"liaison/models/modeltest"
	"liaison/services"
)

func TestMain(m *testing.M) {
	code := m.Run()
	modeltest.DropTemplate()
	os.Exit(code)
}

// small is a thousandth of the full data set, with the fewest users.
func small(seed uint64) Options {
	return Options{Scale: 0.001, Seed: seed, Today: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Batch: 250, UsersPerOffice: 3}
}

func load(t *testing.T, opt Options) (*gorm.DB, *services.Services, Report) {
	t.Helper()
	db := modeltest.DB(t)
	svc := services.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), services.Config{})
	rep, err := Load(context.Background(), svc, opt)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return db, svc, rep
}

// digest hashes every generated row, leaving out only the instants the
// import stamps (created_at, updated_at, completed_at).
func digest(t *testing.T, db *gorm.DB) string {
	t.Helper()
	queries := []string{
		"SELECT id, office_id, owner_id, name, name_local, acronym, type, level, country_code, city, parent_id, website, email, phone, description, influence, interest, search_text FROM organizations ORDER BY id",
		"SELECT id, office_id, owner_id, honorific, given_name, family_name, full_name, name_local, gender, email, phone, languages, country_code, city, notes, restricted, consent_basis, search_text FROM contacts ORDER BY id",
		`SELECT contact_id, organization_id, title, start_date, end_date, "primary" FROM positions ORDER BY id`,
		"SELECT id, office_id, owner_id, title, kind, status, purpose, outcomes, start_date, end_date, origin_country_code, host_country_code, city, project_id FROM visits ORDER BY id",
		"SELECT visit_id, organization_id, contact_id, side, role FROM visit_participants ORDER BY id",
		"SELECT id, office_id, owner_id, kind, status, subject, summary, starts_at, ends_at, location, city, country_code, visit_id, project_id, restricted FROM interactions ORDER BY id",
		"SELECT interaction_id, organization_id, contact_id, role FROM interaction_participants ORDER BY id",
		"SELECT id, office_id, owner_id, title, details, direction, counterpart_organization_id, counterpart_contact_id, due_date, status, priority, interaction_id, visit_id, project_id, restricted, closure_note FROM commitments ORDER BY id",
		"SELECT entity_type, entity_id, tag_id FROM taggings ORDER BY entity_type, entity_id, tag_id",
	}
	h := sha256.New()
	for _, q := range queries {
		rows, err := db.Raw(q).Rows()
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				if tm, ok := v.(time.Time); ok {
					v = tm.UTC().Format(time.RFC3339Nano)
				}
				fmt.Fprintf(h, "%v\x1f", v)
			}
			h.Write([]byte{'\n'})
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestSeedIsDeterministic(t *testing.T) {
	db1, _, rep1 := load(t, small(7))
	db2, _, rep2 := load(t, small(7))
	if d1, d2 := digest(t, db1), digest(t, db2); d1 != d2 {
		t.Errorf("the same seed made different data: %s vs %s", d1, d2)
	}
	if rep1.Rows != rep2.Rows {
		t.Errorf("rows %d vs %d", rep1.Rows, rep2.Rows)
	}
}

func TestSeedIsValid(t *testing.T) {
	db, svc, rep := load(t, small(1))
	ctx := context.Background()
	want := map[string]int{"organizations": 100, "contacts": 1000, "visits": 300, "interactions": 1000, "commitments": 200}
	for table, n := range want {
		var got int64
		db.Table(table).Count(&got)
		if int(got) != n || rep.Counts[table] != n {
			t.Errorf("%s: %d rows (reported %d), want %d", table, got, rep.Counts[table], n)
		}
	}
	var written int64
	for _, table := range []string{"organizations", "contacts", "positions", "visits", "visit_participants", "interactions",
		"interaction_participants", "commitments", "taggings"} {
		var n int64
		db.Table(table).Count(&n)
		written += n
	}
	var audits int64
	db.Table("audit_events").Where("action = ?", services.ActionImport).Count(&audits)
	if int(written+audits) != rep.Rows {
		t.Errorf("report says %d rows, the database holds %d", rep.Rows, written+audits)
	}
	checks := map[string]string{
		"restricted contacts":            "SELECT COUNT(*) FROM contacts WHERE restricted",
		"restricted interactions":        "SELECT COUNT(*) FROM interactions WHERE restricted",
		"Arabic names":                   "SELECT COUNT(*) FROM contacts WHERE name_local <> ''",
		"organizations with a parent":    "SELECT COUNT(*) FROM organizations WHERE parent_id IS NOT NULL",
		"interactions of visits":         "SELECT COUNT(*) FROM interactions WHERE visit_id IS NOT NULL",
		"overdue commitments":            "SELECT COUNT(*) FROM commitments WHERE status IN ('open','in_progress') AND due_date < '2026-11-27'",
		"held interactions":              "SELECT COUNT(*) FROM interactions WHERE status = 'held'",
		"planned interactions":           "SELECT COUNT(*) FROM interactions WHERE status = 'planned'",
		"contacts with a past position":  "SELECT COUNT(*) FROM positions WHERE end_date IS NOT NULL",
		"commitments with a counterpart": "SELECT COUNT(*) FROM commitments WHERE counterpart_contact_id IS NOT NULL",
	}
	for what, q := range checks {
		var n int64
		if err := db.Raw(q).Scan(&n).Error; err != nil || n == 0 {
			t.Errorf("no %s (%v)", what, err)
		}
	}
	var users int64
	db.Table("users").Count(&users)
	if users != 16 {
		t.Errorf("%d users, want 16", users)
	}
	// The data is usable through the services: a search in Latin and in
	// Arabic script, and the manager's review.
	var admin struct{ ID, OfficeID int64 }
	db.Table("users").Select("id, office_id").Where("email = ?", AdminEmail).Scan(&admin)
	actor := services.Actor{UserID: admin.ID, OfficeID: admin.OfficeID, Role: "admin"}
	for _, q := range []string{"ministry", "وزارة"} {
		hits, err := svc.Search.Search(ctx, actor, q, nil, 10)
		if err != nil || len(hits) == 0 {
			t.Errorf("search %q: %d hits, %v", q, len(hits), err)
		}
	}
	r, err := svc.Commitments.Review(ctx, actor, services.ReviewFilter{})
	if err != nil || r.Totals.Open+r.Totals.InProgress+r.Totals.Done+r.Totals.Cancelled != 200 {
		t.Errorf("review: %+v, %v", r.Totals, err)
	}
	if _, err := Load(ctx, svc, small(1)); err != ErrNotEmpty {
		t.Errorf("a second load: %v, want ErrNotEmpty", err)
	}
}
