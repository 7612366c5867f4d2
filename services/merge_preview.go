package services

import (
	"context"

	"gorm.io/gorm"

	"liaison/models"
)

// MergePreview is what a merge would move from one record: the counts a
// manager weighs before choosing the survivor. Only what the reader may
// see is counted.
type MergePreview struct {
	ID           int64
	Interactions int64 // meetings, calls… the record took part in
	Visits       int64
	Commitments  int64 // commitments with the record as counterpart
	Positions    int64 // a contact's positions; the people of an organization
	Notes        int64
	Documents    int64
}

// Preview counts, for each live record of kind ("contacts" or
// "organizations") among ids that the actor may see, what a merge would
// move. Records absent, archived or hidden are left out, not reported.
// Errors: *ValidationError (an unknown kind, too many ids).
func (s *MergeService) Preview(ctx context.Context, actor Actor, kind string, ids []int64) ([]MergePreview, error) {
	var verr ValidationError
	if kind != "contacts" && kind != "organizations" {
		verr.add("kind", "is contacts or organizations")
	}
	if len(ids) == 0 || len(ids) > maxMerged+1 {
		verr.add("ids", "name 1 to %d records", maxMerged+1)
	}
	if err := verr.orNil(); err != nil {
		return nil, err
	}
	db := s.db.WithContext(ctx)
	col, entity := "contact_id", models.EntityContact
	var live []int64
	var err error
	if kind == "contacts" {
		err = contactScope(db, actor, false).Where("contacts.id IN ?", ids).Order("contacts.id").Pluck("contacts.id", &live).Error
	} else {
		col, entity = "organization_id", models.EntityOrganization
		err = db.Model(&models.Organization{}).Where("id IN ?", ids).Order("id").Pluck("id", &live).Error
	}
	if err != nil || len(live) == 0 {
		return []MergePreview{}, err
	}
	counts := map[int64]*MergePreview{}
	out := make([]MergePreview, len(live))
	for i, id := range live {
		out[i].ID = id
		counts[id] = &out[i]
	}
	type row struct{ ID, N int64 }
	count := func(q *gorm.DB, set func(*MergePreview, int64)) error {
		var rows []row
		if err := q.Scan(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			if p := counts[r.ID]; p != nil {
				set(p, r.N)
			}
		}
		return nil
	}
	counterpart := "commitments.counterpart_" + col
	queries := []struct {
		q   *gorm.DB
		set func(*MergePreview, int64)
	}{
		{interactionScope(db, actor, false).Joins("JOIN interaction_participants p ON p.interaction_id = interactions.id").
			Where("p."+col+" IN ?", live).Group("p." + col).Select("p." + col + " AS id, COUNT(DISTINCT interactions.id) AS n"),
			func(p *MergePreview, n int64) { p.Interactions = n }},
		{db.Model(&models.Visit{}).Joins("JOIN visit_participants p ON p.visit_id = visits.id").
			Where("p."+col+" IN ?", live).Group("p." + col).Select("p." + col + " AS id, COUNT(DISTINCT visits.id) AS n"),
			func(p *MergePreview, n int64) { p.Visits = n }},
		{commitmentScope(db, actor, false).Where(counterpart+" IN ?", live).Group(counterpart).Select(counterpart + " AS id, COUNT(*) AS n"),
			func(p *MergePreview, n int64) { p.Commitments = n }},
		{contactScope(db, actor, false).Joins("JOIN positions p ON p.contact_id = contacts.id").
			Where("p."+col+" IN ?", live).Group("p." + col).Select("p." + col + " AS id, COUNT(*) AS n"),
			func(p *MergePreview, n int64) { p.Positions = n }},
		{db.Model(&models.Note{}).Where("entity_type = ? AND entity_id IN ?", entity, live).Group("entity_id").Select("entity_id AS id, COUNT(*) AS n"),
			func(p *MergePreview, n int64) { p.Notes = n }},
		{db.Model(&models.Document{}).Where("entity_type = ? AND entity_id IN ?", entity, live).Group("entity_id").Select("entity_id AS id, COUNT(*) AS n"),
			func(p *MergePreview, n int64) { p.Documents = n }},
	}
	for _, q := range queries {
		if err := count(q.q, q.set); err != nil {
			return nil, err
		}
	}
	return out, nil
}
