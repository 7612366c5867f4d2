package models_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/models/modeltest"
)

// firstRelease is the last migration of the first released schema.
const firstRelease = "0004_sdg_tags"

// A database filled under the first released schema migrates to the
// current one with its data intact, and every maintained table that later
// migrations added (tallies, last-held, activity, epochs, full-text
// indexes) is built from the data already there: liaison check is clean.
func TestUpgradeFromTheFirstReleaseKeepsTheData(t *testing.T) {
	db, _ := modeltest.Empty(t)
	if err := models.MigrateTo(db, firstRelease); err != nil {
		t.Fatal(err)
	}
	fillFirstRelease(t, db)
	before := tableCounts(t, db)
	if err := models.Migrate(db); err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	after := tableCounts(t, db)
	for table, n := range before {
		if after[table] != n {
			t.Errorf("%s: %d rows before the upgrade, %d after", table, n, after[table])
		}
	}
	var restricted bool
	var name string
	db.Raw("SELECT full_name, restricted FROM contacts WHERE id = 2").Row().Scan(&name, &restricted)
	if name != "Amra Hodžić" || !restricted {
		t.Errorf("contact 2 after the upgrade: %q restricted=%v", name, restricted)
	}
	checks, err := models.Check(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		if !c.Clean() {
			t.Errorf("%s after the upgrade differs from its recount: %+v", c.Table, c)
		}
	}
	var activity, lastHeld, tallies int64
	db.Raw("SELECT COUNT(*) FROM " + models.ActivityTable).Scan(&activity)
	db.Raw("SELECT COUNT(*) FROM " + models.LastHeldTable).Scan(&lastHeld)
	db.Raw("SELECT COUNT(*) FROM commitment_tallies WHERE n <> 0").Scan(&tallies)
	if activity == 0 || lastHeld == 0 || tallies == 0 {
		t.Errorf("maintained tables left empty by the upgrade: activity %d, last held %d, tallies %d", activity, lastHeld, tallies)
	}
}

// fillFirstRelease writes, in the first release's columns, what an office
// had: two offices, a user, a ministry and its directorate, an official and
// a restricted youth participant with positions, a project, a study visit
// with a meeting held and one planned, commitments open, overdue and done,
// and tags.
func fillFirstRelease(t *testing.T, db *gorm.DB) {
	t.Helper()
	now := "2026-06-01 09:00:00+00:00"
	if db.Name() == models.Postgres {
		now = "2026-06-01T09:00:00Z"
	}
	for _, stmt := range []string{
		`INSERT INTO offices (id, created_at, updated_at, name, country_code) VALUES (1, '` + now + `', '` + now + `', 'IOM BiH', 'BA'), (2, '` + now + `', '` + now + `', 'IOM Iraq', 'IQ')`,
		`INSERT INTO users (id, created_at, updated_at, email, name, password_hash, role, office_id) VALUES (1, '` + now + `', '` + now + `', 'officer@example.org', 'Officer', 'x', 'officer', 1)`,
		`INSERT INTO organizations (id, created_at, updated_at, office_id, owner_id, name, type, level, country_code, influence, interest) VALUES
		 (1, '` + now + `', '` + now + `', 1, 1, 'Ministry of Security', 'ministry', 'national', 'BA', 5, 4),
		 (2, '` + now + `', '` + now + `', 1, 1, 'Directorate for Coordination', 'government_agency', 'national', 'BA', 4, NULL),
		 (3, '` + now + `', '` + now + `', 2, NULL, 'National Committee', 'national_committee', 'national', 'IQ', 5, 5)`,
		`UPDATE organizations SET parent_id = 1 WHERE id = 2`,
		`INSERT INTO contacts (id, created_at, updated_at, office_id, given_name, family_name, full_name, country_code, restricted) VALUES
		 (1, '` + now + `', '` + now + `', 1, 'Emir', 'Kovač', 'Emir Kovač', 'BA', FALSE),
		 (2, '` + now + `', '` + now + `', 1, 'Amra', 'Hodžić', 'Amra Hodžić', 'BA', TRUE)`,
		`INSERT INTO positions (contact_id, organization_id, title, "primary", created_at) VALUES (1, 1, 'Assistant Minister', TRUE, '` + now + `'), (2, 2, 'Youth representative', TRUE, '` + now + `')`,
		`INSERT INTO projects (id, created_at, updated_at, office_id, code, name) VALUES (1, '` + now + `', '` + now + `', 1, 'SIMVEX', 'Study visit')`,
		`INSERT INTO visits (id, created_at, updated_at, office_id, owner_id, title, kind, status, start_date, end_date, origin_country_code, host_country_code, project_id) VALUES
		 (1, '` + now + `', '` + now + `', 1, 1, 'Study visit to BiH', 'study_visit', 'completed', '2026-05-10', '2026-05-15', 'IQ', 'BA', 1)`,
		`INSERT INTO visit_participants (visit_id, organization_id, side, role) VALUES (1, 3, 'visiting', 'head_of_delegation'), (1, 1, 'host', 'host')`,
		`INSERT INTO interactions (id, created_at, updated_at, office_id, owner_id, kind, status, subject, starts_at, visit_id, project_id, country_code) VALUES
		 (1, '` + now + `', '` + now + `', 1, 1, 'reception', 'held', 'Reception at the Ministry', '` + now + `', 1, 1, 'BA'),
		 (2, '` + now + `', '` + now + `', 1, 1, 'meeting', 'planned', 'Follow-up meeting', '` + now + `', NULL, NULL, 'BA')`,
		`INSERT INTO interaction_participants (interaction_id, organization_id, contact_id, role) VALUES (1, 1, NULL, 'host'), (1, NULL, 1, 'speaker'), (1, NULL, 2, 'participant'), (2, 2, NULL, 'participant')`,
		`INSERT INTO commitments (id, created_at, updated_at, office_id, owner_id, title, direction, counterpart_organization_id, counterpart_contact_id, due_date, status, interaction_id, visit_id, project_id) VALUES
		 (1, '` + now + `', '` + now + `', 1, 1, 'Share the strategy', 'ours', 1, NULL, '2026-05-20', 'open', 1, 1, 1),
		 (2, '` + now + `', '` + now + `', 1, 1, 'Send the minutes', 'theirs', NULL, 2, '2099-01-01', 'in_progress', 1, 1, NULL),
		 (3, '` + now + `', '` + now + `', 1, 1, 'Book the hall', 'ours', 3, NULL, NULL, 'done', NULL, 1, 1)`,
		`INSERT INTO taggings (entity_type, entity_id, tag_id) SELECT 'organization', 1, id FROM tags WHERE slug IN ('sdg-16', 'sdg-17')`,
	} {
		if err := db.Exec(stmt).Error; err != nil {
			t.Fatalf("%v\n%s", err, stmt)
		}
	}
	if db.Name() == models.Postgres {
		// Ids were given by hand: the sequences continue after them.
		for _, table := range []string{"offices", "users", "organizations", "contacts", "projects", "visits", "interactions", "commitments"} {
			db.Exec("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT MAX(id) FROM " + table + "))")
		}
	}
}

func tableCounts(t *testing.T, db *gorm.DB) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"offices", "users", "organizations", "contacts", "positions", "projects", "visits",
		"visit_participants", "interactions", "interaction_participants", "commitments", "taggings"} {
		var n int64
		if err := db.Raw("SELECT COUNT(*) FROM " + table).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}
