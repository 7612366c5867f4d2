package services

import (
	"slices"

	"gorm.io/gorm"

	"liaison/models"
)

// Visits and interactions share how their participants are validated,
// stored and shown. The one rule that matters most here: a participant who
// is a restricted contact of another office is shown to non-admins without
// id or name, and stays in place when they replace the participants they can
// see, so that the list neither leaks nor loses a protected person.

// maxParticipants bounds one record's participant list.
const maxParticipants = 200

// ParticipantInput is one organization or contact taking part in a visit or
// an interaction, as a client sends it; exactly one of the ids is set. Side
// is for visits only. The JSON names are how the audit trail records it.
type ParticipantInput struct {
	OrganizationID *int64 `json:"organization_id"`
	ContactID      *int64 `json:"contact_id"`
	Side           string `json:"side,omitempty"`
	Role           string `json:"role"`
}

// Participant is a participant as one reader may see it: the organization's
// name or the contact's full name resolved. For a contact hidden from the
// reader, Restricted is set and ContactID and Name stay nil.
type Participant struct {
	OrganizationID *int64
	ContactID      *int64
	Side, Role     string
	Name           *string
	Restricted     bool
}

// participantTable says where one aggregate keeps its participants. Its
// names reach SQL as identifiers, so they are constants of this package.
type participantTable struct {
	table, parent string
	sides         []string // the allowed sides; nil when the table has none
	roles         []string
}

var (
	visitParticipants       = participantTable{table: "visit_participants", parent: "visit_id", sides: models.VisitSides, roles: models.VisitRoles}
	interactionParticipants = participantTable{table: "interaction_participants", parent: "interaction_id", roles: models.InteractionRoles}
)

// participantRow is one stored participant joined to the name of what it
// points at.
type participantRow struct {
	ParentID          int64
	OrganizationID    *int64
	ContactID         *int64
	Side              string
	Role              string
	OrganizationName  *string
	ContactName       *string
	ContactRestricted *bool
	ContactOfficeID   *int64
}

