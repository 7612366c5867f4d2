package models_test

import (
	"slices"
	"testing"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/models/modeltest"
)

func listEpoch(t *testing.T, db *gorm.DB) int64 {
	t.Helper()
	var n int64
	if err := db.Raw(models.ListEpoch).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestEveryTableIsNamedByTheListEpoch: a table the counts of lists may read
// must raise list_epoch on every write, or a kept count outlives a change;
// a new table must be put in one list or the other, with its reason.
func TestEveryTableIsNamedByTheListEpoch(t *testing.T) {
	db := modeltest.DB(t)
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'"
	if db.Name() == models.Postgres {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	var tables []string
	if err := db.Raw(q).Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		raises, exempt := slices.Contains(models.ListEpochTables, table), models.NotListEpochTables[table] != ""
		if raises == exempt {
			t.Errorf("table %s: raises list_epoch %v, exempt %v: it must be exactly one (models/list_epoch.go)", table, raises, exempt)
		}
	}
}

// TestWritesRaiseTheListEpoch: an insert, an update and a delete of a
// record each move the epoch, in the transaction that writes; a rolled-back
// write leaves it where it was; writes to sign-in state do not move it.
func TestWritesRaiseTheListEpoch(t *testing.T) {
	db := modeltest.DB(t)
	now := models.Now()
	moved := func(name string, write func(tx *gorm.DB) error) {
		t.Helper()
		before := listEpoch(t, db)
		if err := db.Transaction(write); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if after := listEpoch(t, db); after <= before {
			t.Errorf("%s: list_epoch %d -> %d, want it raised", name, before, after)
		}
	}
	office := models.Office{Record: models.Record{Version: 1, CreatedAt: now, UpdatedAt: now}, Name: "Sarajevo"}
	moved("insert an office", func(tx *gorm.DB) error { return tx.Create(&office).Error })
	moved("rename it", func(tx *gorm.DB) error {
		return tx.Model(&office).Update("name", "Sarajevo office").Error
	})
	moved("insert many rows in one statement", func(tx *gorm.DB) error {
		return tx.Exec("INSERT INTO offices (name, created_at, updated_at, version) VALUES ('A', ?, ?, 1), ('B', ?, ?, 1)", now, now, now, now).Error
	})
	moved("delete them", func(tx *gorm.DB) error { return tx.Exec("DELETE FROM offices WHERE name IN ('A', 'B')").Error })

	before := listEpoch(t, db)
	_ = db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("UPDATE offices SET name = 'Mostar' WHERE id = ?", office.ID).Error; err != nil {
			t.Fatal(err)
		}
		return gorm.ErrInvalidTransaction // rolls back
	})
	if after := listEpoch(t, db); after != before {
		t.Errorf("a rolled-back write moved list_epoch %d -> %d", before, after)
	}
	if err := db.Exec("INSERT INTO login_throttles (throttle_key, fails) VALUES ('x', 1)").Error; err != nil {
		t.Fatal(err)
	}
	if after := listEpoch(t, db); after != before {
		t.Errorf("sign-in state moved list_epoch %d -> %d", before, after)
	}
}

// TestNewIndexesAreAnalyzed: the indexes of migration 0032 exist, and on
// a SQLite database that has statistics they get theirs in the migration;
// without them the planner prefers them to the analyzed index that
// returns a page in order. (PostgreSQL plans from the table's statistics.)
func TestNewIndexesAreAnalyzed(t *testing.T) {
	db, _ := modeltest.Empty(t)
	if err := models.MigrateTo(db, "0030_list_epoch"); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("ANALYZE").Error; err != nil {
		t.Fatal(err)
	}
	if err := models.Migrate(db); err != nil {
		t.Fatal(err)
	}
	var n int64
	if db.Name() == models.Postgres {
		db.Raw("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'ix_contacts_office_family_name'").Scan(&n)
	} else {
		db.Raw("SELECT COUNT(*) FROM sqlite_stat1 WHERE idx = 'ix_contacts_office_family_name'").Scan(&n)
	}
	if n == 0 {
		t.Error("ix_contacts_office_family_name is missing or has no statistics after the migration")
	}
}
