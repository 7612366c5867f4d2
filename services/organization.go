package services

import (
	"context"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// OrganizationService manages organizations. Every signed-in user reads all
// organizations; writes follow the office rules of Actor.canWriteIn.
type OrganizationService struct {
	db     *gorm.DB
	stale  epochCache[[]staleRank] // rankings of the stale review (see Stale)
	counts *listCounts             // totals of the list (see listCounts)
}

// OrganizationView is an organization with its tag slugs.
type OrganizationView struct {
	models.Organization
	Tags []string
}

// OrganizationInput is what a client may set when creating an organization.
type OrganizationInput struct {
	Name, NameLocal, Acronym, Type string
	Level, CountryCode             *string
	City                           string
	ParentID, OwnerID              *int64
	Website, Email, Phone          string
	Description                    string
	Influence, Interest            *int
	Tags                           []string
}

// OrganizationPatch is what a client may change on an organization.
type OrganizationPatch struct {
	Name, NameLocal, Acronym, Type Change[string]
	Level, CountryCode             Change[*string]
	City                           Change[string]
	ParentID, OwnerID              Change[*int64]
	Website, Email, Phone          Change[string]
	Description                    Change[string]
	Influence, Interest            Change[*int]
	Tags                           Change[[]string]
}

// OrganizationFilter selects organizations; a list field holds alternatives.
type OrganizationFilter struct {
	ListParams
	Type, Level, CountryCode    []string
	OfficeID, OwnerID, ParentID []int64
	ID                          []int64
	Tag                         []string
	UpdatedAfter                *time.Time
}

// OrganizationSorts is the sort allow-list of the organizations list; name
// orders by the folded name (models.OrganizationSortKey), so that "Đ" files
// under D and case or accents do not split the alphabet.
var OrganizationSorts = query.SortKeys[models.Organization]{
	"name":       {Column: "organizations.sort_key", Value: func(o *models.Organization) any { return o.SortKey }, Walk: "INDEXED BY ix_organizations_sort", Seek: true},
	"created_at": {Column: "organizations.created_at", Value: func(o *models.Organization) any { return o.CreatedAt }, IsTime: true, Walk: "INDEXED BY ix_organizations_created"},
	"updated_at": {Column: "organizations.updated_at", Value: func(o *models.Organization) any { return o.UpdatedAt }, IsTime: true, Walk: "INDEXED BY ix_organizations_updated"},
	"id":         {Column: "organizations.id", Value: func(o *models.Organization) any { return o.ID }, Walk: "NOT INDEXED"},
}

// List returns one page of organizations matching f.
// Errors: *ValidationError (sort), ErrInvalidCursor.
func (s *OrganizationService) List(ctx context.Context, actor Actor, f OrganizationFilter) (Page[OrganizationView], error) {
	db := s.db.WithContext(ctx)
	q := query.Base(db, &models.Organization{}, "organizations", f.Archived)
	q = query.WhereIn(q, "organizations.type", f.Type)
	q = query.WhereIn(q, "organizations.level", f.Level)
	q = query.WhereIn(q, "organizations.country_code", f.CountryCode)
	q = query.WhereIn(q, "organizations.office_id", f.OfficeID)
	q = query.WhereIn(q, "organizations.owner_id", f.OwnerID)
	q = query.WhereIn(q, "organizations.parent_id", f.ParentID)
	q = query.WhereIn(q, "organizations.id", f.ID)
	q = withTag(q, models.EntityOrganization, "organizations.id", f.Tag)
	countTagged(db, actor, models.EntityOrganization, f, &f.ListParams, f.Tag)
	f.Through(len(f.Tag))
	if f.UpdatedAfter != nil {
		q = q.Where("organizations.updated_at > ?", f.UpdatedAfter.UTC())
	}
	f.KeepThrough(s.counts.forRequest())
	if f.Q != "" {
		q = f.Search(q, "organizations")
	}
	p, err := query.List(q, OrganizationSorts, "name", f.ListParams, "organizations")
	if err != nil {
		return Page[OrganizationView]{}, err
	}
	views, err := s.views(db, p.Items)
	return pageOf(p, views), err
}

// Get returns one live organization, or one merged away (archived, naming
// its survivor). Errors: ErrNotFound.
func (s *OrganizationService) Get(ctx context.Context, actor Actor, id int64) (OrganizationView, error) {
	db := s.db.WithContext(ctx)
	var o models.Organization
	if err := liveOrMerged(db, actor, organizationLifecycle, "organizations", id, &o); err != nil {
		return OrganizationView{}, notFoundOr(err)
	}
	return s.view(db, o)
}

// Create adds an organization to the actor's office.
// Errors: ErrForbidden (viewer), *ValidationError.
func (s *OrganizationService) Create(ctx context.Context, actor Actor, in OrganizationInput) (OrganizationView, error) {
	if !actor.canWriteIn(actor.OfficeID) {
		return OrganizationView{}, ErrForbidden
	}
	var created models.Organization
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		o := models.Organization{
			OfficeID: actor.OfficeID, OwnerID: in.OwnerID, Name: in.Name, NameLocal: in.NameLocal,
			Acronym: in.Acronym, Type: in.Type, Level: in.Level, CountryCode: in.CountryCode, City: in.City,
			ParentID: in.ParentID, Website: in.Website, Email: in.Email, Phone: in.Phone,
			Description: in.Description, Influence: in.Influence, Interest: in.Interest,
		}
		if o.OwnerID == nil {
			o.OwnerID = &actor.UserID
		}
		o.Version = 1
		var verr ValidationError
		validateOrganization(tx, nil, &o, &verr)
		tagIDs := resolveTags(tx, in.Tags, &verr)
		if err := verr.orNil(); err != nil {
			return err
		}
		o.SearchText = organizationSearchText(&o)
		o.SortKey = models.OrganizationSortKey(&o)
		if err := tx.Create(&o).Error; err != nil {
			return err
		}
		if err := models.RefreshDuplicateKeys(tx, models.DuplicateOrganizations, []int64{o.ID}); err != nil {
			return err
		}
		if err := replaceTags(tx, models.EntityOrganization, o.ID, tagIDs); err != nil {
			return err
		}
		created = o
		changes := diff(nil, &o)
		if len(in.Tags) > 0 {
			changes["tags"] = fieldChange{New: uniqueStrings(in.Tags)}
		}
		return actor.audit(tx, ActionCreate, models.EntityOrganization, o.ID, o.OfficeID, changes)
	})
	if err != nil {
		return OrganizationView{}, err
	}
	return s.Get(ctx, actor, created.ID)
}

