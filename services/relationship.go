package services

import (
	"context"
	"errors"
	"slices"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// RelationshipService manages typed links between organizations ("the
// Ministry is funded_by Canada"). Organizations are not restricted records,
// so every reader sees every relationship; writes follow the office rules
// of Actor.canWriteIn, and a relationship's office is its creator's.
type RelationshipService struct{ db *gorm.DB }

// RelationshipView is a relationship with the names of its two ends, read
// in bulk so that a page of them costs one more query, not one per row.
type RelationshipView struct {
	models.Relationship
	FromName, ToName string
}

// RelationshipInput is what a client may set when creating a relationship.
type RelationshipInput struct {
	FromOrganizationID, ToOrganizationID int64
	Kind                                 string
	StartDate, EndDate                   *string
	Note                                 string
}

// RelationshipPatch is what a client may change on a relationship.
type RelationshipPatch struct {
	FromOrganizationID, ToOrganizationID Change[int64]
	Kind                                 Change[string]
	StartDate, EndDate                   Change[*string]
	Note                                 Change[string]
}

// RelationshipFilter selects relationships; a list field holds alternatives.
// OrganizationID matches either end.
type RelationshipFilter struct {
	ListParams
	OrganizationID, OfficeID []int64
	Kind                     []string
	UpdatedAfter             *time.Time
}

// RelationshipSorts is the sort allow-list of the relationships list.
var RelationshipSorts = query.SortKeys[models.Relationship]{
	"created_at": {Column: "relationships.created_at", Value: func(r *models.Relationship) any { return r.CreatedAt }, IsTime: true},
	"updated_at": {Column: "relationships.updated_at", Value: func(r *models.Relationship) any { return r.UpdatedAt }, IsTime: true},
	"id":         {Column: "relationships.id", Value: func(r *models.Relationship) any { return r.ID }},
}

var relationshipLifecycle = lifecycle{entity: models.EntityRelationship, scope: unscoped(&models.Relationship{}, "relationships"),
	mayArchive: Actor.canWriteIn, mayRestore: Actor.canManage}

// relationshipExists is the answer to a second live relationship with the
// same ends and kind.
var relationshipExists = &ConflictError{Field: "kind", Message: "these organizations already have this relationship"}

// List returns one page of relationships. Errors: *ValidationError,
// ErrInvalidCursor, ErrUnknownSort.
func (s *RelationshipService) List(ctx context.Context, actor Actor, f RelationshipFilter) (Page[RelationshipView], error) {
	db := s.db.WithContext(ctx)
	q := query.Base(db, &models.Relationship{}, "relationships", f.Archived)
	if len(f.OrganizationID) > 0 {
		q = q.Where("(relationships.from_organization_id IN ? OR relationships.to_organization_id IN ?)", f.OrganizationID, f.OrganizationID)
	}
	q = query.WhereIn(q, "relationships.kind", f.Kind)
	q = query.WhereIn(q, "relationships.office_id", f.OfficeID)
	if f.UpdatedAfter != nil {
		q = q.Where("relationships.updated_at > ?", f.UpdatedAfter.UTC())
	}
	if f.Q != "" {
		q = matchWordPrefixes(q, "relationships.search_text", f.Q)
	}
	p, err := query.List(q, RelationshipSorts, "created_at", f.ListParams, "relationships")
	if err != nil {
		return Page[RelationshipView]{}, err
	}
	views, err := relationshipViews(db, p.Items)
	return pageOf(p, views), err
}

// Get returns one live relationship. Errors: ErrNotFound.
func (s *RelationshipService) Get(ctx context.Context, actor Actor, id int64) (RelationshipView, error) {
	db := s.db.WithContext(ctx)
	var r models.Relationship
	if err := db.First(&r, id).Error; err != nil {
		return RelationshipView{}, notFoundOr(err)
	}
	views, err := relationshipViews(db, []models.Relationship{r})
	if err != nil {
		return RelationshipView{}, err
	}
	return views[0], nil
}

// Create links two live organizations, in the actor's office.
// Errors: ErrForbidden (viewer), *ValidationError, *ConflictError (the same
// link exists).
func (s *RelationshipService) Create(ctx context.Context, actor Actor, in RelationshipInput) (RelationshipView, error) {
	if !actor.canWriteIn(actor.OfficeID) {
		return RelationshipView{}, ErrForbidden
	}
	r := models.Relationship{OfficeID: actor.OfficeID, FromOrganizationID: in.FromOrganizationID, ToOrganizationID: in.ToOrganizationID,
		Kind: in.Kind, StartDate: in.StartDate, EndDate: in.EndDate, Note: in.Note}
	r.Version = 1
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := validateRelationship(tx, &r); err != nil {
			return err
		}
		r.SearchText = query.SearchText(r.Note)
		if err := tx.Create(&r).Error; err != nil {
			return relationshipConflict(err)
		}
		return actor.audit(tx, ActionCreate, models.EntityRelationship, r.ID, r.OfficeID, diff(nil, &r))
	})
	if err != nil {
		return RelationshipView{}, err
	}
	return s.Get(ctx, actor, r.ID)
}

