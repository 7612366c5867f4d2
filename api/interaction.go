package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// InteractionParticipant is an organization or contact at an interaction,
// as the reader may see it.
type InteractionParticipant struct {
	OrganizationID *int64          `json:"organization_id" nullable:"true"`
	ContactID      *int64          `json:"contact_id" nullable:"true" doc:"Null for a contact hidden from you (see restricted)."`
	Name           *string         `json:"name" nullable:"true" doc:"The organization's name or the contact's full name; null when hidden from you."`
	Restricted     bool            `json:"restricted" doc:"A restricted contact of another office: taking part, but not shown to you. Replacing the participants keeps it."`
	Role           interactionRole `json:"role"`
}

// InteractionParticipantInput is one participant as a client sends it.
type InteractionParticipantInput struct {
	OrganizationID *int64          `json:"organization_id,omitempty" minimum:"1" doc:"Exactly one of organization_id and contact_id."`
	ContactID      *int64          `json:"contact_id,omitempty" minimum:"1"`
	Role           interactionRole `json:"role"`
}

// Interaction is an interaction as the API shows it.
type Interaction struct {
	ID           int64                    `json:"id"`
	Version      int64                    `json:"version"`
	CreatedAt    time.Time                `json:"created_at"`
	UpdatedAt    time.Time                `json:"updated_at"`
	ArchivedAt   *time.Time               `json:"archived_at,omitempty" doc:"Set when the record is archived."`
	OfficeID     int64                    `json:"office_id"`
	OwnerID      *int64                   `json:"owner_id" nullable:"true"`
	Kind         interactionKind          `json:"kind"`
	Status       interactionStatus        `json:"status"`
	Subject      string                   `json:"subject"`
	Summary      string                   `json:"summary"`
	StartsAt     time.Time                `json:"starts_at"`
	EndsAt       *time.Time               `json:"ends_at" nullable:"true"`
	Location     string                   `json:"location"`
	City         string                   `json:"city"`
	CountryCode  *string                  `json:"country_code" nullable:"true"`
	VisitID      *int64                   `json:"visit_id" nullable:"true" doc:"The visit whose itinerary this is part of."`
	ProjectID    *int64                   `json:"project_id" nullable:"true"`
	Restricted   bool                     `json:"restricted" doc:"Hidden from other offices."`
	Participants []InteractionParticipant `json:"participants"`
	Tags         []string                 `json:"tags"`
}

func interactionOut(v services.InteractionView) Interaction {
	out := Interaction{ID: v.ID, Version: v.Version, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt, OfficeID: v.OfficeID,
		OwnerID: v.OwnerID, Kind: interactionKind(v.Kind), Status: interactionStatus(v.Status), Subject: v.Subject,
		Summary: v.Summary, StartsAt: v.StartsAt, EndsAt: v.EndsAt, Location: v.Location, City: v.City,
		CountryCode: v.CountryCode, VisitID: v.VisitID, ProjectID: v.ProjectID, Restricted: v.Restricted, Tags: v.Tags,
		Participants: make([]InteractionParticipant, len(v.Participants))}
	if v.DeletedAt.Valid {
		out.ArchivedAt = &v.DeletedAt.Time
	}
	for i, p := range v.Participants {
		out.Participants[i] = InteractionParticipant{OrganizationID: p.OrganizationID, ContactID: p.ContactID, Name: p.Name,
			Restricted: p.Restricted, Role: interactionRole(p.Role)}
	}
	return out
}

func interactionParticipantsIn(ps []InteractionParticipantInput) []services.ParticipantInput {
	out := make([]services.ParticipantInput, len(ps))
	for i, p := range ps {
		out[i] = services.ParticipantInput{OrganizationID: p.OrganizationID, ContactID: p.ContactID, Role: string(p.Role)}
	}
	return out
}

