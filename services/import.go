package services

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// ImportService loads many records at once: a migration from spreadsheets,
// another CRM, or the benchmark data set. Each call takes one batch of
// inputs of one kind and writes them in one transaction, or none of them.
//
// The rules are those of the single-record Create methods, applied by the
// same validation functions, so an import accepts exactly what the API
// would: the same defaults, field checks, reference checks (through a
// per-batch memo, see refMemo), tag slugs and search text. What differs is
// how rows reach the database: ids are reserved for the whole batch, and
// rows, positions, participants and taggings go in as multi-row INSERTs on
// SQLite and through COPY on PostgreSQL (import_copy.go).
//
// Audit: a bulk import writes one audit event per batch and kind, action
// "import", with no entity_id; its changes hold the count and the ids
// created, as ranges ({"count": {"new": 5000}, "ids": {"new": [[101, 5100]]}}).
// The history of an imported record therefore starts with the batch that
// made it rather than with a per-record "create" event; later edits are
// audited as usual.
type ImportService struct{ db *gorm.DB }

// Import returns the bulk import service.
func (s *Services) Import() *ImportService { return &ImportService{db: s.db} }

// ActionImport is the audit action of one imported batch.
const ActionImport = "import"

// MaxImportBatch bounds one call: big enough to amortise a transaction,
// small enough that a failed batch is cheap to retry.
const MaxImportBatch = 20000

// run opens the batch's transaction with a reference memo in its context.
func (s *ImportService) run(ctx context.Context, actor Actor, n int, f func(tx *gorm.DB, m *refMemo) error) error {
	if !actor.canWriteIn(actor.OfficeID) {
		return ErrForbidden
	}
	if n > MaxImportBatch {
		return &ValidationError{Fields: []FieldError{{Field: "rows", Message: fmt.Sprintf("at most %d rows per batch", MaxImportBatch)}}}
	}
	if n == 0 {
		return nil
	}
	return s.transaction(ctx, actor, f)
}

// transaction runs f in one transaction that holds the people lock, with a
// fresh reference memo in its context (and tx's).
func (s *ImportService) transaction(ctx context.Context, actor Actor, f func(tx *gorm.DB, m *refMemo) error) error {
	if s.db.Name() == models.SQLite {
		// Before the transaction takes a connection: the pool may have one.
		if err := prepareInserts(ctx, s.db); err != nil {
			return err
		}
	}
	db := s.db
	if s.db.Name() == models.Postgres {
		on, onCtx, release, err := copyConnection(ctx, s.db)
		if err != nil {
			return err
		}
		defer release()
		db, ctx = on, onCtx
	}
	// Each attempt starts from a new memo: what it learnt in a rolled-back
	// transaction may no longer hold.
	return query.RetryConflicts(ctx, func() error {
		m := newRefMemo(actor)
		return db.WithContext(withRefMemo(ctx, m)).Transaction(func(tx *gorm.DB) error {
			// A batch names thousands of people: one lock for all of them
			// (models.LockAllPeople).
			if err := lockPeopleAtStart(tx); err != nil {
				return err
			}
			if err := bulkLoadSettings(tx); err != nil {
				return err
			}
			if err := m.loadStatic(tx); err != nil {
				return err
			}
			return f(tx, m)
		})
	})
}

// rowErrors collects the field errors of one row under "rows[i].".
func rowErrors(all *ValidationError, i int, row *ValidationError) {
	for _, f := range row.Fields {
		all.add("rows["+strconv.Itoa(i)+"]."+f.Field, "%s", f.Message)
	}
}

// Organizations imports organizations into the actor's office and returns
// their ids in input order. A parent must exist before the batch.
// Errors: ErrForbidden, *ValidationError (fields as "rows[i].field").
func (s *ImportService) Organizations(ctx context.Context, actor Actor, in []OrganizationInput) ([]int64, error) {
	var ids []int64
	err := s.run(ctx, actor, len(in), func(tx *gorm.DB, m *refMemo) error { return organizationBatch(tx, m, actor, in, true, &ids) })
	return ids, err
}

