package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// Organization is an organization as the API shows it.
type Organization struct {
	ID          int64      `json:"id"`
	Version     int64      `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	ArchivedAt  *time.Time `json:"archived_at,omitempty" doc:"Set when the record is archived."`
	OfficeID    int64      `json:"office_id"`
	OwnerID     *int64     `json:"owner_id" nullable:"true"`
	Name        string     `json:"name"`
	NameLocal   string     `json:"name_local" doc:"Name in the local script, e.g. Arabic or Cyrillic."`
	Acronym     string     `json:"acronym"`
	Type        orgType    `json:"type"`
	Level       *orgLevel  `json:"level" nullable:"true"`
	CountryCode *string    `json:"country_code" nullable:"true"`
	City        string     `json:"city"`
	ParentID    *int64     `json:"parent_id" nullable:"true"`
	Website     string     `json:"website"`
	Email       string     `json:"email"`
	Phone       string     `json:"phone"`
	Description string     `json:"description"`
	Influence   *int       `json:"influence" nullable:"true"`
	Interest    *int       `json:"interest" nullable:"true"`
	Tags        []string   `json:"tags"`

	MergedIntoID *int64 `json:"merged_into_id,omitempty" readOnly:"true" doc:"Set on a record merged into another (and archived): the survivor's id."`
}

func organizationOut(v services.OrganizationView) Organization {
	o := v.Organization
	out := Organization{ID: o.ID, Version: o.Version, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt,
		OfficeID: o.OfficeID, OwnerID: o.OwnerID, Name: o.Name, NameLocal: o.NameLocal, Acronym: o.Acronym,
		Type: orgType(o.Type), CountryCode: o.CountryCode, City: o.City, ParentID: o.ParentID, Website: o.Website,
		Email: o.Email, Phone: o.Phone, Description: o.Description, Influence: o.Influence, Interest: o.Interest, Tags: v.Tags,
		MergedIntoID: o.MergedIntoID}
	if o.Level != nil {
		l := orgLevel(*o.Level)
		out.Level = &l
	}
	if o.DeletedAt.Valid {
		out.ArchivedAt = &o.DeletedAt.Time
	}
	return out
}

// OrganizationCreate is the body of POST /organizations.
type OrganizationCreate struct {
	Name        string    `json:"name" minLength:"1" maxLength:"300"`
	NameLocal   string    `json:"name_local,omitempty" maxLength:"300"`
	Acronym     string    `json:"acronym,omitempty" maxLength:"50"`
	Type        orgType   `json:"type"`
	Level       *orgLevel `json:"level,omitempty" nullable:"true"`
	CountryCode *string   `json:"country_code,omitempty" nullable:"true" pattern:"^[A-Z]{2}$"`
	City        string    `json:"city,omitempty" maxLength:"200"`
	ParentID    *int64    `json:"parent_id,omitempty" nullable:"true" minimum:"1"`
	Website     string    `json:"website,omitempty" maxLength:"500"`
	Email       string    `json:"email,omitempty" maxLength:"254"`
	Phone       string    `json:"phone,omitempty" maxLength:"50"`
	Description string    `json:"description,omitempty" maxLength:"20000"`
	Influence   *int      `json:"influence,omitempty" nullable:"true" minimum:"1" maximum:"5"`
	Interest    *int      `json:"interest,omitempty" nullable:"true" minimum:"1" maximum:"5"`
	OwnerID     *int64    `json:"owner_id,omitempty" nullable:"true" minimum:"1" doc:"A user of your office; defaults to you."`
	Tags        []string  `json:"tags,omitempty" maxItems:"50"`
}

// OrganizationPatch is the merge-patch body of PATCH /organizations/{id}.
type OrganizationPatch struct {
	Name        Optional[string]   `json:"name,omitempty" minLength:"1" maxLength:"300"`
	NameLocal   Optional[string]   `json:"name_local,omitempty" maxLength:"300"`
	Acronym     Optional[string]   `json:"acronym,omitempty" maxLength:"50"`
	Type        Optional[orgType]  `json:"type,omitempty"`
	Level       Optional[orgLevel] `json:"level,omitempty" nullable:"true"`
	CountryCode Optional[string]   `json:"country_code,omitempty" nullable:"true" pattern:"^[A-Z]{2}$"`
	City        Optional[string]   `json:"city,omitempty" maxLength:"200"`
	ParentID    Optional[int64]    `json:"parent_id,omitempty" nullable:"true" minimum:"1"`
	Website     Optional[string]   `json:"website,omitempty" maxLength:"500"`
	Email       Optional[string]   `json:"email,omitempty" maxLength:"254"`
	Phone       Optional[string]   `json:"phone,omitempty" maxLength:"50"`
	Description Optional[string]   `json:"description,omitempty" maxLength:"20000"`
	Influence   Optional[int]      `json:"influence,omitempty" nullable:"true" minimum:"1" maximum:"5"`
	Interest    Optional[int]      `json:"interest,omitempty" nullable:"true" minimum:"1" maximum:"5"`
	OwnerID     Optional[int64]    `json:"owner_id,omitempty" nullable:"true" minimum:"1"`
	Tags        Optional[[]string] `json:"tags,omitempty" maxItems:"50"`
}

type organizationSort string

func (organizationSort) Schema(huma.Registry) *huma.Schema {
	return sortSchema(services.OrganizationSorts.SortNames())
}

type organizationListInput struct {
	ListQuery
	OrganizationFilters
}

// OrganizationFilters are the organizations list's filters and sort; its export takes them too.
type OrganizationFilters struct {
	RecordFilters
	Sort        organizationSort `query:"sort" default:"name" doc:"name (the default) sorts by the folded name: accents, case and Arabic letter variants ignored, so Đ files under D."`
	Type        []orgType        `query:"type"`
	Level       []orgLevel       `query:"level"`
	CountryCode []string         `query:"country_code"`
	ParentID    []int64          `query:"parent_id"`
	ID          []int64          `query:"id" maxItems:"200" doc:"Only these organizations (comma-separated ids): names for a page of references in one request."`
}

func (in OrganizationFilters) filter(l ListQuery) services.OrganizationFilter {
	return services.OrganizationFilter{
		ListParams: l.params(string(in.Sort)), Type: enumStrings(in.Type), Level: enumStrings(in.Level),
		CountryCode: in.CountryCode, OfficeID: in.OfficeID, OwnerID: in.OwnerID, ParentID: in.ParentID,
		ID: in.ID, Tag: in.Tag, UpdatedAfter: in.updatedAfter(),
	}
}

type organizationOutput struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Organization
}

type organizationCreateInput struct {
	Body OrganizationCreate
}

type organizationPatchInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag you read; required."`
	Body    OrganizationPatch
}

