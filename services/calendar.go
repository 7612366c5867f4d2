package services

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"liaison/models"
	"liaison/services/query"
)

// CalendarService keeps each user's calendar feed: a secret address that a
// calendar program (Outlook, Google Calendar, a phone) subscribes to
// without a session. The address is the only credential, so it is random
// (256 bits), shown once, and stored only as its hash.
//
// What a feed holds, decided here once: the visits the user owns; the
// interactions the user owns, and those of the visits the user owns (the
// sessions of a visit one leads are one's own appointments); and the due
// dates of the open commitments the user follows up (owner_id). Users are
// not linked to contact records, so taking part is read from ownership.
// Every row goes through the visibility rule as that user, so a feed shows
// nothing its user could not open in Liaison; archived records drop out.
type CalendarService struct {
	db    *gorm.DB
	clock func() time.Time
}

// calendarFeedPrefix marks a feed secret for secret scanners.
const calendarFeedPrefix = "lcal_"

// Audit actions of calendar feeds; the secret is never in the event.
const (
	ActionCalendarFeedCreate = "calendar_feed_create"
	ActionCalendarFeedRevoke = "calendar_feed_revoke"
)

// calendarWindow is how far back a feed reaches: calendar programs poll a
// feed every few hours, and years of history would make every poll heavier
// while nobody scrolls back that far in a subscribed calendar.
const calendarWindow = 180 * 24 * time.Hour

// maxCalendarItems bounds each kind of event in one feed.
const maxCalendarItems = 2000

// CalendarFeed is what a feed shows: its user and the records of the
// window, each read as that user may see it.
type CalendarFeed struct {
	User         models.User
	Visits       []models.Visit
	Interactions []models.Interaction
	Commitments  []models.Commitment // open or in progress, with a due date
}

// CreateFeed makes a new feed secret for the actor, replacing (and so
// revoking) any earlier one; the secret is returned once.
// Errors: none but database failures.
func (s *CalendarService) CreateFeed(ctx context.Context, actor Actor) (string, error) {
	secret := newSecret(calendarFeedPrefix)
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		feed := models.CalendarFeed{UserID: actor.UserID, SecretHash: hashSecret(secret), CreatedAt: models.Now()}
		err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "user_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"secret_hash", "created_at"})}).Create(&feed).Error
		if err != nil {
			return err
		}
		return actor.audit(tx, ActionCalendarFeedCreate, models.EntityUser, actor.UserID, actor.OfficeID, nil)
	})
	return secret, err
}

// RevokeFeed deletes the actor's feed; its address answers 404 from now on.
// Revoking when there is none does nothing. Errors: none but database
// failures.
func (s *CalendarService) RevokeFeed(ctx context.Context, actor Actor) error {
	return query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		res := tx.Where("user_id = ?", actor.UserID).Delete(&models.CalendarFeed{})
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		return actor.audit(tx, ActionCalendarFeedRevoke, models.EntityUser, actor.UserID, actor.OfficeID, nil)
	})
}

// HasFeed reports whether the actor has a live feed (its address cannot be
// shown again). Errors: none but database failures.
func (s *CalendarService) HasFeed(ctx context.Context, actor Actor) (bool, *time.Time, error) {
	var feeds []models.CalendarFeed
	if err := s.db.WithContext(ctx).Where("user_id = ?", actor.UserID).Limit(1).Find(&feeds).Error; err != nil || len(feeds) == 0 {
		return false, nil, err
	}
	return true, &feeds[0].CreatedAt, nil
}

// Feed returns what the feed of this secret shows, read as its user.
// Errors: ErrNotFound (no such feed, revoked, or its user deactivated).
func (s *CalendarService) Feed(ctx context.Context, secret string) (CalendarFeed, error) {
	db := s.db.WithContext(ctx)
	var user models.User
	err := db.Joins("JOIN calendar_feeds ON calendar_feeds.user_id = users.id").
		Where("calendar_feeds.secret_hash = ? AND users.active", hashSecret(secret)).Take(&user).Error
	if err != nil {
		return CalendarFeed{}, notFoundOr(err)
	}
	actor := Actor{UserID: user.ID, OfficeID: user.OfficeID, Role: user.Role}
	since := s.now().Add(-calendarWindow).UTC()
	out := CalendarFeed{User: user}
	ownedVisits := db.Session(&gorm.Session{NewDB: true}).Model(&models.Visit{}).Select("id").Where("owner_id = ?", user.ID)
	err = query.Base(db, &models.Visit{}, "visits", false).Where("visits.owner_id = ? AND visits.end_date >= ?", user.ID, since.Format(time.DateOnly)).
		Order("visits.start_date, visits.id").Limit(maxCalendarItems).Find(&out.Visits).Error
	if err != nil {
		return CalendarFeed{}, err
	}
	err = interactionScope(db, actor, false).
		Where("(interactions.owner_id = ? OR interactions.visit_id IN (?)) AND interactions.starts_at >= ?", user.ID, ownedVisits, since).
		Order("interactions.starts_at, interactions.id").Limit(maxCalendarItems).Find(&out.Interactions).Error
	if err != nil {
		return CalendarFeed{}, err
	}
	err = commitmentScope(db, actor, false).
		Where("commitments.owner_id = ? AND commitments.status IN ? AND commitments.due_date IS NOT NULL", user.ID, openCommitmentStatuses).
		Order("commitments.due_date, commitments.id").Limit(maxCalendarItems).Find(&out.Commitments).Error
	if err != nil {
		return CalendarFeed{}, err
	}
	return out, nil
}

// openCommitmentStatuses are the statuses of a commitment still to be kept.
var openCommitmentStatuses = []string{"open", "in_progress"}

func (s *CalendarService) now() time.Time {
	if s.clock != nil {
		return s.clock()
	}
	return models.Now()
}
