package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// Commitment is a follow-up promise as the API shows it.
type Commitment struct {
	ID                        int64            `json:"id"`
	Version                   int64            `json:"version"`
	CreatedAt                 time.Time        `json:"created_at"`
	UpdatedAt                 time.Time        `json:"updated_at"`
	ArchivedAt                *time.Time       `json:"archived_at,omitempty" doc:"Set when the record is archived."`
	OfficeID                  int64            `json:"office_id"`
	OwnerID                   *int64           `json:"owner_id" nullable:"true" doc:"The user who follows it up."`
	Title                     string           `json:"title"`
	Details                   string           `json:"details"`
	Direction                 direction        `json:"direction" doc:"Who owes it: ours (we do), theirs (they do), joint."`
	CounterpartOrganizationID *int64           `json:"counterpart_organization_id" nullable:"true"`
	CounterpartContactID      *int64           `json:"counterpart_contact_id" nullable:"true" doc:"Null also when the contact is hidden from you."`
	DueDate                   *string          `json:"due_date" nullable:"true" format:"date"`
	Status                    commitmentStatus `json:"status"`
	Priority                  priority         `json:"priority"`
	InteractionID             *int64           `json:"interaction_id" nullable:"true" doc:"Where it was promised; null also when that interaction is hidden from you."`
	VisitID                   *int64           `json:"visit_id" nullable:"true"`
	ProjectID                 *int64           `json:"project_id" nullable:"true"`
	Restricted                bool             `json:"restricted" doc:"Hidden from other offices."`
	Overdue                   bool             `json:"overdue" readOnly:"true" doc:"Open or in progress and due before today (UTC); derived when read, never stored."`
	CompletedAt               *time.Time       `json:"completed_at" nullable:"true" readOnly:"true" doc:"When it was last set to done; cleared when reopened."`
	ClosureNote               string           `json:"closure_note"`
	Tags                      []string         `json:"tags"`
}

func commitmentOut(v services.CommitmentView) Commitment {
	c := v.Commitment
	out := Commitment{ID: c.ID, Version: c.Version, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, OfficeID: c.OfficeID,
		OwnerID: c.OwnerID, Title: c.Title, Details: c.Details, Direction: direction(c.Direction),
		CounterpartOrganizationID: c.CounterpartOrganizationID, CounterpartContactID: c.CounterpartContactID,
		DueDate: c.DueDate, Status: commitmentStatus(c.Status), Priority: priority(c.Priority),
		InteractionID: c.InteractionID, VisitID: c.VisitID, ProjectID: c.ProjectID, Restricted: c.Restricted,
		Overdue: v.Overdue, CompletedAt: c.CompletedAt, ClosureNote: c.ClosureNote, Tags: v.Tags}
	if c.DeletedAt.Valid {
		out.ArchivedAt = &c.DeletedAt.Time
	}
	return out
}

// CommitmentFollowUp is a commitment made at an interaction, sent with it in
// POST /interactions: a commitment body without interaction_id.
type CommitmentFollowUp struct {
	Title                     string           `json:"title" minLength:"1" maxLength:"300"`
	Details                   string           `json:"details,omitempty" maxLength:"20000"`
	Direction                 direction        `json:"direction,omitempty" doc:"Defaults to ours."`
	OwnerID                   *int64           `json:"owner_id,omitempty" minimum:"1" doc:"A user of your office; defaults to you."`
	CounterpartOrganizationID *int64           `json:"counterpart_organization_id,omitempty" nullable:"true" minimum:"1"`
	CounterpartContactID      *int64           `json:"counterpart_contact_id,omitempty" nullable:"true" minimum:"1"`
	DueDate                   *string          `json:"due_date,omitempty" nullable:"true" format:"date"`
	Status                    commitmentStatus `json:"status,omitempty" doc:"Defaults to open."`
	Priority                  priority         `json:"priority,omitempty" doc:"Defaults to normal."`
	VisitID                   *int64           `json:"visit_id,omitempty" nullable:"true" minimum:"1" doc:"Defaults to the interaction's visit."`
	ProjectID                 *int64           `json:"project_id,omitempty" nullable:"true" minimum:"1" doc:"Defaults to the interaction's project."`
	Restricted                bool             `json:"restricted,omitempty" doc:"Always true when made at a restricted interaction."`
	ClosureNote               string           `json:"closure_note,omitempty" maxLength:"5000"`
	Tags                      []string         `json:"tags,omitempty" maxItems:"50"`
}

