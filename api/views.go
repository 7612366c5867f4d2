package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// The views that join records up: a visit's itinerary, the timelines of
// organizations and contacts, the manager's reviews and the global search.

// ItineraryDay is one day of a visit's itinerary.
type ItineraryDay struct {
	Date         string        `json:"date" format:"date"`
	Interactions []Interaction `json:"interactions"`
}

// Itinerary is a visit with its interactions grouped by day.
type Itinerary struct {
	Visit    Visit          `json:"visit"`
	TimeZone string         `json:"time_zone" doc:"The zone the days are cut in."`
	Days     []ItineraryDay `json:"days"`
}

type itineraryInput struct {
	IDPath
	TZ string `query:"tz" maxLength:"64" doc:"IANA time zone for cutting days, e.g. Europe/Sarajevo; default UTC."`
}

type itineraryOutput struct{ Body Itinerary }

// TimelineItem is one entry of a timeline; exactly one of interaction,
// visit and commitment is set, as kind says.
type TimelineItem struct {
	Kind        string       `json:"kind" enum:"interaction,visit,commitment"`
	At          time.Time    `json:"at" doc:"When: an interaction's start, a visit's first day, a commitment's creation."`
	Interaction *Interaction `json:"interaction,omitempty"`
	Visit       *Visit       `json:"visit,omitempty"`
	Commitment  *Commitment  `json:"commitment,omitempty"`
}

func timelineOut(it services.TimelineItem) TimelineItem {
	out := TimelineItem{Kind: it.Kind, At: it.At}
	switch {
	case it.Interaction != nil:
		v := interactionOut(*it.Interaction)
		out.Interaction = &v
	case it.Visit != nil:
		v := visitOut(*it.Visit)
		out.Visit = &v
	case it.Commitment != nil:
		v := commitmentOut(*it.Commitment)
		out.Commitment = &v
	}
	return out
}

type timelineInput struct {
	IDPath
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Cursor string `query:"cursor" maxLength:"1000"`
}

type timelineOutput struct {
	Body struct {
		Items      []TimelineItem `json:"items"`
		NextCursor *string        `json:"next_cursor" nullable:"true"`
	}
}

func toTimeline(p services.TimelinePage) *timelineOutput {
	out := &timelineOutput{}
	out.Body.Items = make([]TimelineItem, len(p.Items))
	for i, it := range p.Items {
		out.Body.Items[i] = timelineOut(it)
	}
	if p.NextCursor != "" {
		out.Body.NextCursor = &p.NextCursor
	}
	return out
}

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

// SearchHit is one result of the global search.
type SearchHit struct {
	Kind    searchKind `json:"kind"`
	ID      int64      `json:"id"`
	Title   string     `json:"title"`
	Snippet string     `json:"snippet"`
}

type searchKind string

func (searchKind) Schema(huma.Registry) *huma.Schema { return enumSchema(services.SearchKinds) }

type searchInput struct {
	Q     string       `query:"q" required:"true" minLength:"1" maxLength:"200" doc:"Words to find; accent- and case-insensitive, word prefixes."`
	Kind  []searchKind `query:"kind" doc:"Restrict to these kinds."`
	Limit int          `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

type searchOutput struct {
	Body struct {
		Items []SearchHit `json:"items"`
	}
}

func (h *handlers) registerViews(api huma.API) {
	huma.Register(api, op("get-visit-itinerary", http.MethodGet, "/api/v1/visits/{id}/itinerary", "A visit's itinerary, by day", "visits"),
		func(ctx context.Context, in *itineraryInput) (*itineraryOutput, error) {
			tz := in.TZ
			if tz == "" {
				tz = "UTC"
			}
			loc, err := time.LoadLocation(tz)
			if err != nil {
				p := newProblem(requestID(ctx), http.StatusUnprocessableEntity, "unknown time zone")
				p.Errors = []ProblemField{{Location: "query.tz", Message: "is not an IANA time zone"}}
				return nil, p
			}
			it, err := h.svc.Visits.Itinerary(ctx, actor(ctx), in.ID, loc)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			out := &itineraryOutput{Body: Itinerary{Visit: visitOut(it.Visit), TimeZone: tz, Days: make([]ItineraryDay, len(it.Days))}}
			for i, d := range it.Days {
				day := ItineraryDay{Date: d.Date, Interactions: make([]Interaction, len(d.Interactions))}
				for j, v := range d.Interactions {
					day.Interactions[j] = interactionOut(v)
				}
				out.Body.Days[i] = day
			}
			return out, nil
		})

	huma.Register(api, op("get-organization-timeline", http.MethodGet, "/api/v1/organizations/{id}/timeline", "What touched an organization, newest first", "organizations"),
		func(ctx context.Context, in *timelineInput) (*timelineOutput, error) {
			p, err := h.svc.Organizations.Timeline(ctx, actor(ctx), in.ID, in.Limit, in.Cursor)
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toTimeline(p), nil
		})

	huma.Register(api, op("get-contact-timeline", http.MethodGet, "/api/v1/contacts/{id}/timeline", "What touched a contact, newest first", "contacts"),
		func(ctx context.Context, in *timelineInput) (*timelineOutput, error) {
			p, err := h.svc.Contacts.Timeline(ctx, actor(ctx), in.ID, in.Limit, in.Cursor)
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toTimeline(p), nil
		})

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

	huma.Register(api, op("search", http.MethodGet, "/api/v1/search", "Search every kind of record", "search"),
		func(ctx context.Context, in *searchInput) (*searchOutput, error) {
			kinds := make([]string, len(in.Kind))
			for i, k := range in.Kind {
				kinds[i] = string(k)
			}
			hits, err := h.svc.Search.Search(ctx, actor(ctx), in.Q, kinds, in.Limit)
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			out := &searchOutput{}
			out.Body.Items = make([]SearchHit, len(hits))
			for i, hit := range hits {
				out.Body.Items[i] = SearchHit{Kind: searchKind(hit.Kind), ID: hit.ID, Title: hit.Title, Snippet: hit.Snippet}
			}
			return out, nil
		})
}
