package services

import (
	"context"
	"time"

	"liaison/models"
)

// ItineraryDay is one calendar day of a visit with its interactions in time
// order.
type ItineraryDay struct {
	Date         string // YYYY-MM-DD in the itinerary's time zone
	Interactions []InteractionView
}

// Itinerary is a visit and its interactions grouped by day: a visit's
// itinerary is its interactions in time order, nothing stored apart.
type Itinerary struct {
	Visit VisitView
	Days  []ItineraryDay
}

// maxItineraryItems bounds one itinerary; a week-long visit has dozens.
const maxItineraryItems = 1000

// Itinerary returns the visit with the interactions the actor may see,
// grouped by day in loc (the host country's zone, so an evening reception
// in Sarajevo is not filed under the next UTC day), participants resolved
// to names in bulk. Errors: ErrNotFound.
func (s *VisitService) Itinerary(ctx context.Context, actor Actor, id int64, loc *time.Location) (Itinerary, error) {
	visit, err := s.Get(ctx, actor, id)
	if err != nil {
		return Itinerary{}, err
	}
	db := s.db.WithContext(ctx)
	var rows []models.Interaction
	err = interactionScope(db, actor, false).Where("interactions.visit_id = ?", id).
		Order("interactions.starts_at, interactions.id").Limit(maxItineraryItems).Find(&rows).Error
	if err != nil {
		return Itinerary{}, err
	}
	views, err := (&InteractionService{db: s.db}).views(db, actor, rows)
	if err != nil {
		return Itinerary{}, err
	}
	out := Itinerary{Visit: visit, Days: []ItineraryDay{}}
	for _, v := range views {
		date := v.StartsAt.In(loc).Format(time.DateOnly)
		if n := len(out.Days); n == 0 || out.Days[n-1].Date != date {
			out.Days = append(out.Days, ItineraryDay{Date: date})
		}
		last := &out.Days[len(out.Days)-1]
		last.Interactions = append(last.Interactions, v)
	}
	return out, nil
}
