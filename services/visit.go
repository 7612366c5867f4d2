package services

import (
	"cmp"
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// VisitService manages visits (study visits, delegations, field visits,
// conferences, events) and their participants. Every signed-in user reads
// every visit; writes follow Actor.canWriteIn, widened to the visit's
// partner offices (visit_partners.go). Visits themselves are never
// restricted, but a participant can be a restricted contact: see
// participants.go for how those are shown and kept.
type VisitService struct {
	db     *gorm.DB
	counts *listCounts // totals of the list (see listCounts)
}

// VisitView is a visit with its participants (as the reader may see them)
// and its tag slugs.
type VisitView struct {
	models.Visit
	Participants     []Participant
	Tags             []string
	PartnerOfficeIDs []int64
}

// VisitInput is what a client may set when creating a visit.
type VisitInput struct {
	Title, Kind, Status                string
	Purpose, Outcomes                  string
	StartDate, EndDate                 string
	OriginCountryCode, HostCountryCode *string
	City                               string
	ProjectID, OwnerID                 *int64
	Participants                       []ParticipantInput
	Tags                               []string
	PartnerOfficeIDs                   []int64
}

// VisitPatch is what a client may change on a visit. Participants and tags,
// when sent, replace the ones the actor can see.
type VisitPatch struct {
	Title, Kind, Status                Change[string]
	Purpose, Outcomes                  Change[string]
	StartDate, EndDate                 Change[string]
	OriginCountryCode, HostCountryCode Change[*string]
	City                               Change[string]
	ProjectID, OwnerID                 Change[*int64]
	Participants                       Change[[]ParticipantInput]
	Tags                               Change[[]string]
	PartnerOfficeIDs                   Change[[]int64]
}

// VisitFilter selects visits; a list field holds alternatives. StartAfter
// and StartBefore are dates, both exclusive. OrganizationID and ContactID
// select visits with such a participant.
type VisitFilter struct {
	ListParams
	Kind, Status, HostCountryCode, OriginCountryCode []string
	ProjectID, OfficeID, OwnerID                     []int64
	OrganizationID, ContactID                        []int64
	Tag                                              []string
	StartAfter, StartBefore                          *string
	UpdatedAfter                                     *time.Time
}

// VisitSorts is the sort allow-list of the visits list.
var VisitSorts = query.SortKeys[models.Visit]{
	"start_date": {Column: "visits.start_date", Value: func(v *models.Visit) any { return v.StartDate }, Walk: "INDEXED BY ix_visits_start"},
	"title": {Column: "visits.title", Value: func(v *models.Visit) any { return v.Title },
		Pinnable: []string{"visits.kind"}, Walk: "INDEXED BY ix_visits_title", Seek: true},
	"created_at": {Column: "visits.created_at", Value: func(v *models.Visit) any { return v.CreatedAt }, IsTime: true, Walk: "INDEXED BY ix_visits_created"},
	"updated_at": {Column: "visits.updated_at", Value: func(v *models.Visit) any { return v.UpdatedAt }, IsTime: true, Walk: "INDEXED BY ix_visits_updated"},
	"id":         {Column: "visits.id", Value: func(v *models.Visit) any { return v.ID }, Walk: "NOT INDEXED"},
}

// List returns one page of visits matching f, newest first by default.
// Errors: *ValidationError (sort, dates), ErrInvalidCursor.
func (s *VisitService) List(ctx context.Context, actor Actor, f VisitFilter) (Page[VisitView], error) {
	var verr ValidationError
	checkDate("start_after", f.StartAfter, &verr)
	checkDate("start_before", f.StartBefore, &verr)
	if err := verr.orNil(); err != nil {
		return Page[VisitView]{}, err
	}
	db := s.db.WithContext(ctx)
	q := query.Base(db, &models.Visit{}, "visits", f.Archived)
	q = query.WhereIn(q, "visits.kind", f.Kind)
	f.Pin("visits.kind", len(f.Kind))
	q = query.WhereIn(q, "visits.status", f.Status)
	q = query.WhereIn(q, "visits.host_country_code", f.HostCountryCode)
	q = query.WhereIn(q, "visits.origin_country_code", f.OriginCountryCode)
	q = query.WhereIn(q, "visits.project_id", f.ProjectID)
	q = query.WhereIn(q, "visits.office_id", f.OfficeID)
	q = query.WhereIn(q, "visits.owner_id", f.OwnerID)
	q = withParticipant(db, q, actor, visitParticipants, "visits.id", f.OrganizationID, f.ContactID)
	q = withTag(q, models.EntityVisit, "visits.id", f.Tag)
	countTagged(db, actor, models.EntityVisit, f, &f.ListParams, f.Tag)
	f.Through(len(f.OrganizationID) + len(f.ContactID) + len(f.Tag))
	if f.StartAfter != nil {
		q = q.Where("visits.start_date > ?", *f.StartAfter)
	}
	if f.StartBefore != nil {
		q = q.Where("visits.start_date < ?", *f.StartBefore)
	}
	if f.UpdatedAfter != nil {
		q = q.Where("visits.updated_at > ?", f.UpdatedAfter.UTC())
	}
	f.KeepThrough(s.counts.forRequest())
	if f.Q != "" {
		q = f.Search(q, "visits")
	}
	p, err := query.List(q, VisitSorts, "-start_date", f.ListParams, "visits")
	if err != nil {
		return Page[VisitView]{}, err
	}
	views, err := s.views(db, actor, p.Items)
	return pageOf(p, views), err
}

// Get returns one live visit. Errors: ErrNotFound.
func (s *VisitService) Get(ctx context.Context, actor Actor, id int64) (VisitView, error) {
	db := s.db.WithContext(ctx)
	var v models.Visit
	if err := db.First(&v, id).Error; err != nil {
		return VisitView{}, notFoundOr(err)
	}
	views, err := s.views(db, actor, []models.Visit{v})
	if err != nil {
		return VisitView{}, err
	}
	return views[0], nil
}

// Create adds a visit, with participants and tags, to the actor's office.
// Errors: ErrForbidden, *ValidationError.
func (s *VisitService) Create(ctx context.Context, actor Actor, in VisitInput) (VisitView, error) {
	if !actor.canWriteIn(actor.OfficeID) {
		return VisitView{}, ErrForbidden
	}
	var id int64
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		v := models.Visit{
			OfficeID: actor.OfficeID, OwnerID: in.OwnerID, Title: in.Title, Kind: in.Kind, Status: in.Status,
			Purpose: in.Purpose, Outcomes: in.Outcomes, StartDate: in.StartDate, EndDate: in.EndDate,
			OriginCountryCode: in.OriginCountryCode, HostCountryCode: in.HostCountryCode, City: in.City, ProjectID: in.ProjectID,
		}
		v.Version = 1
		if v.OwnerID == nil {
			v.OwnerID = &actor.UserID
		}
		if v.Status == "" {
			v.Status = "planned"
		}
		var verr ValidationError
		validateVisit(tx, nil, &v, &verr)
		validateParticipants(tx, actor, visitParticipants, in.Participants, nil, &verr)
		partners := validatePartnerOffices(tx, v.OfficeID, in.PartnerOfficeIDs, &verr)
		tagIDs := resolveTags(tx, in.Tags, &verr)
		if err := verr.orNil(); err != nil {
			return err
		}
		v.SearchText = visitSearchText(&v)
		if err := tx.Create(&v).Error; err != nil {
			return err
		}
		if err := models.LockPeople(tx, participantPeople(in.Participants), false); err != nil {
			return err
		}
		if err := insertParticipants(tx, visitParticipants, v.ID, in.Participants); err != nil {
			return err
		}
		if err := replaceTags(tx, models.EntityVisit, v.ID, tagIDs); err != nil {
			return err
		}
		if err := replacePartnerOffices(tx, v.ID, partners); err != nil {
			return err
		}
		id = v.ID
		changes := diff(nil, &v)
		if len(in.Tags) > 0 {
			changes["tags"] = fieldChange{New: uniqueStrings(in.Tags)}
		}
		if len(in.Participants) > 0 {
			changes["participants"] = fieldChange{New: in.Participants}
		}
		if len(partners) > 0 {
			changes["partner_office_ids"] = fieldChange{New: partners}
		}
		return actor.audit(tx, ActionCreate, models.EntityVisit, v.ID, v.OfficeID, changes)
	})
	if err != nil {
		return VisitView{}, err
	}
	return s.Get(ctx, actor, id)
}

