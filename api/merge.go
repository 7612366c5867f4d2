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

// mergeDescription documents the choices API.md leaves open.
const mergeDescription = `One transaction: everything that pointed at a record in from (positions, interaction and visit participations — one row where both took part —, commitments' counterpart, and for organizations children, projects' donor and relationships; notes, documents, tags) then points at the survivor {id}; the records in from are archived with merged_into_id naming it. Relationships that would relate the survivor to itself or repeat a live one are archived instead of moved.

Who: managers of the records' office, and admins. A record you cannot see is 404; one you see but may not merge (another office's, for a manager) is 403; the survivor itself in from, a record named twice, an archived record, or an unknown field in fields is 422 naming it. If-Match on the survivor: missing 428, stale 412, nothing written.

Restriction never widens: a contact that takes in a restricted contact becomes restricted, and a restricted contact is never merged into a contact of another office (422).

Afterwards GET of a merged record answers 200 with the archived record, its archived_at and merged_into_id (the survivor), so that old links lead there; the survivor's history (GET /audit?entity=…&entity_id=survivor) includes the events of the records merged into it, which keep their own entity_id.`

func (h *handlers) registerMerges(api huma.API) {
	contacts := op("merge-contacts", http.MethodPost, "/api/v1/contacts/{id}/merge",
		"Merge duplicate contacts into this one (managers of its office, admins)", "contacts")
	contacts.Description = mergeDescription
	organizations := op("merge-organizations", http.MethodPost, "/api/v1/organizations/{id}/merge",
		"Merge duplicate organizations into this one (managers of its office, admins)", "organizations")
	organizations.Description = mergeDescription
	huma.Register(api, contacts,
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

	huma.Register(api, organizations,
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
