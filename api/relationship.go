package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/models"
	"liaison/services"
)

// relationshipKind is a typed link, read from the first organization to the second.
type relationshipKind string

func (relationshipKind) Schema(huma.Registry) *huma.Schema {
	return enumSchema(models.RelationshipKinds)
}

// Relationship is a typed link between two organizations as the API shows it.
type Relationship struct {
	ID                   int64            `json:"id"`
	Version              int64            `json:"version"`
	CreatedAt            time.Time        `json:"created_at"`
	UpdatedAt            time.Time        `json:"updated_at"`
	ArchivedAt           *time.Time       `json:"archived_at,omitempty" doc:"Set when the record is archived."`
	OfficeID             int64            `json:"office_id" doc:"The office of the user who made it."`
	FromOrganizationID   int64            `json:"from_organization_id"`
	FromOrganizationName string           `json:"from_organization_name" doc:"Read-only."`
	ToOrganizationID     int64            `json:"to_organization_id"`
	ToOrganizationName   string           `json:"to_organization_name" doc:"Read-only."`
	Kind                 relationshipKind `json:"kind" doc:"Read from the first organization to the second: from funded_by to."`
	StartDate            *string          `json:"start_date" nullable:"true" format:"date"`
	EndDate              *string          `json:"end_date" nullable:"true" format:"date"`
	Note                 string           `json:"note"`
}

func relationshipOut(v services.RelationshipView) Relationship {
	r := v.Relationship
	out := Relationship{ID: r.ID, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, OfficeID: r.OfficeID,
		FromOrganizationID: r.FromOrganizationID, FromOrganizationName: v.FromName, ToOrganizationID: r.ToOrganizationID,
		ToOrganizationName: v.ToName, Kind: relationshipKind(r.Kind), StartDate: r.StartDate, EndDate: r.EndDate, Note: r.Note}
	if r.DeletedAt.Valid {
		out.ArchivedAt = &r.DeletedAt.Time
	}
	return out
}

// RelationshipCreate is the body of POST /relationships.
type RelationshipCreate struct {
	FromOrganizationID int64            `json:"from_organization_id" minimum:"1"`
	ToOrganizationID   int64            `json:"to_organization_id" minimum:"1" doc:"Another live organization than from_organization_id."`
	Kind               relationshipKind `json:"kind"`
	StartDate          *string          `json:"start_date,omitempty" nullable:"true" format:"date"`
	EndDate            *string          `json:"end_date,omitempty" nullable:"true" format:"date" doc:"Not before start_date."`
	Note               string           `json:"note,omitempty" maxLength:"2000"`
}

// RelationshipPatch is the merge-patch body of PATCH /relationships/{id}.
type RelationshipPatch struct {
	FromOrganizationID Optional[int64]            `json:"from_organization_id,omitempty" minimum:"1"`
	ToOrganizationID   Optional[int64]            `json:"to_organization_id,omitempty" minimum:"1"`
	Kind               Optional[relationshipKind] `json:"kind,omitempty"`
	StartDate          Optional[string]           `json:"start_date,omitempty" nullable:"true" format:"date"`
	EndDate            Optional[string]           `json:"end_date,omitempty" nullable:"true" format:"date"`
	Note               Optional[string]           `json:"note,omitempty" maxLength:"2000"`
}

type relationshipSort string

func (relationshipSort) Schema(huma.Registry) *huma.Schema {
	return sortSchema(services.RelationshipSorts.SortNames())
}

// relationshipListInput: relationships have an office but no owner or tags.
type relationshipListInput struct {
	ListQuery
	Sort           relationshipSort   `query:"sort" default:"created_at"`
	OrganizationID []int64            `query:"organization_id" doc:"Relationships with any of these organizations at either end."`
	Kind           []relationshipKind `query:"kind" doc:"Comma-separated alternatives."`
	OfficeID       []int64            `query:"office_id" doc:"Comma-separated alternatives."`
	UpdatedAfter   time.Time          `query:"updated_after" doc:"Only records changed after this RFC 3339 time."`
}

type relationshipOutput struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Relationship
}

type relationshipCreateInput struct{ Body RelationshipCreate }

type relationshipPatchInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag you read; required."`
	Body    RelationshipPatch
}

func relationshipWithETag(v services.RelationshipView) *relationshipOutput {
	return &relationshipOutput{ETag: etag(v.Version), Body: relationshipOut(v)}
}

func (h *handlers) registerRelationships(api huma.API) {
	const tag = "relationships"
	huma.Register(api, op("list-relationships", http.MethodGet, "/api/v1/relationships", "List relationships between organizations", tag),
		func(ctx context.Context, in *relationshipListInput) (*listOutput[Relationship], error) {
			p, err := h.svc.Relationships.List(ctx, actor(ctx), services.RelationshipFilter{
				ListParams: in.params(string(in.Sort)), OrganizationID: in.OrganizationID, Kind: enumStrings(in.Kind),
				OfficeID: in.OfficeID, UpdatedAfter: timeOrNil(in.UpdatedAfter),
			})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, relationshipOut), nil
		})

	huma.Register(api, op("get-relationship", http.MethodGet, "/api/v1/relationships/{id}", "Get a relationship", tag),
		func(ctx context.Context, in *IDPath) (*relationshipOutput, error) {
			r, err := h.svc.Relationships.Get(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return relationshipWithETag(r), nil
		})

	create := op("create-relationship", http.MethodPost, "/api/v1/relationships", "Link two organizations", tag)
	create.DefaultStatus = http.StatusCreated
	huma.Register(api, create, func(ctx context.Context, in *relationshipCreateInput) (*relationshipOutput, error) {
		b := in.Body
		r, err := h.svc.Relationships.Create(ctx, actor(ctx), services.RelationshipInput{
			FromOrganizationID: b.FromOrganizationID, ToOrganizationID: b.ToOrganizationID, Kind: string(b.Kind),
			StartDate: b.StartDate, EndDate: b.EndDate, Note: b.Note,
		})
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		out := relationshipWithETag(r)
		out.Location = "/api/v1/relationships/" + strconv.FormatInt(r.ID, 10)
		return out, nil
	})

	huma.Register(api, op("update-relationship", http.MethodPatch, "/api/v1/relationships/{id}", "Change a relationship (JSON merge patch)", tag),
		func(ctx context.Context, in *relationshipPatchInput) (*relationshipOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			b := in.Body
			r, err := h.svc.Relationships.Update(ctx, actor(ctx), in.ID, version, services.RelationshipPatch{
				FromOrganizationID: change(b.FromOrganizationID), ToOrganizationID: change(b.ToOrganizationID),
				Kind: changeEnum(b.Kind), StartDate: changeNullable(b.StartDate), EndDate: changeNullable(b.EndDate),
				Note: change(b.Note),
			})
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return relationshipWithETag(r), nil
		})

	registerArchive(api, h, "archive-relationship", "/api/v1/relationships/{id}", "Archive a relationship", tag,
		func(s *services.Services) archiveFunc { return s.Relationships.Archive })
	registerRestore(api, h, "restore-relationship", "/api/v1/relationships/{id}/restore", "Restore an archived relationship (managers)", tag,
		func(s *services.Services) restoreFunc[services.RelationshipView] { return s.Relationships.Restore }, relationshipWithETag)
}
