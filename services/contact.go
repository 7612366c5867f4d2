package services

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// ContactService manages contacts and their positions. Restricted contacts
// are visible only to their own office and to admins: contactScope is
// applied to every query that reads contacts.
type ContactService struct {
	db     *gorm.DB
	counts *listCounts // totals of the list (see listCounts)
}

// ContactView is a contact with its positions and tag slugs. A position's
// CreatedAt is not read (views) and stays zero.
type ContactView struct {
	models.Contact
	Positions []models.Position
	Tags      []string
}

// PositionInput is one position as a client sends it. The JSON names are
// how the audit trail records it: as the contacts API spells a position.
type PositionInput struct {
	OrganizationID int64   `json:"organization_id"`
	Title          string  `json:"title,omitempty"`
	StartDate      *string `json:"start_date,omitempty"`
	EndDate        *string `json:"end_date,omitempty"`
	Primary        bool    `json:"primary,omitempty"`
}

// ContactInput is what a client may set when creating a contact.
type ContactInput struct {
	Honorific, GivenName, FamilyName, NameLocal string
	Gender                                      *string
	Email, Phone                                string
	Languages                                   []string
	CountryCode                                 *string
	City, Notes                                 string
	Restricted                                  bool
	ConsentBasis                                *string
	ConsentDate                                 *string
	ConsentSource                               string
	ConsentWithdrawnAt                          *time.Time
	OwnerID                                     *int64
	Positions                                   []PositionInput
	Tags                                        []string
}

// ContactPatch is what a client may change on a contact.
type ContactPatch struct {
	Honorific, GivenName, FamilyName, NameLocal Change[string]
	Gender                                      Change[*string]
	Email, Phone                                Change[string]
	Languages                                   Change[[]string]
	CountryCode                                 Change[*string]
	City, Notes                                 Change[string]
	Restricted                                  Change[bool]
	ConsentBasis                                Change[*string]
	ConsentDate                                 Change[*string]
	ConsentSource                               Change[string]
	ConsentWithdrawnAt                          Change[*time.Time]
	OwnerID                                     Change[*int64]
	Positions                                   Change[[]PositionInput]
	Tags                                        Change[[]string]
}

// ContactFilter selects contacts; a list field holds alternatives.
type ContactFilter struct {
	ListParams
	Gender, CountryCode               []string
	OfficeID, OwnerID, OrganizationID []int64
	ID                                []int64
	Tag                               []string
	Restricted                        *bool
	UpdatedAfter                      *time.Time
}

// ContactSorts is the sort allow-list of the contacts list. name, the
// default, files people as they are looked for: by folded family name, then
// given name, the honorific ignored (models.ContactSortKey).
var ContactSorts = query.SortKeys[models.Contact]{
	"name": {Column: "contacts.sort_key", Value: func(c *models.Contact) any { return c.SortKey },
		Pinnable: []string{"contacts.country_code", "contacts.owner_id", "contacts.office_id", "contacts.gender"}, Walk: "INDEXED BY ix_contacts_sort", Seek: true},
	"full_name": {Column: "contacts.full_name", Value: func(c *models.Contact) any { return c.FullName },
		Pinnable: []string{"contacts.country_code", "contacts.owner_id", "contacts.office_id", "contacts.gender"}, Walk: "INDEXED BY ix_contacts_full_name", Seek: true},
	"family_name": {Column: "contacts.family_name", Value: func(c *models.Contact) any { return c.FamilyName },
		Pinnable: []string{"contacts.office_id"}, Walk: "INDEXED BY ix_contacts_family_name", Seek: true},
	"created_at": {Column: "contacts.created_at", Value: func(c *models.Contact) any { return c.CreatedAt }, IsTime: true,
		Pinnable: []string{"contacts.office_id"}, Walk: "INDEXED BY ix_contacts_created"},
	"updated_at": {Column: "contacts.updated_at", Value: func(c *models.Contact) any { return c.UpdatedAt }, IsTime: true,
		Pinnable: []string{"contacts.country_code", "contacts.owner_id", "contacts.office_id"}, Walk: "INDEXED BY ix_contacts_updated"},
	"id": {Column: "contacts.id", Value: func(c *models.Contact) any { return c.ID }, Walk: "NOT INDEXED"},
}

