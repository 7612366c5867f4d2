package services

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
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

// reviewCounts is the one aggregation behind every group: SQL sums over the
// commitment tallies (see tally.go), never a loop over rows in Go.
// Placeholders: today (overdue), today and today+7, today and today+30.
const reviewCounts = `SUM(CASE WHEN status = 'open' THEN n ELSE 0 END) AS open,
SUM(CASE WHEN status = 'in_progress' THEN n ELSE 0 END) AS in_progress,
SUM(CASE WHEN status = 'done' THEN n ELSE 0 END) AS done,
SUM(CASE WHEN status = 'cancelled' THEN n ELSE 0 END) AS cancelled,
SUM(CASE WHEN status IN ('open','in_progress') AND due_date <> '' AND due_date < ? THEN n ELSE 0 END) AS overdue,
SUM(CASE WHEN status IN ('open','in_progress') AND due_date >= ? AND due_date <= ? THEN n ELSE 0 END) AS due7,
SUM(CASE WHEN status IN ('open','in_progress') AND due_date >= ? AND due_date <= ? THEN n ELSE 0 END) AS due30`

// rollup sums the grouped counts of the CTE g once more.
const rollup = `SUM(open) AS open, SUM(in_progress) AS in_progress, SUM(done) AS done, SUM(cancelled) AS cancelled,
SUM(overdue) AS overdue, SUM(due7) AS due7, SUM(due30) AS due30`

// Review computes the manager's review of the commitments the actor may
// see: counts by status, overdue and due soon, in total and grouped by
// owner, office, country and project, plus the overdue items themselves.
// A commitment's country is its counterpart organization's, else its
// counterpart contact's (when visible), else its visit's host country.
//
// The counts come from the commitment tallies in one statement: the
// tallies the actor may see are summed by owner, office, project and
// country once, and the five views are rolled up from those sums; the
// overdue items walk the partial index of open commitments by due date.
func (s *CommitmentService) Review(ctx context.Context, actor Actor, f ReviewFilter) (CommitmentReview, error) {
	db := s.db.WithContext(ctx)
	c, today, err := s.reviewCounts(db, actor, f)
	out := CommitmentReview{AsOf: today}
	if err != nil {
		return out, err
	}
	out.Totals = c.totals
	out.ByOwner, out.ByOffice = slices.Clone(c.byOwner), slices.Clone(c.byOffice)
	out.ByCountry, out.ByProject = slices.Clone(c.byCountry), slices.Clone(c.byProject)
	if err := labelGroups(db, &out); err != nil {
		return out, err
	}
	var overdue []models.Commitment
	if len(c.overdue) > 0 {
		err := commitmentScope(db, actor, false).Where("commitments.id IN ?", c.overdue).
			Order("commitments.due_date, commitments.id").Find(&overdue).Error
		if err != nil {
			return out, err
		}
	}
	out.Overdue, err = s.views(db, actor, overdue, today)
	return out, err
}

// ReviewTotals is the review's totals alone, as Review counts them (and
// from the same cache): what the review page shows first, drawn by the
// server before the app has loaded (api/spa_shell.go). Drawing them there
// costs the app's request nothing: it finds the counts kept.
func (s *CommitmentService) ReviewTotals(ctx context.Context, actor Actor, f ReviewFilter) (ReviewCounts, error) {
	c, _, err := s.reviewCounts(s.db.WithContext(ctx), actor, f)
	return c.totals, err
}

// reviewCounts is the review's counts and overdue items for today (and
// today's date), read from the cache while no commitment has moved in the
// tallies. The epoch is read before counting, so that counts are never
// kept as newer than what they saw.
func (s *CommitmentService) reviewCounts(db *gorm.DB, actor Actor, f ReviewFilter) (cachedReview, string, error) {
	todayT := s.clock().UTC()
	today := todayT.Format(time.DateOnly)
	limit := f.OverdueLimit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	key := cacheKey(actor.sightline(), asSet(f.OfficeID), asSet(f.OwnerID), asSet(f.ProjectID), asSet(f.CountryCode), limit, today)
	epoch, err := reviewEpoch(db)
	if err != nil {
		return cachedReview{}, today, err
	}
	c, ok := s.reviews.get(key, epoch)
	if !ok {
		if c, err = s.countReview(db, actor, f, todayT, limit); err != nil {
			return cachedReview{}, today, err
		}
		s.reviews.put(key, epoch, c)
	}
	return c, today, nil
}

// cachedReview is what the review keeps between requests: the counts, and
// which commitments are the overdue items. Names, labels and the overdue
// records themselves are read fresh each time.
type cachedReview struct {
	totals                                  ReviewCounts
	byOwner, byOffice, byCountry, byProject []ReviewGroup
	overdue                                 []int64
}

