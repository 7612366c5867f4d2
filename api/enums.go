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
	orgType      string
	orgLevel     string
	gender       string
	consentBasis string
	role         string
	locale       string
	tagKind      string
)

func (orgType) Schema(huma.Registry) *huma.Schema      { return enumSchema(models.OrgTypes) }
func (orgLevel) Schema(huma.Registry) *huma.Schema     { return enumSchema(models.OrgLevels) }
func (gender) Schema(huma.Registry) *huma.Schema       { return enumSchema(models.Genders) }
func (consentBasis) Schema(huma.Registry) *huma.Schema { return enumSchema(models.ConsentBases) }
func (role) Schema(huma.Registry) *huma.Schema         { return enumSchema(models.Roles) }
func (locale) Schema(huma.Registry) *huma.Schema       { return enumSchema(models.Locales) }
func (tagKind) Schema(huma.Registry) *huma.Schema      { return enumSchema(models.TagKinds) }

// sortParam documents a list's sort allow-list.
func sortSchema(names []string) *huma.Schema {
	s := enumSchema(names)
	s.Description = "Sort field; prefix with - for descending."
	return s
}