// List returns one page of the contacts the actor may see.
// Errors: *ValidationError (sort), ErrInvalidCursor.
func (s *ContactService) List(ctx context.Context, actor Actor, f ContactFilter) (Page[ContactView], error) {
	db := s.db.WithContext(ctx)
	q := contactScope(db, actor, f.Archived)
	q = query.WhereIn(q, "contacts.gender", f.Gender)
	q = query.WhereIn(q, "contacts.country_code", f.CountryCode)
	q = query.WhereIn(q, "contacts.office_id", f.OfficeID)
	q = query.WhereIn(q, "contacts.owner_id", f.OwnerID)
	q = query.WhereIn(q, "contacts.id", f.ID)
	f.Pin("contacts.country_code", len(f.CountryCode))
	f.Pin("contacts.owner_id", len(f.OwnerID))
	f.Pin("contacts.office_id", len(f.OfficeID))
	f.Pin("contacts.gender", len(f.Gender))
	if len(f.OrganizationID) > 0 {
		q = q.Where("contacts.id IN (SELECT contact_id FROM positions WHERE organization_id IN ?)", f.OrganizationID)
	}
	if f.Restricted != nil {
		q = q.Where(on(contactsTable).filter(*f.Restricted, actor))
	}
	q = withTag(q, models.EntityContact, "contacts.id", f.Tag)
	countTagged(db, actor, models.EntityContact, f, &f.ListParams, f.Tag)
	countPositioned(db, actor, &f)
	f.Through(len(f.OrganizationID) + len(f.Tag))
	if f.UpdatedAfter != nil {
		q = q.Where("contacts.updated_at > ?", f.UpdatedAfter.UTC())
	}
	f.KeepThrough(s.counts.forRequest())
	if f.Q != "" {
		q = f.Search(q, "contacts")
	}
	p, err := query.List(q, ContactSorts, "name", f.ListParams, "contacts")
	if err != nil {
		return Page[ContactView]{}, err
	}
	views, err := s.views(db, p.Items)
	return pageOf(p, views), err
}

// Get returns one live contact the actor may see, or one merged away
// (archived, naming its survivor). Errors: ErrNotFound.
func (s *ContactService) Get(ctx context.Context, actor Actor, id int64) (ContactView, error) {
	db := s.db.WithContext(ctx)
	c, found, err := readLiveContact(db, actor, id)
	if err != nil {
		return ContactView{}, err
	}
	if !found {
		if err := mergedAway(db, actor, contactLifecycle, "contacts", id, &c); err != nil {
			return ContactView{}, err
		}
	}
	views, err := s.views(db, []models.Contact{c})
	if err != nil {
		return ContactView{}, err
	}
	return views[0], nil
}

// Create adds a contact, with positions and tags, to the actor's office.
// Errors: ErrForbidden, *ValidationError.
func (s *ContactService) Create(ctx context.Context, actor Actor, in ContactInput) (ContactView, error) {
	if !actor.canWriteIn(actor.OfficeID) {
		return ContactView{}, ErrForbidden
	}
	var id int64
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		c := models.Contact{
			OfficeID: actor.OfficeID, OwnerID: in.OwnerID, Honorific: in.Honorific, GivenName: in.GivenName,
			FamilyName: in.FamilyName, NameLocal: in.NameLocal, Gender: in.Gender, Email: in.Email,
			Phone: in.Phone, Languages: strings.Join(in.Languages, ","), CountryCode: in.CountryCode,
			City: in.City, Notes: in.Notes, Restricted: in.Restricted, ConsentBasis: in.ConsentBasis,
			ConsentDate: in.ConsentDate, ConsentSource: in.ConsentSource, ConsentWithdrawnAt: utcPtr(in.ConsentWithdrawnAt),
		}
		c.Version = 1
		if c.OwnerID == nil {
			c.OwnerID = &actor.UserID
		}
		var verr ValidationError
		validateContact(tx, nil, &c, in.Languages, &verr)
		validatePositions(tx, in.Positions, nil, &verr)
		tagIDs := resolveTags(tx, in.Tags, &verr)
		if err := verr.orNil(); err != nil {
			return err
		}
		c.FullName = fullName(&c)
		c.SortKey = models.ContactSortKey(&c)
		c.SearchText = contactSearchText(&c)
		if err := tx.Create(&c).Error; err != nil {
			return err
		}
		if err := models.RefreshDuplicateKeys(tx, models.DuplicateContacts, []int64{c.ID}); err != nil {
			return err
		}
		if err := replacePositions(tx, c.ID, in.Positions); err != nil {
			return err
		}
		if err := replaceTags(tx, models.EntityContact, c.ID, tagIDs); err != nil {
			return err
		}
		id = c.ID
		changes := diff(nil, &c)
		if len(in.Tags) > 0 {
			changes["tags"] = fieldChange{New: uniqueStrings(in.Tags)}
		}
		if len(in.Positions) > 0 {
			changes["positions"] = fieldChange{New: in.Positions}
		}
		auditLanguages(changes, nil, in.Languages)
		return actor.audit(tx, ActionCreate, models.EntityContact, c.ID, c.OfficeID, changes)
	})
	if err != nil {
		return ContactView{}, err
	}
	return s.Get(ctx, actor, id)
}