// organizationBatch validates and writes one batch in tx, its ids into out; audit
// says whether the batch writes its own audit event.
func organizationBatch(tx *gorm.DB, m *refMemo, actor Actor, in []OrganizationInput, audit bool, out *[]int64) error {
	var ids []int64
	var parents []int64
	for _, x := range in {
		if x.ParentID != nil {
			parents = append(parents, *x.ParentID)
		}
	}
	if err := m.warm(tx, parents, nil, nil, nil, nil); err != nil {
		return err
	}
	now := models.Now()
	rows := make([]models.Organization, len(in))
	tagIDs := make([][]int64, len(in))
	var verr ValidationError
	for i, x := range in {
		o := models.Organization{
			OfficeID: actor.OfficeID, OwnerID: x.OwnerID, Name: x.Name, NameLocal: x.NameLocal,
			Acronym: x.Acronym, Type: x.Type, Level: x.Level, CountryCode: x.CountryCode, City: x.City,
			ParentID: x.ParentID, Website: x.Website, Email: x.Email, Phone: x.Phone,
			Description: x.Description, Influence: x.Influence, Interest: x.Interest,
		}
		if o.OwnerID == nil {
			o.OwnerID = &actor.UserID
		}
		var row ValidationError
		validateOrganization(tx, nil, &o, &row)
		tagIDs[i] = resolveTags(tx, x.Tags, &row)
		rowErrors(&verr, i, &row)
		o.Version, o.CreatedAt, o.UpdatedAt = 1, now, now
		rows[i] = o
	}
	if err := verr.orNil(); err != nil {
		return err
	}
	query.EachInParallel(len(rows), func(i int) {
		rows[i].SearchText = organizationSearchText(&rows[i])
		rows[i].SortKey = models.OrganizationSortKey(&rows[i])
	})
	var err error
	if ids, err = reserveIDs(tx, "organizations", len(rows)); err != nil {
		return err
	}
	b := newBulk(tx)
	for i := range rows {
		o := &rows[i]
		o.ID = ids[i]
		b.add("organizations", organizationCols, o.ID, o.Version, o.CreatedAt, o.UpdatedAt, o.OfficeID, o.OwnerID, o.Name,
			o.NameLocal, o.Acronym, o.Type, o.Level, o.CountryCode, o.City, o.ParentID, o.Website, o.Email, o.Phone,
			o.Description, o.Influence, o.Interest, o.SearchText, o.SortKey)
		addTaggings(b, models.EntityOrganization, o.ID, tagIDs[i])
	}
	*out = ids
	if err := b.finish(actor, audit, models.EntityOrganization, ids); err != nil {
		return err
	}
	return models.AddDuplicateKeys(tx, models.DuplicateOrganizations, ids)
}

// Contacts imports contacts, with their positions and tags, into the
// actor's office and returns their ids in input order.
// Errors: ErrForbidden, *ValidationError (fields as "rows[i].field").
func (s *ImportService) Contacts(ctx context.Context, actor Actor, in []ContactInput) ([]int64, error) {
	var ids []int64
	err := s.run(ctx, actor, len(in), func(tx *gorm.DB, m *refMemo) error { return contactBatch(tx, m, actor, in, true, &ids) })
	return ids, err
}

