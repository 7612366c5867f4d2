package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// VisitParticipant is an organization or contact taking part in a visit, as
// the reader may see it.
type VisitParticipant struct {
	OrganizationID *int64    `json:"organization_id" nullable:"true"`
	ContactID      *int64    `json:"contact_id" nullable:"true" doc:"Null for a contact hidden from you (see restricted)."`
	Name           *string   `json:"name" nullable:"true" doc:"The organization's name or the contact's full name; null when hidden from you."`
	Restricted     bool      `json:"restricted" doc:"A restricted contact of another office: taking part, but not shown to you. Replacing the participants keeps it."`
	Side           visitSide `json:"side"`
	Role           visitRole `json:"role"`
}

// VisitParticipantInput is one participant as a client sends it.
type VisitParticipantInput struct {
	OrganizationID *int64    `json:"organization_id,omitempty" minimum:"1" doc:"Exactly one of organization_id and contact_id."`
	ContactID      *int64    `json:"contact_id,omitempty" minimum:"1"`
	Side           visitSide `json:"side"`
	Role           visitRole `json:"role"`
}

// Visit is a visit as the API shows it.
type Visit struct {
	ID                int64              `json:"id"`
	Version           int64              `json:"version"`
	CreatedAt         time.Time          `json:"created_at"`
	UpdatedAt         time.Time          `json:"updated_at"`
	ArchivedAt        *time.Time         `json:"archived_at,omitempty" doc:"Set when the record is archived."`
	OfficeID          int64              `json:"office_id"`
	OwnerID           *int64             `json:"owner_id" nullable:"true"`
	Title             string             `json:"title"`
	Kind              visitKind          `json:"kind"`
	Status            visitStatus        `json:"status"`
	Purpose           string             `json:"purpose"`
	Outcomes          string             `json:"outcomes"`
	StartDate         string             `json:"start_date" format:"date"`
	EndDate           string             `json:"end_date" format:"date"`
	OriginCountryCode *string            `json:"origin_country_code" nullable:"true"`
	HostCountryCode   *string            `json:"host_country_code" nullable:"true"`
	City              string             `json:"city"`
	ProjectID         *int64             `json:"project_id" nullable:"true"`
	Participants      []VisitParticipant `json:"participants"`
	Tags              []string           `json:"tags"`
	PartnerOfficeIDs  []int64            `json:"partner_office_ids" doc:"Offices that organise the visit together with its own office: their officers may edit it and add its sessions and follow-ups."`
}

func visitOut(v services.VisitView) Visit {
	out := Visit{ID: v.ID, Version: v.Version, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt, OfficeID: v.OfficeID,
		OwnerID: v.OwnerID, Title: v.Title, Kind: visitKind(v.Kind), Status: visitStatus(v.Status), Purpose: v.Purpose,
		Outcomes: v.Outcomes, StartDate: v.StartDate, EndDate: v.EndDate, OriginCountryCode: v.OriginCountryCode,
		HostCountryCode: v.HostCountryCode, City: v.City, ProjectID: v.ProjectID, Tags: v.Tags,
		Participants: make([]VisitParticipant, len(v.Participants)), PartnerOfficeIDs: v.PartnerOfficeIDs}
	if v.DeletedAt.Valid {
		out.ArchivedAt = &v.DeletedAt.Time
	}
	for i, p := range v.Participants {
		out.Participants[i] = visitParticipantOut(p)
	}
	return out
}

func visitParticipantOut(p services.Participant) VisitParticipant {
	return VisitParticipant{OrganizationID: p.OrganizationID, ContactID: p.ContactID, Name: p.Name,
		Restricted: p.Restricted, Side: visitSide(p.Side), Role: visitRole(p.Role)}
}

func visitParticipantsIn(ps []VisitParticipantInput) []services.ParticipantInput {
	out := make([]services.ParticipantInput, len(ps))
	for i, p := range ps {
		out[i] = services.ParticipantInput{OrganizationID: p.OrganizationID, ContactID: p.ContactID, Side: string(p.Side), Role: string(p.Role)}
	}
	return out
}

