package services

import (
	"context"
	"strconv"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// ReviewFilter narrows the manager's review; list fields hold alternatives.
type ReviewFilter struct {
	OfficeID, OwnerID, ProjectID []int64
	CountryCode                  []string
	OverdueLimit                 int // how many overdue items to list (default 50, at most 200)
}

// ReviewCounts are the numbers of one group (or of everything).
type ReviewCounts struct {
	Open, InProgress, Done, Cancelled int64
	Overdue                           int64 // open or in progress, due before today
	Due7, Due30                       int64 // open or in progress, due today or within 7 / 30 days
}

// ReviewGroup is the counts of one owner, office, country or project. Key is
// the id or code; nil collects the commitments without one.
type ReviewGroup struct {
	Key   *string
	Label string
	ReviewCounts
}

// CommitmentReview is the manager's review of follow-ups.
type CommitmentReview struct {
	AsOf                                    string // today, the date overdue is measured against
	Totals                                  ReviewCounts
	ByOwner, ByOffice, ByCountry, ByProject []ReviewGroup
	Overdue                                 []CommitmentView // oldest due first
}

// reviewCounts is the one aggregation behind every group: SQL sums, never a
// loop over rows in Go. Placeholders: today (overdue), today and today+7,
// today and today+30.
const reviewCounts = `SUM(CASE WHEN commitments.status = 'open' THEN 1 ELSE 0 END) AS open,
SUM(CASE WHEN commitments.status = 'in_progress' THEN 1 ELSE 0 END) AS in_progress,
SUM(CASE WHEN commitments.status = 'done' THEN 1 ELSE 0 END) AS done,
SUM(CASE WHEN commitments.status = 'cancelled' THEN 1 ELSE 0 END) AS cancelled,
SUM(CASE WHEN commitments.status IN ('open','in_progress') AND commitments.due_date < ? THEN 1 ELSE 0 END) AS overdue,
SUM(CASE WHEN commitments.status IN ('open','in_progress') AND commitments.due_date >= ? AND commitments.due_date <= ? THEN 1 ELSE 0 END) AS due7,
SUM(CASE WHEN commitments.status IN ('open','in_progress') AND commitments.due_date >= ? AND commitments.due_date <= ? THEN 1 ELSE 0 END) AS due30`

// Review computes the manager's review of the commitments the actor may
// see: counts by status, overdue and due soon, in total and grouped by
// owner, office, country and project, plus the overdue items themselves.
// A commitment's country is its counterpart organization's, else its
// counterpart contact's (when visible), else its visit's host country.
func (s *CommitmentService) Review(ctx context.Context, actor Actor, f ReviewFilter) (CommitmentReview, error) {
	db := s.db.WithContext(ctx)
	todayT := s.clock().UTC()
	today := todayT.Format(time.DateOnly)
	in7 := todayT.AddDate(0, 0, 7).Format(time.DateOnly)
	in30 := todayT.AddDate(0, 0, 30).Format(time.DateOnly)
	sums := []any{today, today, in7, today, in30}

	contactCountry := "contacts.country_code"
	if !actor.IsAdmin() {
		// The office id is the server's own integer, not input: it is
		// written into the expression so that GROUP BY can repeat it.
		contactCountry = "CASE WHEN contacts.restricted AND contacts.office_id <> " + strconv.FormatInt(actor.OfficeID, 10) +
			" THEN NULL ELSE contacts.country_code END"
	}
	country := "COALESCE(organizations.country_code, " + contactCountry + ", visits.host_country_code)"
	base := func() *gorm.DB {
		q := commitmentScope(db.Session(&gorm.Session{NewDB: true}), actor, false).
			Joins("LEFT JOIN organizations ON organizations.id = commitments.counterpart_organization_id").
			Joins("LEFT JOIN contacts ON contacts.id = commitments.counterpart_contact_id").
			Joins("LEFT JOIN visits ON visits.id = commitments.visit_id")
		q = whereIn(q, "commitments.office_id", f.OfficeID)
		q = whereIn(q, "commitments.owner_id", f.OwnerID)
		q = whereIn(q, "commitments.project_id", f.ProjectID)
		if len(f.CountryCode) > 0 {
			q = q.Where(country+" IN ?", f.CountryCode)
		}
		return q
	}

	out := CommitmentReview{AsOf: today}
	if err := base().Select(reviewCounts, sums...).Scan(&out.Totals).Error; err != nil {
		return out, err
	}
	group := func(keyExpr string) ([]ReviewGroup, error) {
		var rows []struct {
			Key *string
			ReviewCounts
		}
		err := base().Select("CAST("+keyExpr+" AS TEXT) AS key, "+reviewCounts, sums...).
			Group("CAST(" + keyExpr + " AS TEXT)").Scan(&rows).Error
		groups := make([]ReviewGroup, len(rows))
		for i, r := range rows {
			groups[i] = ReviewGroup{Key: r.Key, ReviewCounts: r.ReviewCounts}
		}
		return groups, err
	}
	var err error
	if out.ByOwner, err = group("commitments.owner_id"); err != nil {
		return out, err
	}
	if out.ByOffice, err = group("commitments.office_id"); err != nil {
		return out, err
	}
	if out.ByCountry, err = group(country); err != nil {
		return out, err
	}
	if out.ByProject, err = group("commitments.project_id"); err != nil {
		return out, err
	}
	if err := labelGroups(db, &out); err != nil {
		return out, err
	}

	limit := f.OverdueLimit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	var overdue []models.Commitment
	err = base().Select("commitments.*").
		Where("commitments.status IN ? AND commitments.due_date < ?", []string{commitmentOpen, commitmentInProgress}, today).
		Order("commitments.due_date, commitments.id").Limit(limit).Find(&overdue).Error
	if err != nil {
		return out, err
	}
	out.Overdue, err = s.views(db, actor, overdue, today)
	return out, err
}

// labelGroups names the groups' keys with one query per kind of key, and
// orders each grouping by overdue, then open work, then label.
func labelGroups(db *gorm.DB, r *CommitmentReview) error {
	label := func(groups []ReviewGroup, table, keyCol, labelExpr string) error {
		var keys []string
		for _, g := range groups {
			if g.Key != nil {
				keys = append(keys, *g.Key)
			}
		}
		names := map[string]string{}
		if len(keys) > 0 {
			var rows []struct{ Key, Label string }
			err := db.Table(table).Select("CAST("+keyCol+" AS TEXT) AS key, "+labelExpr+" AS label").
				Where("CAST("+keyCol+" AS TEXT) IN ?", keys).Scan(&rows).Error
			if err != nil {
				return err
			}
			for _, row := range rows {
				names[row.Key] = row.Label
			}
		}
		for i := range groups {
			if groups[i].Key != nil {
				groups[i].Label = names[*groups[i].Key]
			}
		}
		sortGroups(groups)
		return nil
	}
	if err := label(r.ByOwner, "users", "id", "name"); err != nil {
		return err
	}
	if err := label(r.ByOffice, "offices", "id", "name"); err != nil {
		return err
	}
	if err := label(r.ByCountry, "countries", "code", "name"); err != nil {
		return err
	}
	return label(r.ByProject, "projects", "id", "code")
}

func sortGroups(groups []ReviewGroup) {
	less := func(a, b ReviewGroup) bool {
		if a.Overdue != b.Overdue {
			return a.Overdue > b.Overdue
		}
		if a.Open+a.InProgress != b.Open+b.InProgress {
			return a.Open+a.InProgress > b.Open+b.InProgress
		}
		return a.Label < b.Label
	}
	for i := 1; i < len(groups); i++ {
		for j := i; j > 0 && less(groups[j], groups[j-1]); j-- {
			groups[j], groups[j-1] = groups[j-1], groups[j]
		}
	}
}