// contactBatch validates and writes one batch in tx, its ids into out; audit
// says whether the batch writes its own audit event.
func contactBatch(tx *gorm.DB, m *refMemo, actor Actor, in []ContactInput, audit bool, out *[]int64) error {
	var ids []int64
	var orgs []int64
	for _, x := range in {
		for _, p := range x.Positions {
			orgs = append(orgs, p.OrganizationID)
		}
	}
	if err := m.warm(tx, orgs, nil, nil, nil, nil); err != nil {
		return err
	}
	now := models.Now()
	rows := make([]models.Contact, len(in))
	tagIDs := make([][]int64, len(in))
	var verr ValidationError
	for i, x := range in {
		c := models.Contact{
			OfficeID: actor.OfficeID, OwnerID: x.OwnerID, Honorific: x.Honorific, GivenName: x.GivenName,
			FamilyName: x.FamilyName, NameLocal: x.NameLocal, Gender: x.Gender, Email: x.Email,
			Phone: x.Phone, Languages: strings.Join(x.Languages, ","), CountryCode: x.CountryCode,
			City: x.City, Notes: x.Notes, Restricted: x.Restricted, ConsentBasis: x.ConsentBasis,
			ConsentDate: x.ConsentDate, ConsentSource: x.ConsentSource, ConsentWithdrawnAt: utcPtr(x.ConsentWithdrawnAt),
		}
		if c.OwnerID == nil {
			c.OwnerID = &actor.UserID
		}
		var row ValidationError
		validateContact(tx, nil, &c, x.Languages, &row)
		validatePositions(tx, x.Positions, nil, &row)
		tagIDs[i] = resolveTags(tx, x.Tags, &row)
		rowErrors(&verr, i, &row)
		c.Version, c.CreatedAt, c.UpdatedAt = 1, now, now
		c.FullName = fullName(&c)
		rows[i] = c
	}
	if err := verr.orNil(); err != nil {
		return err
	}
	query.EachInParallel(len(rows), func(i int) {
		rows[i].SearchText = contactSearchText(&rows[i])
		rows[i].SortKey = models.ContactSortKey(&rows[i])
	})
	var err error
	if ids, err = reserveIDs(tx, "contacts", len(rows)); err != nil {
		return err
	}
	b := newBulk(tx)
	for i := range rows {
		c := &rows[i]
		c.ID = ids[i]
		b.add("contacts", contactCols, c.ID, c.Version, c.CreatedAt, c.UpdatedAt, c.OfficeID, c.OwnerID, c.Honorific,
			c.GivenName, c.FamilyName, c.FullName, c.NameLocal, c.Gender, c.Email, c.Phone, c.Languages,
			c.CountryCode, c.City, c.Notes, c.Restricted, c.ConsentBasis, c.ConsentDate, c.ConsentSource, c.ConsentWithdrawnAt,
			c.SearchText, c.SortKey)
		for _, p := range in[i].Positions {
			b.add("positions", positionCols, c.ID, p.OrganizationID, p.Title, p.StartDate, p.EndDate, p.Primary, now)
		}
		addTaggings(b, models.EntityContact, c.ID, tagIDs[i])
	}
	*out = ids
	if err := b.finish(actor, audit, models.EntityContact, ids); err != nil {
		return err
	}
	return models.AddDuplicateKeys(tx, models.DuplicateContacts, ids)
}

// Visits imports visits, with their participants and tags, into the
// actor's office and returns their ids in input order.
// Errors: ErrForbidden, *ValidationError (fields as "rows[i].field").
func (s *ImportService) Visits(ctx context.Context, actor Actor, in []VisitInput) ([]int64, error) {
	var ids []int64
	err := s.run(ctx, actor, len(in), func(tx *gorm.DB, m *refMemo) error { return visitBatch(tx, m, actor, in, true, &ids) })
	return ids, err
}

