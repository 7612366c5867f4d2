package services

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// ReportService answers the views a manager sends upward: engagement over
// a period, and the stakeholder map.
type ReportService struct {
	db    *gorm.DB
	clock func() time.Time
}

// Report groupings.
const (
	ReportByCountry = "country"
	ReportByProject = "project"
	ReportBySDG     = "sdg"
	ReportByDonor   = "donor" // the donor organization of the record's project
)

// ReportGroupings are the values of EngagementFilter.By.
var ReportGroupings = []string{ReportByCountry, ReportByProject, ReportBySDG, ReportByDonor}

// maxReportDays bounds a report's period (five years).
const maxReportDays = 5*366 + 1

// EngagementFilter chooses a report's period (inclusive dates, UTC), its
// grouping and, optionally, the offices whose records count.
type EngagementFilter struct {
	From, To string
	By       string
	OfficeID []int64
}

// EngagementCounts are the numbers of one row of the report.
type EngagementCounts struct {
	Interactions       int64 // held interactions starting in the period
	Visits             int64 // visits starting in the period, not cancelled
	Organizations      int64 // distinct organizations taking part in those interactions
	Contacts           int64 // distinct people taking part in them
	ContactsFemale     int64
	ContactsMale       int64
	CommitmentsMade    int64 // created in the period
	CommitmentsDone    int64 // completed in the period
	CommitmentsOverdue int64 // made in the period and overdue today
}

// EngagementRow is one country, project, SDG or donor of the report.
type EngagementRow struct {
	Key, Label string
	EngagementCounts
}

// EngagementReport is engagement over a period by country, project or SDG.
type EngagementReport struct {
	From, To, By string
	Rows         []EngagementRow
	Totals       EngagementCounts
}

// grouping says how one kind of record is keyed in a report: the key
// expression and the joins it needs.
type grouping struct {
	key   string
	joins []string
}

func reportGrouping(by, table, entity, countryExpr string) grouping {
	switch by {
	case ReportByProject:
		return grouping{key: "COALESCE(CAST(" + table + ".project_id AS TEXT), '')"}
	case ReportByDonor:
		// Archived projects still name their donor: the records happened.
		return grouping{key: "COALESCE(CAST(donor_p.donor_organization_id AS TEXT), '')", joins: []string{
			"LEFT JOIN projects donor_p ON donor_p.id = " + table + ".project_id",
		}}
	case ReportBySDG:
		return grouping{key: "sdg.slug", joins: []string{
			"JOIN taggings sdg_t ON sdg_t.entity_type = '" + entity + "' AND sdg_t.entity_id = " + table + ".id",
			"JOIN tags sdg ON sdg.id = sdg_t.tag_id AND sdg.kind = 'sdg'",
		}}
	}
	return grouping{key: "COALESCE(" + countryExpr + ", '')"}
}

