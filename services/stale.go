package services

import (
	"context"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
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
// organization when it or one of its current people took part (a
// restricted person's meetings count for no one: see models.openPerson).
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
	cutoff := models.Now().AddDate(0, 0, -f.Days)

	// The ranking is read from the cache while nothing it depends on has
	// changed (migration 0010). The epoch is read before ranking, so that a
	// ranking is never stored as newer than what it saw.
	var epoch int64
	if err := db.Raw(models.StaleEpoch).Scan(&epoch).Error; err != nil {
		return nil, err
	}
	key := staleKey(actor, f)
	ranking, ok := s.stale.get(key, epoch)
	if !ok {
		var err error
		if ranking, err = s.rankStale(db, actor, f); err != nil {
			return nil, err
		}
		s.stale.put(key, epoch, ranking)
	}
	var rows []staleRank
	for _, r := range ranking {
		if len(rows) == limit || (r.At.Valid && !r.At.Time.Before(cutoff)) {
			break
		}
		rows = append(rows, r)
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
		so := StaleOrganization{OrganizationView: byID[r.ID], LastHeldAt: r.At.Ptr()}
		if r.Open != nil {
			so.OpenCommitments = *r.Open
		}
		out = append(out, so)
	}
	return out, nil
}

// rankStale ranks the key stakeholders the actor may see, never-met first,
// then the longest untouched, and returns the first MaxLimit.
//
// The key stakeholders are found first, each kind from its partial index
// (migration 0007): influence 4 or 5, and the counterparts of open
// commitments the actor may see. For each, the last held interaction the
// actor may see is read from organization_last_held, whose rows per office
// and restriction are reduced here through the rule of interactionScope.
// Computed from the history instead, a ministry would fan out to tens of
// thousands of participations. Both steps are materialised so that the
// per-organization lookup runs once per candidate, not once per use in
// the order.
func (s *OrganizationService) rankStale(db *gorm.DB, actor Actor, f StaleFilter) ([]staleRank, error) {
	fresh := func() *gorm.DB { return db.Session(&gorm.Session{NewDB: true}) }
	open := commitmentScope(fresh(), actor, false).
		Where(commitmentIsOpen + " AND commitments.counterpart_organization_id IS NOT NULL").
		Select("commitments.counterpart_organization_id AS org_id, COUNT(*) AS n").Group("commitments.counterpart_organization_id")
	key := fresh().Model(&models.Organization{}).Select("organizations.id").Where("organizations.influence >= 4")
	key = query.WhereIn(key, "organizations.country_code", f.CountryCode)
	key = query.WhereIn(key, "organizations.office_id", f.OfficeID)
	last, args := "(SELECT MAX(h.last_held_at) FROM "+models.LastHeldTable+" h WHERE h.organization_id = o.id", []any{open}
	last += " AND " + actor.visibleSQL(on("h")) + ")"
	where := "o.deleted_at IS NULL"
	if len(f.CountryCode) > 0 {
		where += " AND o.country_code IN ?"
	}
	if len(f.OfficeID) > 0 {
		where += " AND o.office_id IN ?"
	}
	args = append(args, key)
	if len(f.CountryCode) > 0 {
		args = append(args, f.CountryCode)
	}
	if len(f.OfficeID) > 0 {
		args = append(args, f.OfficeID)
	}
	args = append(args, MaxLimit)
	var rows []staleRank
	err := fresh().Raw("WITH oc AS MATERIALIZED (?), l AS MATERIALIZED ("+
		"SELECT o.id, o.name, oc.n AS open, "+last+" AS at FROM organizations o LEFT JOIN oc ON oc.org_id = o.id"+
		" WHERE o.id IN (SELECT id FROM (?) AS k UNION SELECT org_id FROM oc) AND "+where+")"+
		" SELECT id, at, open FROM l"+
		" ORDER BY CASE WHEN at IS NULL THEN 0 ELSE 1 END, at, name, id LIMIT ?", args...).Scan(&rows).Error
	return rows, err
}

// staleRank is one key stakeholder in the stale review's order: when the
// reader last saw it met (invalid: never), and its open commitments.
type staleRank struct {
	ID   int64
	At   query.Time
	Open *int64
}

// staleKey names what a ranking depends on: whose eyes, and the filter's
// countries and offices. A ranking does not depend on the number of days
// asked for: never-met first, then the longest untouched, so "untouched for
// N days" is a prefix of it, cut when it is read. Only the first MaxLimit
// entries are kept, since no page is longer.
func staleKey(actor Actor, f StaleFilter) string {
	return cacheKey(actor.sightline(), asSet(f.CountryCode), asSet(f.OfficeID))
}