// visitBatch validates and writes one batch in tx, its ids into out; audit
// says whether the batch writes its own audit event.
func visitBatch(tx *gorm.DB, m *refMemo, actor Actor, in []VisitInput, audit bool, out *[]int64) error {
	var ids []int64
	var orgs, contacts, projects []int64
	for _, x := range in {
		orgs, contacts = participantRefs(x.Participants, orgs, contacts)
		if x.ProjectID != nil {
			projects = append(projects, *x.ProjectID)
		}
	}
	if err := m.warm(tx, orgs, contacts, nil, projects, nil); err != nil {
		return err
	}
	now := models.Now()
	rows := make([]models.Visit, len(in))
	tagIDs := make([][]int64, len(in))
	var verr ValidationError
	for i, x := range in {
		v := models.Visit{
			OfficeID: actor.OfficeID, OwnerID: x.OwnerID, Title: x.Title, Kind: x.Kind, Status: x.Status,
			Purpose: x.Purpose, Outcomes: x.Outcomes, StartDate: x.StartDate, EndDate: x.EndDate,
			OriginCountryCode: x.OriginCountryCode, HostCountryCode: x.HostCountryCode, City: x.City, ProjectID: x.ProjectID,
		}
		if v.OwnerID == nil {
			v.OwnerID = &actor.UserID
		}
		if v.Status == "" {
			v.Status = "planned"
		}
		var row ValidationError
		validateVisit(tx, nil, &v, &row)
		validateParticipants(tx, actor, visitParticipants, x.Participants, nil, &row)
		tagIDs[i] = resolveTags(tx, x.Tags, &row)
		rowErrors(&verr, i, &row)
		v.Version, v.CreatedAt, v.UpdatedAt = 1, now, now
		rows[i] = v
	}
	if err := verr.orNil(); err != nil {
		return err
	}
	query.EachInParallel(len(rows), func(i int) { rows[i].SearchText = visitSearchText(&rows[i]) })
	var err error
	if ids, err = reserveIDs(tx, "visits", len(rows)); err != nil {
		return err
	}
	b := newBulk(tx)
	for i := range rows {
		v := &rows[i]
		v.ID = ids[i]
		b.add("visits", visitCols, v.ID, v.Version, v.CreatedAt, v.UpdatedAt, v.OfficeID, v.OwnerID, v.Title, v.Kind,
			v.Status, v.Purpose, v.Outcomes, v.StartDate, v.EndDate, v.OriginCountryCode, v.HostCountryCode,
			v.City, v.ProjectID, v.SearchText)
		for _, p := range in[i].Participants {
			b.add("visit_participants", visitParticipantCols, v.ID, p.OrganizationID, p.ContactID, p.Side, p.Role)
		}
		addTaggings(b, models.EntityVisit, v.ID, tagIDs[i])
	}
	*out = ids
	return b.finish(actor, audit, models.EntityVisit, ids)
}

// Interactions imports interactions, with their participants and tags,
// into the actor's office and returns their ids in input order. Follow-up
// commitments are imported with Commitments, pointing at these ids.
// Errors: ErrForbidden, *ValidationError (fields as "rows[i].field").
func (s *ImportService) Interactions(ctx context.Context, actor Actor, in []InteractionInput) ([]int64, error) {
	var ids []int64
	err := s.run(ctx, actor, len(in), func(tx *gorm.DB, m *refMemo) error { return interactionBatch(tx, m, actor, in, true, &ids) })
	return ids, err
}