// Engagement computes the report the actor may see: restricted records of
// other offices count nowhere. Errors: *ValidationError (dates, grouping).
func (s *ReportService) Engagement(ctx context.Context, actor Actor, f EngagementFilter) (EngagementReport, error) {
	var verr ValidationError
	from, errFrom := time.Parse(time.DateOnly, f.From)
	to, errTo := time.Parse(time.DateOnly, f.To)
	if errFrom != nil {
		verr.add("from", "must be a date (YYYY-MM-DD)")
	}
	if errTo != nil {
		verr.add("to", "must be a date (YYYY-MM-DD)")
	}
	if errFrom == nil && errTo == nil {
		if to.Before(from) {
			verr.add("to", "must not be before from")
		} else if to.Sub(from) > maxReportDays*24*time.Hour {
			verr.add("to", "a period is at most five years")
		}
	}
	if f.By == "" {
		f.By = ReportByCountry
	}
	if !slices.Contains(ReportGroupings, f.By) {
		verr.add("by", "must be one of %s", strings.Join(ReportGroupings, ", "))
	}
	if err := verr.orNil(); err != nil {
		return EngagementReport{}, err
	}
	start, end := from.UTC(), to.UTC().AddDate(0, 0, 1)
	today := s.clock().UTC().Format(time.DateOnly)
	db := s.db.WithContext(ctx)
	out := EngagementReport{From: f.From, To: f.To, By: f.By}
	rows := map[string]*EngagementCounts{}
	row := func(key string) *EngagementCounts {
		if rows[key] == nil {
			rows[key] = &EngagementCounts{}
		}
		return rows[key]
	}
	for _, grouped := range []bool{true, false} {
		pick := func(g grouping) grouping {
			if !grouped {
				return grouping{key: "''"}
			}
			return g
		}
		counts := func(key string) *EngagementCounts {
			if !grouped {
				return &out.Totals
			}
			return row(key)
		}

		// Held interactions and who took part in them.
		g := pick(reportGrouping(f.By, "interactions", models.EntityInteraction, "interactions.country_code"))
		var its []struct {
			K                             string
			N, Orgs, People, Female, Male int64
		}
		// People hidden from the actor are not counted: their gender would
		// tell who took part.
		contactJoin := "LEFT JOIN contacts k ON k.id = ip.contact_id AND k.deleted_at IS NULL AND " + actor.visibleSQL(on("k"))
		q := interactionScope(db, actor, false).
			Where("interactions.status = ? AND interactions.starts_at >= ? AND interactions.starts_at < ?", "held", start, end)
		q = query.WhereIn(q, "interactions.office_id", f.OfficeID)
		for _, j := range g.joins {
			q = q.Joins(j)
		}
		err := q.Joins("LEFT JOIN interaction_participants ip ON ip.interaction_id = interactions.id").
			Joins(contactJoin).
			Select(g.key + ` AS k, COUNT(DISTINCT interactions.id) AS n, COUNT(DISTINCT ip.organization_id) AS orgs,
COUNT(DISTINCT k.id) AS people,
COUNT(DISTINCT CASE WHEN k.gender = 'female' THEN k.id END) AS female,
COUNT(DISTINCT CASE WHEN k.gender = 'male' THEN k.id END) AS male`).
			Scopes(groupBy(g.key)).Scan(&its).Error
		if err != nil {
			return out, err
		}
		for _, r := range its {
			c := counts(r.K)
			c.Interactions, c.Organizations, c.Contacts, c.ContactsFemale, c.ContactsMale = r.N, r.Orgs, r.People, r.Female, r.Male
		}

		// Visits starting in the period.
		g = pick(reportGrouping(f.By, "visits", models.EntityVisit, "visits.host_country_code"))
		var vs []struct {
			K string
			N int64
		}
		q = db.Model(&models.Visit{}).Where("visits.status <> ? AND visits.start_date >= ? AND visits.start_date <= ?", "cancelled", f.From, f.To)
		q = query.WhereIn(q, "visits.office_id", f.OfficeID)
		for _, j := range g.joins {
			q = q.Joins(j)
		}
		if err := q.Select(g.key + " AS k, COUNT(*) AS n").Scopes(groupBy(g.key)).Scan(&vs).Error; err != nil {
			return out, err
		}
		for _, r := range vs {
			counts(r.K).Visits = r.N
		}

		// Commitments made or completed in the period, by the country the
		// review gives them (commitmentCountry).
		g = pick(reportGrouping(f.By, "commitments", models.EntityCommitment, commitmentCountry(actor)))
		var cs []struct {
			K                   string
			Made, Done, Overdue int64
		}
		q = commitmentScope(db, actor, false).
			Where("((commitments.created_at >= ? AND commitments.created_at < ?) OR (commitments.completed_at >= ? AND commitments.completed_at < ?))", start, end, start, end)
		q = query.WhereIn(q, "commitments.office_id", f.OfficeID)
		for _, j := range g.joins {
			q = q.Joins(j)
		}
		err = q.Select(g.key+` AS k,
SUM(CASE WHEN commitments.created_at >= ? AND commitments.created_at < ? THEN 1 ELSE 0 END) AS made,
SUM(CASE WHEN commitments.completed_at >= ? AND commitments.completed_at < ? THEN 1 ELSE 0 END) AS done,
SUM(CASE WHEN commitments.created_at >= ? AND commitments.created_at < ? AND commitments.status IN ('open', 'in_progress')
 AND commitments.due_date IS NOT NULL AND commitments.due_date < ? THEN 1 ELSE 0 END) AS overdue`,
			start, end, start, end, start, end, today).Scopes(groupBy(g.key)).Scan(&cs).Error
		if err != nil {
			return out, err
		}
		for _, r := range cs {
			c := counts(r.K)
			c.CommitmentsMade, c.CommitmentsDone, c.CommitmentsOverdue = r.Made, r.Done, r.Overdue
		}
	}
	labels, err := reportLabels(db, f.By, rows)
	if err != nil {
		return out, err
	}
	out.Rows = make([]EngagementRow, 0, len(rows))
	for key, c := range rows {
		out.Rows = append(out.Rows, EngagementRow{Key: key, Label: labels[key], EngagementCounts: *c})
	}
	sortEngagement(out.Rows)
	return out, nil
}

