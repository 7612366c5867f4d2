package models

import "time"

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

// Tag is a theme, one of the 17 SDGs, or a custom label.
type Tag struct {
	ID        int64 `gorm:"primaryKey"`
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
	Slug      string
	Name      string
	Kind      string
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
