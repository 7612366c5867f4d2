// Package services holds every business rule and every query of Liaison.
// Each aggregate has one file; each public method takes the context and the
// acting user, owns its transaction, and decides authorization itself.
package services

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"liaison/models"
	"liaison/services/query"
)

// Config holds the settings the services need from the environment.
type Config struct {
	SessionIdle     time.Duration // a session unused this long is dead
	SessionAbsolute time.Duration // a session this old is dead, used or not
}

// Services bundles the services wired in main.
type Services struct {
	db            *gorm.DB
	Auth          *AuthService
	Users         *UserService
	Offices       *OfficeService
	Countries     *CountryService
	Tags          *TagService
	Organizations *OrganizationService
	Contacts      *ContactService
	Projects      *ProjectService
	Visits        *VisitService
	Interactions  *InteractionService
	Commitments   *CommitmentService
	Audit         *AuditService
	Search        *SearchService
	Reports       *ReportService
}

// New wires the services around one database handle.
func New(db *gorm.DB, log *slog.Logger, cfg Config) *Services {
	if cfg.SessionIdle == 0 {
		cfg.SessionIdle = time.Hour
	}
	if cfg.SessionAbsolute == 0 {
		cfg.SessionAbsolute = 12 * time.Hour
	}
	return &Services{
		db:            db,
		Auth:          &AuthService{db: db, log: log, cfg: cfg},
		Users:         &UserService{db: db},
		Offices:       &OfficeService{db: db},
		Countries:     &CountryService{db: db},
		Tags:          &TagService{db: db},
		Organizations: &OrganizationService{db: db},
		Contacts:      &ContactService{db: db},
		Projects:      &ProjectService{db: db},
		Visits:        &VisitService{db: db},
		Interactions:  &InteractionService{db: db},
		Commitments:   &CommitmentService{db: db, clock: models.Now},
		Audit:         &AuditService{db: db},
		Search:        &SearchService{db: db},
		Reports:       &ReportService{db: db, clock: models.Now},
	}
}

// Ready reports whether the database answers.
func (s *Services) Ready(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Connections is the size of the database connection pool: how many
// requests can query at once.
func (s *Services) Connections() int {
	sqlDB, err := s.db.DB()
	if err != nil {
		return 0
	}
	return sqlDB.Stats().MaxOpenConnections
}

// notFoundOr maps gorm's "no row" to ErrNotFound and passes other errors on.
func notFoundOr(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return err
}

// writeTx runs a read-check-write of one record in one transaction. A write
// guarded by a version (If-Match: "3") fails with ErrStale when another
// writer got there first, as the client asked. A write without one
// (If-Match: *) asks only that the record exist, so it must not fail
// because another writer changed the record between this transaction's
// read and its conditional UPDATE: on PostgreSQL such a write first locks
// the record's row, so that it reads the version it will write over. The
// lock is the one the UPDATE takes anyway (FOR NO KEY UPDATE), only taken
// earlier: rows referring to the record by foreign key are not held up.
// (SQLite transactions start with the database's write lock; the race
// cannot happen there.) model is a pointer to the record's type.
func writeTx(ctx context.Context, db *gorm.DB, model any, id int64, version *int64, fn func(tx *gorm.DB) error) error {
	return query.Transaction(ctx, db, func(tx *gorm.DB) error {
		if version == nil && tx.Name() == models.Postgres {
			var locked []int64
			err := tx.Session(&gorm.Session{NewDB: true}).Unscoped().Model(model).Select("id").Where("id = ?", id).
				Clauses(clause.Locking{Strength: "NO KEY UPDATE"}).Scan(&locked).Error
			if err != nil {
				return err
			}
		}
		return fn(tx)
	})
}

// checkVersion compares the client's If-Match version with the stored one.
// A nil expected version means "any" (If-Match: *).
func checkVersion(expected *int64, stored int64) error {
	if expected != nil && *expected != stored {
		return ErrStale
	}
	return nil
}