// reportLabels names the keys of a report: country names, project codes
// and names, SDG tag names.
func reportLabels(db *gorm.DB, by string, rows map[string]*EngagementCounts) (map[string]string, error) {
	labels := map[string]string{}
	keys := make([]string, 0, len(rows))
	for k := range rows {
		if k != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return labels, nil
	}
	var named []struct{ K, Label string }
	var err error
	switch by {
	case ReportByCountry:
		err = db.Model(&models.Country{}).Where("code IN ?", keys).Select("code AS k, name AS label").Scan(&named).Error
	case ReportByProject:
		var ps []models.Project
		err = db.Unscoped().Where("id IN ?", keyIDs(keys)).Find(&ps).Error
		for _, p := range ps {
			label := p.Code + " " + p.Name
			if strings.HasPrefix(p.Name, p.Code) {
				label = p.Name // names that already start with their code
			}
			named = append(named, struct{ K, Label string }{strconv.FormatInt(p.ID, 10), label})
		}
	case ReportBySDG:
		err = db.Model(&models.Tag{}).Where("slug IN ?", keys).Select("slug AS k, name AS label").Scan(&named).Error
	case ReportByDonor:
		var names map[int64]string
		names, err = organizationNames(db, keyIDs(keys))
		for id, name := range names {
			named = append(named, struct{ K, Label string }{strconv.FormatInt(id, 10), name})
		}
	}
	for _, n := range named {
		labels[n.K] = n.Label
	}
	return labels, err
}

// keyIDs reads the ids that a report keyed by project or donor uses as keys.
func keyIDs(keys []string) []int64 {
	ids := make([]int64, 0, len(keys))
	for _, k := range keys {
		if id, e := strconv.ParseInt(k, 10, 64); e == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// sortEngagement orders rows by held interactions, most first, then label;
// the row without a key (no project, no country) comes last.
func sortEngagement(rows []EngagementRow) {
	slices.SortFunc(rows, func(a, b EngagementRow) int {
		if (a.Key == "") != (b.Key == "") {
			if a.Key == "" {
				return 1
			}
			return -1
		}
		if a.Interactions != b.Interactions {
			return cmp.Compare(b.Interactions, a.Interactions)
		}
		return cmp.Or(strings.Compare(a.Label, b.Label), strings.Compare(a.Key, b.Key))
	})
}

// groupBy groups by key; the totals' constant key is no grouping at all
// (PostgreSQL refuses to group by a constant).
func groupBy(key string) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB {
		if key == "''" {
			return q
		}
		return q.Group(key)
	}
}
