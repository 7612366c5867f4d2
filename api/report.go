package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// EngagementCounts are the numbers of one row of the engagement report.
type EngagementCounts struct {
	Interactions       int64 `json:"interactions" doc:"Held interactions starting in the period."`
	Visits             int64 `json:"visits" doc:"Visits starting in the period, not cancelled."`
	Organizations      int64 `json:"organizations" doc:"Distinct organizations taking part in those interactions."`
	Contacts           int64 `json:"contacts" doc:"Distinct people taking part in those interactions."`
	ContactsFemale     int64 `json:"contacts_female"`
	ContactsMale       int64 `json:"contacts_male"`
	CommitmentsMade    int64 `json:"commitments_made" doc:"Commitments created in the period."`
	CommitmentsDone    int64 `json:"commitments_done" doc:"Commitments completed in the period."`
	CommitmentsOverdue int64 `json:"commitments_overdue" doc:"Of those made in the period, overdue today."`
}

// EngagementRow is one country, project or SDG of the report.
type EngagementRow struct {
	Key   string `json:"key" doc:"Country code, project id or SDG tag slug; empty for records without one."`
	Label string `json:"label"`
	EngagementCounts
}

// EngagementReport is engagement over a period by country, project or SDG.
type EngagementReport struct {
	From   string           `json:"from" format:"date"`
	To     string           `json:"to" format:"date"`
	By     reportGrouping   `json:"by"`
	Rows   []EngagementRow  `json:"rows" doc:"Most held interactions first; a record with several SDG tags counts under each."`
	Totals EngagementCounts `json:"totals" doc:"Every record once, whatever its grouping."`
}

type reportGrouping string

func (reportGrouping) Schema(huma.Registry) *huma.Schema {
	return enumSchema(services.ReportGroupings)
}

type engagementInput struct {
	From     string         `query:"from" required:"true" format:"date" doc:"First day of the period (UTC)."`
	To       string         `query:"to" required:"true" format:"date" doc:"Last day of the period, inclusive; at most five years after from."`
	By       reportGrouping `query:"by" default:"country"`
	OfficeID []int64        `query:"office_id" doc:"Only these offices' records."`
}

type engagementOutput struct{ Body EngagementReport }

func engagementCountsOut(c services.EngagementCounts) EngagementCounts {
	return EngagementCounts{Interactions: c.Interactions, Visits: c.Visits, Organizations: c.Organizations, Contacts: c.Contacts,
		ContactsFemale: c.ContactsFemale, ContactsMale: c.ContactsMale, CommitmentsMade: c.CommitmentsMade,
		CommitmentsDone: c.CommitmentsDone, CommitmentsOverdue: c.CommitmentsOverdue}
}

// Stakeholder is one organization on the influence × interest map.
type Stakeholder struct {
	ID                 int64      `json:"id"`
	Name               string     `json:"name"`
	Acronym            string     `json:"acronym"`
	Type               orgType    `json:"type"`
	CountryCode        *string    `json:"country_code" nullable:"true"`
	Influence          int        `json:"influence" minimum:"1" maximum:"5"`
	Interest           int        `json:"interest" minimum:"1" maximum:"5"`
	OpenCommitments    int64      `json:"open_commitments" doc:"Open or in progress, with it as counterpart."`
	OverdueCommitments int64      `json:"overdue_commitments"`
	LastHeldAt         *time.Time `json:"last_held_at" nullable:"true" doc:"The last held interaction it took part in; null if none."`
}

type stakeholderMapInput struct {
	CountryCode []string  `query:"country_code"`
	ProjectID   []int64   `query:"project_id" doc:"Organizations that took part in an interaction or visit of the project, or are its donor."`
	Tag         []string  `query:"tag"`
	Type        []orgType `query:"type"`
	OfficeID    []int64   `query:"office_id"`
}

type stakeholderMapOutput struct {
	Body struct {
		Items     []Stakeholder `json:"items" doc:"Highest influence × interest first; at most 500."`
		Total     int64         `json:"total" doc:"How many organizations match."`
		Truncated bool          `json:"truncated" doc:"More match than are listed."`
	}
}

func (h *handlers) registerReports(api huma.API) {
	huma.Register(api, op("get-engagement-report", http.MethodGet, "/api/v1/reports/engagement",
		"Engagement over a period by country, project or SDG", "review"),
		func(ctx context.Context, in *engagementInput) (*engagementOutput, error) {
			r, err := h.svc.Reports.Engagement(ctx, actor(ctx), services.EngagementFilter{
				From: in.From, To: in.To, By: string(in.By), OfficeID: in.OfficeID,
			})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			out := &engagementOutput{Body: EngagementReport{From: r.From, To: r.To, By: reportGrouping(r.By),
				Rows: make([]EngagementRow, len(r.Rows)), Totals: engagementCountsOut(r.Totals)}}
			for i, row := range r.Rows {
				out.Body.Rows[i] = EngagementRow{Key: row.Key, Label: row.Label, EngagementCounts: engagementCountsOut(row.EngagementCounts)}
			}
			return out, nil
		})

	huma.Register(api, op("get-stakeholder-map", http.MethodGet, "/api/v1/stakeholder-map",
		"Organizations on the influence × interest grid", "review"),
		func(ctx context.Context, in *stakeholderMapInput) (*stakeholderMapOutput, error) {
			m, err := h.svc.Reports.StakeholderMap(ctx, actor(ctx), services.StakeholderFilter{
				CountryCode: in.CountryCode, ProjectID: in.ProjectID, Tag: in.Tag, Type: enumStrings(in.Type), OfficeID: in.OfficeID,
			})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			out := &stakeholderMapOutput{}
			out.Body.Total, out.Body.Truncated = m.Total, m.Truncated
			out.Body.Items = make([]Stakeholder, len(m.Items))
			for i, s := range m.Items {
				out.Body.Items[i] = Stakeholder{ID: s.ID, Name: s.Name, Acronym: s.Acronym, Type: orgType(s.Type),
					CountryCode: s.CountryCode, Influence: s.Influence, Interest: s.Interest,
					OpenCommitments: s.OpenCommitments, OverdueCommitments: s.OverdueCommitments, LastHeldAt: s.LastHeldAt}
			}
			return out, nil
		})
}
