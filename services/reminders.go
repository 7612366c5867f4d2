package services

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// Reminders tell the owners of open commitments, in their own time zone,
// that one is due soon (DueSoonDays before its date) and that one is
// overdue (from the day after it). They are written by a scheduled job
// (queue.go); each is one notification per commitment and due date, so a
// scan repeated by another process, or the next minute, adds nothing, and
// a commitment given a new date is reminded of again.

// DefaultDueSoonDays is how many days ahead due_soon tells (LIAISON_DUE_SOON_DAYS).
const DefaultDueSoonDays = 3

// overdueCatchUp is how many days late an overdue reminder may still come
// when the server was down on the day after: older ones are the digest's.
const overdueCatchUp = 7

// ReminderService writes the due_soon and overdue notifications.
type ReminderService struct {
	db          *gorm.DB
	dueSoonDays int
}

// reminderCandidate is an open commitment near its due date, with its
// owner's time zone.
type reminderCandidate struct {
	ID       int64
	OwnerID  int64
	DueDate  string
	TimeZone *string
}

// Scan writes the reminders due at now and reports how many it added.
func (s *ReminderService) Scan(ctx context.Context, now time.Time) (int, error) {
	db := s.db.WithContext(ctx)
	// Every zone's today lies within a day of UTC's: read the commitments
	// of that wider window, then decide per owner.
	utc := now.UTC()
	from := utc.AddDate(0, 0, -overdueCatchUp-1).Format(time.DateOnly)
	to := utc.AddDate(0, 0, s.dueSoonDays+1).Format(time.DateOnly)
	var rows []reminderCandidate
	err := db.Table("commitments AS c").
		Select("c.id, c.owner_id, c.due_date, p.time_zone").
		Joins("JOIN users u ON u.id = c.owner_id AND u.active").
		Joins("LEFT JOIN user_preferences p ON p.user_id = c.owner_id").
		Where("c.deleted_at IS NULL AND c.status IN ? AND c.due_date BETWEEN ? AND ?", []string{commitmentOpen, commitmentInProgress}, from, to).
		Order("c.id").Scan(&rows).Error
	if err != nil {
		return 0, err
	}
	var due []models.Notification
	for _, r := range rows {
		zone := time.UTC
		if r.TimeZone != nil {
			if z, err := timeZone(*r.TimeZone); err == nil {
				zone = z
			}
		}
		today := now.In(zone).Format(time.DateOnly)
		kind := ""
		switch {
		case r.DueDate < today && r.DueDate >= now.In(zone).AddDate(0, 0, -overdueCatchUp).Format(time.DateOnly):
			kind = models.NotifyOverdue
		case r.DueDate > today && r.DueDate <= now.In(zone).AddDate(0, 0, s.dueSoonDays).Format(time.DateOnly):
			kind = models.NotifyDueSoon
		}
		if kind == "" {
			continue
		}
		facts, _ := json.Marshal(dueFacts{Due: r.DueDate})
		due = append(due, models.Notification{
			UserID: r.OwnerID, Kind: kind, SubjectType: models.EntityCommitment, SubjectID: r.ID, Params: string(facts),
			DedupeKey: fmt.Sprintf("%s:commitment:%d:%s", kind, r.ID, r.DueDate),
		})
	}
	return s.writeNew(db, due)
}

// writeNew writes the notifications whose events were not told yet, reading
// which were in one query per chunk rather than trying each.
func (s *ReminderService) writeNew(db *gorm.DB, all []models.Notification) (int, error) {
	added := 0
	for start := 0; start < len(all); start += 500 {
		chunk := all[start:min(start+500, len(all))]
		keys := make([]string, len(chunk))
		for i, n := range chunk {
			keys[i] = n.DedupeKey
		}
		var told []struct {
			UserID    int64
			DedupeKey string
		}
		if err := db.Model(&models.Notification{}).Select("user_id, dedupe_key").Where("dedupe_key IN ?", keys).Scan(&told).Error; err != nil {
			return added, err
		}
		seen := map[string]bool{}
		for _, t := range told {
			seen[fmt.Sprint(t.UserID, "/", t.DedupeKey)] = true
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			for _, n := range chunk {
				if seen[fmt.Sprint(n.UserID, "/", n.DedupeKey)] {
					continue
				}
				if err := notify(tx, n); err != nil {
					return err
				}
				added++
			}
			return nil
		})
		if err != nil {
			return added, err
		}
	}
	return added, nil
}
