package models

import (
	"fmt"
	"slices"
	"strings"
)

// list_epoch (migration 0030): a generation number for the counts of lists.
//
// A list asked for its total (count=true) counts the rows its filters and
// the reader's visibility match, up to a bound: reading up to ten thousand
// rows, each checked against the visibility rule, on every request, where
// the answer changes only when someone writes. The counts are therefore
// kept between requests per statement (services/list_counts.go) and used
// only while list_epoch is unchanged, which every write to a table that a
// list may read raises in its own transaction: a count is then exact for
// every process sharing the database, never a moment stale.
//
// The raise is coarse on purpose: any write to any of those tables, not
// only one that could move a given count. Which tables and columns a
// count reads depends on the filter (tags, positions, participants, the
// search index, the maintained tables); which of them a write touches is
// not worth tracking when writes are a few a second and reads of the same
// lists many more.
//
// On PostgreSQL the triggers fire per statement (a multi-row insert or a
// COPY raises once), a transaction raises at most once (a
// transaction-local setting remembers it), and the epoch is the sum of
// rows per server process, like stale_epoch: one row would make every
// writing transaction wait for the one before it to commit. SQLite has no
// statement triggers; its one writer raises its one row per written row.

// ListEpochTable holds the generation number.
const ListEpochTable = "list_epoch"

// listEpochShards bounds the table's rows on PostgreSQL.
const listEpochShards = 1024

// ListEpoch is the query that reads the current generation.
const ListEpoch = "SELECT CAST(COALESCE(SUM(epoch), 0) AS BIGINT) FROM " + ListEpochTable

// ListEpochTables are the tables whose every write raises list_epoch: the
// records, their links, and the tables kept from them.
var ListEpochTables = []string{
	"countries", "offices", "users", "user_mfa", "organizations", "contacts", "positions", "projects",
	"visits", "visit_participants", "visit_partner_offices", "interactions", "interaction_participants", "commitments",
	"tags", "taggings", "audit_events", "relationships",
	"notes", "note_mentions", "documents", "document_contents",
	"calendar_feeds", "notifications", "user_preferences", "digest_deliveries", "retention_keeps",
	LastHeldTable, ActivityTable, TalliesTable, DuplicateKeysTable, DuplicateBlocksTable,
}

// NotListEpochTables are the tables whose writes leave list_epoch alone,
// each for a reason; no counted list reads them (services' tests check the
// statements). A table in neither list fails the schema test.
var NotListEpochTables = map[string]string{
	"sessions":           "written on every request (last seen); sign-in state, not records",
	"api_tokens":         "written on every use (last used); sign-in state, not records",
	"login_throttles":    "sign-in state",
	"oidc_logins":        "sign-in state",
	"mfa_recovery_codes": "sign-in state",
	"secret_key_checks":  "the key's check value",
	"idempotency_keys":   "kept responses; the write they belong to raises the epoch itself",
	"schema_migrations":  "the migrations' own record",
	AuthEpochsTable:      "an epoch",
	"review_epoch":       "an epoch",
	StaleEpochTable:      "an epoch",
	ListEpochTable:       "the epoch itself",
}

func init() {
	for _, t := range QueueTables {
		NotListEpochTables[t] = "the job queue's own tables"
	}
}

// listEpochMigration is migration 0030: the table with its first row, and
// the triggers.
func listEpochMigration(dialect string) []string {
	out := []string{
		"CREATE TABLE " + ListEpochTable + " (shard BIGINT PRIMARY KEY, epoch BIGINT NOT NULL)",
		"INSERT INTO " + ListEpochTable + " (shard, epoch) VALUES (0, 0)",
	}
	tables := slices.Clone(ListEpochTables)
	slices.Sort(tables)
	if dialect == Postgres {
		out = append(out, shardedEpochFunction(ListEpochTable, listEpochShards))
		for _, t := range tables {
			out = append(out, fmt.Sprintf("CREATE TRIGGER list_epoch_%[1]s AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %[1]s FOR EACH STATEMENT EXECUTE FUNCTION liaison_raise_list_epoch()", t))
		}
		return out
	}
	for _, t := range tables {
		for _, event := range []string{"INSERT", "UPDATE", "DELETE"} {
			out = append(out, fmt.Sprintf("CREATE TRIGGER list_epoch_%[1]s_%[2]s AFTER %[3]s ON %[1]s FOR EACH ROW BEGIN\n  %[4]s;\nEND",
				t, strings.ToLower(event), event, RaiseListEpoch))
		}
	}
	return out
}

// RaiseListEpoch is the statement that tells every process that a count
// it kept is out of date, for a write that went around the triggers (a
// bulk load with them suspended).
const RaiseListEpoch = "UPDATE " + ListEpochTable + " SET epoch = epoch + 1 WHERE shard = 0"