// loadParticipants reads the participants of many records in one query
// (never one per record), keyed by record id, in the order they were given.
// Names are resolved even for archived organizations and contacts: the
// history of a visit does not change when a ministry is archived.
func loadParticipants(db *gorm.DB, t participantTable, ids []int64) (map[int64][]participantRow, error) {
	out := make(map[int64][]participantRow, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	side := "''"
	if t.sides != nil {
		side = "p.side"
	}
	// Scanned field by field: every list and timeline page of interactions
	// and visits comes through here.
	cursor, err := db.Table(t.table+" AS p").
		Select("p."+t.parent+", p.organization_id, p.contact_id, "+side+", p.role, "+
			"organizations.name, contacts.full_name, contacts.restricted, contacts.office_id").
		Joins("LEFT JOIN organizations ON organizations.id = p.organization_id").
		Joins("LEFT JOIN contacts ON contacts.id = p.contact_id").
		Where("p."+t.parent+" IN ?", ids).
		Order("p." + t.parent + ", p.id").Rows()
	if err != nil {
		return out, err
	}
	defer cursor.Close()
	for cursor.Next() {
		var r participantRow
		if err := cursor.Scan(&r.ParentID, &r.OrganizationID, &r.ContactID, &r.Side, &r.Role, &r.OrganizationName,
			&r.ContactName, &r.ContactRestricted, &r.ContactOfficeID); err != nil {
			return out, err
		}
		out[r.ParentID] = append(out[r.ParentID], r)
	}
	return out, cursor.Err()
}

// participantsOf returns the participants of many records as the actor may
// see them.
func participantsOf(db *gorm.DB, actor Actor, t participantTable, ids []int64) (map[int64][]Participant, error) {
	rows, err := loadParticipants(db, t, ids)
	out := make(map[int64][]Participant, len(ids))
	for id, rs := range rows {
		ps := make([]Participant, len(rs))
		for i, r := range rs {
			ps[i] = r.view(actor)
		}
		out[id] = ps
	}
	return out, err
}

// view is the row as the actor may see it. The hidden case copies nothing
// of the contact.
func (r participantRow) view(actor Actor) Participant {
	p := Participant{OrganizationID: r.OrganizationID, Side: r.Side, Role: r.Role}
	if r.hiddenFrom(actor) {
		p.Restricted = true
		return p
	}
	p.ContactID = r.ContactID
	if r.OrganizationID != nil {
		p.Name = r.OrganizationName
	} else {
		p.Name = r.ContactName
	}
	return p
}

func (r participantRow) hiddenFrom(actor Actor) bool {
	if r.ContactID == nil {
		return false
	}
	if r.ContactRestricted == nil || r.ContactOfficeID == nil {
		return !actor.IsAdmin() // a dangling contact: show nothing of it
	}
	return !actor.sees(*r.ContactRestricted, *r.ContactOfficeID)
}

// visibleParticipantInputs returns the stored participants of one record
// that the actor can see, in input form: what a client replacing the list
// replaces, and what the audit trail compares with.
func visibleParticipantInputs(tx *gorm.DB, actor Actor, t participantTable, id int64) ([]ParticipantInput, error) {
	rows, err := loadParticipants(tx, t, []int64{id})
	if err != nil {
		return nil, err
	}
	out := []ParticipantInput{}
	for _, r := range rows[id] {
		if !r.hiddenFrom(actor) {
			out = append(out, ParticipantInput{OrganizationID: r.OrganizationID, ContactID: r.ContactID, Side: r.Side, Role: r.Role})
		}
	}
	return out, nil
}

// validateParticipants checks a participant list with one query for all its
// organizations and one for all its contacts. An organization or a person
// takes part once: a second entry is refused at its index, whatever its role. A contact the actor may not
// see is "no such contact", exactly like one that does not exist. Ids in
// current (the record's participants the actor already sees) stay valid
// even once archived, so that an unrelated edit never fails on them.
func validateParticipants(tx *gorm.DB, actor Actor, t participantTable, ps, current []ParticipantInput, verr *ValidationError) {
	if len(ps) > maxParticipants {
		verr.add("participants", "at most %d participants", maxParticipants)
		return
	}
	var orgIDs, contactIDs []int64
	seenOrgs, seenContacts := map[int64]bool{}, map[int64]bool{}
	for i, p := range ps {
		field := "participants[" + itoa(i) + "]"
		switch {
		case (p.OrganizationID == nil) == (p.ContactID == nil):
			verr.add(field, "needs exactly one of organization_id and contact_id")
		case p.OrganizationID != nil:
			if seenOrgs[*p.OrganizationID] {
				verr.add(field, "this organization is already a participant")
			}
			seenOrgs[*p.OrganizationID] = true
			orgIDs = append(orgIDs, *p.OrganizationID)
		default:
			if seenContacts[*p.ContactID] {
				verr.add(field, "this person is already a participant")
			}
			seenContacts[*p.ContactID] = true
			contactIDs = append(contactIDs, *p.ContactID)
		}
		if t.sides != nil {
			checkEnum(field+".side", p.Side, t.sides, verr)
		} else if p.Side != "" {
			verr.add(field+".side", "interactions have no sides")
		}
		checkEnum(field+".role", p.Role, t.roles, verr)
	}
	var orgs, contacts map[int64]bool
	if m := memoOf(tx); m != nil && m.actor == actor {
		orgs, contacts = map[int64]bool{}, map[int64]bool{}
		for _, id := range orgIDs {
			orgs[id] = m.organization(tx, id).exists
		}
		for _, id := range contactIDs {
			contacts[id] = m.contact(tx, id)
		}
	} else {
		orgs = existingIDs(tx.Model(&models.Organization{}), "organizations.id", orgIDs)
		contacts = existingIDs(contactScope(tx, actor, false), "contacts.id", contactIDs)
	}
	for _, c := range current {
		if c.OrganizationID != nil {
			orgs[*c.OrganizationID] = true
		}
		if c.ContactID != nil {
			contacts[*c.ContactID] = true
		}
	}
	// People taking part already stay; new ones must not have withdrawn
	// their consent or been erased (consent.go).
	already := map[int64]bool{}
	for _, c := range current {
		if c.ContactID != nil {
			already[*c.ContactID] = true
		}
	}
	var joining []int64
	for _, id := range contactIDs {
		if !already[id] {
			joining = append(joining, id)
		}
	}
	withdrawn, erased := consentBlocks(tx, joining)
	for i, p := range ps {
		field := "participants[" + itoa(i) + "]"
		if p.OrganizationID != nil && p.ContactID == nil && !orgs[*p.OrganizationID] {
			verr.add(field+".organization_id", "no such organization")
		}
		if p.ContactID != nil && p.OrganizationID == nil && !contacts[*p.ContactID] {
			verr.add(field+".contact_id", "no such contact")
		} else if p.ContactID != nil && erased[*p.ContactID] {
			verr.add(field+".contact_id", "this person's data was erased")
		} else if p.ContactID != nil && withdrawn[*p.ContactID] {
			verr.add(field+".contact_id", "this person withdrew their consent")
		}
	}
}

// existingIDs returns which of ids the query q (already scoped) finds.
func existingIDs(q *gorm.DB, column string, ids []int64) map[int64]bool {
	found := map[int64]bool{}
	if len(ids) == 0 {
		return found
	}
	var got []int64
	q.Where(column+" IN ?", ids).Pluck(column, &got)
	for _, id := range got {
		found[id] = true
	}
	return found
}

// replaceParticipants sets an existing record's participants to ps. The
// participants hidden from the actor are kept: the actor could neither see
// nor send them. The people removed and added are locked first
// (lockParticipants).
func replaceParticipants(tx *gorm.DB, actor Actor, t participantTable, id int64, ps []ParticipantInput) error {
	if err := lockParticipants(tx, t, id, ps); err != nil {
		return err
	}
	sql := "DELETE FROM " + t.table + " WHERE " + t.parent + " = ?"
	args := []any{id}
	if !actor.IsAdmin() {
		sql += " AND (contact_id IS NULL OR contact_id NOT IN (?))"
		args = append(args, hiddenIDs(tx, actor, contactsTable))
	}
	if err := tx.Exec(sql, args...).Error; err != nil {
		return err
	}
	return insertParticipants(tx, t, id, ps)
}

// insertParticipants adds ps to a record; for a new record, the caller has
// locked the people among them (models.LockPeople).
func insertParticipants(tx *gorm.DB, t participantTable, id int64, ps []ParticipantInput) error {
	if len(ps) == 0 {
		return nil
	}
	rows := make([]map[string]any, len(ps))
	for i, p := range ps {
		row := map[string]any{t.parent: id, "organization_id": p.OrganizationID, "contact_id": p.ContactID, "role": p.Role}
		if t.sides != nil {
			row["side"] = p.Side
		}
		rows[i] = row
	}
	return tx.Table(t.table).Create(&rows).Error
}

// participantPeople are the contact ids among ps.
func participantPeople(ps []ParticipantInput) []int64 {
	var ids []int64
	for _, p := range ps {
		ids = appendID(ids, p.ContactID)
	}
	return ids
}

// participantsChange is the audit entry of a replaced participant list, or
// false when the list the actor sees did not change.
func participantsChange(before, after []ParticipantInput) (fieldChange, bool) {
	if slices.EqualFunc(before, after, sameParticipant) {
		return fieldChange{}, false
	}
	return fieldChange{Old: before, New: after}, true
}

func sameParticipant(a, b ParticipantInput) bool {
	return equalID(a.OrganizationID, b.OrganizationID) && equalID(a.ContactID, b.ContactID) && a.Side == b.Side && a.Role == b.Role
}

func equalID(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// changedID reports whether a reference differs from its stored value; a
// reference is checked only when it changes (or on creation, before == nil),
// so that archiving what a record points at never blocks other edits.
func changedID(before, after *int64) bool { return !equalID(before, after) }

// lockParticipants takes, on PostgreSQL, the locks of the people a
// replacement of a record's participants removes or adds (see
// models.LockPeople).
func lockParticipants(tx *gorm.DB, t participantTable, id int64, ps []ParticipantInput) error {
	if tx.Name() != models.Postgres {
		return nil
	}
	var people []int64
	if err := tx.Table(t.table).Where(t.parent+" = ? AND contact_id IS NOT NULL", id).Pluck("contact_id", &people).Error; err != nil {
		return err
	}
	return models.LockPeople(tx, append(people, participantPeople(ps)...), false)
}