// Update applies a merge patch when version still matches. Positions and
// tags, when sent, replace the stored ones whole.
// Errors: ErrNotFound, ErrForbidden, ErrStale, *ValidationError.
func (s *ContactService) Update(ctx context.Context, actor Actor, id int64, version *int64, p ContactPatch) (ContactView, error) {
	err := writeTx(ctx, s.db, &models.Contact{}, id, version, func(tx *gorm.DB) error {
		// New positions fan out to the person's records: the person is
		// locked against writes of those records before anything else
		// (models.LockPeople).
		if p.Positions.Set {
			if err := models.LockPeople(tx, []int64{id}, true); err != nil {
				return err
			}
		}
		var before models.Contact
		if err := contactScope(tx, actor, false).First(&before, id).Error; err != nil {
			return notFoundOr(err)
		}
		if !actor.canWriteIn(before.OfficeID) {
			return ErrForbidden
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		c := before
		p.Honorific.apply(&c.Honorific)
		p.GivenName.apply(&c.GivenName)
		p.FamilyName.apply(&c.FamilyName)
		p.NameLocal.apply(&c.NameLocal)
		p.Gender.apply(&c.Gender)
		p.Email.apply(&c.Email)
		p.Phone.apply(&c.Phone)
		languages := splitList(c.Languages)
		p.Languages.apply(&languages)
		c.Languages = strings.Join(languages, ",")
		p.CountryCode.apply(&c.CountryCode)
		p.City.apply(&c.City)
		p.Notes.apply(&c.Notes)
		p.Restricted.apply(&c.Restricted)
		p.ConsentBasis.apply(&c.ConsentBasis)
		p.ConsentDate.apply(&c.ConsentDate)
		p.ConsentSource.apply(&c.ConsentSource)
		p.ConsentWithdrawnAt.apply(&c.ConsentWithdrawnAt)
		c.ConsentWithdrawnAt = utcPtr(c.ConsentWithdrawnAt)
		p.OwnerID.apply(&c.OwnerID)
		var verr ValidationError
		validateContact(tx, &before, &c, languages, &verr)
		if p.Positions.Set {
			held, err := positionOrganizations(tx, id)
			if err != nil {
				return err
			}
			validatePositions(tx, p.Positions.Value, held, &verr)
		}
		var tagIDs []int64
		if p.Tags.Set {
			tagIDs = resolveTags(tx, p.Tags.Value, &verr)
		}
		if err := verr.orNil(); err != nil {
			return err
		}
		c.FullName = fullName(&c)
		c.SortKey = models.ContactSortKey(&c)
		changes := diff(&before, &c)
		if p.Tags.Set {
			old, err := tagsOf(tx, models.EntityContact, []int64{id})
			if err != nil {
				return err
			}
			if next := uniqueStrings(p.Tags.Value); !equalStrings(old[id], next) {
				changes["tags"] = fieldChange{Old: old[id], New: next}
			}
			if err := replaceTags(tx, models.EntityContact, id, tagIDs); err != nil {
				return err
			}
		}
		auditLanguages(changes, splitList(before.Languages), languages)
		if p.Positions.Set {
			old, err := storedPositions(tx, id)
			if err != nil {
				return err
			}
			if !slices.EqualFunc(old, p.Positions.Value, samePosition) {
				changes["positions"] = fieldChange{Old: old, New: p.Positions.Value}
				if err := replacePositions(tx, id, p.Positions.Value); err != nil {
					return err
				}
			}
		}
		if len(changes) == 0 {
			return nil
		}
		c.SearchText = contactSearchText(&c)
		c.Version = before.Version + 1
		save := func() error { return saveVersioned(tx, &c, before.Version) }
		if !equalString(before.CountryCode, c.CountryCode) || before.Restricted != c.Restricted || before.OfficeID != c.OfficeID {
			// The review counts a commitment under its counterpart's country,
			// when the reader may see the counterpart.
			if err := retally(tx, save, "c.counterpart_contact_id = ?", id); err != nil {
				return err
			}
		} else if err := save(); err != nil {
			return err
		}
		if err := models.RefreshDuplicateKeys(tx, models.DuplicateContacts, []int64{id}); err != nil {
			return err
		}
		return actor.audit(tx, ActionUpdate, models.EntityContact, id, c.OfficeID, changes)
	})
	if err != nil {
		return ContactView{}, err
	}
	return s.Get(ctx, actor, id)
}

// Archive soft-deletes a contact. Errors: ErrNotFound, ErrForbidden, ErrStale.
func (s *ContactService) Archive(ctx context.Context, actor Actor, id int64, version *int64) error {
	return archiveRecord[models.Contact](ctx, s.db, contactLifecycle, actor, id, version)
}

// Restore brings an archived contact back; a manager's act.
// Errors: ErrNotFound, ErrForbidden.
func (s *ContactService) Restore(ctx context.Context, actor Actor, id int64) (ContactView, error) {
	if err := restoreRecord[models.Contact](ctx, s.db, contactLifecycle, actor, id); err != nil {
		return ContactView{}, err
	}
	return s.Get(ctx, actor, id)
}

// validateContact checks c; before is the stored contact (nil on create).
// The phone is checked when it or the country it is read in changes, so
// that a number stored before phones were checked never blocks other edits.
func validateContact(tx *gorm.DB, before, c *models.Contact, languages []string, verr *ValidationError) {
	if strings.TrimSpace(c.GivenName) == "" && strings.TrimSpace(c.FamilyName) == "" && strings.TrimSpace(c.NameLocal) == "" {
		verr.add("family_name", "a contact needs a given name, a family name or a local-script name")
	}
	checkLength("honorific", c.Honorific, 50, verr)
	checkLength("given_name", c.GivenName, 200, verr)
	checkLength("family_name", c.FamilyName, 200, verr)
	checkLength("name_local", c.NameLocal, 300, verr)
	checkOptionalEnum("gender", c.Gender, models.Genders, verr)
	checkEmail("email", c.Email, verr)
	if before == nil || before.Phone != c.Phone || !equalString(before.CountryCode, c.CountryCode) {
		checkPhone("phone", c.Phone, c.CountryCode, verr)
	}
	checkCountry(tx, "country_code", c.CountryCode, verr)
	checkLength("city", c.City, 200, verr)
	checkLength("notes", c.Notes, 20000, verr)
	checkOptionalEnum("consent_basis", c.ConsentBasis, models.ConsentBases, verr)
	checkConsentEvidence(c, verr)
	checkOwner(tx, c.OwnerID, c.OfficeID, verr)
	if len(languages) > 20 {
		verr.add("languages", "at most 20 languages")
	}
	for _, l := range languages {
		if len(l) != 2 || strings.ToLower(l) != l {
			verr.add("languages", "%q is not an ISO 639-1 code", l)
		}
	}
}

// validatePositions checks a position list. held are the organizations the
// contact already has a position at: those stay valid once archived, so that
// resending a person's unchanged history (as the app does with every edit)
// never fails on a ministry archived since; a new position at an archived
// organization is refused. A person has at most one primary position.
func validatePositions(tx *gorm.DB, ps []PositionInput, held map[int64]bool, verr *ValidationError) {
	if len(ps) > 50 {
		verr.add("positions", "at most 50 positions")
		return
	}
	primary := false
	for i, p := range ps {
		field := "positions[" + itoa(i) + "]"
		if id := p.OrganizationID; !held[id] {
			checkOrganization(tx, field+".organization_id", &id, verr)
		}
		if p.Primary {
			if primary {
				verr.add(field+".primary", "only one position can be primary")
			}
			primary = true
		}
		checkLength(field+".title", p.Title, 200, verr)
		checkDate(field+".start_date", p.StartDate, verr)
		checkDate(field+".end_date", p.EndDate, verr)
		if p.StartDate != nil && p.EndDate != nil && *p.EndDate < *p.StartDate {
			verr.add(field+".end_date", "is before start_date")
		}
	}
}

// storedPositions are a contact's positions in input form, in the order
// they were given: what a replacement is compared with in the history.
func storedPositions(tx *gorm.DB, contactID int64) ([]PositionInput, error) {
	var rows []models.Position
	if err := tx.Where("contact_id = ?", contactID).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]PositionInput, len(rows))
	for i, p := range rows {
		out[i] = PositionInput{OrganizationID: p.OrganizationID, Title: p.Title, StartDate: p.StartDate, EndDate: p.EndDate, Primary: p.Primary}
	}
	return out, nil
}

