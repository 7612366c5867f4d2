package models

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"gorm.io/gorm"
)

// QueueTables are the job queue's own tables (riverqueue/river). They hold
// work in flight, not records: a copy leaves them out.
var QueueTables = []string{"river_client", "river_client_queue", "river_job", "river_leader", "river_migration", "river_notification", "river_queue"}

// QueueSchemaVersion is the version of the queue's schema this release
// runs on. A release that needs a newer one raises it.
const QueueSchemaVersion = 8

// QueueDriver is the job queue's driver for a database of the dialect:
// both take *sql.Tx, so jobs are inserted in the transactions gorm opens.
func QueueDriver(dialect string, sqlDB *sql.DB) riverdriver.Driver[*sql.Tx] {
	if dialect == Postgres {
		return riverdatabasesql.New(sqlDB)
	}
	return riversqlite.New(sqlDB)
}

// migrateQueue brings the job queue's tables to QueueSchemaVersion with the
// queue's own versioned migrations, which record themselves in
// river_migration. They run after ours and outside their transaction: on
// PostgreSQL a value added to an enum cannot be used in the transaction
// that added it, so each of the queue's versions commits on its own.
func migrateQueue(db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	m, err := rivermigrate.New(QueueDriver(db.Name(), sqlDB), nil)
	if err == nil {
		_, err = m.Migrate(context.Background(), rivermigrate.DirectionUp, &rivermigrate.MigrateOpts{TargetVersion: QueueSchemaVersion})
	}
	if err != nil {
		return fmt.Errorf("queue schema: %w", err)
	}
	return nil
}
