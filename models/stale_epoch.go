package models

import (
	"fmt"
	"strings"
)

// stale_epoch (migration 0010): a generation number for the
// stale-stakeholder review.
//
// The review ranks every key stakeholder a reader may see by when it was
// last met (about 20,000 organizations on the large data set: tens of
// milliseconds a request), while what it ranks changes at the pace of
// people logging meetings. The ranking is therefore kept per reader and
// filter between requests (services/epoch_cache.go) and used only while
// stale_epoch is unchanged. Triggers raise the epoch in the transaction of
// every write that can move a ranking: any change of organization_last_held
// (itself kept by triggers on interactions, participants, positions and
// people's restriction), of an organization's influence, name, archive
// state, country or office, and of a commitment's status, counterpart,
// archive state, restriction or office. A reader reads the epoch before it
// ranks, so a ranking is never stored under an epoch newer than the data it
// saw.
//
// The triggers fire per row, and an update only when a column the ranking
// reads changed. On PostgreSQL a transaction raises the epoch once (a
// transaction-local setting remembers it), and the epoch is the sum of
// rows per server process (shard pg_backend_pid() modulo staleEpochShards):
// with a single row, every transaction that logs a meeting would wait for
// the one before it to commit. SQLite has one writer at a time and one row.

// StaleEpochTable holds the generation number.
const StaleEpochTable = "stale_epoch"

// staleEpochShards bounds the table's rows on PostgreSQL.
const staleEpochShards = 1024

// StaleEpoch is the query that reads the current generation.
const StaleEpoch = "SELECT CAST(COALESCE(SUM(epoch), 0) AS BIGINT) FROM " + StaleEpochTable

// staleEpochSource is a write that can move a ranking: an event on a table,
// and for updates the columns whose change matters.
type staleEpochSource struct {
	table, event string
	columns      []string
}

var staleEpochSources = func() []staleEpochSource {
	var out []staleEpochSource
	for _, t := range []struct {
		table   string
		columns []string
	}{
		{LastHeldTable, []string{"last_held_at"}},
		{"organizations", []string{"influence", "name", "deleted_at", "country_code", "office_id"}},
		{"commitments", []string{"status", "counterpart_organization_id", "deleted_at", "restricted", "office_id"}},
	} {
		out = append(out, staleEpochSource{t.table, "INSERT", nil}, staleEpochSource{t.table, "UPDATE", t.columns},
			staleEpochSource{t.table, "DELETE", nil})
	}
	return out
}()

// staleEpochMigration is migration 0010: the table with its first row,
// and the triggers.
func staleEpochMigration(dialect string) []string {
	return append([]string{
		"CREATE TABLE " + StaleEpochTable + " (shard BIGINT PRIMARY KEY, epoch BIGINT NOT NULL)",
		"INSERT INTO " + StaleEpochTable + " (shard, epoch) VALUES (0, 0)",
	}, staleEpochStatements(dialect)...)
}

func staleEpochStatements(dialect string) []string {
	var out []string
	if dialect == Postgres {
		out = append(out, shardedEpochFunction(StaleEpochTable, staleEpochShards))
	}
	for i, src := range staleEpochSources {
		event, changed := src.event, make([]string, len(src.columns))
		if len(src.columns) > 0 {
			event += " OF " + strings.Join(src.columns, ", ")
		}
		for j, c := range src.columns {
			if dialect == Postgres {
				changed[j] = "OLD." + c + " IS DISTINCT FROM NEW." + c
			} else {
				changed[j] = "OLD." + c + " IS NOT NEW." + c
			}
		}
		when := ""
		if len(changed) > 0 {
			when = " WHEN (" + strings.Join(changed, " OR ") + ")"
		}
		if dialect == Postgres {
			out = append(out, fmt.Sprintf("CREATE TRIGGER stale_epoch_%d AFTER %s ON %s FOR EACH ROW%s EXECUTE FUNCTION liaison_raise_stale_epoch()",
				i, event, src.table, when))
		} else {
			out = append(out, fmt.Sprintf("CREATE TRIGGER stale_epoch_%d AFTER %s ON %s FOR EACH ROW%s BEGIN\n  UPDATE %s SET epoch = epoch + 1 WHERE shard = 0;\nEND",
				i, event, src.table, when, StaleEpochTable))
		}
	}
	return out
}

// shardedEpochFunction is the PostgreSQL trigger function that raises an
// epoch kept as a sum of rows per server process: at most once per
// transaction (a transaction-local setting remembers it), into the row of
// the process's shard, so that concurrent writers do not queue on one row.
// The function is liaison_raise_<table>.
func shardedEpochFunction(table string, shards int) string {
	return fmt.Sprintf(`CREATE OR REPLACE FUNCTION liaison_raise_%[1]s() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('liaison.%[1]s_raised', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('liaison.%[1]s_raised', 'on', true);
    INSERT INTO %[1]s (shard, epoch) VALUES (pg_backend_pid() %% %[2]d, 1)
      ON CONFLICT (shard) DO UPDATE SET epoch = %[1]s.epoch + 1;
  END IF;
  RETURN NULL;
END
$$`, table, shards)
}
