package services

import (
	"context"
	"errors"
	"time"
	_ "time/tzdata" // the zones of the IANA database, whatever the machine has

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"liaison/models"
)

// PreferenceService keeps how each user wants to be reached: the digest's
// frequency, hour and time zone, and whether an assignment mails them.
type PreferenceService struct {
	db *gorm.DB
	// mail says whether this server sends mail at all (LIAISON_SMTP_URL).
	mail bool
	// unsubscribeKey signs the one-click unsubscribe addresses of mails.
	unsubscribeKey []byte
}

// Preferences are a user's choices, and whether the server mails at all.
type Preferences struct {
	models.UserPreference
	EmailAvailable bool
}

// PreferencesPatch sets the fields that are Set.
type PreferencesPatch struct {
	Digest          Change[string]
	DigestHour      Change[int]
	TimeZone        Change[string]
	EmailOnAssigned Change[bool]
}

// Digests lists the digest frequencies.
var Digests = []string{models.DigestOff, models.DigestDaily, models.DigestWeekly}

// Get returns the actor's preferences, the defaults when never chosen.
func (s *PreferenceService) Get(ctx context.Context, actor Actor) (Preferences, error) {
	p, err := preferencesOf(s.db.WithContext(ctx), actor.UserID)
	return Preferences{UserPreference: p, EmailAvailable: s.mail}, err
}

// Update applies the patch to the actor's preferences. Viewers have
// preferences too: they are reached about nothing they own, but may be
// mentioned. Errors: *ValidationError.
func (s *PreferenceService) Update(ctx context.Context, actor Actor, patch PreferencesPatch) (Preferences, error) {
	var out models.UserPreference
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		p, err := preferencesOf(tx, actor.UserID)
		if err != nil {
			return err
		}
		patch.Digest.apply(&p.Digest)
		patch.DigestHour.apply(&p.DigestHour)
		patch.TimeZone.apply(&p.TimeZone)
		patch.EmailOnAssigned.apply(&p.EmailOnAssigned)
		var verr ValidationError
		checkEnum("digest", p.Digest, Digests, &verr)
		if p.DigestHour < 0 || p.DigestHour > 23 {
			verr.add("digest_hour", "must be an hour from 0 to 23")
		}
		if _, err := timeZone(p.TimeZone); err != nil {
			verr.add("time_zone", "is not a time zone of the IANA database, such as Europe/Sarajevo")
		}
		if err := verr.orNil(); err != nil {
			return err
		}
		out = p
		return savePreferences(tx, &out)
	})
	return Preferences{UserPreference: out, EmailAvailable: s.mail}, err
}

// savePreferences writes a user's preferences, making their row on the
// first change.
func savePreferences(tx *gorm.DB, p *models.UserPreference) error {
	p.UpdatedAt = models.Now()
	return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(p).Error
}

// preferencesOf reads a user's preferences, the defaults when there is no row.
func preferencesOf(db *gorm.DB, userID int64) (models.UserPreference, error) {
	var rows []models.UserPreference
	if err := db.Where("user_id = ?", userID).Limit(1).Find(&rows).Error; err != nil {
		return models.UserPreference{}, err
	}
	if len(rows) == 0 {
		return models.DefaultPreference(userID), nil
	}
	return rows[0], nil
}

// errNoZone is a time zone name that is not in the IANA database.
var errNoZone = errors.New("unknown time zone")

// timeZone loads an IANA zone by name. "Local" is refused: the server's own
// zone means nothing to the user.
func timeZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" || len(name) > 64 {
		return nil, errNoZone
	}
	return time.LoadLocation(name)
}
