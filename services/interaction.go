package services

import (
	"cmp"
	"context"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// InteractionService manages meetings, calls, receptions, site visits and
// workshops, with their participants. Restricted interactions are visible
// only to their own office and to admins: interactionScope is applied to
// every query that reads interactions.
type InteractionService struct {
	db     *gorm.DB
	counts *listCounts // totals of the list (see listCounts)
}

// maxFollowUps bounds the commitments logged together with one interaction.
const maxFollowUps = 20

// InteractionView is an interaction with its participants (as the reader
// may see them) and its tag slugs.
type InteractionView struct {
	models.Interaction
	Participants []Participant
	Tags         []string
}

// InteractionInput is what a client may set when creating an interaction.
// Status defaults to held when it starts no later than now, else planned.
// Commitments are follow-ups made at this interaction, created with it in
// one transaction: the officer's "log it in ten seconds" form.
type InteractionInput struct {
	Kind, Status, Subject, Summary string
	StartsAt                       time.Time
	EndsAt                         *time.Time
	Location, City                 string
	CountryCode                    *string
	VisitID, ProjectID, OwnerID    *int64
	Restricted                     bool
	Participants                   []ParticipantInput
	Tags                           []string
	Commitments                    []CommitmentInput
}

// InteractionPatch is what a client may change on an interaction.
// Participants and tags, when sent, replace the ones the actor can see.
type InteractionPatch struct {
	Kind, Status, Subject, Summary Change[string]
	StartsAt                       Change[time.Time]
	EndsAt                         Change[*time.Time]
	Location, City                 Change[string]
	CountryCode                    Change[*string]
	VisitID, ProjectID, OwnerID    Change[*int64]
	Restricted                     Change[bool]
	Participants                   Change[[]ParticipantInput]
	Tags                           Change[[]string]
}

// InteractionFilter selects interactions; a list field holds alternatives.
// OrganizationID and ContactID select interactions with such a participant;
// StartsAfter and StartsBefore are exclusive.
type InteractionFilter struct {
	ListParams
	Kind, Status, CountryCode               []string
	VisitID, ProjectID, OfficeID, OwnerID   []int64
	OrganizationID, ContactID               []int64
	Tag                                     []string
	Restricted                              *bool
	StartsAfter, StartsBefore, UpdatedAfter *time.Time
}

// InteractionSorts is the sort allow-list of the interactions list.
var InteractionSorts = query.SortKeys[models.Interaction]{
	"starts_at": {Column: "interactions.starts_at", Value: func(i *models.Interaction) any { return i.StartsAt }, IsTime: true, Walk: "INDEXED BY ix_interactions_starts"},
	"created_at": {Column: "interactions.created_at", Value: func(i *models.Interaction) any { return i.CreatedAt }, IsTime: true,
		Pinnable: []string{"interactions.office_id"}, Walk: "INDEXED BY ix_interactions_created"},
	"updated_at": {Column: "interactions.updated_at", Value: func(i *models.Interaction) any { return i.UpdatedAt }, IsTime: true,
		Pinnable: []string{"interactions.office_id"}, Walk: "INDEXED BY ix_interactions_updated"},
	"id": {Column: "interactions.id", Value: func(i *models.Interaction) any { return i.ID }, Walk: "NOT INDEXED"},
}

// List returns one page of the interactions the actor may see, newest
// first by default. Errors: *ValidationError (sort), ErrInvalidCursor.
func (s *InteractionService) List(ctx context.Context, actor Actor, f InteractionFilter) (Page[InteractionView], error) {
	db := s.db.WithContext(ctx)
	q := interactionScope(db, actor, f.Archived)
	q = query.WhereIn(q, "interactions.kind", f.Kind)
	q = query.WhereIn(q, "interactions.status", f.Status)
	q = query.WhereIn(q, "interactions.country_code", f.CountryCode)
	q = query.WhereIn(q, "interactions.visit_id", f.VisitID)
	q = query.WhereIn(q, "interactions.project_id", f.ProjectID)
	q = query.WhereIn(q, "interactions.office_id", f.OfficeID)
	f.Pin("interactions.office_id", len(f.OfficeID))
	q = query.WhereIn(q, "interactions.owner_id", f.OwnerID)
	q = withParticipant(db, q, actor, interactionParticipants, "interactions.id", f.OrganizationID, f.ContactID)
	if f.Restricted != nil {
		q = q.Where(on(interactionsTable).filter(*f.Restricted, actor))
	}
	if f.StartsAfter != nil {
		q = q.Where("interactions.starts_at > ?", f.StartsAfter.UTC())
	}
	if f.StartsBefore != nil {
		q = q.Where("interactions.starts_at < ?", f.StartsBefore.UTC())
	}
	q = withTag(q, models.EntityInteraction, "interactions.id", f.Tag)
	countTagged(db, actor, models.EntityInteraction, f, &f.ListParams, f.Tag)
	countParticipated(db, actor, &f)
	f.Through(len(f.OrganizationID) + len(f.ContactID) + len(f.Tag))
	if f.UpdatedAfter != nil {
		q = q.Where("interactions.updated_at > ?", f.UpdatedAfter.UTC())
	}
	f.KeepThrough(s.counts.forRequest())
	if f.Q != "" {
		q = f.Search(q, "interactions")
	}
	p, err := query.List(q, InteractionSorts, "-starts_at", f.ListParams, "interactions")
	if err != nil {
		return Page[InteractionView]{}, err
	}
	views, err := s.views(db, actor, p.Items)
	return pageOf(p, views), err
}

// Get returns one live interaction the actor may see. Errors: ErrNotFound.
func (s *InteractionService) Get(ctx context.Context, actor Actor, id int64) (InteractionView, error) {
	db := s.db.WithContext(ctx)
	var it models.Interaction
	if err := interactionScope(db, actor, false).First(&it, id).Error; err != nil {
		return InteractionView{}, notFoundOr(err)
	}
	views, err := s.views(db, actor, []models.Interaction{it})
	if err != nil {
		return InteractionView{}, err
	}
	return views[0], nil
}

// Create adds an interaction, with participants, tags and follow-up
// commitments, to the actor's office. All of it is written in one
// transaction, or none of it: one invalid commitment refuses the whole log.
// Errors: ErrForbidden, *ValidationError (commitment fields as
// "commitments[i].field").
func (s *InteractionService) Create(ctx context.Context, actor Actor, in InteractionInput) (InteractionView, error) {
	if !actor.canWriteIn(actor.OfficeID) {
		return InteractionView{}, ErrForbidden
	}
	var id int64
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		it := models.Interaction{
			OfficeID: actor.OfficeID, OwnerID: in.OwnerID, Kind: in.Kind, Status: in.Status, Subject: in.Subject,
			Summary: in.Summary, StartsAt: utc(in.StartsAt), EndsAt: utcPtr(in.EndsAt), Location: in.Location,
			City: in.City, CountryCode: in.CountryCode, VisitID: in.VisitID, ProjectID: in.ProjectID, Restricted: in.Restricted,
		}
		it.Version = 1
		if it.OwnerID == nil {
			it.OwnerID = &actor.UserID
		}
		if it.Status == "" {
			it.Status = "held"
			if it.StartsAt.After(models.Now()) {
				it.Status = "planned"
			}
		}
		var verr ValidationError
		validateInteraction(tx, actor, nil, &it, &verr)
		validateParticipants(tx, actor, interactionParticipants, in.Participants, nil, &verr)
		tagIDs := resolveTags(tx, in.Tags, &verr)
		if len(in.Commitments) > maxFollowUps {
			verr.add("commitments", "at most %d commitments", maxFollowUps)
		}
		followUps := make([]models.Commitment, len(in.Commitments))
		followUpTags := make([][]int64, len(in.Commitments))
		for i, ci := range in.Commitments {
			followUps[i], followUpTags[i] = newCommitment(tx, actor, ci, &it, "commitments["+itoa(i)+"].", &verr)
		}
		if err := verr.orNil(); err != nil {
			return err
		}
		it.SearchText = interactionSearchText(&it)
		if err := tx.Create(&it).Error; err != nil {
			return err
		}
		// The people of the meeting and of its follow-ups are locked together
		// before any write that involves them (models.LockPeople).
		people := participantPeople(in.Participants)
		for _, c := range in.Commitments {
			people = appendID(people, c.CounterpartContactID)
		}
		if err := models.LockPeople(tx, people, false); err != nil {
			return err
		}
		if err := insertParticipants(tx, interactionParticipants, it.ID, in.Participants); err != nil {
			return err
		}
		if err := replaceTags(tx, models.EntityInteraction, it.ID, tagIDs); err != nil {
			return err
		}
		id = it.ID
		changes := diff(nil, &it)
		if len(in.Tags) > 0 {
			changes["tags"] = fieldChange{New: uniqueStrings(in.Tags)}
		}
		if len(in.Participants) > 0 {
			changes["participants"] = fieldChange{New: in.Participants}
		}
		if err := actor.audit(tx, ActionCreate, models.EntityInteraction, it.ID, it.OfficeID, changes); err != nil {
			return err
		}
		for i := range followUps {
			followUps[i].InteractionID = &id
			if err := insertCommitment(tx, actor, &followUps[i], followUpTags[i], in.Commitments[i].Tags); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return InteractionView{}, err
	}
	return s.Get(ctx, actor, id)
}

// Update applies a merge patch when version still matches. The writers of
// the offices organising its visit may edit it (visit_partners.go).
// Errors: ErrNotFound, ErrForbidden, ErrStale, *ValidationError.
func (s *InteractionService) Update(ctx context.Context, actor Actor, id int64, version *int64, p InteractionPatch) (InteractionView, error) {
	err := writeTx(ctx, s.db, &models.Interaction{}, id, version, func(tx *gorm.DB) error {
		var before models.Interaction
		if err := interactionScope(tx, actor, false).First(&before, id).Error; err != nil {
			return notFoundOr(err)
		}
		if ok, err := mayWriteAttached(tx, actor, before.OfficeID, before.VisitID, nil); err != nil || !ok {
			return cmp.Or(err, ErrForbidden)
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		// Times compare as instants: the drivers read them back in their
		// own zone, clients send them in theirs.
		before.StartsAt, before.EndsAt = utc(before.StartsAt), utcPtr(before.EndsAt)
		it := before
		p.Kind.apply(&it.Kind)
		p.Status.apply(&it.Status)
		p.Subject.apply(&it.Subject)
		p.Summary.apply(&it.Summary)
		p.StartsAt.apply(&it.StartsAt)
		p.EndsAt.apply(&it.EndsAt)
		it.StartsAt, it.EndsAt = utc(it.StartsAt), utcPtr(it.EndsAt)
		p.Location.apply(&it.Location)
		p.City.apply(&it.City)
		p.CountryCode.apply(&it.CountryCode)
		p.VisitID.apply(&it.VisitID)
		p.ProjectID.apply(&it.ProjectID)
		p.OwnerID.apply(&it.OwnerID)
		p.Restricted.apply(&it.Restricted)
		var verr ValidationError
		validateInteraction(tx, actor, &before, &it, &verr)
		var current []ParticipantInput
		if p.Participants.Set {
			var err error
			if current, err = visibleParticipantInputs(tx, actor, interactionParticipants, id); err != nil {
				return err
			}
			validateParticipants(tx, actor, interactionParticipants, p.Participants.Value, current, &verr)
		}
		var tagIDs []int64
		if p.Tags.Set {
			tagIDs = resolveTags(tx, p.Tags.Value, &verr)
		}
		if err := verr.orNil(); err != nil {
			return err
		}
		changes := diff(&before, &it)
		if p.Tags.Set {
			old, err := tagsOf(tx, models.EntityInteraction, []int64{id})
			if err != nil {
				return err
			}
			if next := uniqueStrings(p.Tags.Value); !equalStrings(old[id], next) {
				changes["tags"] = fieldChange{Old: old[id], New: next}
			}
			if err := replaceTags(tx, models.EntityInteraction, id, tagIDs); err != nil {
				return err
			}
		}
		if p.Participants.Set {
			if c, ok := participantsChange(current, p.Participants.Value); ok {
				changes["participants"] = c
				if err := replaceParticipants(tx, actor, interactionParticipants, id, p.Participants.Value); err != nil {
					return err
				}
			}
		}
		if len(changes) == 0 {
			return nil
		}
		it.SearchText = interactionSearchText(&it)
		it.Version = before.Version + 1
		if err := saveVersioned(tx, &it, before.Version); err != nil {
			return err
		}
		if before.Restricted != it.Restricted {
			// The review's overdue items show or hide this interaction's id.
			if err := bumpReviewEpoch(tx); err != nil {
				return err
			}
		}
		return actor.audit(tx, ActionUpdate, models.EntityInteraction, id, it.OfficeID, changes)
	})
	if err != nil {
		return InteractionView{}, err
	}
	return s.Get(ctx, actor, id)
}

// Archive soft-deletes an interaction; its commitments stay.
// Errors: ErrNotFound, ErrForbidden, ErrStale.
func (s *InteractionService) Archive(ctx context.Context, actor Actor, id int64, version *int64) error {
	return archiveRecord[models.Interaction](ctx, s.db, interactionLifecycle, actor, id, version)
}

// Restore brings an archived interaction back; a manager's act.
// Errors: ErrNotFound, ErrForbidden.
func (s *InteractionService) Restore(ctx context.Context, actor Actor, id int64) (InteractionView, error) {
	if err := restoreRecord[models.Interaction](ctx, s.db, interactionLifecycle, actor, id); err != nil {
		return InteractionView{}, err
	}
	return s.Get(ctx, actor, id)
}

// validateInteraction checks it, which actor writes; before is the stored
// interaction (nil on create). References are checked when they change; a
// visit only its organisers add sessions to (visit_partners.go).
func validateInteraction(tx *gorm.DB, actor Actor, before, it *models.Interaction, verr *ValidationError) {
	checkEnum("kind", it.Kind, models.InteractionKinds, verr)
	checkEnum("status", it.Status, models.InteractionStatuses, verr)
	checkRequired("subject", it.Subject, 300, verr)
	checkLength("summary", it.Summary, 20000, verr)
	if it.StartsAt.IsZero() {
		verr.add("starts_at", "is required")
	}
	if it.EndsAt != nil && it.EndsAt.Before(it.StartsAt) {
		verr.add("ends_at", "is before starts_at")
	}
	checkLength("location", it.Location, 300, verr)
	checkLength("city", it.City, 200, verr)
	var was models.Interaction
	if before != nil {
		was = *before
	}
	fresh := before == nil
	if fresh || was.Status != it.Status || !was.StartsAt.Equal(it.StartsAt) {
		checkHeldNotAhead(it, verr)
	}
	if fresh || !equalString(was.CountryCode, it.CountryCode) {
		checkCountry(tx, "country_code", it.CountryCode, verr)
	}
	if fresh || changedID(was.VisitID, it.VisitID) {
		checkVisit(tx, "visit_id", it.VisitID, verr)
		checkAttachToVisit(tx, actor, it.OfficeID, it.VisitID, verr)
	}
	if fresh || changedID(was.ProjectID, it.ProjectID) {
		checkProject(tx, "project_id", it.ProjectID, verr)
	}
	if fresh || changedID(was.OwnerID, it.OwnerID) {
		checkOwner(tx, it.OwnerID, it.OfficeID, verr)
	}
}

// heldClockSkew is how far ahead of the server's clock a held interaction
// may start: a phone a few minutes fast logs a meeting that has just begun.
const heldClockSkew = 10 * time.Minute

// checkHeldNotAhead refuses an interaction held in the future: it would
// count as contact in the stale review long before it happened. It runs
// when the status or the start changes, so that a stored row never blocks
// an unrelated edit.
func checkHeldNotAhead(it *models.Interaction, verr *ValidationError) {
	if it.Status == "held" && !it.StartsAt.IsZero() && it.StartsAt.After(models.Now().Add(heldClockSkew)) {
		verr.add("status", "cannot be held: it starts in the future (planned until it happens)")
	}
}

func interactionSearchText(it *models.Interaction) string {
	return query.SearchText(it.Subject, it.Summary, it.Location, it.City)
}

// views adds participants and tags to a page of interactions: one query
// for each, whatever the page size.
func (s *InteractionService) views(db *gorm.DB, actor Actor, rows []models.Interaction) ([]InteractionView, error) {
	ids := make([]int64, len(rows))
	for i := range rows {
		ids[i] = rows[i].ID
	}
	tags, err := tagsOf(db, models.EntityInteraction, ids)
	if err != nil {
		return nil, err
	}
	participants, err := participantsOf(db, actor, interactionParticipants, ids)
	if err != nil {
		return nil, err
	}
	out := make([]InteractionView, len(rows))
	for i, it := range rows {
		it.StartsAt, it.EndsAt = utc(it.StartsAt), utcPtr(it.EndsAt)
		out[i] = InteractionView{Interaction: it, Participants: nonNilSlice(participants[it.ID]), Tags: nonNil(tags[it.ID])}
	}
	return out, nil
}

// utc is the stored form of a time: UTC, to the microsecond PostgreSQL keeps.
func utc(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := utc(*t)
	return &u
}
