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

// Project is a programme or project as the API shows it.
type Project struct {
	ID                  int64      `json:"id"`
	Version             int64      `json:"version"`
	CreatedAt           time.Time  `json:"created_at"`
	UpdatedAt           time.Time  `json:"updated_at"`
	ArchivedAt          *time.Time `json:"archived_at,omitempty" doc:"Set when the record is archived."`
	OfficeID            int64      `json:"office_id" doc:"The office of the admin who created it."`
	Code                string     `json:"code" doc:"Unique; upper case."`
	Name                string     `json:"name"`
	Description         string     `json:"description"`
	DonorOrganizationID *int64     `json:"donor_organization_id" nullable:"true"`
	StartDate           *string    `json:"start_date" nullable:"true" format:"date"`
	EndDate             *string    `json:"end_date" nullable:"true" format:"date"`
}

func projectOut(p models.Project) Project {
	out := Project{ID: p.ID, Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, OfficeID: p.OfficeID,
		Code: p.Code, Name: p.Name, Description: p.Description, DonorOrganizationID: p.DonorOrganizationID,
		StartDate: p.StartDate, EndDate: p.EndDate}
	if p.DeletedAt.Valid {
		out.ArchivedAt = &p.DeletedAt.Time
	}
	return out
}

// ProjectCreate is the body of POST /projects (admins).
type ProjectCreate struct {
	Code                string  `json:"code" minLength:"1" maxLength:"50" doc:"Letters, digits and . _ / -; stored in upper case."`
	Name                string  `json:"name" minLength:"1" maxLength:"300"`
	Description         string  `json:"description,omitempty" maxLength:"20000"`
	DonorOrganizationID *int64  `json:"donor_organization_id,omitempty" nullable:"true" minimum:"1"`
	StartDate           *string `json:"start_date,omitempty" nullable:"true" format:"date"`
	EndDate             *string `json:"end_date,omitempty" nullable:"true" format:"date" doc:"Not before start_date."`
}

// ProjectPatch is the merge-patch body of PATCH /projects/{id} (admins).
type ProjectPatch struct {
	Code                Optional[string] `json:"code,omitempty" minLength:"1" maxLength:"50"`
	Name                Optional[string] `json:"name,omitempty" minLength:"1" maxLength:"300"`
	Description         Optional[string] `json:"description,omitempty" maxLength:"20000"`
	DonorOrganizationID Optional[int64]  `json:"donor_organization_id,omitempty" nullable:"true" minimum:"1"`
	StartDate           Optional[string] `json:"start_date,omitempty" nullable:"true" format:"date"`
	EndDate             Optional[string] `json:"end_date,omitempty" nullable:"true" format:"date"`
}

type projectSort string

func (projectSort) Schema(huma.Registry) *huma.Schema {
	return sortSchema(services.ProjectSorts.SortNames())
}

// projectListInput has no owner and tag filters: projects have neither.
type projectListInput struct {
	ListQuery
	ProjectFilters
}

// ProjectFilters are the projects list's filters and sort; its export takes them too.
type ProjectFilters struct {
	Sort                projectSort `query:"sort" default:"name"`
	OfficeID            []int64     `query:"office_id" doc:"Comma-separated alternatives."`
	DonorOrganizationID []int64     `query:"donor_organization_id" doc:"Comma-separated alternatives."`
	UpdatedAfter        time.Time   `query:"updated_after" doc:"Only records changed after this RFC 3339 time."`
}

func (in ProjectFilters) filter(l ListQuery) services.ProjectFilter {
	return services.ProjectFilter{
		ListParams: l.params(string(in.Sort)), OfficeID: in.OfficeID,
		DonorOrganizationID: in.DonorOrganizationID, UpdatedAfter: timeOrNil(in.UpdatedAfter),
	}
}

type projectOutput struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Project
}

type projectCreateInput struct{ Body ProjectCreate }

type projectPatchInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag you read; required."`
	Body    ProjectPatch
}

func projectWithETag(p models.Project) *projectOutput {
	return &projectOutput{ETag: etag(p.Version), Body: projectOut(p)}
}

func (h *handlers) registerProjects(api huma.API) {
	const tag = "projects"
	huma.Register(api, op("list-projects", http.MethodGet, "/api/v1/projects", "List projects", tag),
		func(ctx context.Context, in *projectListInput) (*listOutput[Project], error) {
			p, err := h.svc.Projects.List(ctx, actor(ctx), in.filter(in.ListQuery))
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, projectOut), nil
		})

	huma.Register(api, op("get-project", http.MethodGet, "/api/v1/projects/{id}", "Get a project", tag),
		func(ctx context.Context, in *IDPath) (*projectOutput, error) {
			p, err := h.svc.Projects.Get(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return projectWithETag(p), nil
		})

	create := op("create-project", http.MethodPost, "/api/v1/projects", "Create a project (admins)", tag)
	create.DefaultStatus = http.StatusCreated
	huma.Register(api, create, func(ctx context.Context, in *projectCreateInput) (*projectOutput, error) {
		b := in.Body
		p, err := h.svc.Projects.Create(ctx, actor(ctx), services.ProjectInput{
			Code: b.Code, Name: b.Name, Description: b.Description, DonorOrganizationID: b.DonorOrganizationID,
			StartDate: b.StartDate, EndDate: b.EndDate,
		})
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		out := projectWithETag(p)
		out.Location = "/api/v1/projects/" + strconv.FormatInt(p.ID, 10)
		return out, nil
	})

	huma.Register(api, op("update-project", http.MethodPatch, "/api/v1/projects/{id}", "Change a project (admins; JSON merge patch)", tag),
		func(ctx context.Context, in *projectPatchInput) (*projectOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			b := in.Body
			p, err := h.svc.Projects.Update(ctx, actor(ctx), in.ID, version, services.ProjectPatch{
				Code: change(b.Code), Name: change(b.Name), Description: change(b.Description),
				DonorOrganizationID: changeNullable(b.DonorOrganizationID), StartDate: changeNullable(b.StartDate),
				EndDate: changeNullable(b.EndDate),
			})
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return projectWithETag(p), nil
		})

	registerArchive(api, h, "archive-project", "/api/v1/projects/{id}", "Archive a project (admins)", tag,
		func(s *services.Services) archiveFunc { return s.Projects.Archive })
	registerRestore(api, h, "restore-project", "/api/v1/projects/{id}/restore", "Restore an archived project (admins)", tag,
		func(s *services.Services) restoreFunc[models.Project] { return s.Projects.Restore }, projectWithETag)
}
