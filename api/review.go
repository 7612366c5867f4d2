package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// The manager's reviews: follow-ups by status and group, and key
// stakeholders nobody has met lately.

// ReviewCounts are the commitment numbers of one group or of everything.
type ReviewCounts struct {
	Open       int64 `json:"open"`
	InProgress int64 `json:"in_progress"`
	Done       int64 `json:"done"`
	Cancelled  int64 `json:"cancelled"`
	Overdue    int64 `json:"overdue" doc:"Open or in progress, due before today."`
	Due7       int64 `json:"due_7" doc:"Open or in progress, due today or in the next 7 days."`
	Due30      int64 `json:"due_30" doc:"Open or in progress, due today or in the next 30 days."`
}

// ReviewGroup is the counts of one owner, office, country or project.
type ReviewGroup struct {
	Key   *string `json:"key" nullable:"true" doc:"The user, office or project id, or the country code; null for none."`
	Label string  `json:"label"`
	ReviewCounts
}

// CommitmentReview is the manager's review of follow-ups.
type CommitmentReview struct {
	AsOf      string        `json:"as_of" format:"date"`
	Totals    ReviewCounts  `json:"totals"`
	ByOwner   []ReviewGroup `json:"by_owner"`
	ByOffice  []ReviewGroup `json:"by_office"`
	ByCountry []ReviewGroup `json:"by_country"`
	ByProject []ReviewGroup `json:"by_project"`
	Overdue   []Commitment  `json:"overdue" doc:"The overdue commitments, oldest due first."`
}

func countsOut(c services.ReviewCounts) ReviewCounts {
	return ReviewCounts{Open: c.Open, InProgress: c.InProgress, Done: c.Done, Cancelled: c.Cancelled, Overdue: c.Overdue, Due7: c.Due7, Due30: c.Due30}
}

func groupsOut(gs []services.ReviewGroup) []ReviewGroup {
	out := make([]ReviewGroup, len(gs))
	for i, g := range gs {
		out[i] = ReviewGroup{Key: g.Key, Label: g.Label, ReviewCounts: countsOut(g.ReviewCounts)}
	}
	return out
}

type reviewInput struct {
	OfficeID     []int64  `query:"office_id"`
	OwnerID      []int64  `query:"owner_id"`
	ProjectID    []int64  `query:"project_id"`
	CountryCode  []string `query:"country_code"`
	OverdueLimit int      `query:"overdue_limit" minimum:"1" maximum:"200" default:"50"`
}

type reviewOutput struct{ Body CommitmentReview }

// StaleOrganization is a key stakeholder nobody has met lately.
type StaleOrganization struct {
	Organization    Organization `json:"organization"`
	LastHeldAt      *time.Time   `json:"last_held_at" nullable:"true" doc:"The last held interaction with it or its people; null if never."`
	OpenCommitments int64        `json:"open_commitments"`
}

type staleInput struct {
	Days        int      `query:"days" minimum:"1" maximum:"3650" default:"90"`
	CountryCode []string `query:"country_code"`
	OfficeID    []int64  `query:"office_id"`
	Limit       int      `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

type staleOutput struct {
	Body struct {
		Items []StaleOrganization `json:"items"`
	}
}

func (h *handlers) registerReviews(api huma.API) {
	huma.Register(api, op("review-commitments", http.MethodGet, "/api/v1/review/commitments", "The manager's review of follow-ups", "review"),
		func(ctx context.Context, in *reviewInput) (*reviewOutput, error) {
			r, err := h.svc.Commitments.Review(ctx, actor(ctx), services.ReviewFilter{OfficeID: in.OfficeID, OwnerID: in.OwnerID,
				ProjectID: in.ProjectID, CountryCode: in.CountryCode, OverdueLimit: in.OverdueLimit})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			out := &reviewOutput{Body: CommitmentReview{AsOf: r.AsOf, Totals: countsOut(r.Totals), ByOwner: groupsOut(r.ByOwner),
				ByOffice: groupsOut(r.ByOffice), ByCountry: groupsOut(r.ByCountry), ByProject: groupsOut(r.ByProject),
				Overdue: make([]Commitment, len(r.Overdue))}}
			for i, c := range r.Overdue {
				out.Body.Overdue[i] = commitmentOut(c)
			}
			return out, nil
		})

	huma.Register(api, op("review-stale", http.MethodGet, "/api/v1/review/stale", "Key stakeholders nobody has met lately", "review"),
		func(ctx context.Context, in *staleInput) (*staleOutput, error) {
			rows, err := h.svc.Organizations.Stale(ctx, actor(ctx), services.StaleFilter{Days: in.Days, CountryCode: in.CountryCode, OfficeID: in.OfficeID, Limit: in.Limit})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			out := &staleOutput{}
			out.Body.Items = make([]StaleOrganization, len(rows))
			for i, r := range rows {
				out.Body.Items[i] = StaleOrganization{Organization: organizationOut(r.OrganizationView), LastHeldAt: r.LastHeldAt, OpenCommitments: r.OpenCommitments}
			}
			return out, nil
		})
}