// Update applies a merge patch when version still matches. Writers of the
// visit's partner offices may edit it, but not change its partner list.
// Errors: ErrNotFound, ErrForbidden, ErrStale, *ValidationError.
func (s *VisitService) Update(ctx context.Context, actor Actor, id int64, version *int64, p VisitPatch) (VisitView, error) {
	err := writeTx(ctx, s.db, &models.Visit{}, id, version, func(tx *gorm.DB) error {
		var before models.Visit
		if err := tx.First(&before, id).Error; err != nil {
			return notFoundOr(err)
		}
		if ok, err := mayWriteAttached(tx, actor, before.OfficeID, &id, nil); err != nil || !ok {
			return cmp.Or(err, ErrForbidden)
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		v := before
		p.Title.apply(&v.Title)
		p.Kind.apply(&v.Kind)
		p.Status.apply(&v.Status)
		p.Purpose.apply(&v.Purpose)
		p.Outcomes.apply(&v.Outcomes)
		p.StartDate.apply(&v.StartDate)
		p.EndDate.apply(&v.EndDate)
		p.OriginCountryCode.apply(&v.OriginCountryCode)
		p.HostCountryCode.apply(&v.HostCountryCode)
		p.City.apply(&v.City)
		p.ProjectID.apply(&v.ProjectID)
		p.OwnerID.apply(&v.OwnerID)
		var verr ValidationError
		validateVisit(tx, &before, &v, &verr)
		var current []ParticipantInput
		if p.Participants.Set {
			var err error
			if current, err = visibleParticipantInputs(tx, actor, visitParticipants, id); err != nil {
				return err
			}
			validateParticipants(tx, actor, visitParticipants, p.Participants.Value, current, &verr)
		}
		var tagIDs []int64
		if p.Tags.Set {
			tagIDs = resolveTags(tx, p.Tags.Value, &verr)
		}
		var partnersBefore, partners []int64
		if p.PartnerOfficeIDs.Set {
			old, err := partnerOfficesOf(tx, []int64{id})
			if err != nil {
				return err
			}
			partnersBefore = nonNilSlice(old[id])
			partners = nonNilSlice(validatePartnerOffices(tx, before.OfficeID, p.PartnerOfficeIDs.Value, &verr))
		}
		if err := verr.orNil(); err != nil {
			return err
		}
		changes := diff(&before, &v)
		if p.PartnerOfficeIDs.Set && !slices.Equal(partnersBefore, partners) {
			if !actor.canWriteIn(before.OfficeID) {
				return ErrForbidden // the partner list is the visit's own office's to set
			}
			changes["partner_office_ids"] = fieldChange{Old: partnersBefore, New: partners}
			if err := replacePartnerOffices(tx, id, partners); err != nil {
				return err
			}
		}
		if p.Tags.Set {
			old, err := tagsOf(tx, models.EntityVisit, []int64{id})
			if err != nil {
				return err
			}
			if next := uniqueStrings(p.Tags.Value); !equalStrings(old[id], next) {
				changes["tags"] = fieldChange{Old: old[id], New: next}
			}
			if err := replaceTags(tx, models.EntityVisit, id, tagIDs); err != nil {
				return err
			}
		}
		if p.Participants.Set {
			if c, ok := participantsChange(current, p.Participants.Value); ok {
				changes["participants"] = c
				if err := replaceParticipants(tx, actor, visitParticipants, id, p.Participants.Value); err != nil {
					return err
				}
			}
		}
		if len(changes) == 0 {
			return nil
		}
		v.SearchText = visitSearchText(&v)
		v.Version = before.Version + 1
		save := func() error { return saveVersioned(tx, &v, before.Version) }
		if !equalString(before.HostCountryCode, v.HostCountryCode) {
			// The review counts a commitment without a counterpart country
			// under its visit's host country.
			if err := retally(tx, save, "c.visit_id = ?", id); err != nil {
				return err
			}
		} else if err := save(); err != nil {
			return err
		}
		return actor.audit(tx, ActionUpdate, models.EntityVisit, id, v.OfficeID, changes)
	})
	if err != nil {
		return VisitView{}, err
	}
	return s.Get(ctx, actor, id)
}

// Archive soft-deletes a visit; its interactions keep pointing at it.
// Errors: ErrNotFound, ErrForbidden, ErrStale.
func (s *VisitService) Archive(ctx context.Context, actor Actor, id int64, version *int64) error {
	return archiveRecord[models.Visit](ctx, s.db, visitLifecycle, actor, id, version)
}

// Restore brings an archived visit back; a manager's act.
// Errors: ErrNotFound, ErrForbidden.
func (s *VisitService) Restore(ctx context.Context, actor Actor, id int64) (VisitView, error) {
	if err := restoreRecord[models.Visit](ctx, s.db, visitLifecycle, actor, id); err != nil {
		return VisitView{}, err
	}
	return s.Get(ctx, actor, id)
}

// validateVisit checks v; before is the stored visit (nil on create).
// References are checked when they change, so that an archived project or a
// deactivated owner never blocks an unrelated edit.
func validateVisit(tx *gorm.DB, before, v *models.Visit, verr *ValidationError) {
	checkRequired("title", v.Title, 300, verr)
	checkEnum("kind", v.Kind, models.VisitKinds, verr)
	checkEnum("status", v.Status, models.VisitStatuses, verr)
	checkLength("purpose", v.Purpose, 20000, verr)
	checkLength("outcomes", v.Outcomes, 20000, verr)
	checkRequiredDate("start_date", v.StartDate, verr)
	checkRequiredDate("end_date", v.EndDate, verr)
	if v.StartDate != "" && v.EndDate != "" && v.EndDate < v.StartDate {
		verr.add("end_date", "is before start_date")
	}
	if before == nil || !equalString(before.OriginCountryCode, v.OriginCountryCode) {
		checkCountry(tx, "origin_country_code", v.OriginCountryCode, verr)
	}
	if before == nil || !equalString(before.HostCountryCode, v.HostCountryCode) {
		checkCountry(tx, "host_country_code", v.HostCountryCode, verr)
	}
	checkLength("city", v.City, 200, verr)
	if before == nil || changedID(before.ProjectID, v.ProjectID) {
		checkProject(tx, "project_id", v.ProjectID, verr)
	}
	if before == nil || changedID(before.OwnerID, v.OwnerID) {
		checkOwner(tx, v.OwnerID, v.OfficeID, verr)
	}
}

func visitSearchText(v *models.Visit) string {
	return query.SearchText(v.Title, v.City, v.Purpose, v.Outcomes)
}

// views adds participants, tags and partner offices to a page of visits:
// one query for each, whatever the page size.
func (s *VisitService) views(db *gorm.DB, actor Actor, rows []models.Visit) ([]VisitView, error) {
	ids := make([]int64, len(rows))
	for i := range rows {
		ids[i] = rows[i].ID
	}
	tags, err := tagsOf(db, models.EntityVisit, ids)
	if err != nil {
		return nil, err
	}
	participants, err := participantsOf(db, actor, visitParticipants, ids)
	if err != nil {
		return nil, err
	}
	partners, err := partnerOfficesOf(db, ids)
	if err != nil {
		return nil, err
	}
	out := make([]VisitView, len(rows))
	for i, v := range rows {
		out[i] = VisitView{Visit: v, Participants: nonNilSlice(participants[v.ID]), Tags: nonNil(tags[v.ID]),
			PartnerOfficeIDs: nonNilSlice(partners[v.ID])}
	}
	return out, nil
}

// The checks below are shared by visits, interactions and commitments.

func checkRequiredDate(field, v string, verr *ValidationError) {
	if v == "" {
		verr.add(field, "is required")
		return
	}
	checkDate(field, &v, verr)
}

func checkProject(tx *gorm.DB, field string, id *int64, verr *ValidationError) {
	if id == nil {
		return
	}
	if m := memoOf(tx); m != nil {
		if !m.project(tx, *id) {
			verr.add(field, "no such project")
		}
		return
	}
	var n int64
	tx.Model(&models.Project{}).Where("id = ?", *id).Count(&n)
	if n == 0 {
		verr.add(field, "no such project")
	}
}

func checkVisit(tx *gorm.DB, field string, id *int64, verr *ValidationError) {
	if id == nil {
		return
	}
	if m := memoOf(tx); m != nil {
		if !m.visit(tx, *id) {
			verr.add(field, "no such visit")
		}
		return
	}
	var n int64
	tx.Model(&models.Visit{}).Where("id = ?", *id).Count(&n)
	if n == 0 {
		verr.add(field, "no such visit")
	}
}

// withParticipant restricts a list to records with any of the organizations
// or contacts as a participant. A contact the actor may not see matches
// nothing: otherwise filtering by its id would tell where it took part.
func withParticipant(db, q *gorm.DB, actor Actor, t participantTable, idColumn string, orgIDs, contactIDs []int64) *gorm.DB {
	if len(orgIDs) > 0 {
		q = q.Where(idColumn+" IN (SELECT "+t.parent+" FROM "+t.table+" WHERE organization_id IN ?)", orgIDs)
	}
	if len(contactIDs) > 0 {
		sub := db.Session(&gorm.Session{NewDB: true}).Table(t.table).Select(t.parent).Where("contact_id IN ?", contactIDs)
		if !actor.IsAdmin() {
			sub = sub.Where("contact_id NOT IN (?)", hiddenIDs(db, actor, contactsTable))
		}
		q = q.Where(idColumn+" IN (?)", sub)
	}
	return q
}

func equalString(a, b *string) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
