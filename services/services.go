// Package services holds every business rule and every query of Liaison.
// Each aggregate has one file; each public method takes the context and the
// acting user, owns its transaction, and decides authorization itself.
package services

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// Config holds the settings the services need from the environment.
type Config struct {
	SessionIdle     time.Duration // a session unused this long is dead
	SessionAbsolute time.Duration // a session this old is dead, used or not
	// MFARequiredRoles must use two-factor sign-in: their users may only
	// enrol until they have (LIAISON_MFA_REQUIRED_ROLES).
	MFARequiredRoles []string
	// PasswordLoginDisabled leaves single sign-on as the only way in
	// (LIAISON_PASSWORD_LOGIN=false).
	PasswordLoginDisabled bool
	// OIDC configures single sign-on; the zero value turns it off.
	OIDC OIDCConfig
	// SecretKey seals the secrets stored in the database (two-factor
	// secrets): LIAISON_SECRET_KEY or the key file, at least
	// MinSecretKeyLength bytes. Empty means a random key that lives as long
	// as the process — for tests and commands that sign nobody in.
	SecretKey []byte
	// Clock replaces the time that sign-in checks codes and throttles by;
	// nil is the real one. For tests.
	Clock func() time.Time
	// MailEnabled says that the server sends mail (LIAISON_SMTP_URL is set):
	// the preferences page tells users when it does not.
	MailEnabled bool
	// DueSoonDays is how many days before its due date a commitment's owner
	// is told (LIAISON_DUE_SOON_DAYS; 0 is DefaultDueSoonDays).
	DueSoonDays int
	// RetentionYears is how long a contact may go without activity before
	// the retention review lists them (LIAISON_RETENTION_YEARS; 0 is
	// DefaultRetentionYears).
	RetentionYears int
}

// Services bundles the services wired in main.
type Services struct {
	db            *gorm.DB
	Auth          *AuthService
	OIDC          *OIDCService
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
	Idempotency   *IdempotencyService
	Relationships *RelationshipService
	Network       *NetworkService
	Notes         *NoteService
	Documents     *DocumentService
	Merges        *MergeService
	Exports       *ExportService
	Calendars     *CalendarService
	Notifications *NotificationService
	Preferences   *PreferenceService
	Reminders     *ReminderService
	Digests       *DigestService
	Jobs          *JobService
	Retention     *RetentionService
}

// New wires the services around one database handle.
func New(db *gorm.DB, log *slog.Logger, cfg Config) *Services {
	if cfg.SessionIdle == 0 {
		cfg.SessionIdle = time.Hour
	}
	if cfg.SessionAbsolute == 0 {
		cfg.SessionAbsolute = 12 * time.Hour
	}
	counts := newListCounts() // one for the five main lists and the search across them, which share list_epoch
	auth := &AuthService{db: db, log: log, cfg: cfg, clock: cfg.Clock, box: mustSecretBox(cfg.SecretKey), principals: newPrincipalCache()}
	svc := &Services{
		db:            db,
		Auth:          auth,
		OIDC:          newOIDCService(db, auth, cfg.OIDC),
		Users:         &UserService{db: db},
		Offices:       &OfficeService{db: db},
		Countries:     &CountryService{db: db},
		Tags:          &TagService{db: db},
		Organizations: &OrganizationService{db: db, counts: counts},
		Contacts:      &ContactService{db: db, counts: counts},
		Projects:      &ProjectService{db: db},
		Visits:        &VisitService{db: db, counts: counts},
		Interactions:  &InteractionService{db: db, counts: counts},
		Commitments:   &CommitmentService{db: db, clock: models.Now, counts: counts},
		Audit:         &AuditService{db: db},
		Search:        &SearchService{db: db, counts: counts},
		Reports:       &ReportService{db: db, clock: models.Now},
		Idempotency:   &IdempotencyService{db: db, clock: cfg.Clock},
		Relationships: &RelationshipService{db: db},
		Network:       &NetworkService{db: db},
		Notes:         &NoteService{db: db},
		Documents:     &DocumentService{db: db},
		Calendars:     &CalendarService{db: db, clock: cfg.Clock},
		Notifications: &NotificationService{db: db},
		Preferences:   &PreferenceService{db: db, mail: cfg.MailEnabled, unsubscribeKey: unsubscribeKey(processKey(cfg.SecretKey))},
		Reminders:     &ReminderService{db: db, dueSoonDays: cmp.Or(cfg.DueSoonDays, DefaultDueSoonDays)},
		Digests:       &DigestService{db: db},
		Jobs:          newJobService(db),
		Retention:     &RetentionService{db: db, years: cmp.Or(cfg.RetentionYears, DefaultRetentionYears), clock: cfg.Clock},
	}
	if svc.Retention.clock == nil {
		svc.Retention.clock = time.Now
	}
	svc.Merges = &MergeService{db: db, contacts: svc.Contacts, organizations: svc.Organizations}
	svc.Exports = &ExportService{db: db, svc: svc}
	return svc
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
