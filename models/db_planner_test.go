package models_test

import (
	"context"
	"testing"

	"liaison/models"
	"liaison/models/modeltest"
)

// Every PostgreSQL connection of the pool starts with Liaison's planner
// settings (models.pgDefaults): values planned in, SSD page costs, and no
// compiling of statements to machine code. SQLite has no such settings.
func TestPostgresConnectionsStartWithThePlannerSettings(t *testing.T) {
	if modeltest.Kind() != models.Postgres {
		t.Skip("PostgreSQL's planner settings")
	}
	db := modeltest.DB(t)
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := range 3 { // three connections of the pool, held at once
		conn, err := sqlDB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		for setting, want := range map[string]string{"jit": "off", "plan_cache_mode": "force_custom_plan", "random_page_cost": "1.1"} {
			var got string
			if err := conn.QueryRowContext(ctx, "SHOW "+setting).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("connection %d: %s = %s, want %s", i, setting, got, want)
			}
		}
	}
}
