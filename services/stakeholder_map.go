package services

import (
	"context"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// MaxMapItems bounds the organizations one stakeholder map shows.
const MaxMapItems = 500

// StakeholderFilter narrows the stakeholder map; list fields hold alternatives.
type StakeholderFilter struct {
	CountryCode, Tag, Type []string
	ProjectID, OfficeID    []int64
}

// Stakeholder is one organization on the influence × interest map, with
// what is pending with it and when it last took part in a held interaction.
type Stakeholder struct {
	ID                                  int64
	Name, Acronym, Type                 string
	CountryCode                         *string
	Influence, Interest                 int
	OpenCommitments, OverdueCommitments int64
	LastHeldAt                          *time.Time
}

// StakeholderMap is the organizations with both scores set, highest
// influence × interest first, at most MaxMapItems of Total.
type StakeholderMap struct {
	Items     []Stakeholder
	Total     int64
	Truncated bool
}

// StakeholderMap places the matching organizations on the influence ×
// interest grid. A project matches the organizations that took part in an
// interaction (visible to the actor) or a visit of it, and its donor.
// Commitments and interactions the actor may not see count nowhere.
func (s *ReportService) StakeholderMap(ctx context.Context, actor Actor, f StakeholderFilter) (StakeholderMap, error) {
	db := s.db.WithContext(ctx)
	q := db.Model(&models.Organization{}).Where("organizations.influence IS NOT NULL AND organizations.interest IS NOT NULL")
	q = query.WhereIn(q, "organizations.country_code", f.CountryCode)
	q = query.WhereIn(q, "organizations.type", f.Type)
	q = query.WhereIn(q, "organizations.office_id", f.OfficeID)
	q = withTag(q, models.EntityOrganization, "organizations.id", f.Tag)
	if len(f.ProjectID) > 0 {
		q = organizationsOfProjects(q, func() *gorm.DB { return db.Session(&gorm.Session{NewDB: true}) }, actor, f.ProjectID)
	}
	var out StakeholderMap
	if err := q.Session(&gorm.Session{}).Count(&out.Total).Error; err != nil {
		return out, err
	}
	var orgs []models.Organization
	err := q.Order("organizations.influence * organizations.interest DESC, organizations.name, organizations.id").
		Limit(MaxMapItems).Find(&orgs).Error
	if err != nil {
		return out, err
	}
	out.Truncated = out.Total > int64(len(orgs))
	out.Items = make([]Stakeholder, len(orgs))
	ids := make([]int64, len(orgs))
	at := make(map[int64]int, len(orgs))
	for i, o := range orgs {
		ids[i], at[o.ID] = o.ID, i
		out.Items[i] = Stakeholder{ID: o.ID, Name: o.Name, Acronym: o.Acronym, Type: o.Type, CountryCode: o.CountryCode}
		if o.Influence != nil {
			out.Items[i].Influence = *o.Influence
		}
		if o.Interest != nil {
			out.Items[i].Interest = *o.Interest
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	today := s.clock().UTC().Format(time.DateOnly)
	var pending []struct {
		Org           int64
		Open, Overdue int64
	}
	err = commitmentScope(db, actor, false).
		Where("commitments.counterpart_organization_id IN ? AND commitments.status IN ?", ids, []string{"open", "in_progress"}).
		Select("commitments.counterpart_organization_id AS org, COUNT(*) AS open, "+
			"SUM(CASE WHEN commitments.due_date IS NOT NULL AND commitments.due_date < ? THEN 1 ELSE 0 END) AS overdue", today).
		Group("commitments.counterpart_organization_id").Scan(&pending).Error
	if err != nil {
		return out, err
	}
	for _, p := range pending {
		out.Items[at[p.Org]].OpenCommitments, out.Items[at[p.Org]].OverdueCommitments = p.Open, p.Overdue
	}
	var met []struct {
		Org  int64
		Last query.Time
	}
	err = interactionScope(db, actor, false).
		Joins("JOIN interaction_participants ip ON ip.interaction_id = interactions.id").
		Where("ip.organization_id IN ? AND interactions.status = ?", ids, "held").
		Select("ip.organization_id AS org, MAX(interactions.starts_at) AS last").
		Group("ip.organization_id").Scan(&met).Error
	if err != nil {
		return out, err
	}
	for _, m := range met {
		if m.Last.Valid {
			t := m.Last.Time
			out.Items[at[m.Org]].LastHeldAt = &t
		}
	}
	return out, nil
}
