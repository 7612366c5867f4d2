package services

import (
	"context"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// CountryService reads the shipped ISO 3166-1 list.
type CountryService struct{ db *gorm.DB }

// List returns every country, by name.
func (s *CountryService) List(ctx context.Context) ([]models.Country, error) {
	var out []models.Country
	err := s.db.WithContext(ctx).Order("name").Find(&out).Error
	return out, err
}

// TagService manages tags: the shipped SDGs, themes and custom labels.
type TagService struct{ db *gorm.DB }

// TagInput is what an admin may set when creating a tag.
type TagInput struct{ Slug, Name, Kind string }

// List returns every tag, SDGs in goal order, then the rest by name.
func (s *TagService) List(ctx context.Context, kind []string) ([]models.Tag, error) {
	var out []models.Tag
	q := query.WhereIn(s.db.WithContext(ctx).Model(&models.Tag{}), "kind", kind)
	err := q.Order("kind DESC, LENGTH(slug), slug").Find(&out).Error
	return out, err
}

// Create adds a theme or custom tag; admins only.
// Errors: ErrForbidden, *ValidationError, *ConflictError.
func (s *TagService) Create(ctx context.Context, actor Actor, in TagInput) (models.Tag, error) {
	if !actor.IsAdmin() {
		return models.Tag{}, ErrForbidden
	}
	var verr ValidationError
	checkRequired("name", in.Name, 100, &verr)
	checkRequired("slug", in.Slug, 60, &verr)
	if !slugPattern.MatchString(in.Slug) {
		verr.add("slug", "lower-case letters, digits and dashes only")
	}
	if in.Kind == "sdg" {
		verr.add("kind", "the SDG tags are shipped, not created")
	} else {
		checkEnum("kind", in.Kind, []string{"theme", "custom"}, &verr)
	}
	if err := verr.orNil(); err != nil {
		return models.Tag{}, err
	}
	t := models.Tag{Version: 1, Slug: in.Slug, Name: in.Name, Kind: in.Kind}
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var n int64
		tx.Model(&models.Tag{}).Where("slug = ?", in.Slug).Count(&n)
		if n > 0 {
			return &ConflictError{Field: "slug", Message: "a tag with this slug exists"}
		}
		if err := tx.Create(&t).Error; err != nil {
			return err
		}
		return actor.audit(tx, ActionCreate, models.EntityTag, t.ID, 0, diff(nil, &t))
	})
	return t, err
}

// OfficeService manages our own offices; admins write, everyone reads.
type OfficeService struct{ db *gorm.DB }

// OfficeInput is what an admin may set on an office.
type OfficeInput struct {
	Name        string
	CountryCode *string
}

// OfficePatch is what an admin may change on an office.
type OfficePatch struct {
	Name        Change[string]
	CountryCode Change[*string]
}

// List returns every live office by name.
func (s *OfficeService) List(ctx context.Context) ([]models.Office, error) {
	var out []models.Office
	err := s.db.WithContext(ctx).Order("name, id").Find(&out).Error
	return out, err
}

// Get returns one office. Errors: ErrNotFound.
func (s *OfficeService) Get(ctx context.Context, id int64) (models.Office, error) {
	var o models.Office
	err := s.db.WithContext(ctx).First(&o, id).Error
	return o, notFoundOr(err)
}

// Create adds an office. Errors: ErrForbidden, *ValidationError, *ConflictError.
func (s *OfficeService) Create(ctx context.Context, actor Actor, in OfficeInput) (models.Office, error) {
	if !actor.IsAdmin() {
		return models.Office{}, ErrForbidden
	}
	o := models.Office{Name: in.Name, CountryCode: in.CountryCode}
	o.Version = 1
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := validateOffice(tx, &o); err != nil {
			return err
		}
		if err := tx.Create(&o).Error; err != nil {
			return err
		}
		return actor.audit(tx, ActionCreate, models.EntityOffice, o.ID, o.ID, diff(nil, &o))
	})
	return o, err
}

// Update changes an office when version matches.
// Errors: ErrForbidden, ErrNotFound, ErrStale, *ValidationError, *ConflictError.
func (s *OfficeService) Update(ctx context.Context, actor Actor, id int64, version *int64, p OfficePatch) (models.Office, error) {
	if !actor.IsAdmin() {
		return models.Office{}, ErrForbidden
	}
	var o models.Office
	err := writeTx(ctx, s.db, &models.Office{}, id, version, func(tx *gorm.DB) error {
		var before models.Office
		if err := tx.First(&before, id).Error; err != nil {
			return notFoundOr(err)
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		o = before
		p.Name.apply(&o.Name)
		p.CountryCode.apply(&o.CountryCode)
		if err := validateOffice(tx, &o); err != nil {
			return err
		}
		changes := diff(&before, &o)
		if len(changes) == 0 {
			return nil
		}
		o.Version = before.Version + 1
		if err := saveVersioned(tx, &o, before.Version); err != nil {
			return err
		}
		return actor.audit(tx, ActionUpdate, models.EntityOffice, o.ID, o.ID, changes)
	})
	return o, err
}

func validateOffice(tx *gorm.DB, o *models.Office) error {
	var verr ValidationError
	checkRequired("name", o.Name, 200, &verr)
	checkCountry(tx, "country_code", o.CountryCode, &verr)
	if err := verr.orNil(); err != nil {
		return err
	}
	var n int64
	tx.Model(&models.Office{}).Unscoped().Where("name = ? AND id <> ?", o.Name, o.ID).Count(&n)
	if n > 0 {
		return &ConflictError{Field: "name", Message: "an office with this name exists"}
	}
	return nil
}
