package models

import "time"

// Contact is a person. Restricted contacts (youth, parents, anyone
// vulnerable) are invisible outside their office.
type Contact struct {
	Record
	OfficeID     int64
	OwnerID      *int64
	Honorific    string
	GivenName    string
	FamilyName   string
	FullName     string
	NameLocal    string
	Gender       *string
	Email        string
	Phone        string
	Languages    string // comma-separated ISO 639-1 codes
	CountryCode  *string
	City         string
	Notes        string
	Restricted   bool
	ConsentBasis *string
	// ConsentDate, ConsentSource and ConsentWithdrawnAt are the evidence of
	// a consent: when and how it was given ("signed form, Zenica
	// workshop"), and when it was withdrawn.
	ConsentDate        *string
	ConsentSource      string
	ConsentWithdrawnAt *time.Time
	// ErasedAt marks a tombstone: the person's data was erased.
	ErasedAt     *time.Time
	SearchText   string
	SortKey      string // family name first, folded (sort_key.go)
	MergedIntoID *int64 // the contact this one was merged into (then archived)
}

// Position is a contact's role at an organization over a span of time;
// officials rotate, and the history is kept.
type Position struct {
	ID             int64 `gorm:"primaryKey"`
	ContactID      int64
	OrganizationID int64
	Title          string
	StartDate      *string
	EndDate        *string
	Primary        bool
	CreatedAt      time.Time
}
