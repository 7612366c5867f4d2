package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// The timelines of organizations and contacts: what touched them, newest
// first, paged like a list.

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

func (h *handlers) registerTimelines(api huma.API) {
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
}