// InteractionCreate is the body of POST /interactions.
type InteractionCreate struct {
	Kind         interactionKind               `json:"kind"`
	Status       interactionStatus             `json:"status,omitempty" doc:"Defaults to held when starts_at is not in the future, else planned. held is refused (422 at status) for an interaction starting more than 10 minutes from now."`
	Subject      string                        `json:"subject" minLength:"1" maxLength:"300"`
	Summary      string                        `json:"summary,omitempty" maxLength:"20000"`
	StartsAt     time.Time                     `json:"starts_at"`
	EndsAt       *time.Time                    `json:"ends_at,omitempty" nullable:"true" doc:"Not before starts_at."`
	Location     string                        `json:"location,omitempty" maxLength:"300"`
	City         string                        `json:"city,omitempty" maxLength:"200"`
	CountryCode  *string                       `json:"country_code,omitempty" nullable:"true" pattern:"^[A-Z]{2}$"`
	VisitID      *int64                        `json:"visit_id,omitempty" nullable:"true" minimum:"1"`
	ProjectID    *int64                        `json:"project_id,omitempty" nullable:"true" minimum:"1"`
	Restricted   bool                          `json:"restricted,omitempty"`
	OwnerID      *int64                        `json:"owner_id,omitempty" nullable:"true" minimum:"1" doc:"A user of your office; defaults to you."`
	Participants []InteractionParticipantInput `json:"participants,omitempty" maxItems:"200"`
	Tags         []string                      `json:"tags,omitempty" maxItems:"50"`
	Commitments  []CommitmentFollowUp          `json:"commitments,omitempty" maxItems:"20" doc:"Follow-ups promised at this interaction, created with it in one transaction: all or nothing."`
}

// InteractionPatch is the merge-patch body of PATCH /interactions/{id}.
type InteractionPatch struct {
	Kind         Optional[interactionKind]               `json:"kind,omitempty"`
	Status       Optional[interactionStatus]             `json:"status,omitempty" doc:"held is refused (422 at status) while starts_at is more than 10 minutes ahead, also when only starts_at changes."`
	Subject      Optional[string]                        `json:"subject,omitempty" minLength:"1" maxLength:"300"`
	Summary      Optional[string]                        `json:"summary,omitempty" maxLength:"20000"`
	StartsAt     Optional[time.Time]                     `json:"starts_at,omitempty"`
	EndsAt       Optional[time.Time]                     `json:"ends_at,omitempty" nullable:"true"`
	Location     Optional[string]                        `json:"location,omitempty" maxLength:"300"`
	City         Optional[string]                        `json:"city,omitempty" maxLength:"200"`
	CountryCode  Optional[string]                        `json:"country_code,omitempty" nullable:"true" pattern:"^[A-Z]{2}$"`
	VisitID      Optional[int64]                         `json:"visit_id,omitempty" nullable:"true" minimum:"1"`
	ProjectID    Optional[int64]                         `json:"project_id,omitempty" nullable:"true" minimum:"1"`
	Restricted   Optional[bool]                          `json:"restricted,omitempty"`
	OwnerID      Optional[int64]                         `json:"owner_id,omitempty" nullable:"true" minimum:"1"`
	Participants Optional[[]InteractionParticipantInput] `json:"participants,omitempty" maxItems:"200" doc:"Replaces the participants you can see; restricted ones hidden from you stay."`
	Tags         Optional[[]string]                      `json:"tags,omitempty" maxItems:"50"`
}

type interactionSort string

func (interactionSort) Schema(huma.Registry) *huma.Schema {
	return sortSchema(services.InteractionSorts.SortNames())
}

type interactionListInput struct {
	ListQuery
	InteractionFilters
}

// InteractionFilters are the interactions list's filters and sort; its export takes them too.
type InteractionFilters struct {
	RecordFilters
	Sort           interactionSort     `query:"sort" default:"-starts_at"`
	Kind           []interactionKind   `query:"kind"`
	Status         []interactionStatus `query:"status"`
	CountryCode    []string            `query:"country_code"`
	VisitID        []int64             `query:"visit_id"`
	ProjectID      []int64             `query:"project_id"`
	OrganizationID []int64             `query:"organization_id" doc:"Interactions with one of these organizations as a participant."`
	ContactID      []int64             `query:"contact_id" doc:"Interactions with one of these contacts as a participant."`
	StartsAfter    time.Time           `query:"starts_after" doc:"Starting strictly after this RFC 3339 time."`
	StartsBefore   time.Time           `query:"starts_before" doc:"Starting strictly before this RFC 3339 time."`
	Restricted     string              `query:"restricted" enum:"true,false"`
}