// interactionBatch validates and writes one batch in tx, its ids into out; audit
// says whether the batch writes its own audit event.
func interactionBatch(tx *gorm.DB, m *refMemo, actor Actor, in []InteractionInput, audit bool, out *[]int64) error {
	var ids []int64
	var orgs, contacts, visits, projects []int64
	for _, x := range in {
		orgs, contacts = participantRefs(x.Participants, orgs, contacts)
		if x.VisitID != nil {
			visits = append(visits, *x.VisitID)
		}
		if x.ProjectID != nil {
			projects = append(projects, *x.ProjectID)
		}
	}
	if err := m.warm(tx, orgs, contacts, visits, projects, nil); err != nil {
		return err
	}
	now := models.Now()
	rows := make([]models.Interaction, len(in))
	tagIDs := make([][]int64, len(in))
	var verr ValidationError
	for i, x := range in {
		it := models.Interaction{
			OfficeID: actor.OfficeID, OwnerID: x.OwnerID, Kind: x.Kind, Status: x.Status, Subject: x.Subject,
			Summary: x.Summary, StartsAt: utc(x.StartsAt), EndsAt: utcPtr(x.EndsAt), Location: x.Location,
			City: x.City, CountryCode: x.CountryCode, VisitID: x.VisitID, ProjectID: x.ProjectID, Restricted: x.Restricted,
		}
		if it.OwnerID == nil {
			it.OwnerID = &actor.UserID
		}
		if it.Status == "" {
			it.Status = "held"
			if it.StartsAt.After(now) {
				it.Status = "planned"
			}
		}
		var row ValidationError
		validateInteraction(tx, actor, nil, &it, &row)
		validateParticipants(tx, actor, interactionParticipants, x.Participants, nil, &row)
		tagIDs[i] = resolveTags(tx, x.Tags, &row)
		if len(x.Commitments) > 0 {
			row.add("commitments", "import follow-ups as commitments pointing at the imported interaction")
		}
		rowErrors(&verr, i, &row)
		it.Version, it.CreatedAt, it.UpdatedAt = 1, now, now
		rows[i] = it
	}
	if err := verr.orNil(); err != nil {
		return err
	}
	query.EachInParallel(len(rows), func(i int) { rows[i].SearchText = interactionSearchText(&rows[i]) })
	var err error
	if ids, err = reserveIDs(tx, "interactions", len(rows)); err != nil {
		return err
	}
	b := newBulk(tx)
	for i := range rows {
		it := &rows[i]
		it.ID = ids[i]
		b.add("interactions", interactionCols, it.ID, it.Version, it.CreatedAt, it.UpdatedAt, it.OfficeID, it.OwnerID,
			it.Kind, it.Status, it.Subject, it.Summary, it.StartsAt, it.EndsAt, it.Location, it.City, it.CountryCode,
			it.VisitID, it.ProjectID, it.Restricted, it.SearchText)
		for _, p := range in[i].Participants {
			b.add("interaction_participants", interactionParticipantCols, it.ID, p.OrganizationID, p.ContactID, p.Role)
		}
		addTaggings(b, models.EntityInteraction, it.ID, tagIDs[i])
	}
	*out = ids
	return b.finish(actor, audit, models.EntityInteraction, ids)
}

// Commitments imports commitments into the actor's office and returns
// their ids in input order. As with Create, one made at a restricted
// interaction is restricted and takes the interaction's visit and project.
// Errors: ErrForbidden, *ValidationError (fields as "rows[i].field").
func (s *ImportService) Commitments(ctx context.Context, actor Actor, in []CommitmentInput) ([]int64, error) {
	var ids []int64
	err := s.run(ctx, actor, len(in), func(tx *gorm.DB, m *refMemo) error { return commitmentBatch(tx, m, actor, in, true, &ids) })
	return ids, err
}

// commitmentBatch validates and writes one batch in tx, its ids into out; audit
// says whether the batch writes its own audit event.
func commitmentBatch(tx *gorm.DB, m *refMemo, actor Actor, in []CommitmentInput, audit bool, out *[]int64) error {
	var ids []int64
	var orgs, contacts, visits, projects, interactions []int64
	for _, x := range in {
		orgs = appendID(orgs, x.CounterpartOrganizationID)
		contacts = appendID(contacts, x.CounterpartContactID)
		visits = appendID(visits, x.VisitID)
		projects = appendID(projects, x.ProjectID)
		interactions = appendID(interactions, x.InteractionID)
	}
	if err := m.warm(tx, orgs, contacts, nil, projects, interactions); err != nil {
		return err
	}
	// The visits and projects inherited from interactions are checked too.
	for _, id := range interactions {
		if it := m.interactions[id]; it != nil {
			visits = appendID(visits, it.VisitID)
			projects = appendID(projects, it.ProjectID)
		}
	}
	if err := m.warm(tx, nil, nil, visits, projects, nil); err != nil {
		return err
	}
	now := models.Now()
	rows := make([]models.Commitment, len(in))
	tagIDs := make([][]int64, len(in))
	var verr ValidationError
	for i, x := range in {
		var row ValidationError
		rows[i], tagIDs[i] = newCommitment(tx, actor, x, nil, "", &row)
		rowErrors(&verr, i, &row)
		rows[i].CreatedAt, rows[i].UpdatedAt = now, now
	}
	if err := verr.orNil(); err != nil {
		return err
	}
	query.EachInParallel(len(rows), func(i int) { rows[i].SearchText = commitmentSearchText(&rows[i]) })
	var err error
	if ids, err = reserveIDs(tx, "commitments", len(rows)); err != nil {
		return err
	}
	b := newBulk(tx)
	for i := range rows {
		c := &rows[i]
		c.ID = ids[i]
		b.add("commitments", commitmentCols, c.ID, c.Version, c.CreatedAt, c.UpdatedAt, c.OfficeID, c.OwnerID, c.Title,
			c.Details, c.Direction, c.CounterpartOrganizationID, c.CounterpartContactID, c.DueDate, c.Status,
			c.Priority, c.InteractionID, c.VisitID, c.ProjectID, c.Restricted, c.CompletedAt, c.ClosureNote, c.SearchText)
		addTaggings(b, models.EntityCommitment, c.ID, tagIDs[i])
	}
	*out = ids
	if err := b.finish(actor, audit, models.EntityCommitment, ids); err != nil {
		return err
	}
	return chunkIDs(ids, func(part []int64) error { return tallyCommitments(tx, +1, "c.id IN ?", part) })
}

