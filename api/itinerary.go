package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// A visit's itinerary: its interactions grouped by day in a time zone.

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

func (h *handlers) registerItinerary(api huma.API) {
	huma.Register(api, op("get-visit-itinerary", http.MethodGet, "/api/v1/visits/{id}/itinerary", "A visit's itinerary, by day", "visits"),
		func(ctx context.Context, in *itineraryInput) (*itineraryOutput, error) {
			tz, loc, err := timeZone(ctx, in.TZ)
			if err != nil {
				return nil, err
			}
			it, err := h.svc.Visits.Itinerary(ctx, actor(ctx), in.ID, loc)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return &itineraryOutput{Body: itineraryOut(it, tz)}, nil
		})
}

// timeZone reads a tz parameter: an IANA zone, UTC when absent.
func timeZone(ctx context.Context, tz string) (string, *time.Location, error) {
	if tz == "" {
		tz = "UTC"
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		p := newProblem(requestID(ctx), http.StatusUnprocessableEntity, "unknown time zone")
		p.Errors = []ProblemField{{Location: "query.tz", Message: "is not an IANA time zone"}}
		return "", nil, p
	}
	return tz, loc, nil
}

func itineraryOut(it services.Itinerary, tz string) Itinerary {
	out := Itinerary{Visit: visitOut(it.Visit), TimeZone: tz, Days: make([]ItineraryDay, len(it.Days))}
	for i, d := range it.Days {
		day := ItineraryDay{Date: d.Date, Interactions: make([]Interaction, len(d.Interactions))}
		for j, v := range d.Interactions {
			day.Interactions[j] = interactionOut(v)
		}
		out.Days[i] = day
	}
	return out
}