// countReview computes what Review caches: the counts, and which
// commitments are the overdue items.
func (s *CommitmentService) countReview(db *gorm.DB, actor Actor, f ReviewFilter, todayT time.Time, limit int) (cachedReview, error) {
	today := todayT.Format(time.DateOnly)
	in7 := todayT.AddDate(0, 0, 7).Format(time.DateOnly)
	in30 := todayT.AddDate(0, 0, 30).Format(time.DateOnly)
	out := cachedReview{byOwner: []ReviewGroup{}, byOffice: []ReviewGroup{}, byCountry: []ReviewGroup{}, byProject: []ReviewGroup{}}
	// The office id is the server's own integer, not input: it is written
	// into the expressions so that GROUP BY can repeat them.
	tallyCountry := "COALESCE(NULLIF(org_country, ''), NULLIF(contact_country, ''), NULLIF(visit_country, ''))"
	contactCountry := "contacts.country_code"
	if !actor.IsAdmin() {
		// A counterpart hidden from the actor gives no country.
		tallyCountry = "COALESCE(NULLIF(org_country, ''), CASE WHEN " + actor.hiddenSQL(restriction{"contact_restricted", "contact_office_id"}) +
			" THEN NULL ELSE NULLIF(contact_country, '') END, NULLIF(visit_country, ''))"
		contactCountry = "CASE WHEN " + actor.hiddenSQL(on(contactsTable)) + " THEN NULL ELSE contacts.country_code END"
	}
	where, args := "n <> 0 AND "+actor.visibleSQL(on("commitment_tallies")), []any{}
	if len(f.OfficeID) > 0 {
		where += " AND office_id IN ?"
		args = append(args, f.OfficeID)
	}
	if len(f.OwnerID) > 0 {
		where += " AND owner_id IN ?"
		args = append(args, f.OwnerID)
	}
	if len(f.ProjectID) > 0 {
		where += " AND project_id IN ?"
		args = append(args, f.ProjectID)
	}
	if len(f.CountryCode) > 0 {
		where += " AND " + tallyCountry + " IN ?"
		args = append(args, f.CountryCode)
	}
	sql := `WITH g AS (SELECT owner_id, office_id, project_id, ` + tallyCountry + ` AS country, ` + reviewCounts + `
  FROM commitment_tallies WHERE ` + where + `
  GROUP BY owner_id, office_id, project_id, ` + tallyCountry + `)
SELECT 'total' AS dim, NULL AS key, ` + rollup + ` FROM g
UNION ALL SELECT 'owner', CAST(NULLIF(owner_id, 0) AS TEXT), ` + rollup + ` FROM g GROUP BY owner_id
UNION ALL SELECT 'office', CAST(office_id AS TEXT), ` + rollup + ` FROM g GROUP BY office_id
UNION ALL SELECT 'country', country, ` + rollup + ` FROM g GROUP BY country
UNION ALL SELECT 'project', CAST(NULLIF(project_id, 0) AS TEXT), ` + rollup + ` FROM g GROUP BY project_id`
	var rows []struct {
		Dim string
		Key *string
		ReviewCounts
	}
	if err := db.Raw(sql, append([]any{today, today, in7, today, in30}, args...)...).Scan(&rows).Error; err != nil {
		return out, err
	}
	for _, r := range rows {
		g := ReviewGroup{Key: r.Key, ReviewCounts: r.ReviewCounts}
		switch r.Dim {
		case "total":
			out.totals = r.ReviewCounts
		case "owner":
			out.byOwner = append(out.byOwner, g)
		case "office":
			out.byOffice = append(out.byOffice, g)
		case "country":
			out.byCountry = append(out.byCountry, g)
		case "project":
			out.byProject = append(out.byProject, g)
		}
	}
	q := commitmentScope(db.Session(&gorm.Session{NewDB: true}), actor, false)
	q = query.WhereIn(q, "commitments.office_id", f.OfficeID)
	q = query.WhereIn(q, "commitments.owner_id", f.OwnerID)
	q = query.WhereIn(q, "commitments.project_id", f.ProjectID)
	if len(f.CountryCode) > 0 {
		q = q.Joins("LEFT JOIN organizations ON organizations.id = commitments.counterpart_organization_id").
			Joins("LEFT JOIN contacts ON contacts.id = commitments.counterpart_contact_id").
			Joins("LEFT JOIN visits ON visits.id = commitments.visit_id").
			Where("COALESCE(organizations.country_code, "+contactCountry+", visits.host_country_code) IN ?", f.CountryCode)
	}
	// Literal statuses: the partial index of open commitments by due date
	// serves this walk on SQLite only when the condition visibly implies it.
	err := q.Where(commitmentIsOpen+" AND commitments.due_date < ?", today).
		Order("commitments.due_date, commitments.id").Limit(limit).Pluck("commitments.id", &out.overdue).Error
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