// VisitCreate is the body of POST /visits.
type VisitCreate struct {
	Title             string                  `json:"title" minLength:"1" maxLength:"300"`
	Kind              visitKind               `json:"kind"`
	Status            visitStatus             `json:"status,omitempty" doc:"Defaults to planned."`
	Purpose           string                  `json:"purpose,omitempty" maxLength:"20000"`
	Outcomes          string                  `json:"outcomes,omitempty" maxLength:"20000"`
	StartDate         string                  `json:"start_date" format:"date"`
	EndDate           string                  `json:"end_date" format:"date" doc:"Not before start_date."`
	OriginCountryCode *string                 `json:"origin_country_code,omitempty" nullable:"true" pattern:"^[A-Z]{2}$"`
	HostCountryCode   *string                 `json:"host_country_code,omitempty" nullable:"true" pattern:"^[A-Z]{2}$"`
	City              string                  `json:"city,omitempty" maxLength:"200"`
	ProjectID         *int64                  `json:"project_id,omitempty" nullable:"true" minimum:"1"`
	OwnerID           *int64                  `json:"owner_id,omitempty" nullable:"true" minimum:"1" doc:"A user of your office; defaults to you."`
	Participants      []VisitParticipantInput `json:"participants,omitempty" maxItems:"200"`
	Tags              []string                `json:"tags,omitempty" maxItems:"50"`
	PartnerOfficeIDs  []int64                 `json:"partner_office_ids,omitempty" maxItems:"50" doc:"Offices organising the visit with yours; not your own office."`
}

// VisitPatch is the merge-patch body of PATCH /visits/{id}.
type VisitPatch struct {
	Title             Optional[string]                  `json:"title,omitempty" minLength:"1" maxLength:"300"`
	Kind              Optional[visitKind]               `json:"kind,omitempty"`
	Status            Optional[visitStatus]             `json:"status,omitempty"`
	Purpose           Optional[string]                  `json:"purpose,omitempty" maxLength:"20000"`
	Outcomes          Optional[string]                  `json:"outcomes,omitempty" maxLength:"20000"`
	StartDate         Optional[string]                  `json:"start_date,omitempty" format:"date"`
	EndDate           Optional[string]                  `json:"end_date,omitempty" format:"date"`
	OriginCountryCode Optional[string]                  `json:"origin_country_code,omitempty" nullable:"true" pattern:"^[A-Z]{2}$"`
	HostCountryCode   Optional[string]                  `json:"host_country_code,omitempty" nullable:"true" pattern:"^[A-Z]{2}$"`
	City              Optional[string]                  `json:"city,omitempty" maxLength:"200"`
	ProjectID         Optional[int64]                   `json:"project_id,omitempty" nullable:"true" minimum:"1"`
	OwnerID           Optional[int64]                   `json:"owner_id,omitempty" nullable:"true" minimum:"1"`
	Participants      Optional[[]VisitParticipantInput] `json:"participants,omitempty" maxItems:"200" doc:"Replaces the participants you can see; restricted ones hidden from you stay."`
	Tags              Optional[[]string]                `json:"tags,omitempty" maxItems:"50"`
	PartnerOfficeIDs  Optional[[]int64]                 `json:"partner_office_ids,omitempty" maxItems:"50" doc:"Replaces the partner offices; set by the visit's own office only."`
}

type visitSort string

func (visitSort) Schema(huma.Registry) *huma.Schema {
	return sortSchema(services.VisitSorts.SortNames())
}

type visitListInput struct {
	ListQuery
	VisitFilters
}

// VisitFilters are the visits list's filters and sort; its export takes them too.
type VisitFilters struct {
	RecordFilters
	Sort              visitSort     `query:"sort" default:"-start_date"`
	Kind              []visitKind   `query:"kind"`
	Status            []visitStatus `query:"status"`
	HostCountryCode   []string      `query:"host_country_code" doc:"Where the visit takes place."`
	OriginCountryCode []string      `query:"origin_country_code" doc:"Where the visitors come from."`
	ProjectID         []int64       `query:"project_id"`
	OrganizationID    []int64       `query:"organization_id" doc:"Visits with one of these organizations as a participant."`
	ContactID         []int64       `query:"contact_id" doc:"Visits with one of these contacts as a participant."`
	StartAfter        string        `query:"start_after" format:"date" doc:"Visits starting strictly after this date."`
	StartBefore       string        `query:"start_before" format:"date" doc:"Visits starting strictly before this date."`
}