func samePosition(a, b PositionInput) bool {
	return a.OrganizationID == b.OrganizationID && a.Title == b.Title && a.Primary == b.Primary &&
		equalString(a.StartDate, b.StartDate) && equalString(a.EndDate, b.EndDate)
}

// auditLanguages records languages in the history as the API shows them,
// arrays, rather than as the comma-joined column diff found.
func auditLanguages(changes map[string]fieldChange, before, after []string) {
	if _, ok := changes["languages"]; !ok {
		return
	}
	changes["languages"] = fieldChange{Old: nonNilLanguages(before, changes["languages"].Old), New: nonNil(after)}
}

// nonNilLanguages is the old side of a languages change: nil on creation.
func nonNilLanguages(before []string, old any) any {
	if old == nil {
		return nil
	}
	return nonNil(before)
}

// positionOrganizations are the organizations a contact has a position at.
func positionOrganizations(tx *gorm.DB, contactID int64) (map[int64]bool, error) {
	var ids []int64
	if err := tx.Model(&models.Position{}).Where("contact_id = ?", contactID).Pluck("organization_id", &ids).Error; err != nil {
		return nil, err
	}
	held := make(map[int64]bool, len(ids))
	for _, id := range ids {
		held[id] = true
	}
	return held, nil
}

func replacePositions(tx *gorm.DB, contactID int64, ps []PositionInput) error {
	if err := tx.Where("contact_id = ?", contactID).Delete(&models.Position{}).Error; err != nil {
		return err
	}
	if len(ps) == 0 {
		return nil
	}
	rows := make([]models.Position, len(ps))
	for i, p := range ps {
		rows[i] = models.Position{ContactID: contactID, OrganizationID: p.OrganizationID, Title: p.Title,
			StartDate: p.StartDate, EndDate: p.EndDate, Primary: p.Primary}
	}
	return tx.Create(&rows).Error
}

