package models_test

import (
	"context"
	"testing"

	"liaison/models"
	"liaison/models/modeltest"
)

// Every connection of the pool starts with Liaison's settings for its
// database: on PostgreSQL the planner's (models.pgDefaults: values planned
// in, SSD page costs, no compiling of statements to machine code, no
// parallel workers for one request), on SQLite the write-ahead log and
// foreign keys.
func TestConnectionsStartWithTheDatabasesSettings(t *testing.T) {
	want := map[string]string{"journal_mode": "wal", "foreign_keys": "1"}
	show := "PRAGMA "
	if modeltest.Kind() == models.Postgres {
		want = map[string]string{"jit": "off", "plan_cache_mode": "force_custom_plan", "random_page_cost": "1.1", "max_parallel_workers_per_gather": "0"}
		show = "SHOW "
	}
	sqlDB, err := modeltest.DB(t).DB()
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
		for setting, value := range want {
			var got string
			if err := conn.QueryRowContext(ctx, show+setting).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != value {
				t.Errorf("connection %d: %s = %s, want %s", i, setting, got, value)
			}
		}
	}
}
