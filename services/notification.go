package services

import (
	"context"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// NotificationService lists and marks the signed-in user's notifications.
// They are made where their events happen (notify.go) and by the scheduled
// reminders (reminders.go); each is read through the visibility rule, so a
// record that became hidden from its reader takes its notifications with it.
type NotificationService struct{ db *gorm.DB }

// NotificationView is one notification as its reader sees it: the title is
// written now, in the reader's language, from the subject as it is now.
type NotificationView struct {
	ID        int64
	Kind      string
	Title     string
	Link      string
	CreatedAt time.Time
	ReadAt    *time.Time
}

// NotificationSorts: newest first is the one order of the panel.
var NotificationSorts = query.SortKeys[models.Notification]{
	"created_at": {Column: "notifications.created_at", Value: func(n *models.Notification) any { return n.CreatedAt }, IsTime: true},
}

// MaxUnreadCount bounds the bell's count: past it the bell says "99+" and
// the count stops reading rows.
const MaxUnreadCount = 100

// visibleNotifications is the actor's notifications whose subject the actor
// may still see.
func visibleNotifications(db *gorm.DB, actor Actor) *gorm.DB {
	q := db.Model(&models.Notification{}).Where("notifications.user_id = ?", actor.UserID)
	for _, t := range []restrictedTable{commitmentsTable, contactsTable, interactionsTable} {
		q = q.Where("NOT (notifications.subject_type = ? AND notifications.subject_id IN (?))", subjectType(t), hiddenIDs(db, actor, t))
	}
	return q
}

// subjectType is the subject_type of a notification about a row of t.
func subjectType(t restrictedTable) string {
	switch t {
	case contactsTable:
		return models.EntityContact
	case interactionsTable:
		return models.EntityInteraction
	}
	return models.EntityCommitment
}

// List returns one page of the actor's notifications, newest first; unread
// keeps only those not yet read. Errors: ErrInvalidCursor.
func (s *NotificationService) List(ctx context.Context, actor Actor, unread bool, p ListParams) (Page[NotificationView], error) {
	db := s.db.WithContext(ctx)
	q := visibleNotifications(db, actor)
	if unread {
		q = q.Where("notifications.read_at IS NULL")
	}
	p.Sort, p.Archived = "-created_at", false
	page, err := query.List(q, NotificationSorts, "-created_at", p, "notifications")
	if err != nil {
		return Page[NotificationView]{}, err
	}
	locale, err := userLocale(db, actor.UserID)
	if err != nil {
		return Page[NotificationView]{}, err
	}
	views, err := describeNotifications(db, actor, locale, page.Items)
	if err != nil {
		return Page[NotificationView]{}, err
	}
	return pageOf(page, views), nil
}

// UnreadCount is how many of the actor's notifications are unread, up to
// MaxUnreadCount.
func (s *NotificationService) UnreadCount(ctx context.Context, actor Actor) (int, error) {
	db := s.db.WithContext(ctx)
	var n int64
	inner := visibleNotifications(db, actor).Where("notifications.read_at IS NULL").Select("notifications.id").Limit(MaxUnreadCount)
	err := db.Table("(?) AS unread", inner).Count(&n).Error
	return int(n), err
}

// MarkRead marks the actor's notifications read: those of ids, or all of
// them. Ids of other users' notifications are ignored, as are ones already
// read, so a repeat changes nothing.
func (s *NotificationService) MarkRead(ctx context.Context, actor Actor, ids []int64, all bool) error {
	var verr ValidationError
	switch {
	case all && len(ids) > 0:
		verr.add("ids", "give either ids or all, not both")
	case !all && len(ids) == 0:
		verr.add("ids", "name at least one notification, or set all")
	case len(ids) > MaxLimit:
		verr.add("ids", "name at most %d notifications", MaxLimit)
	}
	if err := verr.orNil(); err != nil {
		return err
	}
	q := s.db.WithContext(ctx).Model(&models.Notification{}).
		Where("user_id = ? AND read_at IS NULL", actor.UserID)
	if !all {
		q = q.Where("id IN ?", ids)
	}
	return q.Update("read_at", models.Now()).Error
}

// userLocale is the user's language, English when unknown.
func userLocale(db *gorm.DB, userID int64) (string, error) {
	var locales []string
	if err := db.Model(&models.User{}).Where("id = ?", userID).Limit(1).Pluck("locale", &locales).Error; err != nil {
		return "", err
	}
	if len(locales) == 0 {
		return "en", nil
	}
	return locales[0], nil
}