func (in VisitFilters) filter(l ListQuery) services.VisitFilter {
	return services.VisitFilter{
		ListParams: l.params(string(in.Sort)), Kind: enumStrings(in.Kind), Status: enumStrings(in.Status),
		HostCountryCode: in.HostCountryCode, OriginCountryCode: in.OriginCountryCode, ProjectID: in.ProjectID,
		OfficeID: in.OfficeID, OwnerID: in.OwnerID, OrganizationID: in.OrganizationID, ContactID: in.ContactID,
		Tag: in.Tag, StartAfter: stringOrNil(in.StartAfter), StartBefore: stringOrNil(in.StartBefore),
		UpdatedAfter: in.updatedAfter(),
	}
}

type visitOutput struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Visit
}

type visitCreateInput struct{ Body VisitCreate }

type visitPatchInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag you read; required."`
	Body    VisitPatch
}

func visitWithETag(v services.VisitView) *visitOutput {
	return &visitOutput{ETag: etag(v.Version), Body: visitOut(v)}
}

// stringOrNil turns an absent query parameter into no filter.
func stringOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (h *handlers) registerVisits(api huma.API) {
	const tag = "visits"
	huma.Register(api, op("list-visits", http.MethodGet, "/api/v1/visits", "List visits", tag),
		func(ctx context.Context, in *visitListInput) (*listOutput[Visit], error) {
			p, err := h.svc.Visits.List(ctx, actor(ctx), in.filter(in.ListQuery))
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, visitOut), nil
		})

	huma.Register(api, op("get-visit", http.MethodGet, "/api/v1/visits/{id}", "Get a visit", tag),
		func(ctx context.Context, in *IDPath) (*visitOutput, error) {
			v, err := h.svc.Visits.Get(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return visitWithETag(v), nil
		})

	create := op("create-visit", http.MethodPost, "/api/v1/visits", "Create a visit", tag)
	create.DefaultStatus = http.StatusCreated
	huma.Register(api, create, func(ctx context.Context, in *visitCreateInput) (*visitOutput, error) {
		b := in.Body
		v, err := h.svc.Visits.Create(ctx, actor(ctx), services.VisitInput{
			Title: b.Title, Kind: string(b.Kind), Status: string(b.Status), Purpose: b.Purpose, Outcomes: b.Outcomes,
			StartDate: b.StartDate, EndDate: b.EndDate, OriginCountryCode: b.OriginCountryCode,
			HostCountryCode: b.HostCountryCode, City: b.City, ProjectID: b.ProjectID, OwnerID: b.OwnerID,
			Participants: visitParticipantsIn(b.Participants), Tags: b.Tags, PartnerOfficeIDs: b.PartnerOfficeIDs,
		})
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		out := visitWithETag(v)
		out.Location = "/api/v1/visits/" + strconv.FormatInt(v.ID, 10)
		return out, nil
	})

	huma.Register(api, op("update-visit", http.MethodPatch, "/api/v1/visits/{id}", "Change a visit (JSON merge patch)", tag),
		func(ctx context.Context, in *visitPatchInput) (*visitOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			b := in.Body
			p := services.VisitPatch{
				Title: change(b.Title), Kind: changeEnum(b.Kind), Status: changeEnum(b.Status), Purpose: change(b.Purpose),
				Outcomes: change(b.Outcomes), StartDate: change(b.StartDate), EndDate: change(b.EndDate),
				OriginCountryCode: changeNullable(b.OriginCountryCode), HostCountryCode: changeNullable(b.HostCountryCode),
				City: change(b.City), ProjectID: changeNullable(b.ProjectID), OwnerID: changeNullable(b.OwnerID),
				Tags: change(b.Tags), PartnerOfficeIDs: change(b.PartnerOfficeIDs),
			}
			if b.Participants.Set {
				p.Participants = services.To(visitParticipantsIn(b.Participants.Value))
			}
			v, err := h.svc.Visits.Update(ctx, actor(ctx), in.ID, version, p)
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return visitWithETag(v), nil
		})

	registerArchive(api, h, "archive-visit", "/api/v1/visits/{id}", "Archive a visit", tag,
		func(s *services.Services) archiveFunc { return s.Visits.Archive })
	registerRestore(api, h, "restore-visit", "/api/v1/visits/{id}/restore", "Restore an archived visit", tag,
		func(s *services.Services) restoreFunc[services.VisitView] { return s.Visits.Restore }, visitWithETag)
}
