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

	held := interactionScope(fresh(), actor, false).Where("interactions.status = ?", "held")
	direct := held.Session(&gorm.Session{}).
		Joins("JOIN interaction_participants p ON p.interaction_id = interactions.id").
		Where("p.organization_id IS NOT NULL").
		Select("p.organization_id AS org_id, interactions.starts_at AS at")
	viaPeople := held.Session(&gorm.Session{}).
		Joins("JOIN interaction_participants p ON p.interaction_id = interactions.id").
		Joins("JOIN positions pos ON pos.contact_id = p.contact_id AND pos.end_date IS NULL").
		Select("pos.organization_id AS org_id, interactions.starts_at AS at")
	lastHeld := fresh().Raw("SELECT org_id, MAX(at) AS at FROM (? UNION ALL ?) AS touched GROUP BY org_id", direct, viaPeople)
	open := commitmentScope(fresh(), actor, false).
		Where("commitments.status IN ? AND commitments.counterpart_organization_id IS NOT NULL", []string{commitmentOpen, commitmentInProgress}).
		Select("commitments.counterpart_organization_id AS org_id, COUNT(*) AS n").Group("commitments.counterpart_organization_id")

	q := fresh().Model(&models.Organization{}).
		Joins("LEFT JOIN (?) AS last ON last.org_id = organizations.id", lastHeld).
		Joins("LEFT JOIN (?) AS oc ON oc.org_id = organizations.id", open).
		Where("(organizations.influence >= 4 OR oc.n > 0)").
		Where("(last.at IS NULL OR last.at < ?)", cutoff)
	q = whereIn(q, "organizations.country_code", f.CountryCode)
	q = whereIn(q, "organizations.office_id", f.OfficeID)
	var rows []struct {
		ID   int64
		At   dbTime
		Open *int64
	}
	err := q.Select("organizations.id, last.at AS at, oc.n AS open").
		Order("CASE WHEN last.at IS NULL THEN 0 ELSE 1 END, last.at, organizations.name, organizations.id").
		Limit(limit).Scan(&rows).Error
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
