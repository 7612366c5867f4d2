package services

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// Contact cards: what a vCard of a contact shows beyond the record itself,
// read through the contacts' own scope (the visibility rule).

// MaxCardExport is the most contacts one multi-contact vCard holds. A card
// file is for an address book, a few hundred people at most; past this a
// request is refused rather than cut short, so that nobody believes an
// incomplete file is the whole list.
const MaxCardExport = 1000

// ContactCard is a contact with the organization and title of its current
// position, as a contact card shows them.
type ContactCard struct {
	ContactView
	Organization string // the current position's organization, "" when none
	Title        string
}

// Card returns the card of one live contact the actor may see.
// Errors: ErrNotFound.
func (s *ContactService) Card(ctx context.Context, actor Actor, id int64) (ContactCard, error) {
	v, err := s.Get(ctx, actor, id)
	if err != nil {
		return ContactCard{}, err
	}
	cards, err := s.cards(s.db.WithContext(ctx), []ContactView{v})
	if err != nil {
		return ContactCard{}, err
	}
	return cards[0], nil
}

// Cards returns the cards of every contact of the list that f selects (its
// filters, q and sort; paging is ignored), for a manager or admin, and
// records the export in the audit log. Errors: ErrForbidden (not a manager
// or admin), *ValidationError (sort; more than MaxCardExport contacts
// match), ErrInvalidCursor.
func (s *ContactService) Cards(ctx context.Context, actor Actor, f ContactFilter) ([]ContactCard, error) {
	if actor.Role != models.RoleManager && !actor.IsAdmin() {
		return nil, ErrForbidden
	}
	// The count stops past MaxCardExport: how many more match does not
	// change the answer.
	f.Cursor, f.Limit, f.Count, f.CountUpTo = "", 1, true, MaxCardExport
	first, err := s.List(ctx, actor, f)
	if err != nil {
		return nil, err
	}
	if first.TotalIsLowerBound {
		var verr ValidationError
		verr.add("q", "more than %d contacts match; one file holds at most %d: narrow the filters or the search", MaxCardExport, MaxCardExport)
		return nil, &verr
	}
	views := make([]ContactView, 0, min(MaxCardExport, int(*first.Total)))
	f.Count, f.Limit = false, maxPage
	for {
		p, err := s.List(ctx, actor, f)
		if err != nil {
			return nil, err
		}
		views = append(views, p.Items...)
		if p.NextCursor == "" || len(views) >= MaxCardExport {
			break
		}
		f.Cursor = p.NextCursor
	}
	cards, err := s.cards(s.db.WithContext(ctx), views)
	if err != nil {
		return nil, err
	}
	err = query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		return actor.audit(tx, ActionExport, models.EntityContact, 0, actor.OfficeID, map[string]fieldChange{
			"format":  {New: "vcard"},
			"filters": {New: contactFilterSummary(f)},
			"rows":    {New: len(cards)},
		})
	})
	return cards, err
}

// maxPage is the largest page a list gives.
const maxPage = 200

// cards adds the current position's organization name to contacts, in one
// query for all of them.
func (s *ContactService) cards(db *gorm.DB, views []ContactView) ([]ContactCard, error) {
	today := models.Now().UTC().Format(time.DateOnly)
	var orgIDs []int64
	current := make([]*models.Position, len(views))
	for i := range views {
		if p := currentPosition(views[i].Positions, today); p != nil {
			current[i] = p
			orgIDs = append(orgIDs, p.OrganizationID)
		}
	}
	names, err := organizationNames(db, orgIDs)
	if err != nil {
		return nil, err
	}
	out := make([]ContactCard, len(views))
	for i, v := range views {
		out[i] = ContactCard{ContactView: v}
		if p := current[i]; p != nil {
			out[i].Organization, out[i].Title = names[p.OrganizationID], p.Title
		}
	}
	return out, nil
}

// currentPosition is the position a person is known by today: a held one
// (no end date, or one not yet past), the primary first, then the most
// recently started. nil when none is held.
func currentPosition(ps []models.Position, today string) *models.Position {
	var best *models.Position
	for i := range ps {
		p := &ps[i]
		if p.EndDate != nil && *p.EndDate < today {
			continue
		}
		if best == nil || better(p, best) {
			best = p
		}
	}
	return best
}

func better(p, than *models.Position) bool {
	if p.Primary != than.Primary {
		return p.Primary
	}
	return strings.Compare(stringOrEmpty(p.StartDate), stringOrEmpty(than.StartDate)) > 0
}

func stringOrEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// contactFilterSummary is what the audit log keeps of an export's filters:
// the ones set, by their query names.
func contactFilterSummary(f ContactFilter) map[string]any {
	out := map[string]any{}
	set := func(name string, v any, ok bool) {
		if ok {
			out[name] = v
		}
	}
	set("q", f.Q, f.Q != "")
	set("sort", f.Sort, f.Sort != "")
	set("archived", f.Archived, f.Archived)
	set("gender", f.Gender, len(f.Gender) > 0)
	set("country_code", f.CountryCode, len(f.CountryCode) > 0)
	set("office_id", f.OfficeID, len(f.OfficeID) > 0)
	set("owner_id", f.OwnerID, len(f.OwnerID) > 0)
	set("organization_id", f.OrganizationID, len(f.OrganizationID) > 0)
	set("id", f.ID, len(f.ID) > 0)
	set("tag", f.Tag, len(f.Tag) > 0)
	set("restricted", f.Restricted, f.Restricted != nil)
	set("updated_after", f.UpdatedAfter, f.UpdatedAfter != nil)
	return out
}