// Update applies a merge patch while version still matches.
// Errors: ErrNotFound, ErrForbidden, ErrStale, *ValidationError, *ConflictError.
func (s *RelationshipService) Update(ctx context.Context, actor Actor, id int64, version *int64, patch RelationshipPatch) (RelationshipView, error) {
	err := writeTx(ctx, s.db, &models.Relationship{}, id, version, func(tx *gorm.DB) error {
		var before models.Relationship
		if err := tx.First(&before, id).Error; err != nil {
			return notFoundOr(err)
		}
		if !actor.canWriteIn(before.OfficeID) {
			return ErrForbidden
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		r := before
		patch.FromOrganizationID.apply(&r.FromOrganizationID)
		patch.ToOrganizationID.apply(&r.ToOrganizationID)
		patch.Kind.apply(&r.Kind)
		patch.StartDate.apply(&r.StartDate)
		patch.EndDate.apply(&r.EndDate)
		patch.Note.apply(&r.Note)
		if err := validateRelationship(tx, &r); err != nil {
			return err
		}
		changes := diff(&before, &r)
		if len(changes) == 0 {
			return nil
		}
		r.SearchText = query.SearchText(r.Note)
		r.Version = before.Version + 1
		if err := saveVersioned(tx, &r, before.Version); err != nil {
			return relationshipConflict(err)
		}
		return actor.audit(tx, ActionUpdate, models.EntityRelationship, id, r.OfficeID, changes)
	})
	if err != nil {
		return RelationshipView{}, err
	}
	return s.Get(ctx, actor, id)
}

// Archive soft-deletes a relationship. Errors: ErrNotFound, ErrForbidden, ErrStale.
func (s *RelationshipService) Archive(ctx context.Context, actor Actor, id int64, version *int64) error {
	return archiveRecord[models.Relationship](ctx, s.db, relationshipLifecycle, actor, id, version)
}

// Restore brings an archived relationship back (managers of its office,
// admins). Errors: ErrNotFound, ErrForbidden, *ConflictError (the same link
// was made again meanwhile).
func (s *RelationshipService) Restore(ctx context.Context, actor Actor, id int64) (RelationshipView, error) {
	if err := restoreRecord[models.Relationship](ctx, s.db, relationshipLifecycle, actor, id); err != nil {
		return RelationshipView{}, relationshipConflict(err)
	}
	return s.Get(ctx, actor, id)
}

// validateRelationship checks every field of r and that no other live
// relationship has the same ends and kind.
func validateRelationship(tx *gorm.DB, r *models.Relationship) error {
	var verr ValidationError
	for _, end := range []struct {
		field string
		id    int64
	}{{"from_organization_id", r.FromOrganizationID}, {"to_organization_id", r.ToOrganizationID}} {
		if end.id <= 0 {
			verr.add(end.field, "is required")
			continue
		}
		checkOrganization(tx, end.field, &end.id, &verr)
	}
	if r.FromOrganizationID > 0 && r.FromOrganizationID == r.ToOrganizationID {
		verr.add("to_organization_id", "must be another organization than from_organization_id")
	}
	checkEnum("kind", r.Kind, models.RelationshipKinds, &verr)
	checkDate("start_date", r.StartDate, &verr)
	checkDate("end_date", r.EndDate, &verr)
	if r.StartDate != nil && r.EndDate != nil && *r.EndDate < *r.StartDate {
		verr.add("end_date", "is before start_date")
	}
	checkLength("note", r.Note, 2000, &verr)
	if err := verr.orNil(); err != nil {
		return err
	}
	var n int64
	err := tx.Model(&models.Relationship{}).
		Where("from_organization_id = ? AND to_organization_id = ? AND kind = ? AND id <> ?", r.FromOrganizationID, r.ToOrganizationID, r.Kind, r.ID).
		Count(&n).Error
	if err != nil {
		return err
	}
	if n > 0 {
		return relationshipExists
	}
	return nil
}

// relationshipConflict reports the unique index's refusal of a concurrent
// writer (or a restore) that made the same link between check and write.
func relationshipConflict(err error) error {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return relationshipExists
	}
	return err
}

// relationshipViews adds the names of both ends to rs in one query.
// Archived organizations are still named: a link outlives its ends' archiving.
func relationshipViews(db *gorm.DB, rs []models.Relationship) ([]RelationshipView, error) {
	out := make([]RelationshipView, len(rs))
	if len(rs) == 0 {
		return out, nil
	}
	ids := make([]int64, 0, 2*len(rs))
	for _, r := range rs {
		ids = append(ids, r.FromOrganizationID, r.ToOrganizationID)
	}
	names, err := organizationNames(db, ids)
	if err != nil {
		return nil, err
	}
	for i, r := range rs {
		out[i] = RelationshipView{Relationship: r, FromName: names[r.FromOrganizationID], ToName: names[r.ToOrganizationID]}
	}
	return out, nil
}

// organizationNames reads the names of organizations, archived ones
// included, in one query.
func organizationNames(db *gorm.DB, ids []int64) (map[int64]string, error) {
	var rows []struct {
		ID   int64
		Name string
	}
	err := query.WhereIDs(db.Session(&gorm.Session{NewDB: true}).Unscoped().Model(&models.Organization{}), "organizations.id", uniqueIDs(ids)).
		Select("organizations.id, organizations.name").Scan(&rows).Error
	out := make(map[int64]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, err
}

// uniqueIDs returns ids sorted, each once.
func uniqueIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
