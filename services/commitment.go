package services

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// CommitmentService manages the follow-up promises made in meetings and
// visits. Restricted commitments are visible only to their own office and to
// admins: commitmentScope is applied to every query that reads them.
//
// Who may change what: officers and managers edit the commitments of their
// office (Actor.canWriteIn), and those of the offices organising the visit
// the commitment hangs from (visit_partners.go). Closing one (done, cancelled) is its owner's
// act or a manager's of its office (mayClose). Changing owner_id to another user is
// reassigning, a manager's act (Actor.canManage) — except that the current
// owner, whatever their role, may hand their own commitment on.
//
// Overdue is never stored: it is derived from today's date (UTC) whenever a
// commitment is read or filtered, so it cannot go stale.
type CommitmentService struct {
	db      *gorm.DB
	clock   func() time.Time         // decides "today"; models.Now outside tests
	reviews epochCache[cachedReview] // counts of recent reviews (see Review)
	counts  *listCounts              // totals of the list (see listCounts)
}

// Commitment statuses with a meaning in the rules.
const (
	commitmentOpen       = "open"
	commitmentInProgress = "in_progress"
	commitmentDone       = "done"
	commitmentCancelled  = "cancelled"
)

// noDueDate sorts undated commitments after every dated one.
const noDueDate = "9999-12-31"

// CommitmentView is a commitment with what is derived for its reader: the
// overdue flag and the tag slugs. A reference to a contact or interaction
// that the reader may not see reads as nil.
type CommitmentView struct {
	models.Commitment
	Overdue bool
	Tags    []string
}

// CommitmentInput is what a client may set when creating a commitment.
// Status defaults to open, priority to normal, direction to ours, owner to
// the creator. A commitment made at a restricted interaction is restricted,
// and takes the interaction's visit and project unless given its own.
type CommitmentInput struct {
	Title, Details, Direction                       string
	OwnerID                                         *int64
	CounterpartOrganizationID, CounterpartContactID *int64
	DueDate                                         *string
	Status, Priority                                string
	InteractionID, VisitID, ProjectID               *int64
	Restricted                                      bool
	ClosureNote                                     string
	Tags                                            []string
	// CompletedAt is when a commitment created done was completed, for
	// imports and the demo data that record past work; now when nil. No
	// API request names it: completed_at is read-only to clients.
	CompletedAt *time.Time
}

// CommitmentPatch is what a client may change on a commitment.
type CommitmentPatch struct {
	Title, Details, Direction                       Change[string]
	OwnerID                                         Change[*int64]
	CounterpartOrganizationID, CounterpartContactID Change[*int64]
	DueDate                                         Change[*string]
	Status, Priority                                Change[string]
	InteractionID, VisitID, ProjectID               Change[*int64]
	Restricted                                      Change[bool]
	ClosureNote                                     Change[string]
	Tags                                            Change[[]string]
}

// CommitmentFilter selects commitments; a list field holds alternatives.
// OrganizationID and ContactID select by counterpart. DueBefore and
// DueAfter are dates, both exclusive.
type CommitmentFilter struct {
	ListParams
	Status, Priority, Direction                  []string
	VisitID, InteractionID, ProjectID            []int64
	OfficeID, OwnerID, OrganizationID, ContactID []int64
	Tag, CountryCode                             []string
	Overdue, Restricted                          *bool
	DueBefore, DueAfter                          *string
	UpdatedAfter                                 *time.Time
}

// CommitmentSorts is the sort allow-list of the commitments list. Keyset
// paging needs NOT NULL sort values, so due_date sorts on the due date with
// undated commitments last (an expression the 0005 migration indexes), and
// priority on its rank rather than its name.
var CommitmentSorts = query.SortKeys[models.Commitment]{
	"due_date": {Column: "COALESCE(commitments.due_date, '" + noDueDate + "')", Value: dueSortValue, Walk: "INDEXED BY ix_commitments_due_sort",
		Pinnable: []string{"commitments.owner_id"}},
	"priority":   {Column: "CASE commitments.priority WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END", Value: priorityRank, Walk: "INDEXED BY ix_commitments_priority"},
	"created_at": {Column: "commitments.created_at", Value: func(c *models.Commitment) any { return c.CreatedAt }, IsTime: true, Walk: "INDEXED BY ix_commitments_created"},
	"updated_at": {Column: "commitments.updated_at", Value: func(c *models.Commitment) any { return c.UpdatedAt }, IsTime: true, Walk: "INDEXED BY ix_commitments_updated"},
	"id":         {Column: "commitments.id", Value: func(c *models.Commitment) any { return c.ID }, Walk: "NOT INDEXED"},
}

