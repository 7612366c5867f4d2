package models_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/models/modeltest"
)

// records is a small history that reaches every maintained table: two
// organizations with a person each, a held meeting and a visit they took
// part in, and commitments with each as counterpart.
type records struct{ orgA, orgB, personA, personB, meeting, visit int64 }

func populate(t *testing.T, db *gorm.DB) records {
	t.Helper()
	f := modeltest.Seed(t, db, "not-a-hash")
	owner := f.Users["a.officer"].ID
	now := models.Now()
	id := func(sql string, args ...any) int64 {
		t.Helper()
		var n int64
		if err := db.Raw(sql+" RETURNING id", args...).Scan(&n).Error; err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return n
	}
	exec := func(sql string, args ...any) {
		t.Helper()
		if err := db.Exec(sql, args...).Error; err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	org := func(name string) int64 {
		return id("INSERT INTO organizations (created_at, updated_at, office_id, owner_id, name, type, country_code, influence, search_text, sort_key) VALUES (?, ?, ?, ?, ?, 'ministry', 'BA', 5, ?, ?)",
			now, now, f.OfficeA, owner, name, name, models.OrganizationSortKey(&models.Organization{Name: name}))
	}
	person := func(name string, org int64) int64 {
		given, family, _ := strings.Cut(name, " ")
		key := models.ContactSortKey(&models.Contact{GivenName: given, FamilyName: family})
		p := id("INSERT INTO contacts (created_at, updated_at, office_id, owner_id, given_name, family_name, full_name, country_code, search_text, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, 'BA', ?, ?)",
			now, now, f.OfficeA, owner, given, family, name, name, key)
		exec("INSERT INTO positions (contact_id, organization_id, created_at) VALUES (?, ?, ?)", p, org, now)
		return p
	}
	r := records{orgA: org("ministry of alpha"), orgB: org("ministry of beta")}
	r.personA, r.personB = person("person alpha", r.orgA), person("person beta", r.orgB)
	r.meeting = id("INSERT INTO interactions (created_at, updated_at, office_id, owner_id, kind, status, subject, starts_at, search_text) VALUES (?, ?, ?, ?, 'meeting', 'held', 'kickoff', ?, 'kickoff')",
		now, now, f.OfficeA, owner, now.AddDate(0, 0, -3))
	exec("INSERT INTO interaction_participants (interaction_id, organization_id, role) VALUES (?, ?, 'host')", r.meeting, r.orgA)
	exec("INSERT INTO interaction_participants (interaction_id, contact_id, role) VALUES (?, ?, 'participant')", r.meeting, r.personB)
	r.visit = id("INSERT INTO visits (created_at, updated_at, office_id, owner_id, title, kind, status, start_date, end_date, host_country_code, search_text) VALUES (?, ?, ?, ?, 'study visit', 'study_visit', 'completed', '2026-01-10', '2026-01-12', 'BA', 'study visit')",
		now, now, f.OfficeA, owner)
	exec("INSERT INTO visit_participants (visit_id, contact_id, side, role) VALUES (?, ?, 'visiting', 'delegate')", r.visit, r.personA)
	for _, c := range []struct {
		org, person any
		status      string
	}{{r.orgB, nil, "open"}, {nil, r.personA, "done"}, {r.orgA, r.personA, "in_progress"}} {
		id("INSERT INTO commitments (created_at, updated_at, office_id, owner_id, title, direction, counterpart_organization_id, counterpart_contact_id, due_date, status, search_text) VALUES (?, ?, ?, ?, 'follow up', 'ours', ?, ?, '2026-02-01', ?, 'follow up')",
			now, now, f.OfficeA, owner, c.org, c.person, c.status)
	}
	// A tag on each kind of tagged record; the triggers copy what the
	// visibility rule reads of them (here, a person restricted after).
	tag := id("INSERT INTO tags (created_at, updated_at, slug, name, kind) VALUES (?, ?, 'water', 'Water', 'theme')", now, now)
	for entity, rec := range map[string]int64{models.EntityOrganization: r.orgB, models.EntityContact: r.personA, models.EntityInteraction: r.meeting, models.EntityVisit: r.visit} {
		exec("INSERT INTO taggings (entity_type, entity_id, tag_id) VALUES (?, ?, ?)", entity, rec, tag)
	}
	exec("UPDATE contacts SET restricted = TRUE WHERE id = ?", r.personA)
	// The services keep the tallies from Go; a history written in SQL
	// adds its own, as they would have.
	exec("INSERT INTO " + models.TalliesTable + " (" + models.TallyColumns + ", n) " + models.TallyCounts(1, ""))
	// The services keep the duplicate keys too.
	for kind, ids := range map[string][]int64{models.DuplicateOrganizations: {r.orgA, r.orgB}, models.DuplicateContacts: {r.personA, r.personB}} {
		if err := models.RefreshDuplicateKeys(db, kind, ids); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func check(t *testing.T, db *gorm.DB) map[string]models.TableCheck {
	t.Helper()
	checks, err := models.Check(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]models.TableCheck{}
	for _, c := range checks {
		out[c.Table] = c
	}
	return out
}

// differing lists the tables that a check found different.
func differing(checks map[string]models.TableCheck) []string {
	var out []string
	for name, c := range checks {
		if !c.Clean() {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// sortedRows reads a query's rows as text, in order.
func sortedRows(t *testing.T, db *gorm.DB, sql string) []string {
	t.Helper()
	rows, err := db.Raw(sql).Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		s := ""
		for _, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			s += fmt.Sprintf("%v|", v)
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func epochs(t *testing.T, db *gorm.DB) (review, stale, list int64) {
	t.Helper()
	db.Raw("SELECT epoch FROM review_epoch WHERE id = 1").Scan(&review)
	db.Raw(models.StaleEpoch).Scan(&stale)
	db.Raw(models.ListEpoch).Scan(&list)
	return review, stale, list
}

// TestCheckFindsAndRepairsEveryMaintainedTable breaks one maintained table
// at a time (a row deleted, a bogus one inserted, a date or count changed)
// and expects the check to name exactly that table, and the repair to make
// it its recount again.
func TestCheckFindsAndRepairsEveryMaintainedTable(t *testing.T) {
	db := modeltest.DB(t)
	r := populate(t, db)
	if bad := differing(check(t, db)); len(bad) != 0 {
		t.Fatalf("a history kept by its triggers differs from its recount: %v", bad)
	}
	if n := len(check(t, db)); n != 17 {
		t.Errorf("%d tables checked, want 17 (four maintained, five full-text, two sort keys, the taggings' copies, two duplicate keys, three epochs)", n)
	}
	ftsOrganizations, breakSearch := "organizations_fts",
		fmt.Sprintf("INSERT INTO organizations_fts(organizations_fts, rowid, search_text) SELECT 'delete', id, search_text FROM organizations WHERE id = %d", r.orgA)
	ftsContacts, bogusSearch := "contacts_fts", "INSERT INTO contacts_fts(rowid, search_text) VALUES (999999, 'bogus words')"
	ftsVisits, changeSearch := "visits_fts", fmt.Sprintf("INSERT INTO visits_fts(visits_fts, rowid, search_text) SELECT 'delete', id, search_text FROM visits WHERE id = %[1]d;"+
		" INSERT INTO visits_fts(rowid, search_text) VALUES (%[1]d, 'other words')", r.visit)
	if db.Name() == models.Postgres {
		ftsOrganizations, breakSearch = "ix_organizations_search", "DROP INDEX ix_organizations_search"
		ftsContacts, bogusSearch, ftsVisits, changeSearch = "", "", "", ""
	}
	recounts := map[string][2]string{
		models.LastHeldTable: {"SELECT organization_id, office_id, restricted, last_held_at FROM " + models.LastHeldTable + " WHERE last_held_at IS NOT NULL", models.LastHeldRecount()},
		models.ActivityTable: {"SELECT organization_id, kind, record_id, contact_id, at FROM " + models.ActivityTable, models.ActivityRecount(db)},
		models.TalliesTable:  {"SELECT " + models.TallyColumns + ", n FROM " + models.TalliesTable + " WHERE n <> 0", models.TallyCounts(1, "")},
	}
	cases := []struct {
		name, table, breakIt string
		missing, extra, diff int64
		also                 string // a second table the same break changes (its check is tested by its own case)
	}{
		{"a later date", models.LastHeldTable, fmt.Sprintf("UPDATE %s SET last_held_at = ? WHERE organization_id = %d", models.LastHeldTable, r.orgA), 0, 0, 1, ""},
		{"a row deleted", models.ActivityTable, fmt.Sprintf("DELETE FROM %s WHERE organization_id = %d AND kind = 'visit'", models.ActivityTable, r.orgA), 1, 0, 0, ""},
		{"a bogus row", models.ActivityTable, fmt.Sprintf("INSERT INTO %s (organization_id, kind, record_id, contact_id, at) VALUES (%d, 'interaction', 424242, 0, '2020-01-01 00:00:00.000000')", models.ActivityTable, r.orgB), 0, 1, 0, ""},
		{"a count changed", models.TalliesTable, "UPDATE " + models.TalliesTable + " SET n = n + 2 WHERE status = 'open'", 0, 0, 1, ""},
		{"a bogus count", models.TalliesTable, "INSERT INTO " + models.TalliesTable + " (" + models.TallyColumns + ", n) VALUES (1, 0, 0, FALSE, 'open', '2001-01-01', '', '', FALSE, 0, '', 4)", 0, 1, 0, ""},
		{"a row deleted", models.TalliesTable, "DELETE FROM " + models.TalliesTable + " WHERE status = 'done'", 1, 0, 0, ""},
		{"an entry gone", ftsOrganizations, breakSearch, 1, 0, 0, ""},
		{"a bogus entry", ftsContacts, bogusSearch, 0, 1, 0, ""},
		{"an entry changed", ftsVisits, changeSearch, 0, 0, 1, ""},
		{"a name changed behind the services' back", "contacts.sort_key", fmt.Sprintf("UPDATE contacts SET family_name = 'Đukić' WHERE id = %d", r.personA), 0, 0, 1, "duplicate_keys.contacts"},
		{"a key written by hand", "organizations.sort_key", fmt.Sprintf("UPDATE organizations SET sort_key = 'zzz' WHERE id = %d", r.orgB), 0, 0, 1, ""},
		{"a block miscounted", models.DuplicateBlocksTable, "UPDATE " + models.DuplicateBlocksTable + " SET size = size + 1 WHERE key LIKE '3n:%'", 0, 0, 4, ""},
		{"an email changed behind the services' back", "duplicate_keys.contacts", fmt.Sprintf("UPDATE contacts SET email = 'p@example.org' WHERE id = %d", r.personB), 1, 0, 0, ""},
		{"a restriction lost", models.LinkCopyCheck, fmt.Sprintf("UPDATE taggings SET restricted = FALSE WHERE entity_id = %d AND entity_type = 'contact'", r.personA), 0, 0, 1, ""},
		{"a live record hidden", models.LinkCopyCheck, "UPDATE taggings SET archived = TRUE WHERE entity_type = 'organization'", 0, 0, 1, ""},
		{"the row gone", "review_epoch", "DELETE FROM review_epoch", 1, 0, 0, ""},
		{"the row gone", models.StaleEpochTable, "DELETE FROM stale_epoch WHERE shard = 0", 1, 0, 0, ""},
		{"the row gone", models.ListEpochTable, "DELETE FROM list_epoch WHERE shard = 0", 1, 0, 0, ""},
	}
	for _, c := range cases {
		if c.table == "" {
			continue
		}
		t.Run(c.table+"/"+c.name, func(t *testing.T) {
			args := []any{}
			if c.table == models.LastHeldTable {
				args = append(args, models.Now().AddDate(1, 0, 0))
			}
			if err := db.Exec(c.breakIt, args...).Error; err != nil {
				t.Fatal(err)
			}
			found := check(t, db)
			want := []string{c.table}
			if c.also != "" {
				want = append(want, c.also)
			}
			sort.Strings(want)
			if bad := differing(found); fmt.Sprint(bad) != fmt.Sprint(want) {
				t.Fatalf("differing tables = %v, want %v", bad, want)
			}
			got := found[c.table]
			if got.Missing != c.missing || got.Extra != c.extra || got.Different != c.diff || len(got.Examples) == 0 {
				t.Errorf("%s: got %+v, want %d missing, %d extra, %d different with examples", c.table, got, c.missing, c.extra, c.diff)
			}
			review, stale, list := epochs(t, db)
			var checks []models.TableCheck
			for _, tc := range found {
				checks = append(checks, tc)
			}
			rebuilt, err := models.Repair(context.Background(), db, checks)
			if err != nil {
				t.Fatal(err)
			}
			sort.Strings(rebuilt)
			if got := fmt.Sprint(rebuilt); !strings.HasSuffix(c.table, "_epoch") && got != fmt.Sprint(want) {
				t.Errorf("rebuilt %s, want %v", got, want)
			}
			if bad := differing(check(t, db)); len(bad) != 0 {
				t.Fatalf("after the repair, %v still differ", bad)
			}
			if q, ok := recounts[c.table]; ok {
				// Compared in SQL, where both sides have the stored types.
				var onlyKept, onlyFresh, n int64
				db.Raw("SELECT COUNT(*) FROM (SELECT * FROM (" + q[0] + ") AS a EXCEPT SELECT * FROM (" + q[1] + ") AS b) AS x").Scan(&onlyKept)
				db.Raw("SELECT COUNT(*) FROM (SELECT * FROM (" + q[1] + ") AS a EXCEPT SELECT * FROM (" + q[0] + ") AS b) AS x").Scan(&onlyFresh)
				db.Raw("SELECT COUNT(*) FROM (" + q[0] + ") AS a").Scan(&n)
				if onlyKept != 0 || onlyFresh != 0 || n == 0 {
					t.Errorf("repaired %s: %d rows, %d not in the recount, %d of the recount missing", c.table, n, onlyKept, onlyFresh)
				}
			}
			if r2, s2, l2 := epochs(t, db); r2 == review || s2 == stale || l2 == list {
				t.Errorf("epochs not raised by the repair: review %d -> %d, stale %d -> %d, list %d -> %d", review, r2, stale, s2, list, l2)
			}
		})
	}
}

// TestSuspendedTriggersComeBack: a bulk load runs without the maintained
// tables' triggers; resuming counts the tables and installs the same
// triggers again, after which writes are maintained as before. The auth
// epochs' triggers (migration 0026) are not maintenance: they keep
// revocation immediate, and stay installed through a load.
func TestSuspendedTriggersComeBack(t *testing.T) {
	db := modeltest.DB(t)
	r := populate(t, db)
	triggers := func() []string {
		q := "SELECT name || ':' || sql FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'auth_epoch_%'"
		if db.Name() == models.Postgres {
			q = "SELECT tgname || ':' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal AND tgname NOT LIKE 'auth_epoch_%'"
		}
		return sortedRows(t, db, q)
	}
	before := triggers()
	if err := models.SuspendTriggers(db); err != nil {
		t.Fatal(err)
	}
	if left := triggers(); len(left) != 0 {
		t.Fatalf("triggers left while suspended: %v", left)
	}
	if err := db.Exec("INSERT INTO interaction_participants (interaction_id, organization_id, role) VALUES (?, ?, 'host')", r.meeting, r.orgB).Error; err != nil {
		t.Fatal(err)
	}
	// A row loaded without its sort key gets it when the load ends.
	var office, owner int64
	db.Raw("SELECT office_id, owner_id FROM contacts WHERE id = ?", r.personA).Row().Scan(&office, &owner)
	if err := db.Exec("INSERT INTO contacts (created_at, updated_at, office_id, owner_id, given_name, family_name, full_name, search_text) VALUES (?, ?, ?, ?, 'Dragan', 'Đukić', 'Dragan Đukić', 'dragan dukic')",
		models.Now(), models.Now(), office, owner).Error; err != nil {
		t.Fatal(err)
	}
	if bad := differing(check(t, db)); len(bad) == 0 {
		t.Fatal("a write without triggers left every table as its recount")
	}
	if err := models.ResumeTriggers(db); err != nil {
		t.Fatal(err)
	}
	if after := triggers(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("triggers after resuming differ:\n%v\nwant\n%v", after, before)
	}
	if err := db.Exec("DELETE FROM interaction_participants WHERE interaction_id = ? AND organization_id = ?", r.meeting, r.orgA).Error; err != nil {
		t.Fatal(err)
	}
	if bad := differing(check(t, db)); len(bad) != 0 {
		t.Errorf("after resuming, %v differ", bad)
	}
}
