package seed

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"liaison/models"
	"liaison/models/modeltest"
	"liaison/services"
)

// bulkLoad loads opt the way seed-bench does: indexes, triggers and keys
// set aside, the load marked as a bulk load, everything rebuilt after.
func bulkLoad(t *testing.T, opt Options) string {
	t.Helper()
	db := modeltest.DB(t)
	rebuild, err := deferIndexes(db)
	if err != nil {
		t.Fatal(err)
	}
	svc := services.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), services.Config{})
	if _, err := Load(models.WithBulkLoad(context.Background()), svc, opt); err != nil {
		t.Fatalf("load (side by side %d): %v", opt.SideBySide, err)
	}
	if err := rebuild(); err != nil {
		t.Fatal(err)
	}
	checks, err := models.Check(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		if !c.Clean() {
			t.Errorf("side by side %d: %s", opt.SideBySide, c)
		}
	}
	return digest(t, db)
}

// Batches imported side by side (PostgreSQL; one at a time on SQLite) make
// exactly the data, ids included, that one batch at a time makes: their
// writes take turns in the order the batches were made.
func TestSideBySideLoadMakesTheSameData(t *testing.T) {
	one := small(11)
	side := small(11)
	side.SideBySide = 3
	if a, b := bulkLoad(t, one), bulkLoad(t, side); a != b {
		t.Errorf("side by side made other data: %s vs %s", b, a)
	}
}