func dueSortValue(c *models.Commitment) any {
	if c.DueDate == nil {
		return noDueDate
	}
	return *c.DueDate
}

func priorityRank(c *models.Commitment) any { return rankOf(c.Priority) }

// rankOf is a priority's rank, as the priority sort's expression gives it.
func rankOf(priority string) int64 {
	switch priority {
	case "high":
		return 3
	case "normal":
		return 2
	}
	return 1
}

// rankRange is the lowest and highest rank of the given priorities.
func rankRange(priorities []string) (lo, hi int64) {
	lo, hi = rankOf(priorities[0]), rankOf(priorities[0])
	for _, p := range priorities[1:] {
		lo, hi = min(lo, rankOf(p)), max(hi, rankOf(p))
	}
	return lo, hi
}

// commitmentCountry is the SQL for a commitment's country, as the review
// groups it: its counterpart organization's, else its counterpart
// contact's (when the actor may see the contact), else its visit's host
// country. The office is written in as a number, so that the expression
// can be grouped by as it stands.
func commitmentCountry(actor Actor) string {
	return "COALESCE((SELECT NULLIF(o.country_code, '') FROM organizations o WHERE o.id = commitments.counterpart_organization_id), " +
		withoutOrganizationCountry(actor) + ")"
}

// withoutOrganizationCountry is a commitment's country when its
// organization names none: its contact's (when the actor may see the
// contact), else its visit's host country.
func withoutOrganizationCountry(actor Actor) string {
	contact := "SELECT NULLIF(k.country_code, '') FROM contacts k WHERE k.id = commitments.counterpart_contact_id"
	if !actor.IsAdmin() {
		contact += " AND " + actor.visibleSQL(on("k"))
	}
	return "COALESCE((" + contact + "), (SELECT NULLIF(v.host_country_code, '') FROM visits v WHERE v.id = commitments.visit_id))"
}

// commitmentInCountries is the condition that a commitment's country
// (commitmentCountry) is one of codes, written so that the database works
// out few countries: most commitments take their organization's, and for
// those the condition is a look-up in the set of the organizations in the
// countries (read once, through an index of every organization's country);
// only the commitments whose organization names no country, or that have
// none, have theirs worked out one by one. Counting one country's
// commitments worked out some 100,000 countries, an organization read each,
// to find 10,000 (230-760 ms over 200,000 commitments; 71-73 ms now). The
// organization reference is a foreign key: a commitment's organization is
// in the table.
func commitmentInCountries(actor Actor, codes []string) (string, []any) {
	// An empty code is no country (NULLIF above): it matches nothing.
	codes = slices.DeleteFunc(slices.Clone(codes), func(c string) bool { return c == "" })
	if len(codes) == 0 {
		return "FALSE", nil
	}
	return "(commitments.counterpart_organization_id IN (SELECT o.id FROM organizations o WHERE o.country_code IN ?)" +
		" OR ((commitments.counterpart_organization_id IS NULL OR commitments.counterpart_organization_id IN" +
		" (SELECT o.id FROM organizations o WHERE o.country_code IS NULL OR o.country_code = ''))" +
		" AND " + withoutOrganizationCountry(actor) + " IN ?))", []any{codes, codes}
}

// whereCommitmentStatus filters by status. The two open statuses together
// (what is still to be done: an owner's list, the commonest filter) are
// written out rather than bound: SQLite uses a partial index of the open
// commitments (ix_commitments_owner_open, ix_commitments_open_due_sort)
// only for a condition that visibly implies the index's own.
func whereCommitmentStatus(q *gorm.DB, statuses []string) *gorm.DB {
	if slices.Equal(uniqueStrings(statuses), []string{"in_progress", "open"}) {
		return q.Where(commitmentIsOpen)
	}
	return query.WhereIn(q, "commitments.status", statuses)
}

// commitmentIsOpen is the condition that a commitment is still to be done,
// written out for the partial indexes of open commitments (see above).
const commitmentIsOpen = "commitments.status IN ('open', 'in_progress')"

// today is the date that overdue is measured against.
func (s *CommitmentService) today() string { return s.clock().UTC().Format(time.DateOnly) }

