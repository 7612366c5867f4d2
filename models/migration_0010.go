package models

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// Migration 0010: a generation number for the stale-stakeholder review.
//
// The review ranks every key stakeholder a reader may see by when it was
// last met (about 20,000 organizations on the large data set: tens of
// milliseconds a request), while what it ranks changes at the pace of
// people logging meetings. The ranking is therefore kept per reader and
// filter between requests (services.staleCache) and used only while
// stale_epoch is unchanged. Triggers raise the epoch in the transaction of
// every write that can move a ranking: any change of organization_last_held
// (itself kept by triggers on interactions, participants, positions and
// people's restriction), of an organization's influence, name, archive
// state, country or office, and of a commitment's status, counterpart,
// archive state, restriction or office. A reader reads the epoch before it
// ranks, so a ranking is never stored under an epoch newer than the data it
// saw.
//
// On PostgreSQL the epoch is the sum of a row per server process (shard
// pg_backend_pid() modulo staleEpochShards): with a single row, every
// transaction that logs a meeting would wait for the one before it to
// commit. The triggers there fire once per statement, not per row, so a
// bulk import raises the epoch once per batch. SQLite has one writer at a
// time and one row.

// StaleEpochTable holds the generation number.
const StaleEpochTable = "stale_epoch"

// staleEpochShards bounds the table's rows on PostgreSQL.
const staleEpochShards = 256

// StaleEpoch is the query that reads the current generation.
const StaleEpoch = "SELECT CAST(COALESCE(SUM(epoch), 0) AS BIGINT) FROM " + StaleEpochTable

// staleEpochSources are the writes that can move a ranking, as SQLite's
// one-event triggers name them.
var staleEpochSources = []struct {
	table  string
	events []string
}{
	{LastHeldTable, []string{"INSERT", "UPDATE", "DELETE"}},
	{"organizations", []string{"INSERT", "UPDATE OF influence, name, deleted_at, country_code, office_id", "DELETE"}},
	{"commitments", []string{"INSERT", "UPDATE OF status, counterpart_organization_id, deleted_at, restricted, office_id", "DELETE"}},
}

func migrateStaleEpoch(tx *gorm.DB) error {
	for _, s := range []string{
		"CREATE TABLE " + StaleEpochTable + " (shard BIGINT PRIMARY KEY, epoch BIGINT NOT NULL)",
		"INSERT INTO " + StaleEpochTable + " (shard, epoch) VALUES (0, 0)",
	} {
		if err := tx.Exec(s).Error; err != nil {
			return err
		}
	}
	return CreateStaleEpochTriggers(tx)
}

// CreateStaleEpochTriggers installs the triggers that raise the epoch.
func CreateStaleEpochTriggers(tx *gorm.DB) error {
	for _, s := range staleEpochStatements(tx.Name()) {
		if err := tx.Exec(s).Error; err != nil {
			return fmt.Errorf("stale epoch trigger: %w", err)
		}
	}
	return nil
}

// DropStaleEpochTriggers suspends them, for a bulk load into a new
// database that nothing reads meanwhile.
func DropStaleEpochTriggers(tx *gorm.DB) error {
	for _, src := range staleEpochSources {
		var stmts []string
		if tx.Name() == Postgres {
			stmts = []string{"DROP TRIGGER IF EXISTS stale_epoch_" + src.table + " ON " + src.table}
		} else {
			for i := range src.events {
				stmts = append(stmts, fmt.Sprintf("DROP TRIGGER IF EXISTS stale_epoch_%s_%d", src.table, i))
			}
		}
		for _, s := range stmts {
			if err := tx.Exec(s).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

func staleEpochStatements(dialect string) []string {
	if dialect == Postgres {
		out := []string{fmt.Sprintf(`CREATE OR REPLACE FUNCTION liaison_raise_stale_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO %[1]s (shard, epoch) VALUES (pg_backend_pid() %% %[2]d, 1)
    ON CONFLICT (shard) DO UPDATE SET epoch = %[1]s.epoch + 1;
  RETURN NULL;
END
$$`, StaleEpochTable, staleEpochShards)}
		for _, src := range staleEpochSources {
			out = append(out, fmt.Sprintf("CREATE TRIGGER stale_epoch_%[1]s AFTER %[2]s ON %[1]s FOR EACH STATEMENT EXECUTE FUNCTION liaison_raise_stale_epoch()",
				src.table, strings.Join(src.events, " OR ")))
		}
		return out
	}
	var out []string
	for _, src := range staleEpochSources {
		for i, ev := range src.events {
			out = append(out, fmt.Sprintf("CREATE TRIGGER stale_epoch_%s_%d AFTER %s ON %s BEGIN\n  UPDATE %s SET epoch = epoch + 1 WHERE shard = 0;\nEND",
				src.table, i, ev, src.table, StaleEpochTable))
		}
	}
	return out
}