// CommitmentCreate is the body of POST /commitments.
type CommitmentCreate struct {
	CommitmentFollowUp
	InteractionID *int64 `json:"interaction_id,omitempty" nullable:"true" minimum:"1" doc:"Where it was promised."`
}

func (b CommitmentFollowUp) input() services.CommitmentInput {
	return services.CommitmentInput{
		Title: b.Title, Details: b.Details, Direction: string(b.Direction), OwnerID: b.OwnerID,
		CounterpartOrganizationID: b.CounterpartOrganizationID, CounterpartContactID: b.CounterpartContactID,
		DueDate: b.DueDate, Status: string(b.Status), Priority: string(b.Priority), VisitID: b.VisitID,
		ProjectID: b.ProjectID, Restricted: b.Restricted, ClosureNote: b.ClosureNote, Tags: b.Tags,
	}
}

// CommitmentPatch is the merge-patch body of PATCH /commitments/{id}.
type CommitmentPatch struct {
	Title                     Optional[string]           `json:"title,omitempty" minLength:"1" maxLength:"300"`
	Details                   Optional[string]           `json:"details,omitempty" maxLength:"20000"`
	Direction                 Optional[direction]        `json:"direction,omitempty"`
	OwnerID                   Optional[int64]            `json:"owner_id,omitempty" minimum:"1" doc:"Reassigning: managers and admins, or the current owner."`
	CounterpartOrganizationID Optional[int64]            `json:"counterpart_organization_id,omitempty" nullable:"true" minimum:"1"`
	CounterpartContactID      Optional[int64]            `json:"counterpart_contact_id,omitempty" nullable:"true" minimum:"1"`
	DueDate                   Optional[string]           `json:"due_date,omitempty" nullable:"true" format:"date"`
	Status                    Optional[commitmentStatus] `json:"status,omitempty" doc:"Any status may follow any other. Closing (done, cancelled) is for the commitment's owner, managers of its office and admins: others get 403 commitment_close_not_allowed. Reopening clears completed_at and closure_note (unless the patch sets one)."`
	Priority                  Optional[priority]         `json:"priority,omitempty"`
	InteractionID             Optional[int64]            `json:"interaction_id,omitempty" nullable:"true" minimum:"1"`
	VisitID                   Optional[int64]            `json:"visit_id,omitempty" nullable:"true" minimum:"1"`
	ProjectID                 Optional[int64]            `json:"project_id,omitempty" nullable:"true" minimum:"1"`
	Restricted                Optional[bool]             `json:"restricted,omitempty"`
	ClosureNote               Optional[string]           `json:"closure_note,omitempty" maxLength:"5000"`
	Tags                      Optional[[]string]         `json:"tags,omitempty" maxItems:"50"`
}

type commitmentSort string

func (commitmentSort) Schema(huma.Registry) *huma.Schema {
	s := sortSchema(services.CommitmentSorts.SortNames())
	s.Description += " due_date puts undated commitments last; priority sorts low < normal < high."
	return s
}

type commitmentListInput struct {
	ListQuery
	CommitmentFilters
}

// CommitmentFilters are the commitments list's filters and sort; its export takes them too.
type CommitmentFilters struct {
	RecordFilters
	Sort           commitmentSort     `query:"sort" default:"due_date"`
	Status         []commitmentStatus `query:"status"`
	Priority       []priority         `query:"priority"`
	Direction      []direction        `query:"direction"`
	VisitID        []int64            `query:"visit_id"`
	InteractionID  []int64            `query:"interaction_id"`
	ProjectID      []int64            `query:"project_id"`
	OrganizationID []int64            `query:"organization_id" doc:"By counterpart organization."`
	ContactID      []int64            `query:"contact_id" doc:"By counterpart contact."`
	CountryCode    []string           `query:"country_code" doc:"By country, as the review groups commitments: the counterpart organization's, else the counterpart contact's, else the visit's host country."`
	Overdue        string             `query:"overdue" enum:"true,false" doc:"true: open or in progress and due before today (UTC)."`
	DueBefore      string             `query:"due_before" format:"date" doc:"Due strictly before this date."`
	DueAfter       string             `query:"due_after" format:"date" doc:"Due strictly after this date."`
	Restricted     string             `query:"restricted" enum:"true,false"`
}

