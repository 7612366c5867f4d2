package services

import (
	"gorm.io/gorm"

	"liaison/models"
)

// Notes and documents belong to one record (an organization, contact, visit
// or interaction) and follow it: whoever cannot see the record cannot see
// them, and who may add them is who may write on the record. This file is
// where those rules are kept for both.

// RecordRef names the record a note or document belongs to.
type RecordRef struct {
	Entity string // models.EntityOrganization, EntityContact, EntityVisit or EntityInteraction
	ID     int64
}

// attachedRecord is what the rules need to know of that record.
type attachedRecord struct {
	RecordRef
	officeID   int64
	restricted bool
	archived   bool
	writable   bool // the actor may write on the record (visit_partners.go says who, beyond its office)
}

// attachableTables are the tables of the records that carry notes and
// documents, with how each is read through the visibility rule.
var attachableTables = map[string]struct {
	table        string
	restrictable bool
	scope        func(db *gorm.DB, actor Actor, archived bool) *gorm.DB
}{
	models.EntityOrganization: {"organizations", false, organizationLifecycle.scope},
	models.EntityContact:      {"contacts", true, contactLifecycle.scope},
	models.EntityVisit:        {"visits", false, visitLifecycle.scope},
	models.EntityInteraction:  {"interactions", true, interactionLifecycle.scope},
}

// findAttachedRecord reads the record as the actor may see it, archived or
// not (an archived record's notes are still its history).
// Errors: ErrNotFound (no such record, or hidden from the actor).
func findAttachedRecord(tx *gorm.DB, actor Actor, ref RecordRef) (attachedRecord, error) {
	t, ok := attachableTables[ref.Entity]
	if !ok {
		return attachedRecord{}, ErrNotFound
	}
	cols := []string{t.table + ".office_id", t.table + ".deleted_at IS NOT NULL AS archived"}
	if t.restrictable {
		cols = append(cols, t.table+".restricted")
	} else {
		cols = append(cols, "FALSE AS restricted")
	}
	var rows []struct {
		OfficeID   int64
		Archived   bool
		Restricted bool
	}
	err := t.scope(tx, actor, false).Unscoped().Select(cols).Where(t.table+".id = ?", ref.ID).Limit(1).Scan(&rows).Error
	if err != nil {
		return attachedRecord{}, err
	}
	if len(rows) == 0 {
		return attachedRecord{}, ErrNotFound
	}
	r := rows[0]
	writable := actor.canWriteIn(r.OfficeID)
	switch {
	case writable:
	case ref.Entity == models.EntityVisit:
		writable, err = mayWriteAttached(tx, actor, r.OfficeID, &ref.ID, nil)
	case ref.Entity == models.EntityInteraction:
		writable, err = mayWriteAttached(tx, actor, r.OfficeID, nil, &ref.ID)
	}
	if err != nil {
		return attachedRecord{}, err
	}
	return attachedRecord{RecordRef: ref, officeID: r.OfficeID, restricted: r.Restricted, archived: r.Archived, writable: writable}, nil
}

// mayAttach: notes and documents are added by those who may write on the
// live record (officers and managers of its office, admins, and for a visit
// and its sessions the writers of its partner offices). Viewers never.
func (a Actor) mayAttach(r attachedRecord) bool {
	return !r.archived && r.writable
}

// mayEditNote: a note is its author's words; only the author changes them,
// while they still may write on the record. Admins do not rewrite others'
// notes.
func (a Actor) mayEditNote(r attachedRecord, n models.Note) bool {
	return n.AuthorID == a.UserID && a.mayAttach(r)
}

// mayDeleteNote: the author, or an admin (who may have to remove what
// should not have been written, such as personal data).
func (a Actor) mayDeleteNote(r attachedRecord, n models.Note) bool {
	return a.mayEditNote(r, n) || a.IsAdmin()
}

// mayDeleteDocument: its uploader while they may write on the record,
// managers of the record's office, and admins.
func (a Actor) mayDeleteDocument(r attachedRecord, d models.Document) bool {
	return (d.CreatedBy == a.UserID && a.mayAttach(r)) || a.canManage(r.officeID)
}

// onAttachedRecord narrows a query of notes or documents (table) to those of
// one record.
func onAttachedRecord(q *gorm.DB, table string, ref RecordRef) *gorm.DB {
	return q.Where(table+".entity_type = ? AND "+table+".entity_id = ?", ref.Entity, ref.ID)
}
