package services

import (
	"context"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// The briefing pack of a visit: what an officer prints before it starts.
// Everything is read in bulk (one query per kind of row, whatever the
// number of participants) and through the visibility rule.

// briefingHistory is how many past interactions the pack shows for each
// counterpart organization.
const briefingHistory = 3

// maxBriefingCommitments bounds the open commitments of one pack.
const maxBriefingCommitments = 500

// BriefingPerson is one participant of the visit as the reader may see it,
// with a contact's local-script name and current position.
type BriefingPerson struct {
	Participant
	NameLocal    string
	Organization string // the current position's organization, for a contact
	Title        string
}

// BriefingOrganization is a counterpart of the visit: an organization
// taking part, or one where a participating person holds their current
// position.
type BriefingOrganization struct {
	ID               int64
	Name             string
	LastInteractions []models.Interaction // the latest held ones, newest first
	OpenCommitments  []models.Commitment  // open or in progress, soonest due first
}

// Briefing is a visit's briefing pack.
type Briefing struct {
	Itinerary
	Project       *models.Project
	People        []BriefingPerson
	Organizations []BriefingOrganization
}

// Briefing returns the briefing pack of a visit: its itinerary by day in
// loc, its participants with their current positions, and for each
// counterpart organization its last three held interactions and the open
// commitments towards it, all as the actor may see them.
// Errors: ErrNotFound.
func (s *VisitService) Briefing(ctx context.Context, actor Actor, id int64, loc *time.Location) (Briefing, error) {
	it, err := s.Itinerary(ctx, actor, id, loc)
	if err != nil {
		return Briefing{}, err
	}
	db := s.db.WithContext(ctx)
	out := Briefing{Itinerary: it, People: []BriefingPerson{}, Organizations: []BriefingOrganization{}}
	if it.Visit.ProjectID != nil {
		var p models.Project
		if err := db.Unscoped().Take(&p, *it.Visit.ProjectID).Error; err != nil {
			return Briefing{}, err
		}
		out.Project = &p
	}
	people, orgIDs, err := briefingPeople(db, actor, it.Visit.Participants)
	if err != nil {
		return Briefing{}, err
	}
	out.People = people
	out.Organizations, err = briefingOrganizations(db, actor, orgIDs)
	return out, err
}

// briefingPeople resolves the participants' local names and current
// positions, and returns the counterpart organizations in the order met.
func briefingPeople(db *gorm.DB, actor Actor, ps []Participant) ([]BriefingPerson, []int64, error) {
	var contactIDs, orgIDs []int64
	for _, p := range ps {
		if p.ContactID != nil {
			contactIDs = append(contactIDs, *p.ContactID)
		} else if p.OrganizationID != nil {
			orgIDs = append(orgIDs, *p.OrganizationID)
		}
	}
	var contacts []models.Contact
	q := actor.onlyVisible(db.Session(&gorm.Session{NewDB: true}).Unscoped().Model(&models.Contact{}), on(contactsTable))
	if err := q.Where("contacts.id IN ?", append(contactIDs, 0)).Find(&contacts).Error; err != nil {
		return nil, nil, err
	}
	var positions []models.Position
	if err := db.Where("contact_id IN ?", append(contactIDs, 0)).Order("id").Find(&positions).Error; err != nil {
		return nil, nil, err
	}
	byContact := map[int64][]models.Position{}
	for _, p := range positions {
		byContact[p.ContactID] = append(byContact[p.ContactID], p)
	}
	today := models.Now().UTC().Format(time.DateOnly)
	current := map[int64]*models.Position{}
	local := map[int64]string{}
	for _, c := range contacts {
		local[c.ID] = c.NameLocal
		if p := currentPosition(byContact[c.ID], today); p != nil {
			current[c.ID] = p
			orgIDs = append(orgIDs, p.OrganizationID)
		}
	}
	orgIDs = firstOfEach(orgIDs)
	names, err := organizationNames(db, orgIDs)
	if err != nil {
		return nil, nil, err
	}
	out := make([]BriefingPerson, len(ps))
	for i, p := range ps {
		out[i] = BriefingPerson{Participant: p}
		if p.ContactID == nil {
			continue
		}
		out[i].NameLocal = local[*p.ContactID]
		if pos := current[*p.ContactID]; pos != nil {
			out[i].Organization, out[i].Title = names[pos.OrganizationID], pos.Title
		}
	}
	return out, orgIDs, nil
}

// briefingOrganizations reads, for all the organizations at once, their
// names, their last held interactions (one ranked query) and the open
// commitments towards them (one query).
func briefingOrganizations(db *gorm.DB, actor Actor, ids []int64) ([]BriefingOrganization, error) {
	out := []BriefingOrganization{}
	if len(ids) == 0 {
		return out, nil
	}
	names, err := organizationNames(db, ids)
	if err != nil {
		return nil, err
	}
	var ranked []struct {
		models.Interaction
		BriefingOrg int64
	}
	inner := interactionScope(db, actor, false).
		Select("interactions.*, p.organization_id AS briefing_org, "+
			"ROW_NUMBER() OVER (PARTITION BY p.organization_id ORDER BY interactions.starts_at DESC, interactions.id DESC) AS briefing_rank").
		Joins("JOIN (SELECT DISTINCT interaction_id, organization_id FROM interaction_participants WHERE organization_id IN ?) p ON p.interaction_id = interactions.id", ids).
		Where("interactions.status = ?", "held")
	err = db.Table("(?) AS ranked", inner).Where("briefing_rank <= ?", briefingHistory).
		Order("briefing_org, starts_at DESC, id DESC").Scan(&ranked).Error
	if err != nil {
		return nil, err
	}
	var commitments []models.Commitment
	err = commitmentScope(db, actor, false).
		Where("commitments.counterpart_organization_id IN ? AND commitments.status IN ?", ids, openCommitmentStatuses).
		Order("COALESCE(commitments.due_date, '" + noDueDate + "'), commitments.id").Limit(maxBriefingCommitments).
		Find(&commitments).Error
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(ids))
	for _, id := range ids {
		at[id] = len(out)
		out = append(out, BriefingOrganization{ID: id, Name: names[id], LastInteractions: []models.Interaction{},
			OpenCommitments: []models.Commitment{}})
	}
	for _, r := range ranked {
		o := &out[at[r.BriefingOrg]]
		o.LastInteractions = append(o.LastInteractions, r.Interaction)
	}
	for _, c := range commitments {
		o := &out[at[*c.CounterpartOrganizationID]]
		o.OpenCommitments = append(o.OpenCommitments, c)
	}
	return out, nil
}

// firstOfEach keeps the first occurrence of each id, in order.
func firstOfEach(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