func (in InteractionFilters) filter(l ListQuery) services.InteractionFilter {
	return services.InteractionFilter{
		ListParams: l.params(string(in.Sort)), Kind: enumStrings(in.Kind), Status: enumStrings(in.Status),
		CountryCode: in.CountryCode, VisitID: in.VisitID, ProjectID: in.ProjectID, OfficeID: in.OfficeID,
		OwnerID: in.OwnerID, OrganizationID: in.OrganizationID, ContactID: in.ContactID, Tag: in.Tag,
		Restricted: boolOrNil(in.Restricted), StartsAfter: timeOrNil(in.StartsAfter),
		StartsBefore: timeOrNil(in.StartsBefore), UpdatedAfter: in.updatedAfter(),
	}
}

type interactionOutput struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Interaction
}

type interactionCreateInput struct{ Body InteractionCreate }

type interactionPatchInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag you read; required."`
	Body    InteractionPatch
}

func interactionWithETag(v services.InteractionView) *interactionOutput {
	return &interactionOutput{ETag: etag(v.Version), Body: interactionOut(v)}
}

func (h *handlers) registerInteractions(api huma.API) {
	const tag = "interactions"
	huma.Register(api, op("list-interactions", http.MethodGet, "/api/v1/interactions", "List interactions", tag),
		func(ctx context.Context, in *interactionListInput) (*listOutput[Interaction], error) {
			p, err := h.svc.Interactions.List(ctx, actor(ctx), in.filter(in.ListQuery))
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, interactionOut), nil
		})

	huma.Register(api, op("get-interaction", http.MethodGet, "/api/v1/interactions/{id}", "Get an interaction", tag),
		func(ctx context.Context, in *IDPath) (*interactionOutput, error) {
			v, err := h.svc.Interactions.Get(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return interactionWithETag(v), nil
		})

	create := op("create-interaction", http.MethodPost, "/api/v1/interactions", "Log an interaction, with its follow-up commitments", tag)
	create.DefaultStatus = http.StatusCreated
	huma.Register(api, create, func(ctx context.Context, in *interactionCreateInput) (*interactionOutput, error) {
		b := in.Body
		followUps := make([]services.CommitmentInput, len(b.Commitments))
		for i, c := range b.Commitments {
			followUps[i] = c.input()
		}
		v, err := h.svc.Interactions.Create(ctx, actor(ctx), services.InteractionInput{
			Kind: string(b.Kind), Status: string(b.Status), Subject: b.Subject, Summary: b.Summary, StartsAt: b.StartsAt,
			EndsAt: b.EndsAt, Location: b.Location, City: b.City, CountryCode: b.CountryCode, VisitID: b.VisitID,
			ProjectID: b.ProjectID, Restricted: b.Restricted, OwnerID: b.OwnerID,
			Participants: interactionParticipantsIn(b.Participants), Tags: b.Tags, Commitments: followUps,
		})
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		out := interactionWithETag(v)
		out.Location = "/api/v1/interactions/" + strconv.FormatInt(v.ID, 10)
		return out, nil
	})

	huma.Register(api, op("update-interaction", http.MethodPatch, "/api/v1/interactions/{id}", "Change an interaction (JSON merge patch)", tag),
		func(ctx context.Context, in *interactionPatchInput) (*interactionOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			b := in.Body
			p := services.InteractionPatch{
				Kind: changeEnum(b.Kind), Status: changeEnum(b.Status), Subject: change(b.Subject), Summary: change(b.Summary),
				StartsAt: change(b.StartsAt), EndsAt: changeNullable(b.EndsAt), Location: change(b.Location),
				City: change(b.City), CountryCode: changeNullable(b.CountryCode), VisitID: changeNullable(b.VisitID),
				ProjectID: changeNullable(b.ProjectID), Restricted: change(b.Restricted), OwnerID: changeNullable(b.OwnerID),
				Tags: change(b.Tags),
			}
			if b.Participants.Set {
				p.Participants = services.To(interactionParticipantsIn(b.Participants.Value))
			}
			v, err := h.svc.Interactions.Update(ctx, actor(ctx), in.ID, version, p)
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return interactionWithETag(v), nil
		})

	registerArchive(api, h, "archive-interaction", "/api/v1/interactions/{id}", "Archive an interaction", tag,
		func(s *services.Services) archiveFunc { return s.Interactions.Archive })
	registerRestore(api, h, "restore-interaction", "/api/v1/interactions/{id}/restore", "Restore an archived interaction", tag,
		func(s *services.Services) restoreFunc[services.InteractionView] { return s.Interactions.Restore }, interactionWithETag)
}
