package services

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// ProjectService manages programmes and projects. Projects are reference
// data that visits, interactions and commitments point at: everyone reads
// them, only admins write them. A project belongs to the office of the admin
// who created it.
type ProjectService struct{ db *gorm.DB }

// ProjectInput is what an admin may set when creating a project.
type ProjectInput struct {
	Code, Name, Description string
	DonorOrganizationID     *int64
	StartDate, EndDate      *string
}

// ProjectPatch is what an admin may change on a project.
type ProjectPatch struct {
	Code, Name, Description Change[string]
	DonorOrganizationID     Change[*int64]
	StartDate, EndDate      Change[*string]
}

// ProjectFilter selects projects; a list field holds alternatives.
type ProjectFilter struct {
	ListParams
	OfficeID, DonorOrganizationID []int64
	UpdatedAfter                  *time.Time
}

// ProjectSorts is the sort allow-list of the projects list.
var ProjectSorts = query.SortKeys[models.Project]{
	"name":       {Column: "projects.name", Value: func(p *models.Project) any { return p.Name }},
	"code":       {Column: "projects.code", Value: func(p *models.Project) any { return p.Code }},
	"created_at": {Column: "projects.created_at", Value: func(p *models.Project) any { return p.CreatedAt }, IsTime: true},
	"updated_at": {Column: "projects.updated_at", Value: func(p *models.Project) any { return p.UpdatedAt }, IsTime: true},
	"id":         {Column: "projects.id", Value: func(p *models.Project) any { return p.ID }},
}

// projectCode is the shape of a project code ("SIMVEX", "BHRI", "PX.0034").
var projectCode = regexp.MustCompile(`^[A-Z0-9][A-Z0-9._/-]*$`)

// List returns one page of projects. Errors: *ValidationError, ErrInvalidCursor.
func (s *ProjectService) List(ctx context.Context, actor Actor, f ProjectFilter) (Page[models.Project], error) {
	q := query.Base(s.db.WithContext(ctx), &models.Project{}, "projects", f.Archived)
	q = query.WhereIn(q, "projects.office_id", f.OfficeID)
	q = query.WhereIn(q, "projects.donor_organization_id", f.DonorOrganizationID)
	if f.UpdatedAfter != nil {
		q = q.Where("projects.updated_at > ?", f.UpdatedAfter.UTC())
	}
	if f.Q != "" {
		q = matchWordPrefixes(q, "projects.search_text", f.Q)
	}
	return query.List(q, ProjectSorts, "name", f.ListParams, "projects")
}

// Get returns one live project. Errors: ErrNotFound.
func (s *ProjectService) Get(ctx context.Context, actor Actor, id int64) (models.Project, error) {
	var p models.Project
	err := s.db.WithContext(ctx).First(&p, id).Error
	return p, notFoundOr(err)
}

// Create adds a project to the admin's office.
// Errors: ErrForbidden, *ValidationError, *ConflictError (code).
func (s *ProjectService) Create(ctx context.Context, actor Actor, in ProjectInput) (models.Project, error) {
	if !actor.IsAdmin() {
		return models.Project{}, ErrForbidden
	}
	p := models.Project{OfficeID: actor.OfficeID, Code: normalizeCode(in.Code), Name: in.Name, Description: in.Description,
		DonorOrganizationID: in.DonorOrganizationID, StartDate: in.StartDate, EndDate: in.EndDate}
	p.Version = 1
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := validateProject(tx, nil, &p); err != nil {
			return err
		}
		p.SearchText = query.SearchText(p.Code, p.Name)
		if err := tx.Create(&p).Error; err != nil {
			return projectConflict(err)
		}
		return actor.audit(tx, ActionCreate, models.EntityProject, p.ID, p.OfficeID, diff(nil, &p))
	})
	if err != nil {
		return models.Project{}, err
	}
	return s.Get(ctx, actor, p.ID)
}