// List returns one page of the commitments the actor may see, soonest due
// first by default. Errors: *ValidationError (sort, dates), ErrInvalidCursor.
func (s *CommitmentService) List(ctx context.Context, actor Actor, f CommitmentFilter) (Page[CommitmentView], error) {
	var verr ValidationError
	checkDate("due_before", f.DueBefore, &verr)
	checkDate("due_after", f.DueAfter, &verr)
	if err := verr.orNil(); err != nil {
		return Page[CommitmentView]{}, err
	}
	db := s.db.WithContext(ctx)
	today := s.today()
	q := commitmentScope(db, actor, f.Archived)
	q = whereCommitmentStatus(q, f.Status)
	priorities := f.Priority
	if len(priorities) > 0 && strings.TrimPrefix(f.Sort, "-") == "priority" {
		// The list by priority reads the stretch of its index that holds
		// the asked ranks, not every higher rank first (26-57 ms a page for
		// "normal" over 200,000): the filter is written a second time as a
		// range of the sort's rank, which it implies. Only under this sort:
		// PostgreSQL takes the two conditions for independent, expects a
		// quarter of the rows where half match, and lists by another sort
		// through a worse plan (1.7 → 197 ms). SQLite reads a one-value IN
		// as "=" and puts the value into the rank's expression, which then
		// no longer names the index's: the one value is listed twice.
		lo, hi := rankRange(priorities)
		q = q.Where(CommitmentSorts["priority"].Column+" BETWEEN ? AND ?", lo, hi)
		if len(priorities) == 1 {
			priorities = []string{priorities[0], priorities[0]}
		}
	}
	q = query.WhereIn(q, "commitments.priority", priorities)
	q = query.WhereIn(q, "commitments.direction", f.Direction)
	q = query.WhereIn(q, "commitments.visit_id", f.VisitID)
	q = query.WhereIn(q, "commitments.project_id", f.ProjectID)
	q = query.WhereIn(q, "commitments.office_id", f.OfficeID)
	q = query.WhereIn(q, "commitments.owner_id", f.OwnerID)
	f.Pin("commitments.owner_id", len(f.OwnerID))
	q = query.WhereIn(q, "commitments.counterpart_organization_id", f.OrganizationID)
	if len(f.CountryCode) > 0 {
		in, codes := commitmentInCountries(actor, f.CountryCode)
		q = q.Where(in, codes...)
	}
	if len(f.ContactID) > 0 {
		// A hidden contact matches nothing: its id must not tell what was promised to it.
		q = q.Where("commitments.counterpart_contact_id IN ?", f.ContactID)
		if !actor.IsAdmin() {
			q = q.Where("commitments.counterpart_contact_id NOT IN (?)", hiddenIDs(db, actor, contactsTable))
		}
	}
	if len(f.InteractionID) > 0 {
		q = q.Where("commitments.interaction_id IN ?", f.InteractionID)
		if !actor.IsAdmin() {
			q = q.Where("commitments.interaction_id NOT IN (?)", hiddenIDs(db, actor, interactionsTable))
		}
	}
	if f.Restricted != nil {
		q = q.Where(on(commitmentsTable).filter(*f.Restricted, actor))
	}
	if f.Overdue != nil {
		// The statuses are written out, not bound: SQLite uses a partial
		// index (ix_commitments_open_due_sort) only for a condition that
		// visibly implies the index's own.
		overdue := "(" + commitmentIsOpen + " AND commitments.due_date IS NOT NULL AND commitments.due_date < ?)"
		if *f.Overdue {
			q = q.Where(overdue, today)
		} else {
			q = q.Where("NOT "+overdue, today)
		}
	}
	// The due-date bounds are written a second time on the sort's own
	// expression (a dated commitment's due date is that expression's
	// value), so that the list by due date seeks to the bound in its index
	// rather than walking past every commitment due before it.
	if f.DueBefore != nil {
		q = q.Where("commitments.due_date < ? AND "+CommitmentSorts["due_date"].Column+" < ?", *f.DueBefore, *f.DueBefore)
	}
	if f.DueAfter != nil {
		q = q.Where("commitments.due_date > ? AND "+CommitmentSorts["due_date"].Column+" > ?", *f.DueAfter, *f.DueAfter)
	}
	q = withTag(q, models.EntityCommitment, "commitments.id", f.Tag)
	countTagged(db, actor, models.EntityCommitment, f, &f.ListParams, f.Tag)
	f.Through(len(f.Tag))
	if f.UpdatedAfter != nil {
		q = q.Where("commitments.updated_at > ?", f.UpdatedAfter.UTC())
	}
	f.KeepThrough(s.counts.forRequest())
	if f.Q != "" {
		q = f.Search(q, "commitments")
	}
	p, err := query.List(q, CommitmentSorts, "due_date", f.ListParams, "commitments")
	if err != nil {
		return Page[CommitmentView]{}, err
	}
	views, err := s.views(db, actor, p.Items, today)
	return pageOf(p, views), err
}

