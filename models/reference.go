package models

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"
)

// Country is a row of the ISO 3166-1 list shipped by migration.
type Country struct {
	Code   string `gorm:"primaryKey"`
	Name   string
	Region string
}

// Office is one of our own country offices or teams. Users and records
// belong to exactly one.
type Office struct {
	Record
	Name        string
	CountryCode *string
}

// Tag is a theme, one of the 17 SDGs, or a custom label. An archived tag
// (DeletedAt set) is refused on new records and stays where it is used.
type Tag struct {
	ID         int64 `gorm:"primaryKey"`
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
	DeletedAt  gorm.DeletedAt
	Slug       string
	Name       string
	Kind       string
	SortKey    string
	SearchText string
}

// GetID returns the primary key; generic list code reads it for cursors.
func (t *Tag) GetID() int64 { return t.ID }

// TagSortKey orders tags as people look for them: the SDGs by goal number
// (sdg-2 before sdg-10), every other tag by its folded name.
func TagSortKey(slug, name, kind string) string {
	var goal int
	if kind == "sdg" {
		if _, err := fmt.Sscanf(slug, "sdg-%d", &goal); err == nil {
			return fmt.Sprintf("sdg %02d", goal)
		}
	}
	return Fold(name)
}

// TagSearchText is the folded words of a tag's slug and name, which the
// list's q matches by word prefix.
func TagSearchText(slug, name string) string {
	return strings.Join(strings.FieldsFunc(Fold(slug+" "+name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// fillTagKeys gives the tags already there their sort key and search text:
// the second step of the migration that adds the columns.
func fillTagKeys(tx *gorm.DB) error {
	var tags []Tag
	if err := tx.Table("tags").Select("id", "slug", "name", "kind").Find(&tags).Error; err != nil {
		return err
	}
	for _, t := range tags {
		err := tx.Table("tags").Where("id = ?", t.ID).
			Updates(map[string]any{"sort_key": TagSortKey(t.Slug, t.Name, t.Kind), "search_text": TagSearchText(t.Slug, t.Name)}).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// Tagging attaches a tag to a record of any taggable entity.
type Tagging struct {
	EntityType string `gorm:"primaryKey"`
	EntityID   int64  `gorm:"primaryKey"`
	TagID      int64  `gorm:"primaryKey"`
}

// Project is a programme or project with its donor organization.
type Project struct {
	Record
	OfficeID            int64
	Code                string
	Name                string
	Description         string
	DonorOrganizationID *int64
	StartDate           *string
	EndDate             *string
	SearchText          string
}
