package models

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// Moving an office from SQLite to PostgreSQL (or back) is a copy of its
// records into a new, migrated database of the other kind: the tables
// below, parents before the rows that point at them, all in one
// transaction on the target. The derived tables are not copied: they are
// rebuilt from the copied records and checked, as liaison check does.

// copiedTables are the tables of records, in an order in which every
// foreign key points at a table copied before (a table pointing at itself
// is handled by copyTable). countries and tags also ship with the
// migrations: the shipped rows are the same on both sides.
var copiedTables = []string{
	"countries", "offices", "users", "secret_key_checks", "user_mfa", "mfa_recovery_codes", "api_tokens", "organizations", "contacts", "positions", "projects",
	"visits", "visit_participants", "visit_partner_offices", "interactions", "interaction_participants", "commitments",
	"tags", "taggings", "audit_events",
	"relationships",
	"notes", "note_mentions", "documents", "document_contents",
	"calendar_feeds",
	"notifications", "user_preferences", "digest_deliveries",
	"retention_keeps",
}

// notCopied are the tables a copy leaves out, each for a reason: derived
// from the records (rebuilt after the copy), the migrations' own record,
// or state that belongs to one running system (sign-ins are made again on
// the new database; a throttle starts afresh).
var notCopied = map[string]string{
	ActivityTable:        "derived",
	LastHeldTable:        "derived",
	TalliesTable:         "derived",
	DuplicateKeysTable:   "derived",
	DuplicateBlocksTable: "derived",
	StaleEpochTable:      "derived",
	"review_epoch":       "derived",
	ListEpochTable:       "derived",
	AuthEpochsTable:      "a new database starts every user at epoch 0; no process has cached a sign-in of it",
	"schema_migrations":  "the target runs its own migrations",
	"sessions":           "users sign in again on the new database",
	"login_throttles":    "sign-in throttling starts afresh",
	"oidc_logins":        "a single sign-on under way starts again",
	"idempotency_keys":   "kept responses replay requests made to the old database; a copy is made with Liaison stopped",
}

func init() {
	for _, t := range QueueTables {
		notCopied[t] = "jobs in flight belong to the old database's queue; the new one schedules its own"
	}
}

// CopiedTable is what a copy did to one table.
type CopiedTable struct {
	Table string
	Rows  int64
}

// ErrTargetNotEmpty is a copy into a database that already holds records.
var ErrTargetNotEmpty = errors.New("the target database already holds records: copy into a new, empty database")