// Get returns one live commitment the actor may see. Errors: ErrNotFound.
func (s *CommitmentService) Get(ctx context.Context, actor Actor, id int64) (CommitmentView, error) {
	db := s.db.WithContext(ctx)
	var c models.Commitment
	if err := commitmentScope(db, actor, false).First(&c, id).Error; err != nil {
		return CommitmentView{}, notFoundOr(err)
	}
	views, err := s.views(db, actor, []models.Commitment{c}, s.today())
	if err != nil {
		return CommitmentView{}, err
	}
	return views[0], nil
}

// Create adds a commitment to the actor's office.
// Errors: ErrForbidden, *ValidationError.
func (s *CommitmentService) Create(ctx context.Context, actor Actor, in CommitmentInput) (CommitmentView, error) {
	if !actor.canWriteIn(actor.OfficeID) {
		return CommitmentView{}, ErrForbidden
	}
	var id int64
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var verr ValidationError
		c, tagIDs := newCommitment(tx, actor, in, nil, "", &verr)
		if err := verr.orNil(); err != nil {
			return err
		}
		// The counterpart person is locked before the review's tallies are
		// (models.LockPeople).
		if err := models.LockPeople(tx, appendID(nil, c.CounterpartContactID), false); err != nil {
			return err
		}
		if err := insertCommitment(tx, actor, &c, tagIDs, in.Tags); err != nil {
			return err
		}
		id = c.ID
		return nil
	})
	if err != nil {
		return CommitmentView{}, err
	}
	return s.Get(ctx, actor, id)
}

