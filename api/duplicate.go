package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// Duplicates: the records already inside that may be one, and the check the
// forms and the import make before a record is created.

type duplicateKind string

func (duplicateKind) Schema(huma.Registry) *huma.Schema {
	return enumSchema([]string{string(services.DuplicateContacts), string(services.DuplicateOrganizations)})
}

type duplicateReason string

func (duplicateReason) Schema(huma.Registry) *huma.Schema {
	return enumSchema([]string{services.ReasonSameEmail, services.ReasonSamePhone, services.ReasonSameName,
		services.ReasonSimilarName, services.ReasonAcronymMatchesName, services.ReasonSameAcronym})
}

// DuplicateGroup is a set of records that may be one record.
type DuplicateGroup struct {
	IDs     []int64           `json:"ids" doc:"The records, ascending; for a check, the one existing record."`
	Names   []string          `json:"names" doc:"The records' names as they are shown, in the order of ids."`
	Score   float64           `json:"score" minimum:"0" maximum:"1" doc:"How likely the records are one, 0 to 1."`
	Reasons []duplicateReason `json:"reasons" doc:"Why, strongest first; stable names that clients translate."`
}

type duplicateListInput struct {
	Kind   duplicateKind `query:"kind" required:"true"`
	Limit  int           `query:"limit" minimum:"1" maximum:"200" default:"50" doc:"Page size."`
	Cursor string        `query:"cursor" maxLength:"1000" doc:"Opaque cursor from the previous page's next_cursor."`
}

type duplicateCheckInput struct {
	Kind        duplicateKind `query:"kind" required:"true"`
	Name        string        `query:"name" maxLength:"300" doc:"An organization's name, or a contact's full name when given_name and family_name are not sent."`
	GivenName   string        `query:"given_name" maxLength:"200"`
	FamilyName  string        `query:"family_name" maxLength:"200"`
	NameLocal   string        `query:"name_local" maxLength:"300"`
	Acronym     string        `query:"acronym" maxLength:"50"`
	Email       string        `query:"email" maxLength:"320"`
	Phone       string        `query:"phone" maxLength:"50"`
	CountryCode string        `query:"country_code" maxLength:"2" doc:"The record's country: the default region of a phone number written without its country code."`
	ExcludeID   int64         `query:"exclude_id" minimum:"0" doc:"The record being edited, never its own duplicate."`
	Limit       int           `query:"limit" minimum:"1" maximum:"50" default:"10"`
}

type duplicateCheckOutput struct {
	Body struct {
		Items []DuplicateGroup `json:"items" doc:"Likeliest first."`
	}
}

func reasonsOut(rs []string) []duplicateReason {
	out := make([]duplicateReason, len(rs))
	for i, r := range rs {
		out[i] = duplicateReason(r)
	}
	return out
}

func duplicateGroupOut(g services.DuplicateGroup) DuplicateGroup {
	return DuplicateGroup{IDs: g.IDs, Names: g.Names, Score: g.Score, Reasons: reasonsOut(g.Reasons)}
}

func (h *handlers) registerDuplicates(api huma.API) {
	const tag = "duplicates"
	huma.Register(api, op("list-duplicates", http.MethodGet, "/api/v1/duplicates",
		"List groups of records that may be one (managers and admins)", tag),
		func(ctx context.Context, in *duplicateListInput) (*listOutput[DuplicateGroup], error) {
			p, err := h.svc.Duplicates().List(ctx, actor(ctx), services.DuplicateFilter{
				Kind: services.DuplicateKind(in.Kind), Limit: in.Limit, Cursor: in.Cursor})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, duplicateGroupOut), nil
		})

	huma.Register(api, op("check-duplicates", http.MethodGet, "/api/v1/duplicates/check",
		"Find existing records that a record not yet saved may duplicate (officers and up)", tag),
		func(ctx context.Context, in *duplicateCheckInput) (*duplicateCheckOutput, error) {
			found, err := h.svc.Duplicates().Check(ctx, actor(ctx), services.DuplicateKind(in.Kind), services.DuplicateProbe{
				Name: in.Name, GivenName: in.GivenName, FamilyName: in.FamilyName, NameLocal: in.NameLocal,
				Acronym: in.Acronym, Email: in.Email, Phone: in.Phone, CountryCode: in.CountryCode, ExcludeID: in.ExcludeID,
			}, in.Limit)
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			out := &duplicateCheckOutput{}
			out.Body.Items = make([]DuplicateGroup, len(found))
			for i, m := range found {
				out.Body.Items[i] = DuplicateGroup{IDs: []int64{m.ID}, Names: []string{m.Name}, Score: m.Score, Reasons: reasonsOut(m.Reasons)}
			}
			return out, nil
		})
}