// fullName is the display name: honorific, given and family name, or the
// local-script name when there is no Latin one.
func fullName(c *models.Contact) string {
	parts := []string{}
	for _, p := range []string{c.Honorific, c.GivenName, c.FamilyName} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 || (len(parts) == 1 && strings.TrimSpace(c.Honorific) != "") {
		return strings.TrimSpace(c.NameLocal)
	}
	return strings.Join(parts, " ")
}

func contactSearchText(c *models.Contact) string {
	return query.NameSearchText([]string{c.GivenName, c.FamilyName, c.NameLocal}, c.Email, c.City)
}

func (s *ContactService) views(db *gorm.DB, rows []models.Contact) ([]ContactView, error) {
	ids := make([]int64, len(rows))
	for i := range rows {
		ids[i] = rows[i].ID
	}
	tags, err := tagsOf(db, models.EntityContact, ids)
	if err != nil {
		return nil, err
	}
	positions := map[int64][]models.Position{}
	if len(ids) > 0 {
		// Read without gorm (query.Direct): this runs for every page of the
		// contacts list and every contact read. A position's created_at is
		// no part of the view (no reader is shown it), so it is not read:
		// it was a timestamp parsed for every position of every page.
		in, args := query.IDsIn(db, "contact_id", ids)
		rows, err := query.Direct(db, `SELECT id, contact_id, organization_id, title, start_date, end_date, "primary" FROM positions WHERE `+
			in+` ORDER BY contact_id, "primary" DESC, COALESCE(end_date, '9999-12-31') DESC, COALESCE(start_date, '') DESC, id`, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var p models.Position
			if err := rows.Scan(&p.ID, &p.ContactID, &p.OrganizationID, &p.Title, &p.StartDate, &p.EndDate, &p.Primary); err != nil {
				return nil, err
			}
			positions[p.ContactID] = append(positions[p.ContactID], p)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]ContactView, len(rows))
	for i, c := range rows {
		ps := positions[c.ID]
		if ps == nil {
			ps = []models.Position{}
		}
		out[i] = ContactView{Contact: c, Positions: ps, Tags: nonNil(tags[c.ID])}
	}
	return out, nil
}

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// LanguageList returns the contact's languages as a list.
func (v ContactView) LanguageList() []string { return splitList(v.Contact.Languages) }
