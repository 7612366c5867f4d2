package services

import (
	"context"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// StaleFilter narrows the stale-stakeholder review.
type StaleFilter struct {
	Days        int // untouched for this many days (1..3650; default 90)
	CountryCode []string
	OfficeID    []int64
	Limit       int
}

// StaleOrganization is a key stakeholder nobody has met lately.
type StaleOrganization struct {
	OrganizationView
	LastHeldAt      *time.Time // the last held interaction with it or its people; nil if never
	OpenCommitments int64
}

// Stale lists key stakeholders — influence 4 or 5, or with open commitments —
// that no held interaction the actor can see has touched in f.Days days,
// never-met first, then the longest untouched. An interaction touches an
// organization when it or one of its current people took part.
// Errors: *ValidationError.
func (s *OrganizationService) Stale(ctx context.Context, actor Actor, f StaleFilter) ([]StaleOrganization, error) {
	if f.Days == 0 {
		f.Days = 90
	}
	if f.Days < 1 || f.Days > 3650 {
		return nil, &ValidationError{Fields: []FieldError{{Field: "days", Message: "must be between 1 and 3650"}}}
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	db := s.db.WithContext(ctx)
	fresh := func() *gorm.DB { return db.Session(&gorm.Session{NewDB: true}) }
	cutoff := models.Now().AddDate(0, 0, -f.Days)

	// The key stakeholders are found first (influence, or open commitments
	// through the partial index of open work); only for them is the last
	// held interaction looked up, through the participant indexes, directly
	// and through their current people. Aggregating every interaction ever
	// held, as a join and group over the whole history, costs seconds at a
	// million interactions.
	open := commitmentScope(fresh(), actor, false).
		Where("commitments.status IN ('open', 'in_progress') AND commitments.counterpart_organization_id IS NOT NULL").
		Select("commitments.counterpart_organization_id AS org_id, COUNT(*) AS n").Group("commitments.counterpart_organization_id")
	heldScope, heldArgs := "i.deleted_at IS NULL AND i.status = 'held'", []any{}
	if !actor.IsAdmin() {
		heldScope += " AND (i.restricted = ? OR i.office_id = ?)"
		heldArgs = append(heldArgs, false, actor.OfficeID)
	}
	direct := "(SELECT MAX(i.starts_at) FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id" +
		" WHERE p.organization_id = organizations.id AND " + heldScope + ")"
	viaPeople := "(SELECT MAX(i.starts_at) FROM positions pos JOIN interaction_participants p ON p.contact_id = pos.contact_id" +
		" JOIN interactions i ON i.id = p.interaction_id WHERE pos.organization_id = organizations.id AND pos.end_date IS NULL AND " + heldScope + ")"
	candidates := fresh().Model(&models.Organization{}).
		Joins("LEFT JOIN (?) AS oc ON oc.org_id = organizations.id", open).
		Where("(organizations.influence >= 4 OR oc.n > 0)").
		Select("organizations.id, organizations.name, oc.n AS open, "+direct+" AS d, "+viaPeople+" AS v", append(heldArgs, heldArgs...)...)
	candidates = whereIn(candidates, "organizations.country_code", f.CountryCode)
	candidates = whereIn(candidates, "organizations.office_id", f.OfficeID)
	// The later of the two, on both databases (SQLite's max() and
	// PostgreSQL's GREATEST() treat NULL differently).
	last := fresh().Raw("SELECT id, name, open, CASE WHEN d IS NULL THEN v WHEN v IS NULL OR d > v THEN d ELSE v END AS at FROM (?) AS c", candidates)
	var rows []struct {
		ID   int64
		At   dbTime
		Open *int64
	}
	err := fresh().Raw("SELECT id, at, open FROM (?) AS l WHERE at IS NULL OR at < ? "+
		"ORDER BY CASE WHEN at IS NULL THEN 0 ELSE 1 END, at, name, id LIMIT ?", last, cutoff, limit).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var orgs []models.Organization
	if err := db.Where("id IN ?", ids).Find(&orgs).Error; err != nil {
		return nil, err
	}
	views, err := s.views(db, orgs)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]OrganizationView, len(views))
	for _, v := range views {
		byID[v.ID] = v
	}
	out := make([]StaleOrganization, 0, len(rows))
	for _, r := range rows {
		so := StaleOrganization{OrganizationView: byID[r.ID], LastHeldAt: r.At.ptr()}
		if r.Open != nil {
			so.OpenCommitments = *r.Open
		}
		out = append(out, so)
	}
	return out, nil
}
