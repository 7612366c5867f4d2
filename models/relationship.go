package models

// EntityRelationship names relationships in audit events.
const EntityRelationship = "relationship"

// RelationshipKinds are the typed links between two organizations, each
// read from the first to the second: "from funded_by to".
var RelationshipKinds = []string{"partner_of", "funded_by", "member_of", "coordinates_with", "reports_to"}

// Relationship is a typed link from one organization to another. It belongs
// to the office of the user who made it.
type Relationship struct {
	Record
	OfficeID           int64
	FromOrganizationID int64
	ToOrganizationID   int64
	Kind               string
	StartDate          *string
	EndDate            *string
	Note               string
	SearchText         string
}

// GetOfficeID returns the office the relationship belongs to.
func (r *Relationship) GetOfficeID() int64 { return r.OfficeID }
