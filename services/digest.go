package services

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"liaison/models"
)

// A digest is one mail per user and period listing their overdue
// commitments and those due within a week, grouped by counterpart; a
// manager's weekly digest adds their office's overdue totals by owner. It
// goes out at the user's hour in the user's zone (weekly ones on Monday),
// never when nothing is due, and once per period: the queue holds one job
// per user and period (queue.go), and digest_deliveries remembers the
// periods dealt with after the queue forgets its finished jobs.

// DigestService decides whose digest is due and writes its contents.
type DigestService struct{ db *gorm.DB }

// digestHorizon is how far ahead a digest looks.
const digestHorizon = 7

// DueDigest is one digest to send: whose, and for which period.
type DueDigest struct {
	UserID int64
	Period string // "2026-12-02" for a daily digest, "2026-W49" for a weekly one
}

// Due lists the digests whose hour has come at now and that were not dealt
// with yet: a user's digest is due during their digest hour, in their zone,
// on every day (daily) or on Mondays (weekly).
func (s *DigestService) Due(ctx context.Context, now time.Time) ([]DueDigest, error) {
	db := s.db.WithContext(ctx)
	var users []struct {
		ID         int64
		Digest     *string
		DigestHour *int
		TimeZone   *string
	}
	err := db.Table("users AS u").Select("u.id, p.digest, p.digest_hour, p.time_zone").
		Joins("LEFT JOIN user_preferences p ON p.user_id = u.id").
		Where("u.active").Order("u.id").Scan(&users).Error
	if err != nil {
		return nil, err
	}
	var due []DueDigest
	for _, u := range users {
		p := models.DefaultPreference(u.ID)
		if u.Digest != nil {
			p.Digest, p.DigestHour, p.TimeZone = *u.Digest, *u.DigestHour, *u.TimeZone
		}
		if period, ok := digestPeriod(p, now); ok {
			due = append(due, DueDigest{UserID: u.ID, Period: period})
		}
	}
	if len(due) == 0 {
		return nil, nil
	}
	// Leave out the periods already dealt with.
	var done []models.DigestDelivery
	periods := map[string]bool{}
	for _, d := range due {
		periods[d.Period] = true
	}
	if err := db.Where("period IN ?", slices.Collect(maps.Keys(periods))).Find(&done).Error; err != nil {
		return nil, err
	}
	sent := map[DueDigest]bool{}
	for _, d := range done {
		sent[DueDigest{UserID: d.UserID, Period: d.Period}] = true
	}
	out := due[:0]
	for _, d := range due {
		if !sent[d] {
			out = append(out, d)
		}
	}
	return out, nil
}

// digestPeriod is the period whose digest p makes due at now, if any.
func digestPeriod(p models.UserPreference, now time.Time) (string, bool) {
	zone, err := timeZone(p.TimeZone)
	if err != nil {
		zone = time.UTC
	}
	local := now.In(zone)
	if local.Hour() != p.DigestHour {
		return "", false
	}
	switch p.Digest {
	case models.DigestDaily:
		return local.Format(time.DateOnly), true
	case models.DigestWeekly:
		if local.Weekday() != time.Monday {
			return "", false
		}
		year, week := local.ISOWeek()
		return fmt.Sprintf("%d-W%02d", year, week), true
	}
	return "", false
}

// Digest is what one digest mail says.
type Digest struct {
	User   models.User
	Period string
	Weekly bool
	Today  string // in the user's zone
	Groups []DigestGroup
	// OfficeOverdue is a manager's weekly view of their office: overdue
	// commitments by owner, most first.
	OfficeOverdue []OwnerOverdue
}

// Items counts the commitments listed.
func (d Digest) Items() int {
	n := 0
	for _, g := range d.Groups {
		n += len(g.Items)
	}
	return n
}

// Empty reports a digest with nothing to say: it is not sent.
func (d Digest) Empty() bool { return d.Items() == 0 && len(d.OfficeOverdue) == 0 }

// DigestGroup is the commitments towards one counterpart.
type DigestGroup struct {
	Counterpart string // empty: no counterpart named
	Items       []DigestItem
}

// DigestItem is one commitment of a digest.
type DigestItem struct {
	ID      int64
	Title   string
	DueDate string
	Overdue bool
}