func appendID(ids []int64, id *int64) []int64 {
	if id != nil {
		return append(ids, *id)
	}
	return ids
}

func participantRefs(ps []ParticipantInput, orgs, contacts []int64) ([]int64, []int64) {
	for _, p := range ps {
		orgs = appendID(orgs, p.OrganizationID)
		contacts = appendID(contacts, p.ContactID)
	}
	return orgs, contacts
}

// The columns each bulk INSERT writes, in the order the rows give them.
var (
	organizationCols = []string{"id", "version", "created_at", "updated_at", "office_id", "owner_id", "name", "name_local",
		"acronym", "type", "level", "country_code", "city", "parent_id", "website", "email", "phone", "description",
		"influence", "interest", "search_text", "sort_key"}
	contactCols = []string{"id", "version", "created_at", "updated_at", "office_id", "owner_id", "honorific", "given_name",
		"family_name", "full_name", "name_local", "gender", "email", "phone", "languages", "country_code", "city", "notes",
		"restricted", "consent_basis", "consent_date", "consent_source", "consent_withdrawn_at", "search_text", "sort_key"}
	positionCols = []string{"contact_id", "organization_id", "title", "start_date", "end_date", `"primary"`, "created_at"}
	visitCols    = []string{"id", "version", "created_at", "updated_at", "office_id", "owner_id", "title", "kind", "status",
		"purpose", "outcomes", "start_date", "end_date", "origin_country_code", "host_country_code", "city", "project_id", "search_text"}
	visitParticipantCols = []string{"visit_id", "organization_id", "contact_id", "side", "role"}
	interactionCols      = []string{"id", "version", "created_at", "updated_at", "office_id", "owner_id", "kind", "status",
		"subject", "summary", "starts_at", "ends_at", "location", "city", "country_code", "visit_id", "project_id",
		"restricted", "search_text"}
	interactionParticipantCols = []string{"interaction_id", "organization_id", "contact_id", "role"}
	commitmentCols             = []string{"id", "version", "created_at", "updated_at", "office_id", "owner_id", "title", "details",
		"direction", "counterpart_organization_id", "counterpart_contact_id", "due_date", "status", "priority",
		"interaction_id", "visit_id", "project_id", "restricted", "completed_at", "closure_note", "search_text"}
	taggingCols = []string{"entity_type", "entity_id", "tag_id"}
	auditCols   = []string{"at", "actor_id", "action", "entity", "entity_id", "office_id", "changes", "client_addr", "request_id"}
)

func addTaggings(b *bulk, entity string, id int64, tagIDs []int64) {
	for _, t := range tagIDs {
		b.add("taggings", taggingCols, entity, id, t)
	}
}

