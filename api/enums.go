package api

import (
	"github.com/danielgtaylor/huma/v2"

	"liaison/models"
)

// Enumerated strings of API.md. Each documents its values from the list in
// models, so the OpenAPI document and the services' checks cannot drift.

func enumSchema(values []string) *huma.Schema {
	enum := make([]any, len(values))
	for i, v := range values {
		enum[i] = v
	}
	return &huma.Schema{Type: huma.TypeString, Enum: enum}
}

type (
	orgType           string
	orgLevel          string
	gender            string
	consentBasis      string
	role              string
	locale            string
	tagKind           string
	visitKind         string
	visitStatus       string
	visitSide         string
	visitRole         string
	interactionKind   string
	interactionStatus string
	interactionRole   string
	direction         string
	commitmentStatus  string
	priority          string
)

func (orgType) Schema(huma.Registry) *huma.Schema         { return enumSchema(models.OrgTypes) }
func (orgLevel) Schema(huma.Registry) *huma.Schema        { return enumSchema(models.OrgLevels) }
func (gender) Schema(huma.Registry) *huma.Schema          { return enumSchema(models.Genders) }
func (consentBasis) Schema(huma.Registry) *huma.Schema    { return enumSchema(models.ConsentBases) }
func (role) Schema(huma.Registry) *huma.Schema            { return enumSchema(models.Roles) }
func (locale) Schema(huma.Registry) *huma.Schema          { return enumSchema(models.Locales) }
func (tagKind) Schema(huma.Registry) *huma.Schema         { return enumSchema(models.TagKinds) }
func (visitKind) Schema(huma.Registry) *huma.Schema       { return enumSchema(models.VisitKinds) }
func (visitStatus) Schema(huma.Registry) *huma.Schema     { return enumSchema(models.VisitStatuses) }
func (visitSide) Schema(huma.Registry) *huma.Schema       { return enumSchema(models.VisitSides) }
func (visitRole) Schema(huma.Registry) *huma.Schema       { return enumSchema(models.VisitRoles) }
func (interactionKind) Schema(huma.Registry) *huma.Schema { return enumSchema(models.InteractionKinds) }
func (interactionStatus) Schema(huma.Registry) *huma.Schema {
	return enumSchema(models.InteractionStatuses)
}
func (interactionRole) Schema(huma.Registry) *huma.Schema { return enumSchema(models.InteractionRoles) }
func (direction) Schema(huma.Registry) *huma.Schema       { return enumSchema(models.Directions) }
func (commitmentStatus) Schema(huma.Registry) *huma.Schema {
	return enumSchema(models.CommitmentStatuses)
}
func (priority) Schema(huma.Registry) *huma.Schema { return enumSchema(models.Priorities) }

// sortParam documents a list's sort allow-list.
func sortSchema(names []string) *huma.Schema {
	s := enumSchema(names)
	s.Description = "Sort field; prefix with - for descending."
	return s
}
