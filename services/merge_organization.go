package services

import (
	"context"
	"slices"

	"gorm.io/gorm"

	"liaison/models"
)

// MergeOrganizations merges the organizations in.From into organization
// id, the survivor, while its version still matches: positions,
// interaction and visit participations (one row where both took part),
// commitments' counterpart, child organizations, projects' donor,
// relationships (those that would relate the survivor to itself or repeat
// one it has are archived), notes, documents and tags move to the
// survivor; in.Fields picks each field's value; the merged organizations
// are archived with merged_into_id.
// Errors: ErrNotFound, ErrForbidden (not a manager of the records' office,
// nor an admin), ErrStale, *ValidationError (from and fields, archived
// records, the picked values, a parent that would make a cycle).
func (s *MergeService) MergeOrganizations(ctx context.Context, actor Actor, id int64, version *int64, in MergeInput) (OrganizationView, error) {
	err := writeTx(ctx, s.db, &models.Organization{}, id, version, func(tx *gorm.DB) error {
		var before models.Organization
		if err := tx.First(&before, id).Error; err != nil {
			return notFoundOr(err)
		}
		if !mayMerge(actor, before.OfficeID) {
			return ErrForbidden
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		if err := checkMergeInput(id, in, OrganizationMergeFields); err != nil {
			return err
		}
		var rows []models.Organization
		if err := tx.Unscoped().Where("id IN ?", in.From).Find(&rows).Error; err != nil {
			return err
		}
		byID := map[int64]*models.Organization{}
		found := map[int64]mergedRecord{}
		for i := range rows {
			r := &rows[i]
			byID[r.ID] = r
			found[r.ID] = mergedRecord{officeID: r.OfficeID, archived: r.DeletedAt.Valid}
		}
		if err := checkMerged(actor, in.From, found); err != nil {
			return err
		}
		merged := make([]*models.Organization, len(in.From))
		offices := map[int64]int64{}
		for i, m := range in.From {
			merged[i] = byID[m]
			offices[m] = merged[i].OfficeID
		}
		o := before
		pickFields(&o, merged, in.From, in.Fields, OrganizationMergeFields)
		// A parent among the merged records (or the survivor) is the
		// survivor's own place: the merged records' children become its
		// children, so it keeps the parent it had.
		if o.ParentID != nil && (*o.ParentID == id || slices.Contains(in.From, *o.ParentID)) {
			o.ParentID = before.ParentID
			if o.ParentID != nil && slices.Contains(in.From, *o.ParentID) {
				o.ParentID = byID[*o.ParentID].ParentID
			}
		}
		all := append([]int64{id}, in.From...)
		return retally(tx, func() error {
			if err := moveOrganizationReferences(tx, repoint{actor: actor, key: "organization", survivor: id, merged: in.From}); err != nil {
				return err
			}
			if err := moveRelationships(tx, id, in.From); err != nil {
				return err
			}
			var verr ValidationError
			validateOrganization(tx, &before, &o, &verr)
			if err := verr.orNil(); err != nil {
				return prefixFields(err)
			}
			o.SearchText = organizationSearchText(&o)
			o.SortKey = models.OrganizationSortKey(&o)
			o.Version = before.Version + 1
			changes := diff(&before, &o)
			return finishMerge(tx, actor, mergedSet{entity: models.EntityOrganization, table: "organizations", survivor: id, officeID: o.OfficeID, from: in.From, offices: offices},
				changes, func() error { return saveVersioned(tx, &o, before.Version) })
		}, "c.counterpart_organization_id IN ?", all)
	})
	if err != nil {
		return OrganizationView{}, err
	}
	return s.organizations.Get(ctx, actor, id)
}

// moveOrganizationReferences re-points at the survivor what named the
// merged organizations: positions, participations, commitments'
// counterpart, children and projects' donor.
func moveOrganizationReferences(tx *gorm.DB, r repoint) error {
	survivor, merged := r.survivor, r.merged
	// The merged organizations lose every position and participation here,
	// so their last-held rows end with no date ("all gone"). Clearing the
	// dates first spares the triggers recomputing one after every row that
	// moves away, each time from the rows still left: a ministry's
	// hundreds of meetings cost seconds that way.
	if err := tx.Exec("UPDATE "+models.LastHeldTable+" SET last_held_at = NULL WHERE organization_id IN ?", merged).Error; err != nil {
		return err
	}
	if err := r.bump(tx, models.EntityContact, "contacts", "SELECT contact_id FROM positions WHERE organization_id IN ?", merged); err != nil {
		return err
	}
	if err := tx.Exec("UPDATE positions SET organization_id = ? WHERE organization_id IN ?", survivor, merged).Error; err != nil {
		return err
	}
	if err := mergeDoubledPositions(tx, survivor); err != nil {
		return err
	}
	if err := moveParticipants(tx, r, "interaction_participants", "interaction_id", models.EntityInteraction, "interactions", "organization_id"); err != nil {
		return err
	}
	if err := moveParticipants(tx, r, "visit_participants", "visit_id", models.EntityVisit, "visits", "organization_id"); err != nil {
		return err
	}
	steps := []struct{ entity, table, column, extra string }{
		{models.EntityCommitment, "commitments", "counterpart_organization_id", ""},
		{models.EntityOrganization, "organizations", "parent_id", " AND id <> ?"},
		{models.EntityProject, "projects", "donor_organization_id", ""},
	}
	for _, st := range steps {
		args := []any{merged}
		if st.extra != "" {
			args = append(args, survivor)
		}
		if err := r.bump(tx, st.entity, st.table, "SELECT id FROM "+st.table+" WHERE "+st.column+" IN ?"+st.extra, args...); err != nil {
			return err
		}
		if err := tx.Exec("UPDATE "+st.table+" SET "+st.column+" = ? WHERE "+st.column+" IN ?"+st.extra, append([]any{survivor}, args...)...).Error; err != nil {
			return err
		}
	}
	return nil
}

// mergeDoubledPositions folds, after an organization merge, the positions
// that one person now holds twice at the survivor — the same role entered
// under both copies of the ministry — into one: same folded title (or one
// of them blank). The one kept is the primary one, else the older; it takes
// the title that was given, the earlier start and, unless either is
// ongoing, the later end. Positions with different titles are different
// roles over time and stay.
func mergeDoubledPositions(tx *gorm.DB, organizationID int64) error {
	var held []models.Position
	err := tx.Where("organization_id = ? AND contact_id IN (SELECT contact_id FROM positions WHERE organization_id = ? GROUP BY contact_id HAVING COUNT(*) > 1)",
		organizationID, organizationID).Order(`contact_id, "primary" DESC, created_at, id`).Find(&held).Error
	if err != nil || len(held) == 0 {
		return err
	}
	var drop []int64
	for i := 0; i < len(held); i++ {
		keep := &held[i]
		if slices.Contains(drop, keep.ID) {
			continue
		}
		changed := false
		for j := i + 1; j < len(held) && held[j].ContactID == keep.ContactID; j++ {
			other := held[j]
			if slices.Contains(drop, other.ID) || (keep.Title != "" && other.Title != "" && models.Fold(keep.Title) != models.Fold(other.Title)) {
				continue
			}
			if keep.Title == "" {
				keep.Title = other.Title
			}
			keep.StartDate = earlierDate(keep.StartDate, other.StartDate)
			if keep.EndDate == nil || other.EndDate == nil {
				keep.EndDate = nil
			} else if *other.EndDate > *keep.EndDate {
				keep.EndDate = other.EndDate
			}
			keep.Primary = keep.Primary || other.Primary
			drop, changed = append(drop, other.ID), true
		}
		if changed {
			err := tx.Model(&models.Position{}).Where("id = ?", keep.ID).
				Updates(map[string]any{"title": keep.Title, "start_date": keep.StartDate, "end_date": keep.EndDate, "primary": keep.Primary}).Error
			if err != nil {
				return err
			}
		}
	}
	if len(drop) == 0 {
		return nil
	}
	return tx.Where("id IN ?", drop).Delete(&models.Position{}).Error
}

// earlierDate is the earlier of two optional dates; a missing one gives way.
func earlierDate(a, b *string) *string {
	switch {
	case a == nil:
		return b
	case b == nil || *a <= *b:
		return a
	}
	return b
}

// moveRelationships re-points the live relationships of the merged
// organizations at the survivor. One that would relate the survivor to
// itself, or repeat a live one (same ends, same kind), is archived
// instead: it stays, unchanged, in the merged record's history.
func moveRelationships(tx *gorm.DB, survivor int64, merged []int64) error {
	var rels []models.Relationship
	err := tx.Where("from_organization_id IN ? OR to_organization_id IN ?", append([]int64{survivor}, merged...), append([]int64{survivor}, merged...)).
		Order("id").Find(&rels).Error
	if err != nil {
		return err
	}
	target := func(id int64) int64 {
		if slices.Contains(merged, id) {
			return survivor
		}
		return id
	}
	type key struct {
		from, to int64
		kind     string
	}
	live := map[key]bool{}
	for _, r := range rels { // the survivor's own stay as they are
		if !slices.Contains(merged, r.FromOrganizationID) && !slices.Contains(merged, r.ToOrganizationID) {
			live[key{r.FromOrganizationID, r.ToOrganizationID, r.Kind}] = true
		}
	}
	now := models.Now()
	for _, r := range rels {
		from, to := target(r.FromOrganizationID), target(r.ToOrganizationID)
		if from == r.FromOrganizationID && to == r.ToOrganizationID {
			continue
		}
		k := key{from, to, r.Kind}
		update := map[string]any{"version": gorm.Expr("version + 1"), "updated_at": now}
		if from == to || live[k] {
			update["deleted_at"] = now
		} else {
			update["from_organization_id"], update["to_organization_id"] = from, to
			live[k] = true
		}
		if err := tx.Model(&models.Relationship{}).Where("id = ?", r.ID).Updates(update).Error; err != nil {
			return err
		}
	}
	return nil
}