// OwnerOverdue is how many overdue commitments one person of the office owns.
type OwnerOverdue struct {
	Owner string
	Count int
}

// Build reads the digest of user for period as it stands at now, through
// the visibility rule as that user. Errors: ErrNotFound (no active user).
func (s *DigestService) Build(ctx context.Context, userID int64, period string, now time.Time) (Digest, error) {
	db := s.db.WithContext(ctx)
	var u models.User
	if err := db.Where("id = ? AND active", userID).First(&u).Error; err != nil {
		return Digest{}, notFoundOr(err)
	}
	p, err := preferencesOf(db, userID)
	if err != nil {
		return Digest{}, err
	}
	zone, err := timeZone(p.TimeZone)
	if err != nil {
		zone = time.UTC
	}
	today := now.In(zone).Format(time.DateOnly)
	d := Digest{User: u, Period: period, Weekly: strings.Contains(period, "-W"), Today: today}
	actor := Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role}
	var rows []models.Commitment
	err = commitmentScope(db, actor, false).
		Where("commitments.owner_id = ? AND commitments.status IN ? AND commitments.due_date <= ?",
			u.ID, []string{commitmentOpen, commitmentInProgress}, now.In(zone).AddDate(0, 0, digestHorizon).Format(time.DateOnly)).
		Order("commitments.due_date, commitments.id").Find(&rows).Error
	if err != nil {
		return Digest{}, err
	}
	names := exportNames{db: db, actor: actor}
	orgs, err := names.organizations(idsOf(rows, func(c *models.Commitment) *int64 { return c.CounterpartOrganizationID }))
	if err != nil {
		return Digest{}, err
	}
	people, err := names.contacts(idsOf(rows, func(c *models.Commitment) *int64 { return c.CounterpartContactID }))
	if err != nil {
		return Digest{}, err
	}
	byCounterpart := map[string]*DigestGroup{}
	var order []string
	for _, c := range rows {
		name := ""
		if c.CounterpartOrganizationID != nil {
			name = orgs[*c.CounterpartOrganizationID]
		}
		if name == "" && c.CounterpartContactID != nil {
			name = people[*c.CounterpartContactID]
		}
		g, ok := byCounterpart[name]
		if !ok {
			g = &DigestGroup{Counterpart: name}
			byCounterpart[name] = g
			order = append(order, name)
		}
		g.Items = append(g.Items, DigestItem{ID: c.ID, Title: c.Title, DueDate: *c.DueDate, Overdue: *c.DueDate < today})
	}
	sort.SliceStable(order, func(i, j int) bool { return order[j] == "" && order[i] != "" })
	for _, name := range order {
		d.Groups = append(d.Groups, *byCounterpart[name])
	}
	if d.Weekly && u.Role == models.RoleManager {
		if d.OfficeOverdue, err = officeOverdue(db, actor, today); err != nil {
			return Digest{}, err
		}
	}
	return d, nil
}

// officeOverdue counts the overdue commitments of the actor's office by owner.
func officeOverdue(db *gorm.DB, actor Actor, today string) ([]OwnerOverdue, error) {
	var rows []struct {
		Name  string
		Count int
	}
	err := commitmentScope(db, actor, false).
		Select("users.name, COUNT(*) AS count").
		Joins("JOIN users ON users.id = commitments.owner_id").
		Where("commitments.office_id = ? AND commitments.status IN ? AND commitments.due_date < ?",
			actor.OfficeID, []string{commitmentOpen, commitmentInProgress}, today).
		Group("users.name").Order("count DESC, users.name").Scan(&rows).Error
	out := make([]OwnerOverdue, len(rows))
	for i, r := range rows {
		out[i] = OwnerOverdue{Owner: r.Name, Count: r.Count}
	}
	return out, err
}

// Record remembers that a period's digest was dealt with (items 0: nothing
// was due and nothing sent). A second record of the same period is ignored.
func (s *DigestService) Record(ctx context.Context, userID int64, period string, items int) error {
	return s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).
		Create(&models.DigestDelivery{UserID: userID, Period: period, Items: items, SentAt: models.Now()}).Error
}

// Recorded reports whether a period's digest was dealt with already.
func (s *DigestService) Recorded(ctx context.Context, userID int64, period string) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&models.DigestDelivery{}).Where("user_id = ? AND period = ?", userID, period).Count(&n).Error
	return n > 0, err
}