// Update applies a merge patch when version still matches.
// Errors: ErrNotFound, ErrForbidden, ErrStale, *ValidationError.
func (s *OrganizationService) Update(ctx context.Context, actor Actor, id int64, version *int64, p OrganizationPatch) (OrganizationView, error) {
	err := writeTx(ctx, s.db, &models.Organization{}, id, version, func(tx *gorm.DB) error {
		var before models.Organization
		if err := tx.First(&before, id).Error; err != nil {
			return notFoundOr(err)
		}
		if !actor.canWriteIn(before.OfficeID) {
			return ErrForbidden
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		o := before
		p.Name.apply(&o.Name)
		p.NameLocal.apply(&o.NameLocal)
		p.Acronym.apply(&o.Acronym)
		p.Type.apply(&o.Type)
		p.Level.apply(&o.Level)
		p.CountryCode.apply(&o.CountryCode)
		p.City.apply(&o.City)
		p.ParentID.apply(&o.ParentID)
		p.OwnerID.apply(&o.OwnerID)
		p.Website.apply(&o.Website)
		p.Email.apply(&o.Email)
		p.Phone.apply(&o.Phone)
		p.Description.apply(&o.Description)
		p.Influence.apply(&o.Influence)
		p.Interest.apply(&o.Interest)
		var verr ValidationError
		validateOrganization(tx, &before, &o, &verr)
		var tagIDs []int64
		if p.Tags.Set {
			tagIDs = resolveTags(tx, p.Tags.Value, &verr)
		}
		if err := verr.orNil(); err != nil {
			return err
		}
		changes := diff(&before, &o)
		if p.Tags.Set {
			old, err := tagsOf(tx, models.EntityOrganization, []int64{id})
			if err != nil {
				return err
			}
			if next := uniqueStrings(p.Tags.Value); !equalStrings(old[id], next) {
				changes["tags"] = fieldChange{Old: old[id], New: next}
			}
			if err := replaceTags(tx, models.EntityOrganization, id, tagIDs); err != nil {
				return err
			}
		}
		if len(changes) == 0 {
			return nil // nothing changed: keep the version, so ETags stay valid
		}
		o.SearchText = organizationSearchText(&o)
		o.SortKey = models.OrganizationSortKey(&o)
		o.Version = before.Version + 1
		save := func() error { return saveVersioned(tx, &o, before.Version) }
		if !equalString(before.CountryCode, o.CountryCode) {
			// The review counts a commitment under its counterpart's country.
			if err := retally(tx, save, "c.counterpart_organization_id = ?", id); err != nil {
				return err
			}
		} else if err := save(); err != nil {
			return err
		}
		if err := models.RefreshDuplicateKeys(tx, models.DuplicateOrganizations, []int64{id}); err != nil {
			return err
		}
		return actor.audit(tx, ActionUpdate, models.EntityOrganization, id, o.OfficeID, changes)
	})
	if err != nil {
		return OrganizationView{}, err
	}
	return s.Get(ctx, actor, id)
}

// Archive soft-deletes an organization. Errors: ErrNotFound, ErrForbidden, ErrStale.
func (s *OrganizationService) Archive(ctx context.Context, actor Actor, id int64, version *int64) error {
	return archiveRecord[models.Organization](ctx, s.db, organizationLifecycle, actor, id, version)
}

// Restore brings an archived organization back; a manager's act.
// Errors: ErrNotFound, ErrForbidden.
func (s *OrganizationService) Restore(ctx context.Context, actor Actor, id int64) (OrganizationView, error) {
	if err := restoreRecord[models.Organization](ctx, s.db, organizationLifecycle, actor, id); err != nil {
		return OrganizationView{}, err
	}
	return s.Get(ctx, actor, id)
}

// validateOrganization checks o; before is the stored organization (nil on
// create). The phone is checked when it or the country changes.
func validateOrganization(tx *gorm.DB, before, o *models.Organization, verr *ValidationError) {
	checkRequired("name", o.Name, 300, verr)
	checkLength("name_local", o.NameLocal, 300, verr)
	checkLength("acronym", o.Acronym, 50, verr)
	checkEnum("type", o.Type, models.OrgTypes, verr)
	checkOptionalEnum("level", o.Level, models.OrgLevels, verr)
	checkCountry(tx, "country_code", o.CountryCode, verr)
	checkLength("city", o.City, 200, verr)
	checkWebsite("website", o.Website, verr)
	checkEmail("email", o.Email, verr)
	if before == nil || before.Phone != o.Phone || !equalString(before.CountryCode, o.CountryCode) {
		checkPhone("phone", o.Phone, o.CountryCode, verr)
	}
	checkLength("description", o.Description, 20000, verr)
	checkScore("influence", o.Influence, verr)
	checkScore("interest", o.Interest, verr)
	checkOwner(tx, o.OwnerID, o.OfficeID, verr)
	checkParent(tx, o, verr)
}

// checkParent refuses a parent that does not exist or that would make the
// hierarchy a cycle (an organization under its own descendant).
func checkParent(tx *gorm.DB, o *models.Organization, verr *ValidationError) {
	if o.ParentID == nil {
		return
	}
	seen := map[int64]bool{o.ID: true}
	next := *o.ParentID
	for depth := 0; depth < 64; depth++ {
		if seen[next] {
			verr.add("parent_id", "would make the hierarchy a cycle")
			return
		}
		seen[next] = true
		var parent models.Organization
		if m := memoOf(tx); m != nil {
			o := m.organization(tx, next)
			if !o.exists {
				if depth == 0 {
					verr.add("parent_id", "no such organization")
				}
				return
			}
			parent.ParentID = o.parentID
		} else if err := tx.Select("id", "parent_id").First(&parent, next).Error; err != nil {
			if depth == 0 {
				verr.add("parent_id", "no such organization")
			}
			return
		}
		if parent.ParentID == nil {
			return
		}
		next = *parent.ParentID
	}
	verr.add("parent_id", "hierarchy is too deep")
}

func organizationSearchText(o *models.Organization) string {
	return query.NameSearchText([]string{o.Name, o.NameLocal, o.Acronym}, o.City, o.Email)
}

func (s *OrganizationService) view(db *gorm.DB, o models.Organization) (OrganizationView, error) {
	views, err := s.views(db, []models.Organization{o})
	if err != nil {
		return OrganizationView{}, err
	}
	return views[0], nil
}

func (s *OrganizationService) views(db *gorm.DB, rows []models.Organization) ([]OrganizationView, error) {
	ids := make([]int64, len(rows))
	for i := range rows {
		ids[i] = rows[i].ID
	}
	tags, err := tagsOf(db, models.EntityOrganization, ids)
	if err != nil {
		return nil, err
	}
	out := make([]OrganizationView, len(rows))
	for i, o := range rows {
		out[i] = OrganizationView{Organization: o, Tags: nonNil(tags[o.ID])}
	}
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
