package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/models"
	"liaison/services"
)

// A visit's briefing pack: one read for the printed page.

// BriefingPerson is a participant of the visit with their current position.
type BriefingPerson struct {
	VisitParticipant
	NameLocal    string `json:"name_local" doc:"A contact's name in the local script; empty for organizations and hidden contacts."`
	Organization string `json:"organization" doc:"A contact's current position: the organization's name."`
	Title        string `json:"title" doc:"A contact's current position: the title."`
}

// BriefingInteraction is a past interaction as the pack shows it.
type BriefingInteraction struct {
	ID       int64             `json:"id"`
	Kind     interactionKind   `json:"kind"`
	Subject  string            `json:"subject"`
	Summary  string            `json:"summary"`
	Status   interactionStatus `json:"status"`
	StartsAt time.Time         `json:"starts_at"`
	Location string            `json:"location"`
	City     string            `json:"city"`
}

// BriefingCommitment is an open commitment as the pack shows it.
type BriefingCommitment struct {
	ID        int64            `json:"id"`
	Title     string           `json:"title"`
	Direction direction        `json:"direction"`
	DueDate   *string          `json:"due_date" nullable:"true" format:"date"`
	Status    commitmentStatus `json:"status"`
	Priority  priority         `json:"priority"`
	Overdue   bool             `json:"overdue"`
}

// BriefingOrganization is a counterpart organization of the visit.
type BriefingOrganization struct {
	ID               int64                 `json:"id"`
	Name             string                `json:"name"`
	LastInteractions []BriefingInteraction `json:"last_interactions" doc:"The last three held interactions with it, newest first."`
	OpenCommitments  []BriefingCommitment  `json:"open_commitments" doc:"Open or in progress towards it, soonest due first."`
}

// BriefingProject names the visit's project.
type BriefingProject struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// Briefing is a visit's briefing pack.
type Briefing struct {
	Itinerary
	Project       *BriefingProject       `json:"project,omitempty" doc:"Absent when the visit belongs to no project."`
	People        []BriefingPerson       `json:"people" doc:"Every participant, as the visit lists them."`
	Organizations []BriefingOrganization `json:"organizations" doc:"The organizations taking part, and those where a participating person holds their current position."`
}

func briefingOut(b services.Briefing, tz string) Briefing {
	out := Briefing{Itinerary: itineraryOut(b.Itinerary, tz), People: make([]BriefingPerson, len(b.People)),
		Organizations: make([]BriefingOrganization, len(b.Organizations))}
	if p := b.Project; p != nil {
		out.Project = &BriefingProject{ID: p.ID, Code: p.Code, Name: p.Name}
	}
	for i, p := range b.People {
		out.People[i] = BriefingPerson{VisitParticipant: visitParticipantOut(p.Participant), NameLocal: p.NameLocal,
			Organization: p.Organization, Title: p.Title}
	}
	today := models.Now().UTC().Format(time.DateOnly)
	for i, o := range b.Organizations {
		bo := BriefingOrganization{ID: o.ID, Name: o.Name, LastInteractions: make([]BriefingInteraction, len(o.LastInteractions)),
			OpenCommitments: make([]BriefingCommitment, len(o.OpenCommitments))}
		for j, it := range o.LastInteractions {
			bo.LastInteractions[j] = BriefingInteraction{ID: it.ID, Kind: interactionKind(it.Kind), Subject: it.Subject, Summary: it.Summary,
				Status: interactionStatus(it.Status), StartsAt: it.StartsAt.UTC(), Location: it.Location, City: it.City}
		}
		for j, c := range o.OpenCommitments {
			bo.OpenCommitments[j] = BriefingCommitment{ID: c.ID, Title: c.Title, Direction: direction(c.Direction), DueDate: c.DueDate,
				Status: commitmentStatus(c.Status), Priority: priority(c.Priority), Overdue: c.DueDate != nil && *c.DueDate < today}
		}
		out.Organizations[i] = bo
	}
	return out
}

func (h *handlers) registerBriefing(api huma.API) {
	o := op("get-visit-briefing", http.MethodGet, "/api/v1/visits/{id}/briefing", "A visit's briefing pack, for printing", "visits")
	o.Description = "The itinerary by day (in tz), every participant with their current position, and for each counterpart " +
		"organization its last three held interactions and the open commitments towards it; all as you may see them."
	huma.Register(api, o, func(ctx context.Context, in *itineraryInput) (*struct{ Body Briefing }, error) {
		tz, loc, err := timeZone(ctx, in.TZ)
		if err != nil {
			return nil, err
		}
		b, err := h.svc.Visits.Briefing(ctx, actor(ctx), in.ID, loc)
		if err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return &struct{ Body Briefing }{Body: briefingOut(b, tz)}, nil
	})
}