func (in CommitmentFilters) filter(l ListQuery) services.CommitmentFilter {
	return services.CommitmentFilter{
		ListParams: l.params(string(in.Sort)), Status: enumStrings(in.Status), Priority: enumStrings(in.Priority),
		Direction: enumStrings(in.Direction), VisitID: in.VisitID, InteractionID: in.InteractionID,
		ProjectID: in.ProjectID, OfficeID: in.OfficeID, OwnerID: in.OwnerID, OrganizationID: in.OrganizationID,
		ContactID: in.ContactID, CountryCode: in.CountryCode, Tag: in.Tag, Overdue: boolOrNil(in.Overdue), Restricted: boolOrNil(in.Restricted),
		DueBefore: stringOrNil(in.DueBefore), DueAfter: stringOrNil(in.DueAfter), UpdatedAfter: in.updatedAfter(),
	}
}

type commitmentOutput struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Commitment
}

type commitmentCreateInput struct{ Body CommitmentCreate }

type commitmentPatchInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag you read; required."`
	Body    CommitmentPatch
}

func commitmentWithETag(v services.CommitmentView) *commitmentOutput {
	return &commitmentOutput{ETag: etag(v.Version), Body: commitmentOut(v)}
}

// boolOrNil turns an absent "true"/"false" query parameter into no filter.
func boolOrNil(s string) *bool {
	if s == "" {
		return nil
	}
	b := s == "true"
	return &b
}

func (h *handlers) registerCommitments(api huma.API) {
	const tag = "commitments"
	huma.Register(api, op("list-commitments", http.MethodGet, "/api/v1/commitments", "List commitments", tag),
		func(ctx context.Context, in *commitmentListInput) (*listOutput[Commitment], error) {
			p, err := h.svc.Commitments.List(ctx, actor(ctx), in.filter(in.ListQuery))
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, commitmentOut), nil
		})

	huma.Register(api, op("get-commitment", http.MethodGet, "/api/v1/commitments/{id}", "Get a commitment", tag),
		func(ctx context.Context, in *IDPath) (*commitmentOutput, error) {
			v, err := h.svc.Commitments.Get(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return commitmentWithETag(v), nil
		})

	create := op("create-commitment", http.MethodPost, "/api/v1/commitments", "Create a commitment", tag)
	create.DefaultStatus = http.StatusCreated
	huma.Register(api, create, func(ctx context.Context, in *commitmentCreateInput) (*commitmentOutput, error) {
		ci := in.Body.input()
		ci.InteractionID = in.Body.InteractionID
		v, err := h.svc.Commitments.Create(ctx, actor(ctx), ci)
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		out := commitmentWithETag(v)
		out.Location = "/api/v1/commitments/" + strconv.FormatInt(v.ID, 10)
		return out, nil
	})

	huma.Register(api, op("update-commitment", http.MethodPatch, "/api/v1/commitments/{id}", "Change, close, reopen or reassign a commitment (JSON merge patch)", tag),
		func(ctx context.Context, in *commitmentPatchInput) (*commitmentOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			b := in.Body
			v, err := h.svc.Commitments.Update(ctx, actor(ctx), in.ID, version, services.CommitmentPatch{
				Title: change(b.Title), Details: change(b.Details), Direction: changeEnum(b.Direction),
				OwnerID:                   changeNullable(b.OwnerID),
				CounterpartOrganizationID: changeNullable(b.CounterpartOrganizationID),
				CounterpartContactID:      changeNullable(b.CounterpartContactID), DueDate: changeNullable(b.DueDate),
				Status: changeEnum(b.Status), Priority: changeEnum(b.Priority),
				InteractionID: changeNullable(b.InteractionID), VisitID: changeNullable(b.VisitID),
				ProjectID: changeNullable(b.ProjectID), Restricted: change(b.Restricted),
				ClosureNote: change(b.ClosureNote), Tags: change(b.Tags),
			})
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return commitmentWithETag(v), nil
		})

	registerArchive(api, h, "archive-commitment", "/api/v1/commitments/{id}", "Archive a commitment", tag,
		func(s *services.Services) archiveFunc { return s.Commitments.Archive })
	registerRestore(api, h, "restore-commitment", "/api/v1/commitments/{id}/restore", "Restore an archived commitment", tag,
		func(s *services.Services) restoreFunc[services.CommitmentView] { return s.Commitments.Restore }, commitmentWithETag)
}