// reserveIDs hands out n ids of table for rows about to be inserted with
// explicit ids, so that their children can point at them in the same batch.
// PostgreSQL draws them from the identity sequence (safe beside concurrent
// writers); in a bulk load (models.WithBulkLoad), which nothing else
// writes beside, it moves the sequence past the n ids in one step instead
// of drawing them one by one (8 ms of server time per 5,000). SQLite's
// transactions take the write lock at BEGIN (see models.Open), so the
// next ids after both the AUTOINCREMENT counter and the largest id are
// this transaction's alone, and inserting them moves the counter on.
//
// It is every batch's first write: a batch that takes turns with the one
// before it (WithWriteTurn) waits here for its turn.
func reserveIDs(tx *gorm.DB, table string, n int) ([]int64, error) {
	if err := awaitWriteTurn(tx); err != nil {
		return nil, err
	}
	ids := make([]int64, 0, n)
	if tx.Name() == models.Postgres && models.IsBulkLoad(tx.Statement.Context) {
		var last int64
		err := tx.Raw("SELECT setval(pg_get_serial_sequence(?, 'id'), nextval(pg_get_serial_sequence(?, 'id')) + ? - 1)", table, table, n).
			Scan(&last).Error
		for id := last - int64(n) + 1; id <= last; id++ {
			ids = append(ids, id)
		}
		return ids, err
	}
	if tx.Name() == models.Postgres {
		err := tx.Raw("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)", table, n).Scan(&ids).Error
		if err == nil && len(ids) != n {
			err = fmt.Errorf("reserve ids of %s: got %d of %d", table, len(ids), n)
		}
		return ids, err
	}
	var last int64
	err := tx.Raw("SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), COALESCE((SELECT MAX(id) FROM "+table+"), 0))", table).
		Scan(&last).Error
	for i := 1; i <= n; i++ {
		ids = append(ids, last+int64(i))
	}
	return ids, err
}

// bulk gathers the rows of one batch per table and writes each table with
// multi-row INSERTs through the transaction's connection, bypassing gorm's
// per-row reflection. Tables are written in the order first added, which
// is the order of their foreign keys.
type bulk struct {
	tx     *gorm.DB
	order  []string
	cols   map[string][]string
	values map[string][]any
}

func newBulk(tx *gorm.DB) *bulk {
	return &bulk{tx: tx, cols: map[string][]string{}, values: map[string][]any{}}
}

func (b *bulk) add(table string, cols []string, values ...any) {
	if _, ok := b.cols[table]; !ok {
		b.order = append(b.order, table)
		b.cols[table] = cols
	}
	b.values[table] = append(b.values[table], values...)
}

// finish writes every table and, when audit is set, the batch's audit event.
func (b *bulk) finish(actor Actor, audit bool, entity string, ids []int64) error {
	if !audit {
		return b.write()
	}
	changes := map[string]fieldChange{"count": {New: len(ids)}, "ids": {New: idRanges(ids)}}
	raw, err := jsonText(changes)
	if err != nil {
		return err
	}
	uid, office := actor.UserID, actor.OfficeID
	b.add("audit_events", auditCols, models.Now(), &uid, ActionImport, entity, nil, &office, raw, actor.ClientAddr, actor.RequestID)
	return b.write()
}

// write inserts every table's rows.
func (b *bulk) write() error {
	for _, t := range b.order {
		if err := b.insert(t, b.cols[t], b.values[t]); err != nil {
			return fmt.Errorf("import %s: %w", t, err)
		}
	}
	return nil
}

// sqliteInsertRows are the statement sizes SQLite inserts with, largest
// first: rows go in 64 at a time, the tail in smaller steps.
var sqliteInsertRows = []int{64, 8, 1}

func (b *bulk) insert(table string, cols []string, values []any) error {
	if b.tx.Name() == models.SQLite {
		return b.insertPrepared(table, cols, values)
	}
	// PostgreSQL: ImportService.transaction runs every batch on one
	// connection, which COPY needs.
	conn := copyConn(b.tx.Statement.Context)
	if conn == nil {
		return fmt.Errorf("bulk insert into %s outside an import transaction", table)
	}
	return copyIn(b.tx.Statement.Context, conn, table, cols, values)
}

