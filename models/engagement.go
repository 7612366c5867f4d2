package models

import "time"

// Visit is a study visit, delegation, field visit, conference or event.
type Visit struct {
	Record
	OfficeID          int64
	OwnerID           *int64
	Title             string
	Kind              string
	Status            string
	Purpose           string
	Outcomes          string
	StartDate         string
	EndDate           string
	OriginCountryCode *string
	HostCountryCode   *string
	City              string
	ProjectID         *int64
	SearchText        string
}

// VisitParticipant is an organization or a contact taking part in a visit.
type VisitParticipant struct {
	ID             int64 `gorm:"primaryKey"`
	VisitID        int64
	OrganizationID *int64
	ContactID      *int64
	Side           string
	Role           string
}

// Interaction is one meeting, call, reception, site visit or workshop.
type Interaction struct {
	Record
	OfficeID    int64
	OwnerID     *int64
	Kind        string
	Status      string
	Subject     string
	Summary     string
	StartsAt    time.Time
	EndsAt      *time.Time
	Location    string
	City        string
	CountryCode *string
	VisitID     *int64
	ProjectID   *int64
	Restricted  bool
	SearchText  string
}

// InteractionParticipant is an organization or a contact at an interaction.
type InteractionParticipant struct {
	ID             int64 `gorm:"primaryKey"`
	InteractionID  int64
	OrganizationID *int64
	ContactID      *int64
	Role           string
}

// Commitment is a follow-up promise. Overdue is derived at query time.
type Commitment struct {
	Record
	OfficeID                  int64
	OwnerID                   *int64
	Title                     string
	Details                   string
	Direction                 string
	CounterpartOrganizationID *int64
	CounterpartContactID      *int64
	DueDate                   *string
	Status                    string
	Priority                  string
	InteractionID             *int64
	VisitID                   *int64
	ProjectID                 *int64
	Restricted                bool
	CompletedAt               *time.Time
	ClosureNote               string
	SearchText                string
}
