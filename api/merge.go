package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// MergeRequest is the body of POST /contacts/{id}/merge and
// /organizations/{id}/merge.
type MergeRequest struct {
	From   []int64          `json:"from" minItems:"1" maxItems:"20" uniqueItems:"true" doc:"The records merged into this one (the survivor): archived afterwards, with merged_into_id naming it."`
	Fields map[string]int64 `json:"fields,omitempty" doc:"For any field, the id of the record (this one or one in from) whose value the survivor keeps. Unnamed fields keep the survivor's value, or the first non-empty one of from. Contacts: honorific, given_name, family_name, name_local, gender, email, phone, languages, country_code, city, notes, consent_basis, owner_id. Organizations: name, name_local, acronym, type, level, country_code, city, parent_id, website, email, phone, description, influence, interest, owner_id. Positions and tags are always the union; a contact that takes in a restricted one becomes restricted."`
}

type mergeInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag of the survivor; required."`
	Body    MergeRequest
}

// MergePreview is what a merge would move from one record.
type MergePreview struct {
	ID           int64 `json:"id"`
	Interactions int64 `json:"interactions" doc:"Interactions the record took part in."`
	Visits       int64 `json:"visits" doc:"Visits the record took part in."`
	Commitments  int64 `json:"commitments" doc:"Commitments with the record as counterpart."`
	Positions    int64 `json:"positions" doc:"A contact's positions; the positions held at an organization."`
	Notes        int64 `json:"notes"`
	Documents    int64 `json:"documents"`
}

type mergePreviewInput struct {
	Kind string  `query:"kind" required:"true" enum:"contacts,organizations"`
	IDs  []int64 `query:"ids" required:"true" minItems:"1" maxItems:"21" doc:"The records (comma-separated ids)."`
}

func mergeIn(b MergeRequest) services.MergeInput {
	return services.MergeInput{From: b.From, Fields: b.Fields}
}

func (h *handlers) registerMerges(api huma.API) {
	huma.Register(api, op("merge-contacts", http.MethodPost, "/api/v1/contacts/{id}/merge",
		"Merge duplicate contacts into this one (managers of its office, admins)", "contacts"),
		func(ctx context.Context, in *mergeInput) (*contactOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			v, err := h.svc.Merges.MergeContacts(ctx, actor(ctx), in.ID, version, mergeIn(in.Body))
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return contactWithETag(v), nil
		})

	huma.Register(api, op("merge-organizations", http.MethodPost, "/api/v1/organizations/{id}/merge",
		"Merge duplicate organizations into this one (managers of its office, admins)", "organizations"),
		func(ctx context.Context, in *mergeInput) (*organizationOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			v, err := h.svc.Merges.MergeOrganizations(ctx, actor(ctx), in.ID, version, mergeIn(in.Body))
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return organizationWithETag(v), nil
		})

	huma.Register(api, op("preview-merge", http.MethodGet, "/api/v1/merges/preview",
		"What a merge would move from each record: counts of what you can see; hidden or archived records are left out", "contacts"),
		func(ctx context.Context, in *mergePreviewInput) (*itemsOutput[MergePreview], error) {
			ps, err := h.svc.Merges.Preview(ctx, actor(ctx), in.Kind, in.IDs)
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return items(ps, func(p services.MergePreview) MergePreview {
				return MergePreview{ID: p.ID, Interactions: p.Interactions, Visits: p.Visits, Commitments: p.Commitments,
					Positions: p.Positions, Notes: p.Notes, Documents: p.Documents}
			}), nil
		})
}