// insertPrepared writes rows on SQLite through statements of a few fixed
// sizes, prepared once (prepareInserts) and kept: compiling one statement
// of thousands of rows per batch cost about a third of the insert, while
// binding and stepping cost the same in small statements. Each kept
// statement is a few tens of kilobytes per connection.
func (b *bulk) insertPrepared(table string, cols []string, values []any) error {
	ctx := b.tx.Statement.Context
	tx, ok := b.tx.Statement.ConnPool.(*sql.Tx)
	sqlDB, err := b.tx.DB()
	if !ok || err != nil {
		return fmt.Errorf("bulk insert outside a transaction")
	}
	width := len(cols)
	for _, n := range sqliteInsertRows {
		if len(values) < n*width {
			continue
		}
		s, ok := insertStmts.Load(insertKey{sqlDB, insertSQL(table, cols, n)})
		if !ok {
			return fmt.Errorf("bulk insert into %s: no prepared statement", table)
		}
		// Prepared again on the transaction's connection if it is another
		// than the one it was first prepared on, then kept there too.
		txStmt := tx.StmtContext(ctx, s.(*sql.Stmt))
		for len(values) >= n*width {
			if _, err := txStmt.ExecContext(ctx, values[:n*width]...); err != nil {
				_ = txStmt.Close()
				return err
			}
			values = values[n*width:]
		}
		if err := txStmt.Close(); err != nil {
			return err
		}
	}
	return nil
}

type insertKey struct {
	db   *sql.DB
	text string
}

// insertStmts holds the prepared bulk inserts per database handle and text.
var insertStmts sync.Map

// bulkTables are the tables the import writes, with their columns.
var bulkTables = []struct {
	table string
	cols  []string
}{
	{"organizations", organizationCols}, {"contacts", contactCols}, {"positions", positionCols}, {"visits", visitCols},
	{"visit_participants", visitParticipantCols}, {"interactions", interactionCols},
	{"interaction_participants", interactionParticipantCols}, {"commitments", commitmentCols},
	{"taggings", taggingCols}, {"audit_events", auditCols},
}

// prepareInserts prepares every bulk insert once per database handle.
func prepareInserts(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	for _, t := range bulkTables {
		for _, n := range sqliteInsertRows {
			key := insertKey{sqlDB, insertSQL(t.table, t.cols, n)}
			if _, ok := insertStmts.Load(key); ok {
				continue
			}
			s, err := sqlDB.PrepareContext(ctx, key.text)
			if err != nil {
				return err
			}
			if _, loaded := insertStmts.LoadOrStore(key, s); loaded {
				_ = s.Close()
			}
		}
	}
	return nil
}

// insertSQL is "INSERT INTO table (cols) VALUES (?, …), (…)" for n rows,
// as SQLite's prepared bulk inserts take them.
func insertSQL(table string, cols []string, n int) string {
	var sb strings.Builder
	sb.Grow(32 + n*len(cols)*6)
	sb.WriteString("INSERT INTO ")
	sb.WriteString(table)
	sb.WriteString(" (")
	sb.WriteString(strings.Join(cols, ", "))
	sb.WriteString(") VALUES ")
	for r := 0; r < n; r++ {
		if r > 0 {
			sb.WriteString(", ")
		}
		sb.WriteByte('(')
		for c := range cols {
			if c > 0 {
				sb.WriteString(", ")
			}
			sb.WriteByte('?')
		}
		sb.WriteByte(')')
	}
	return sb.String()
}

// idRanges compresses ids into [first, last] runs of consecutive values.
func idRanges(ids []int64) [][2]int64 {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	var out [][2]int64
	for _, id := range sorted {
		if n := len(out); n > 0 && out[n-1][1]+1 == id {
			out[n-1][1] = id
			continue
		}
		out = append(out, [2]int64{id, id})
	}
	return out
}

func jsonText(v any) (string, error) {
	raw, err := json.Marshal(v)
	return string(raw), err
}
