package services

import (
	"context"
	"strings"
	"time"

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

// OfficeFilter selects offices; a list field holds alternatives.
type OfficeFilter struct {
	ListParams
	CountryCode  []string
	UpdatedAfter *time.Time
}

// OfficeSorts is the sort allow-list of the offices list.
var OfficeSorts = query.SortKeys[models.Office]{
	"name":       {Column: "offices.name", Value: func(o *models.Office) any { return o.Name }},
	"updated_at": {Column: "offices.updated_at", Value: func(o *models.Office) any { return o.UpdatedAt }, IsTime: true},
	"id":         {Column: "offices.id", Value: func(o *models.Office) any { return o.ID }},
}

// List returns one page of offices, by name unless asked otherwise. An
// organisation has tens of offices; q matches words of the name by prefix
// (accent- and case-insensitively) in Go, as there is no search column.
// Errors: ErrInvalidCursor, ErrUnknownSort.
func (s *OfficeService) List(ctx context.Context, f OfficeFilter) (Page[models.Office], error) {
	q := query.Base(s.db.WithContext(ctx), &models.Office{}, "offices", f.Archived)
	q = query.WhereIn(q, "offices.country_code", f.CountryCode)
	if f.UpdatedAfter != nil {
		q = q.Where("offices.updated_at > ?", f.UpdatedAfter.UTC())
	}
	if f.Q != "" {
		ids, err := officesNamed(q.Session(&gorm.Session{}), f.Q)
		if err != nil {
			return Page[models.Office]{}, err
		}
		q = query.WhereIDs(q, "offices.id", ids)
	}
	return query.List(q, OfficeSorts, "name", f.ListParams, "offices")
}

// officesNamed returns the ids of the offices of q whose name holds every
// word of text as a word prefix.
func officesNamed(q *gorm.DB, text string) ([]int64, error) {
	words := query.Tokens(text, query.MaxQueryTokens)
	var all []models.Office
	if err := q.Select("offices.id, offices.name").Find(&all).Error; err != nil {
		return nil, err
	}
	ids := []int64{}
	for _, o := range all {
		have := " " + query.SearchText(o.Name)
		match := len(words) > 0
		for _, w := range words {
			match = match && strings.Contains(have, " "+w)
		}
		if match {
			ids = append(ids, o.ID)
		}
	}
	return ids, nil
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