// Update applies a merge patch when version still matches. Setting status
// to done stamps completed_at; any other status clears it. Reopening (from
// done or cancelled back to open or in progress) also clears closure_note,
// unless the patch sets one.
// Errors: ErrNotFound, ErrForbidden (viewer, other office, reassigning
// without the right), ErrCloseNotAllowed (closing another's commitment
// without being a manager), ErrStale, *ValidationError.
func (s *CommitmentService) Update(ctx context.Context, actor Actor, id int64, version *int64, p CommitmentPatch) (CommitmentView, error) {
	err := writeTx(ctx, s.db, &models.Commitment{}, id, version, func(tx *gorm.DB) error {
		var before models.Commitment
		if err := commitmentScope(tx, actor, false).First(&before, id).Error; err != nil {
			return notFoundOr(err)
		}
		if ok, err := mayWriteAttached(tx, actor, before.OfficeID, before.VisitID, before.InteractionID); err != nil || !ok {
			return cmp.Or(err, ErrForbidden)
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		// The counterpart people, before and after, are locked before the
		// review's tallies are (models.LockPeople).
		if p.CounterpartContactID.Set {
			if err := models.LockPeople(tx, appendID(appendID(nil, before.CounterpartContactID), p.CounterpartContactID.Value), false); err != nil {
				return err
			}
		}
		c := before
		p.Title.apply(&c.Title)
		p.Details.apply(&c.Details)
		p.Direction.apply(&c.Direction)
		p.OwnerID.apply(&c.OwnerID)
		p.CounterpartOrganizationID.apply(&c.CounterpartOrganizationID)
		p.CounterpartContactID.apply(&c.CounterpartContactID)
		p.DueDate.apply(&c.DueDate)
		p.Status.apply(&c.Status)
		p.Priority.apply(&c.Priority)
		p.InteractionID.apply(&c.InteractionID)
		p.VisitID.apply(&c.VisitID)
		p.ProjectID.apply(&c.ProjectID)
		p.Restricted.apply(&c.Restricted)
		p.ClosureNote.apply(&c.ClosureNote)
		if changedID(before.OwnerID, c.OwnerID) && !mayReassign(actor, &before) {
			return ErrForbidden
		}
		if c.Status != before.Status && closedStatus(c.Status) && !mayClose(actor, &before) {
			return ErrCloseNotAllowed
		}
		switch {
		case c.Status == commitmentDone && before.Status != commitmentDone:
			now := models.Now()
			c.CompletedAt = &now
		case c.Status != commitmentDone:
			c.CompletedAt = nil
		}
		if closedStatus(before.Status) && !closedStatus(c.Status) && !p.ClosureNote.Set {
			// Reopened: the note said why it was closed, which no longer holds.
			c.ClosureNote = ""
		}
		var verr ValidationError
		validateCommitment(tx, actor, &before, &c, &verr)
		var tagIDs []int64
		if p.Tags.Set {
			tagIDs = resolveTags(tx, p.Tags.Value, &verr)
		}
		if err := verr.orNil(); err != nil {
			return err
		}
		changes := diff(&before, &c)
		if p.Tags.Set {
			old, err := tagsOf(tx, models.EntityCommitment, []int64{id})
			if err != nil {
				return err
			}
			if next := uniqueStrings(p.Tags.Value); !equalStrings(old[id], next) {
				changes["tags"] = fieldChange{Old: old[id], New: next}
			}
			if err := replaceTags(tx, models.EntityCommitment, id, tagIDs); err != nil {
				return err
			}
		}
		if len(changes) == 0 {
			return nil
		}
		c.SearchText = commitmentSearchText(&c)
		c.Version = before.Version + 1
		save := func() error { return saveVersioned(tx, &c, before.Version) }
		if talliedChange(&before, &c) {
			if err := retally(tx, save, "c.id = ?", id); err != nil {
				return err
			}
		} else if err := save(); err != nil {
			return err
		}
		if err := noticeAssigned(tx, actor, &c, before.OwnerID); err != nil {
			return err
		}
		return actor.audit(tx, ActionUpdate, models.EntityCommitment, id, c.OfficeID, changes)
	})
	if err != nil {
		return CommitmentView{}, err
	}
	return s.Get(ctx, actor, id)
}

// Archive soft-deletes a commitment. Errors: ErrNotFound, ErrForbidden, ErrStale.
func (s *CommitmentService) Archive(ctx context.Context, actor Actor, id int64, version *int64) error {
	return archiveRecord[models.Commitment](ctx, s.db, commitmentLifecycle, actor, id, version)
}

// Restore brings an archived commitment back; a manager's act.
// Errors: ErrNotFound, ErrForbidden.
func (s *CommitmentService) Restore(ctx context.Context, actor Actor, id int64) (CommitmentView, error) {
	if err := restoreRecord[models.Commitment](ctx, s.db, commitmentLifecycle, actor, id); err != nil {
		return CommitmentView{}, err
	}
	return s.Get(ctx, actor, id)
}

// ErrCloseNotAllowed is closing (done or cancelled) a commitment that is
// neither the actor's own nor one they manage.
var ErrCloseNotAllowed = fmt.Errorf("%w: only its owner or a manager of its office closes a commitment", ErrForbidden)

// closedStatus reports whether a status ends a commitment.
func closedStatus(status string) bool {
	return status == commitmentDone || status == commitmentCancelled
}

// mayClose reports whether the actor may mark the commitment done or
// cancelled: officers their own, managers any of their office, admins any.
func mayClose(actor Actor, c *models.Commitment) bool {
	return actor.canManage(c.OfficeID) || (c.OwnerID != nil && *c.OwnerID == actor.UserID && actor.Role != models.RoleViewer)
}

// mayReassign reports whether the actor may give the commitment another
// owner: managers of its office and admins always, anyone else only when it
// is theirs to hand on.
func mayReassign(actor Actor, c *models.Commitment) bool {
	return actor.canManage(c.OfficeID) || (c.OwnerID != nil && *c.OwnerID == actor.UserID)
}

// newCommitment builds and validates a commitment that actor creates, with
// its tag ids. made is the interaction it was made at when that is being
// created in the same transaction (and so has no id yet); otherwise the one
// named by InteractionID, if any, is loaded. Field errors are added to verr
// under prefix ("commitments[0]." for follow-ups logged with an interaction).
func newCommitment(tx *gorm.DB, actor Actor, in CommitmentInput, made *models.Interaction, prefix string, verr *ValidationError) (models.Commitment, []int64) {
	c := models.Commitment{
		OfficeID: actor.OfficeID, OwnerID: in.OwnerID, Title: in.Title, Details: in.Details, Direction: in.Direction,
		CounterpartOrganizationID: in.CounterpartOrganizationID, CounterpartContactID: in.CounterpartContactID,
		DueDate: in.DueDate, Status: in.Status, Priority: in.Priority, InteractionID: in.InteractionID,
		VisitID: in.VisitID, ProjectID: in.ProjectID, Restricted: in.Restricted, ClosureNote: in.ClosureNote,
	}
	c.Version = 1
	if c.OwnerID == nil {
		c.OwnerID = &actor.UserID
	}
	if c.Status == "" {
		c.Status = commitmentOpen
	}
	if c.Priority == "" {
		c.Priority = "normal"
	}
	if c.Direction == "" {
		c.Direction = "ours"
	}
	var local ValidationError
	if c.Status == commitmentDone {
		now := models.Now()
		c.CompletedAt = &now
		if in.CompletedAt != nil {
			if in.CompletedAt.After(now) {
				local.add("completed_at", "is in the future")
			}
			c.CompletedAt = utcPtr(in.CompletedAt)
		}
	}
	if made != nil && in.InteractionID != nil {
		local.add("interaction_id", "is the interaction being logged")
	}
	if made == nil && in.InteractionID != nil {
		if m := memoOf(tx); m != nil && m.actor == actor {
			made = m.interaction(tx, *in.InteractionID)
		} else {
			var it models.Interaction
			if interactionScope(tx, actor, false).First(&it, *in.InteractionID).Error == nil {
				made = &it
			}
		}
	}
	if made != nil {
		c.Restricted = c.Restricted || made.Restricted
		if c.VisitID == nil {
			c.VisitID = made.VisitID
		}
		if c.ProjectID == nil {
			c.ProjectID = made.ProjectID
		}
	}
	validateCommitment(tx, actor, nil, &c, &local)
	tagIDs := resolveTags(tx, in.Tags, &local)
	for _, f := range local.Fields {
		verr.add(prefix+f.Field, "%s", f.Message)
	}
	return c, tagIDs
}

// insertCommitment writes a validated commitment, its tags and its audit
// event in the caller's transaction.
func insertCommitment(tx *gorm.DB, actor Actor, c *models.Commitment, tagIDs []int64, tags []string) error {
	c.SearchText = commitmentSearchText(c)
	if err := tx.Create(c).Error; err != nil {
		return err
	}
	if err := tallyCommitments(tx, +1, "c.id = ?", c.ID); err != nil {
		return err
	}
	if err := replaceTags(tx, models.EntityCommitment, c.ID, tagIDs); err != nil {
		return err
	}
	changes := diff(nil, c)
	if len(tags) > 0 {
		changes["tags"] = fieldChange{New: uniqueStrings(tags)}
	}
	if err := noticeAssigned(tx, actor, c, nil); err != nil {
		return err
	}
	return actor.audit(tx, ActionCreate, models.EntityCommitment, c.ID, c.OfficeID, changes)
}

// validateCommitment checks c; before is the stored commitment (nil on
// create). References are checked when they change.
func validateCommitment(tx *gorm.DB, actor Actor, before, c *models.Commitment, verr *ValidationError) {
	checkRequired("title", c.Title, 300, verr)
	checkLength("details", c.Details, 20000, verr)
	checkEnum("direction", c.Direction, models.Directions, verr)
	checkEnum("status", c.Status, models.CommitmentStatuses, verr)
	checkEnum("priority", c.Priority, models.Priorities, verr)
	checkDate("due_date", c.DueDate, verr)
	checkLength("closure_note", c.ClosureNote, 5000, verr)
	var was models.Commitment
	if before != nil {
		was = *before
	}
	fresh := before == nil
	switch {
	case c.OwnerID == nil:
		verr.add("owner_id", "a commitment needs an owner")
	case fresh || changedID(was.OwnerID, c.OwnerID):
		checkOwner(tx, c.OwnerID, c.OfficeID, verr)
	}
	if fresh || changedID(was.CounterpartOrganizationID, c.CounterpartOrganizationID) {
		checkOrganization(tx, "counterpart_organization_id", c.CounterpartOrganizationID, verr)
	}
	if fresh || changedID(was.CounterpartContactID, c.CounterpartContactID) {
		checkContact(tx, actor, "counterpart_contact_id", c.CounterpartContactID, verr)
	}
	if fresh || changedID(was.InteractionID, c.InteractionID) {
		checkInteraction(tx, actor, "interaction_id", c.InteractionID, verr)
		checkAttachToInteraction(tx, actor, c.OfficeID, c.InteractionID, verr)
	}
	if fresh || changedID(was.VisitID, c.VisitID) {
		checkVisit(tx, "visit_id", c.VisitID, verr)
		checkAttachToVisit(tx, actor, c.OfficeID, c.VisitID, verr)
	}
	if fresh || changedID(was.ProjectID, c.ProjectID) {
		checkProject(tx, "project_id", c.ProjectID, verr)
	}
}

// checkContact requires a live contact that the actor may see; one hidden
// from them is "no such contact", like one that does not exist.
func checkContact(tx *gorm.DB, actor Actor, field string, id *int64, verr *ValidationError) {
	if id == nil {
		return
	}
	if m := memoOf(tx); m != nil && m.actor == actor {
		if !m.contact(tx, *id) {
			verr.add(field, "no such contact")
		}
		return
	}
	var n int64
	contactScope(tx, actor, false).Where("contacts.id = ?", *id).Count(&n)
	if n == 0 {
		verr.add(field, "no such contact")
	}
}

// checkInteraction requires a live interaction that the actor may see.
func checkInteraction(tx *gorm.DB, actor Actor, field string, id *int64, verr *ValidationError) {
	if id == nil {
		return
	}
	if m := memoOf(tx); m != nil && m.actor == actor {
		if m.interaction(tx, *id) == nil {
			verr.add(field, "no such interaction")
		}
		return
	}
	var n int64
	interactionScope(tx, actor, false).Where("interactions.id = ?", *id).Count(&n)
	if n == 0 {
		verr.add(field, "no such interaction")
	}
}

func commitmentSearchText(c *models.Commitment) string {
	return query.SearchText(c.Title, c.Details, c.ClosureNote)
}

// isOverdue is the one definition of overdue: still open or in progress,
// and due before today.
func isOverdue(c *models.Commitment, today string) bool {
	open := c.Status == commitmentOpen || c.Status == commitmentInProgress
	return open && c.DueDate != nil && *c.DueDate < today
}

// views derives overdue and adds tags to a page of commitments, and blanks
// the references the reader may not see: one query for the tags and, for
// non-admins, one each for hidden counterparts and interactions.
func (s *CommitmentService) views(db *gorm.DB, actor Actor, rows []models.Commitment, today string) ([]CommitmentView, error) {
	ids := make([]int64, len(rows))
	var contactIDs, interactionIDs []int64
	for i, c := range rows {
		ids[i] = c.ID
		if c.CounterpartContactID != nil {
			contactIDs = append(contactIDs, *c.CounterpartContactID)
		}
		if c.InteractionID != nil {
			interactionIDs = append(interactionIDs, *c.InteractionID)
		}
	}
	tags, err := tagsOf(db, models.EntityCommitment, ids)
	if err != nil {
		return nil, err
	}
	hiddenContact := hiddenAmong(db, actor, contactsTable, contactIDs)
	hiddenInteraction := hiddenAmong(db, actor, interactionsTable, interactionIDs)
	out := make([]CommitmentView, len(rows))
	for i, c := range rows {
		if c.CounterpartContactID != nil && hiddenContact[*c.CounterpartContactID] {
			c.CounterpartContactID = nil
		}
		if c.InteractionID != nil && hiddenInteraction[*c.InteractionID] {
			c.InteractionID = nil
		}
		out[i] = CommitmentView{Commitment: c, Overdue: isOverdue(&c, today), Tags: nonNil(tags[c.ID])}
	}
	return out, nil
}

// talliedChange reports whether an edit moves the commitment in the
// review's tallies (or its overdue items): a change of anything the review
// counts, groups or filters by. Titles, details and priority do not.
func talliedChange(before, after *models.Commitment) bool {
	return before.Status != after.Status || !equalString(before.DueDate, after.DueDate) ||
		changedID(before.OwnerID, after.OwnerID) || changedID(before.ProjectID, after.ProjectID) ||
		before.Restricted != after.Restricted || before.OfficeID != after.OfficeID ||
		changedID(before.CounterpartOrganizationID, after.CounterpartOrganizationID) ||
		changedID(before.CounterpartContactID, after.CounterpartContactID) || changedID(before.VisitID, after.VisitID) ||
		changedID(before.InteractionID, after.InteractionID)
}