// Update applies a merge patch when version still matches.
// Errors: ErrForbidden, ErrNotFound, ErrStale, *ValidationError, *ConflictError.
func (s *ProjectService) Update(ctx context.Context, actor Actor, id int64, version *int64, patch ProjectPatch) (models.Project, error) {
	if !actor.IsAdmin() {
		return models.Project{}, ErrForbidden
	}
	err := writeTx(ctx, s.db, &models.Project{}, id, version, func(tx *gorm.DB) error {
		var before models.Project
		if err := tx.First(&before, id).Error; err != nil {
			return notFoundOr(err)
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		p := before
		patch.Code.apply(&p.Code)
		p.Code = normalizeCode(p.Code)
		patch.Name.apply(&p.Name)
		patch.Description.apply(&p.Description)
		patch.DonorOrganizationID.apply(&p.DonorOrganizationID)
		patch.StartDate.apply(&p.StartDate)
		patch.EndDate.apply(&p.EndDate)
		if err := validateProject(tx, &before, &p); err != nil {
			return err
		}
		changes := diff(&before, &p)
		if len(changes) == 0 {
			return nil
		}
		p.SearchText = query.SearchText(p.Code, p.Name)
		p.Version = before.Version + 1
		if err := saveVersioned(tx, &p, before.Version); err != nil {
			return projectConflict(err)
		}
		return actor.audit(tx, ActionUpdate, models.EntityProject, id, p.OfficeID, changes)
	})
	if err != nil {
		return models.Project{}, err
	}
	return s.Get(ctx, actor, id)
}

// Archive soft-deletes a project; what points at it keeps pointing at it.
// Errors: ErrForbidden, ErrNotFound, ErrStale.
func (s *ProjectService) Archive(ctx context.Context, actor Actor, id int64, version *int64) error {
	return archiveRecord[models.Project](ctx, s.db, projectLifecycle, actor, id, version)
}

// Restore brings an archived project back. Errors: ErrForbidden, ErrNotFound.
func (s *ProjectService) Restore(ctx context.Context, actor Actor, id int64) (models.Project, error) {
	if err := restoreRecord[models.Project](ctx, s.db, projectLifecycle, actor, id); err != nil {
		return models.Project{}, err
	}
	return s.Get(ctx, actor, id)
}

// normalizeCode makes codes compare as people read them: "simvex " is SIMVEX.
func normalizeCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// validateProject checks p; before is the stored project (nil on create).
// A code taken by any project, archived ones included, is a conflict: the
// unique index covers them all.
func validateProject(tx *gorm.DB, before, p *models.Project) error {
	var verr ValidationError
	checkRequired("code", p.Code, 50, &verr)
	if p.Code != "" && !projectCode.MatchString(p.Code) {
		verr.add("code", "letters, digits, and . _ / - only")
	}
	checkRequired("name", p.Name, 300, &verr)
	checkLength("description", p.Description, 20000, &verr)
	checkDate("start_date", p.StartDate, &verr)
	checkDate("end_date", p.EndDate, &verr)
	if p.StartDate != nil && p.EndDate != nil && *p.EndDate < *p.StartDate {
		verr.add("end_date", "is before start_date")
	}
	if before == nil || changedID(before.DonorOrganizationID, p.DonorOrganizationID) {
		checkOrganization(tx, "donor_organization_id", p.DonorOrganizationID, &verr)
	}
	if err := verr.orNil(); err != nil {
		return err
	}
	var n int64
	tx.Model(&models.Project{}).Unscoped().Where("code = ? AND id <> ?", p.Code, p.ID).Count(&n)
	if n > 0 {
		return codeTaken
	}
	return nil
}

var codeTaken = &ConflictError{Field: "code", Message: "a project with this code exists"}

// projectConflict reports a unique-index violation of a concurrent writer
// that took the code between the check and the write.
func projectConflict(err error) error {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return codeTaken
	}
	return err
}

// matchWordPrefixes restricts q to rows whose folded search column holds
// every word of text as a word prefix, as matchText does through the
// full-text index. Tokens are letters and digits only, so no LIKE wildcard
// can come from the user. For short lists that have no full-text index.
func matchWordPrefixes(q *gorm.DB, column, text string) *gorm.DB {
	words := query.Tokens(text, query.MaxQueryTokens)
	if len(words) == 0 {
		return q.Where("1 = 0")
	}
	for _, w := range words {
		q = q.Where("(' ' || "+column+") LIKE ?", "% "+w+"%")
	}
	return q
}
