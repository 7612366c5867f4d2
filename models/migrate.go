package models

import (
	"embed"
	"fmt"
	"strings"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

//go:embed migrations
var migrationFiles embed.FS

// Migrate brings the schema up to date. Each migration is frozen once
// released: fixes go into a new one. Migrations are SQL rather than gorm
// structs so that constraints, partial indexes and full-text tables are
// stated exactly: written by hand for both databases (migrations/*.sql), or
// generated per dialect from the maintained tables' definitions
// (migrations/sqlite, migrations/postgres; see generated_sql.go).
func Migrate(db *gorm.DB) error {
	if err := migrator(db).Migrate(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return migrateQueue(db)
}

// MigrateTo brings a database up to migration id and no further: how the
// upgrade tests make a database of an earlier release.
func MigrateTo(db *gorm.DB, id string) error {
	if err := migrator(db).MigrateTo(id); err != nil {
		return fmt.Errorf("migrate to %s: %w", id, err)
	}
	return nil
}

func migrator(db *gorm.DB) *gormigrate.Gormigrate {
	return gormigrate.New(db, &gormigrate.Options{
		TableName:                 "schema_migrations",
		IDColumnName:              "id",
		IDColumnSize:              255,
		UseTransaction:            true,
		ValidateUnknownMigrations: true,
	}, migrations())
}

func migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{
		{ID: "0001_core", Migrate: sqlFile("migrations/0001_core.sql")},
		{ID: "0002_search", Migrate: generatedFile("0002_search.sql")},
		{ID: "0003_countries", Migrate: insertCountries},
		{ID: "0004_sdg_tags", Migrate: insertSDGTags},
		{ID: "0005_engagement", Migrate: sqlFile("migrations/0005_engagement.sql")},
		{ID: "0006_performance", Migrate: sqlFile("migrations/0006_performance.sql")},
		{ID: "0007_last_held", Migrate: generatedFile("0007_organization_last_held.sql")},
		{ID: "0008_last_held_open_people", Migrate: generatedFile("0008_organization_last_held.sql")},
		{ID: "0009_organization_activity", Migrate: generatedFile("0009_organization_activity.sql")},
		{ID: "0010_stale_epoch", Migrate: generatedFile("0010_stale_epoch.sql")},
		{ID: "0011_sign_in", Migrate: sqlFile("migrations/0011_sign_in.sql")},
		{ID: "0012_two_factor_and_sso", Migrate: sqlFile("migrations/0012_two_factor_and_sso.sql")},
		{ID: "0013_idempotency_keys", Migrate: sqlFile("migrations/0013_idempotency_keys.sql")},
		{ID: "0014_sort_keys", Migrate: steps(sqlFile("migrations/0014_sort_keys.sql"), fillSortKeys, sqlFile("migrations/0014_sort_key_indexes.sql"))},
		{ID: "0015_visit_partners_and_commitment_times", Migrate: steps(sqlFile("migrations/0015_visit_partner_offices.sql"), generatedFile("0015_organization_activity.sql"))},
		{ID: "0016_notes_and_documents", Migrate: sqlFile("migrations/0016_notes_and_documents.sql")},
		{ID: "0017_relationships_and_tags", Migrate: steps(sqlFile("migrations/0017_relationships_and_tags.sql"), fillTagKeys)},
		{ID: "0018_duplicates_and_folding", Migrate: steps(sqlFile("migrations/0018_duplicates_and_folding.sql"), refoldSearchText, refoldSortKeys, fillDuplicateKeys)},
		{ID: "0019_merged_records", Migrate: sqlFile("migrations/0019_merged_records.sql")},
		{ID: "0020_calendar_feeds", Migrate: sqlFile("migrations/0020_calendar_feeds.sql")},
		{ID: "0021_import_lookups", Migrate: sqlFile("migrations/0021_import_lookups.sql")},
		{ID: "0023_secret_key_checks", Migrate: sqlFile("migrations/0023_secret_key_checks.sql")},
		{ID: "0024_notifications", Migrate: sqlFile("migrations/0024_notifications.sql")},
		{ID: "0025_personal_data", Migrate: steps(sqlFile("migrations/0025_personal_data.sql"), fts5SecureDelete)},
		{ID: "0026_auth_epochs", Migrate: dialectFile("migrations/0026_auth_epochs")},
		{ID: "0027_search_vector", Migrate: dialectFile("migrations/0027_search_vector")},
		{ID: "0029_list_sorts", Migrate: sqlFile("migrations/0029_list_sorts.sql")},
		{ID: "0030_list_epoch", Migrate: generatedFile("0030_list_epoch.sql")},
		{ID: "0032_scoped_sorts", Migrate: steps(sqlFile("migrations/0032_scoped_sorts.sql"), analyzeIndexes("ix_contacts_office_family_name",
			"ix_contacts_office_created", "ix_contacts_office_updated", "ix_interactions_office_created", "ix_interactions_office_updated", "ix_visits_kind_title", "ix_commitments_restricted"))},
		{ID: "0033_country_lookups", Migrate: steps(sqlFile("migrations/0033_country_lookups.sql"), analyzeIndexes("ix_organizations_any_country", "ix_visits_origin"))},
		{ID: "0034_owner_due_sort", Migrate: steps(sqlFile("migrations/0034_owner_due_sort.sql"), analyzeIndexes("ix_commitments_owner_due_sort"))},
		{ID: "0035_owner_open", Migrate: steps(sqlFile("migrations/0035_owner_open.sql"), analyzeIndexes("ix_commitments_owner_open"))},
		{ID: "0036_counts_from_indexes", Migrate: steps(sqlFile("migrations/0036_counts_from_indexes.sql"), analyzeIndexes("ix_interactions_starts", "ix_interactions_owner",
			"ix_interactions_kind", "ix_interactions_status", "ix_commitments_due",
			"ix_commitments_due_sort", "ix_commitments_open_due", "ix_commitments_status", "ix_contacts_gender", "ix_contacts_gender_sort", "ix_contacts_country", "ix_contacts_country_sort"))},
		{ID: "0037_restricted_in_order", Migrate: steps(sqlFile("migrations/0037_restricted_in_order.sql"), analyzeIndexes("ix_interactions_restricted", "ix_contacts_restricted"))},
		{ID: "0038_interactions_country", Migrate: steps(sqlFile("migrations/0038_interactions_country.sql"), analyzeIndexes("ix_interactions_country"))},
		{ID: "0039_link_copy", Migrate: steps(generatedFile("0039_link_copy.sql"), analyzeIndexes(LinkCopyIndexes...))},
	}
}

// steps runs the steps of one migration in order.
func steps(fns ...gormigrate.MigrateFunc) gormigrate.MigrateFunc {
	return func(tx *gorm.DB) error {
		for _, fn := range fns {
			if err := fn(tx); err != nil {
				return err
			}
		}
		return nil
	}
}

// analyzeIndexes gathers SQLite's statistics of new indexes in a database
// that has statistics (sqlite_stat1). An index without them is taken for
// a selective one: the planner then prefers it over an analyzed index that
// returns the rows in order, and sorts what the other reads in order (an
// office's contacts by name: 2.5 ms a page before the office indexes of
// 0032, 730 ms after them unanalyzed). PostgreSQL plans from the table's
// statistics, which a new index does not change.
func analyzeIndexes(names ...string) gormigrate.MigrateFunc {
	return func(tx *gorm.DB) error {
		if tx.Name() != SQLite {
			return nil
		}
		if analyzed, err := hasStatistics(tx); err != nil || !analyzed {
			return err
		}
		for _, n := range names {
			if err := tx.Exec("ANALYZE " + n).Error; err != nil {
				return fmt.Errorf("analyze %s: %w", n, err)
			}
		}
		_, err := keepSkipScanOff(tx)
		return err
	}
}

// sqlFile runs the statements of an embedded file, with the names that
// differ between the dialects filled in: {{pk}}, {{ts}}, {{blob}} (bytes)
// and {{bytewise}} (the collation that compares text byte by byte, SQLite's
// default).
func sqlFile(name string) gormigrate.MigrateFunc {
	return func(tx *gorm.DB) error {
		raw, err := migrationFiles.ReadFile(name)
		if err != nil {
			return err
		}
		pk, ts, blob, bytewise := "INTEGER PRIMARY KEY AUTOINCREMENT", "DATETIME", "BLOB", ""
		if tx.Name() == Postgres {
			pk, ts, blob, bytewise = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "TIMESTAMPTZ", "BYTEA", `COLLATE "C"`
		}
		text := strings.NewReplacer("{{pk}}", pk, "{{ts}}", ts, "{{blob}}", blob, "{{bytewise}}", bytewise).Replace(string(raw))
		for _, stmt := range strings.Split(text, ";\n") {
			if strings.TrimSpace(stripComments(stmt)) == "" {
				continue
			}
			if err := tx.Exec(stmt).Error; err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		return nil
	}
}

// dialectFile runs the statements of a file written by hand for each
// dialect, name.sqlite.sql or name.postgres.sql: for triggers, whose
// bodies differ between the two. Its statements are separated by blank
// lines, as in the generated files, since trigger bodies hold semicolons.
func dialectFile(name string) gormigrate.MigrateFunc {
	return func(tx *gorm.DB) error {
		file := name + "." + tx.Name() + ".sql"
		raw, err := migrationFiles.ReadFile(file)
		if err != nil {
			return err
		}
		for _, stmt := range splitMigration(string(raw)) {
			if err := tx.Exec(stmt).Error; err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
		}
		return nil
	}
}

func stripComments(stmt string) string {
	var b strings.Builder
	for _, line := range strings.Split(stmt, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "--") {
			b.WriteString(line)
		}
	}
	return b.String()
}

func insertCountries(tx *gorm.DB) error {
	rows := isoCountries()
	batch := make([]map[string]any, 0, len(rows))
	for _, r := range rows {
		batch = append(batch, map[string]any{"code": r.Code, "name": r.Name, "region": r.Region})
	}
	return tx.Table("countries").CreateInBatches(batch, 100).Error
}

// sdgNames are the official short titles of the 17 Sustainable Development Goals.
var sdgNames = [17]string{
	"No Poverty", "Zero Hunger", "Good Health and Well-being", "Quality Education",
	"Gender Equality", "Clean Water and Sanitation", "Affordable and Clean Energy",
	"Decent Work and Economic Growth", "Industry, Innovation and Infrastructure",
	"Reduced Inequalities", "Sustainable Cities and Communities",
	"Responsible Consumption and Production", "Climate Action", "Life Below Water",
	"Life on Land", "Peace, Justice and Strong Institutions", "Partnerships for the Goals",
}

func insertSDGTags(tx *gorm.DB) error {
	now := Now()
	tags := make([]map[string]any, 0, len(sdgNames))
	for i, name := range sdgNames {
		tags = append(tags, map[string]any{
			"version": 1, "created_at": now, "updated_at": now, "kind": "sdg",
			"slug": fmt.Sprintf("sdg-%d", i+1), "name": fmt.Sprintf("SDG %d: %s", i+1, name),
		})
	}
	return tx.Table("tags").Create(&tags).Error
}