func organizationWithETag(v services.OrganizationView) *organizationOutput {
	return &organizationOutput{ETag: etag(v.Version), Body: organizationOut(v)}
}

func (h *handlers) registerOrganizations(api huma.API) {
	const tag = "organizations"
	huma.Register(api, op("list-organizations", http.MethodGet, "/api/v1/organizations", "List organizations", tag),
		func(ctx context.Context, in *organizationListInput) (*listOutput[Organization], error) {
			p, err := h.svc.Organizations.List(ctx, actor(ctx), in.filter(in.ListQuery))
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, organizationOut), nil
		})

	huma.Register(api, op("get-organization", http.MethodGet, "/api/v1/organizations/{id}", "Get an organization", tag),
		func(ctx context.Context, in *IDPath) (*organizationOutput, error) {
			v, err := h.svc.Organizations.Get(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return organizationWithETag(v), nil
		})

	create := op("create-organization", http.MethodPost, "/api/v1/organizations", "Create an organization", tag)
	create.DefaultStatus = http.StatusCreated
	huma.Register(api, create, func(ctx context.Context, in *organizationCreateInput) (*organizationOutput, error) {
		b := in.Body
		v, err := h.svc.Organizations.Create(ctx, actor(ctx), services.OrganizationInput{
			Name: b.Name, NameLocal: b.NameLocal, Acronym: b.Acronym, Type: string(b.Type), Level: enumPtr(b.Level),
			CountryCode: b.CountryCode, City: b.City, ParentID: b.ParentID, OwnerID: b.OwnerID, Website: b.Website,
			Email: b.Email, Phone: b.Phone, Description: b.Description, Influence: b.Influence, Interest: b.Interest, Tags: b.Tags,
		})
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		out := organizationWithETag(v)
		out.Location = "/api/v1/organizations/" + strconv.FormatInt(v.ID, 10)
		return out, nil
	})

	huma.Register(api, op("update-organization", http.MethodPatch, "/api/v1/organizations/{id}", "Change an organization (JSON merge patch)", tag),
		func(ctx context.Context, in *organizationPatchInput) (*organizationOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			b := in.Body
			v, err := h.svc.Organizations.Update(ctx, actor(ctx), in.ID, version, services.OrganizationPatch{
				Name: change(b.Name), NameLocal: change(b.NameLocal), Acronym: change(b.Acronym), Type: changeEnum(b.Type),
				Level: changeNullableEnum(b.Level), CountryCode: changeNullable(b.CountryCode), City: change(b.City),
				ParentID: changeNullable(b.ParentID), OwnerID: changeNullable(b.OwnerID), Website: change(b.Website),
				Email: change(b.Email), Phone: change(b.Phone), Description: change(b.Description),
				Influence: changeNullable(b.Influence), Interest: changeNullable(b.Interest), Tags: change(b.Tags),
			})
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return organizationWithETag(v), nil
		})

	registerArchive(api, h, "archive-organization", "/api/v1/organizations/{id}", "Archive an organization", tag,
		func(s *services.Services) archiveFunc { return s.Organizations.Archive })
	registerRestore(api, h, "restore-organization", "/api/v1/organizations/{id}/restore", "Restore an archived organization", tag,
		func(s *services.Services) restoreFunc[services.OrganizationView] { return s.Organizations.Restore }, organizationWithETag)
}
