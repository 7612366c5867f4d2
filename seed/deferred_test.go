package seed

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/models/modeltest"
	"liaison/services"
)

// schema lists what a migration makes of the database: every column in its
// table's order with its type, default or generating expression, every
// index, constraint and trigger, one line each.
func schema(t *testing.T, db *gorm.DB) []string {
	t.Helper()
	queries := []string{`SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`}
	if db.Name() == models.Postgres {
		queries = []string{
			// Columns by their rank, not attnum: a dropped column leaves a gap.
			`SELECT c.table_name || '.' || (row_number() OVER (PARTITION BY c.table_name ORDER BY c.ordinal_position)) || ' ' ||
				c.column_name || ' ' || c.data_type || ' ' || c.is_nullable || ' ' || COALESCE(c.column_default, '') || ' ' ||
				COALESCE(c.generation_expression, '') || ' ' || COALESCE(c.collation_name, '')
				FROM information_schema.columns c WHERE c.table_schema = current_schema()`,
			`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()`,
			`SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
				WHERE connamespace = current_schema()::regnamespace`,
			`SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal`,
		}
	}
	var out []string
	for _, q := range queries {
		var lines []string
		if err := db.Raw(q).Scan(&lines).Error; err != nil {
			t.Fatal(err)
		}
		out = append(out, lines...)
	}
	slices.Sort(out)
	return out
}

// A load that defers its indexes, triggers, foreign keys and search vectors
// leaves the database as the migrations made it, with every derived table,
// duplicate key and search vector what liaison check recounts.
func TestDeferredLoadLeavesTheMigratedSchema(t *testing.T) {
	want := schema(t, modeltest.DB(t))
	db := modeltest.DB(t)
	rebuild, err := deferIndexes(db)
	if err != nil {
		t.Fatal(err)
	}
	if db.Name() == models.Postgres {
		var keys int64
		db.Raw(`SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = 'contacts'::regclass`).Scan(&keys)
		if keys != 0 {
			t.Fatalf("contacts keeps %d foreign keys during the load", keys)
		}
	}
	svc := services.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), services.Config{})
	ctx := context.Background()
	if _, err := Load(models.WithBulkLoad(ctx), svc, small(3)); err != nil {
		t.Fatal(err)
	}
	var keys int64
	db.Table(models.DuplicateKeysTable).Count(&keys)
	if keys != 0 {
		t.Errorf("%d duplicate keys written row by row during the load", keys)
	}
	if err := rebuild(); err != nil {
		t.Fatal(err)
	}
	if got := schema(t, db); !slices.Equal(got, want) {
		for _, l := range got {
			if !slices.Contains(want, l) {
				t.Errorf("after the load: %s", l)
			}
		}
		for _, l := range want {
			if !slices.Contains(got, l) {
				t.Errorf("migrated: %s", l)
			}
		}
	}
	checks, err := models.Check(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		if !c.Clean() {
			t.Errorf("after the load, %s", c)
		}
	}
	db.Table(models.DuplicateKeysTable).Count(&keys)
	if keys == 0 {
		t.Error("no duplicate keys after the load")
	}
	var admin struct{ ID, OfficeID int64 }
	db.Table("users").Select("id, office_id").Where("email = ?", AdminEmail).Scan(&admin)
	actor := services.Actor{UserID: admin.ID, OfficeID: admin.OfficeID, Role: "admin"}
	hits, err := svc.Search.Search(ctx, actor, "ministry", nil, 10)
	if err != nil || len(hits) == 0 {
		t.Errorf("search after the load: %d hits, %v", len(hits), err)
	}
	// The load reserved its ids in blocks: the sequences continue after
	// them, so a record written afterwards takes a new id.
	for _, table := range []string{"organizations", "contacts", "visits", "interactions", "commitments"} {
		var loaded int64
		db.Table(table).Select("COUNT(*)").Scan(&loaded)
		if loaded == 0 {
			t.Errorf("no %s loaded", table)
		}
	}
	var largest int64
	db.Table("organizations").Select("MAX(id)").Scan(&largest)
	org, err := svc.Organizations.Create(ctx, actor, services.OrganizationInput{Name: "Written after the load", Type: "ngo"})
	if err != nil || org.ID <= largest {
		t.Errorf("an organization created after the load: %v, id %d after the loaded %d", err, org.ID, largest)
	}
	if strings.Join(want, "") == "" {
		t.Fatal("no schema read")
	}
}

// seed-bench into a database that is not new refuses it and puts back the
// indexes, foreign keys and search vectors it had set aside.
func TestBenchIntoALoadedDatabaseLeavesItsSchema(t *testing.T) {
	db, _, _ := load(t, small(5))
	want := schema(t, db)
	err := Bench(db, []string{"-scale", "0.001"}, io.Discard, io.Discard)
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("seed-bench into a loaded database: %v, want ErrNotEmpty", err)
	}
	if got := schema(t, db); !slices.Equal(got, want) {
		t.Errorf("the schema changed: %d lines, want %d", len(got), len(want))
	}
}