// CopyDatabase copies every record of src into dst, both migrated to the
// same version, dst holding no records yet. It runs in one transaction on
// dst: on any error nothing is written. The maintained tables and the
// full-text index are rebuilt from the copied records, and the copy is
// checked row count by row count and with liaison check's recounts.
func CopyDatabase(ctx context.Context, src, dst *gorm.DB, progress io.Writer) ([]CopiedTable, error) {
	src, dst = src.WithContext(ctx), dst.WithContext(ctx)
	if err := sameMigrations(src, dst); err != nil {
		return nil, err
	}
	if err := coversEveryTable(dst); err != nil {
		return nil, err
	}
	for _, t := range []string{"offices", "users", "organizations"} {
		var n int64
		if err := dst.Raw("SELECT COUNT(*) FROM " + t).Scan(&n).Error; err != nil {
			return nil, err
		}
		if n > 0 {
			return nil, ErrTargetNotEmpty
		}
	}
	var out []CopiedTable
	err := dst.Transaction(func(tx *gorm.DB) error {
		// Without the triggers, each derived table is counted once at the
		// end instead of row by row.
		if err := SuspendTriggers(tx); err != nil {
			return err
		}
		for _, t := range copiedTables {
			n, err := copyTable(src, tx, t)
			if err != nil {
				return fmt.Errorf("copy %s: %w", t, err)
			}
			var copied int64
			if err := tx.Raw("SELECT COUNT(*) FROM " + t).Scan(&copied).Error; err != nil {
				return err
			}
			if copied != n {
				return fmt.Errorf("copy %s: %d rows in the source, %d in the target", t, n, copied)
			}
			out = append(out, CopiedTable{Table: t, Rows: n})
			fmt.Fprintf(progress, "copy: %s, %d rows\n", t, n)
		}
		if err := continueSequences(tx); err != nil {
			return err
		}
		if err := ResumeTriggers(tx); err != nil {
			return err
		}
		checks, err := Check(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := Repair(ctx, tx, checks); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	checks, err := Check(ctx, dst)
	if err != nil {
		return out, err
	}
	for _, c := range checks {
		if !c.Clean() {
			return out, fmt.Errorf("after the copy, %s", c)
		}
	}
	return out, nil
}

// sameMigrations refuses databases of different schema versions: the copy
// maps columns by name, one to one.
func sameMigrations(src, dst *gorm.DB) error {
	ids := func(db *gorm.DB) ([]string, error) {
		var out []string
		err := db.Raw("SELECT id FROM schema_migrations ORDER BY id").Scan(&out).Error
		return out, err
	}
	a, err := ids(src)
	if err != nil {
		return err
	}
	b, err := ids(dst)
	if err != nil {
		return err
	}
	if !slices.Equal(a, b) {
		return errors.New("the two databases are at different schema versions: run the same liaison version's migrate on both")
	}
	return nil
}

// coversEveryTable fails when the database has a table the copy neither
// copies nor leaves out for a reason: a table added later must be placed
// in one list or the other, never forgotten.
func coversEveryTable(db *gorm.DB) error {
	tables, err := tableNames(db)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if slices.Contains(copiedTables, t) || notCopied[t] != "" || isSearchTable(t) {
			continue
		}
		return fmt.Errorf("table %s is neither copied nor left out by liaison copy (models/copy.go)", t)
	}
	return nil
}

// isSearchTable reports SQLite's full-text tables and their shadow tables,
// rebuilt after a copy.
func isSearchTable(t string) bool {
	return strings.Contains(t, "_fts") || t == "sqlite_sequence"
}

func tableNames(db *gorm.DB) ([]string, error) {
	var out []string
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%'"
	if db.Name() == Postgres {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	err := db.Raw(q).Scan(&out).Error
	return out, err
}

// copyTable copies the rows of one table in batches and returns how many
// the source holds. A column pointing at the same table (an organization's
// parent) is written after every row is in, so that no row has to come
// before its parent.
func copyTable(src, dst *gorm.DB, table string) (int64, error) {
	types, err := columnTypes(dst, table)
	if err != nil {
		return 0, err
	}
	selfRefs, err := selfReferences(dst, table)
	if err != nil {
		return 0, err
	}
	// The source's columns in its table's order: a blob first in a VALUES
	// list would be taken for a list of values to expand.
	stored, err := storedColumns(src, table)
	if err != nil {
		return 0, err
	}
	cols := make([]string, len(stored))
	for i, c := range stored {
		if _, ok := types[c.Name]; !ok {
			return 0, fmt.Errorf("column %s is not in the target", c.Name)
		}
		cols[i] = c.Name
	}
	rows, err := src.Raw("SELECT " + quoteColumns(cols) + " FROM " + table).Rows()
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	conflict := ""
	if table == "countries" || table == "tags" {
		conflict = " ON CONFLICT DO NOTHING" // shipped by the migrations on both sides
	}
	perBatch := min(500, 60000/len(cols)) // PostgreSQL binds at most 65,535 values per statement
	var batch [][]any
	var later [][2]any // id, value of a self-reference
	var n int64
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
		values := strings.TrimSuffix(strings.Repeat(row+", ", len(batch)), ", ")
		args := make([]any, 0, len(batch)*len(cols))
		for _, r := range batch {
			args = append(args, r...)
		}
		batch = batch[:0]
		return dst.Exec("INSERT INTO "+table+" ("+quoteColumns(cols)+") VALUES "+values+conflict, args...).Error
	}
	for rows.Next() {
		values := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range values {
			ptrs[i] = &values[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, c := range cols {
			values[i] = convert(values[i], types[c])
			if slices.Contains(selfRefs, c) && values[i] != nil {
				later = append(later, [2]any{values[slices.Index(cols, "id")], values[i]})
				values[i] = nil
			}
		}
		batch = append(batch, values)
		n++
		if len(batch) == perBatch {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	if err := flush(); err != nil {
		return n, err
	}
	for _, ref := range later {
		for _, col := range selfRefs {
			if err := dst.Exec("UPDATE "+table+" SET "+col+" = ? WHERE id = ? AND "+col+" IS NULL", ref[1], ref[0]).Error; err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// quoteColumns lists column names for an INSERT; "primary" is a keyword.
func quoteColumns(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = `"` + c + `"`
	}
	return strings.Join(q, ", ")
}

// convert turns a value read from one database into what the other's
// column takes: SQLite keeps booleans as 0 and 1 and hands text back as
// bytes. Bytes bound for a blob column (a document's content) stay bytes.
func convert(v any, targetType string) any {
	switch x := v.(type) {
	case []byte:
		if targetType == "blob" || targetType == "bytea" {
			return x
		}
		return string(x)
	case int64:
		if targetType == "boolean" {
			return x != 0
		}
	}
	return v
}

// storedColumns are a table's stored columns in the table's order, with
// their declared types, lower case. A column the database generates
// (PostgreSQL's search_vector) is not one: each side makes its own.
func storedColumns(db *gorm.DB, table string) ([]struct{ Name, Type string }, error) {
	var rows []struct{ Name, Type string }
	q := "SELECT name, type FROM pragma_table_info(?) ORDER BY cid"
	if db.Name() == Postgres {
		q = "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position"
	}
	if err := db.Raw(q, table).Scan(&rows).Error; err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("no table %s in the %s database", table, db.Name())
	}
	for i := range rows {
		rows[i].Type = strings.ToLower(rows[i].Type)
	}
	return rows, nil
}

// columnTypes maps a table's stored columns to their types (storedColumns).
func columnTypes(db *gorm.DB, table string) (map[string]string, error) {
	cols, err := storedColumns(db, table)
	out := make(map[string]string, len(cols))
	for _, c := range cols {
		out[c.Name] = c.Type
	}
	return out, err
}

// selfReferences lists the columns of a table that are foreign keys to the
// same table.
func selfReferences(db *gorm.DB, table string) ([]string, error) {
	var out []string
	q := `SELECT "from" FROM pragma_foreign_key_list(?) WHERE "table" = ?`
	args := []any{table, table}
	if db.Name() == Postgres {
		q = `SELECT a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
WHERE c.contype = 'f' AND c.conrelid = ?::regclass AND c.confrelid = c.conrelid`
		args = []any{table}
	}
	err := db.Raw(q, args...).Scan(&out).Error
	return out, err
}

// continueSequences makes PostgreSQL's id sequences continue after the
// copied ids (SQLite's AUTOINCREMENT follows the largest id by itself).
func continueSequences(tx *gorm.DB) error {
	if tx.Name() != Postgres {
		return nil
	}
	for _, t := range copiedTables {
		types, err := columnTypes(tx, t)
		if err != nil {
			return err
		}
		if _, ok := types["id"]; !ok {
			continue // keyed otherwise (countries, taggings)
		}
		err = tx.Exec("SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE((SELECT MAX(id) FROM "+t+"), 1), (SELECT MAX(id) FROM "+t+") IS NOT NULL)", t).Error
		if err != nil {
			return fmt.Errorf("sequence of %s: %w", t, err)
		}
	}
	return nil
}
