package services

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// Erasure (API.md, "Personal data"): a person's personal data is removed
// for good, and the contact stays as an anonymous tombstone ("Erased
// contact 42") so that the meetings and commitments they were part of keep
// their counts. What goes, in one transaction:
//
//   - the contact's fields: names, gender, email, phone, languages,
//     country, city, notes, consent evidence; its search text, sort key
//     and duplicate keys are remade from the tombstone, which takes the
//     name out of the full-text index (on SQLite with FTS5's
//     secure-delete, so the words leave the index's pages at once);
//   - the titles of its positions (the organization and dates stay, as
//     facts about the organization);
//   - the notes and documents on the contact, with their mentions;
//   - the old and new values in the contact's history (the audit keeps
//     which fields changed, when and by whom, not what they held);
//   - kept API responses (Idempotency-Key) that show the person.
//
// Participations and commitments name the contact by id only: they stay,
// now pointing at the tombstone. On SQLite the transaction runs with
// secure_delete on, so freed space is zeroed, and the write-ahead log is
// checkpointed and truncated afterwards: the data cannot be read back from
// the database file. PostgreSQL keeps the old row versions until VACUUM
// reclaims them (docs/OPERATIONS.md).

// ActionErase is the audit action of an erasure: who, when and why.
const ActionErase = "erase"

// maxEraseReason bounds the reason an erasure is given.
const maxEraseReason = 500

// MaxErase is how many contacts one bulk erasure names.
const MaxErase = 200

// ContactRef names a contact at the version the client read.
type ContactRef struct {
	ID      int64
	Version int64
}

// Erase erases one contact's personal data (managers of its office and
// admins), when version still matches. Errors: ErrNotFound, ErrForbidden,
// ErrStale, *ValidationError (reason).
func (s *ContactService) Erase(ctx context.Context, actor Actor, id int64, version *int64, reason string) (ContactView, error) {
	if version == nil {
		return ContactView{}, ErrStale
	}
	if err := s.EraseMany(ctx, actor, []ContactRef{{ID: id, Version: *version}}, reason); err != nil {
		if ie := (*ItemError)(nil); errors.As(err, &ie) {
			return ContactView{}, ie.Err
		}
		return ContactView{}, err
	}
	// The tombstone, archived or not.
	db := s.db.WithContext(ctx)
	var c models.Contact
	if err := contactScope(db, actor, false).Unscoped().Where("contacts.id = ?", id).First(&c).Error; err != nil {
		return ContactView{}, notFoundOr(err)
	}
	views, err := s.views(db, []models.Contact{c})
	if err != nil {
		return ContactView{}, err
	}
	return views[0], nil
}

// EraseMany erases several contacts, all or none: the first that is not
// visible, not the actor's to erase or changed meanwhile fails the whole
// request as an *ItemError naming it.
func (s *ContactService) EraseMany(ctx context.Context, actor Actor, refs []ContactRef, reason string) error {
	var verr ValidationError
	reason = strings.TrimSpace(reason)
	checkRequired("reason", reason, maxEraseReason, &verr)
	if len(refs) == 0 || len(refs) > MaxErase {
		verr.add("contacts", "name between 1 and %d contacts", MaxErase)
	}
	if err := verr.orNil(); err != nil {
		return err
	}
	err := withSecureDelete(ctx, s.db, func(db *gorm.DB) error {
		return query.Transaction(ctx, db, func(tx *gorm.DB) error {
			for i, r := range refs {
				var c models.Contact
				err := contactScope(tx, actor, false).Unscoped().Where("contacts.id = ?", r.ID).First(&c).Error
				switch {
				case err != nil:
					return &ItemError{Field: fmt.Sprintf("contacts[%d].id", i), Err: notFoundOr(err)}
				case !actor.canManage(c.OfficeID):
					return &ItemError{Field: fmt.Sprintf("contacts[%d].id", i), Err: ErrForbidden}
				case c.Version != r.Version:
					return &ItemError{Field: fmt.Sprintf("contacts[%d].version", i), Err: ErrStale}
				}
				if err := eraseContact(tx, actor, c, reason); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	// Committed: the old pages still sit in SQLite's write-ahead log until
	// it is checkpointed and truncated. A busy moment is tried again for a
	// few seconds; the server's own truncation catches up with the rest.
	for range 20 {
		busy, err := models.TruncateWAL(ctx, s.db)
		if err != nil || !busy {
			return err
		}
		time.Sleep(250 * time.Millisecond)
	}
	return nil
}

// withSecureDelete runs f on one connection with SQLite's secure_delete on,
// so that every byte the erasure frees is overwritten with zeros. Other
// databases run f as it is.
func withSecureDelete(ctx context.Context, db *gorm.DB, f func(db *gorm.DB) error) error {
	if db.Name() != models.SQLite {
		return f(db)
	}
	return db.WithContext(ctx).Connection(func(conn *gorm.DB) error {
		if err := conn.Exec("PRAGMA secure_delete = ON").Error; err != nil {
			return err
		}
		defer conn.Exec("PRAGMA secure_delete = OFF")
		return f(conn)
	})
}

// eraseContact does the erasure of one contact inside tx.
func eraseContact(tx *gorm.DB, actor Actor, c models.Contact, reason string) error {
	if c.ErasedAt != nil {
		return nil // already a tombstone: erasing again changes nothing
	}
	traces := personalTraces(&c)
	now := models.Now()
	before := c.Version
	c.Honorific, c.GivenName, c.FamilyName, c.NameLocal = "", "", "", ""
	c.FullName = fmt.Sprintf("Erased contact %d", c.ID)
	c.Gender, c.CountryCode, c.ConsentBasis, c.ConsentDate, c.ConsentWithdrawnAt = nil, nil, nil, nil, nil
	c.Email, c.Phone, c.Languages, c.City, c.Notes, c.ConsentSource = "", "", "", "", "", ""
	c.ErasedAt = &now
	c.SearchText = contactSearchText(&c)
	c.SortKey = models.ContactSortKey(&c)
	c.Version = before + 1
	if err := saveVersioned(tx, &c, before); err != nil {
		return err
	}
	if err := tx.Model(&models.Position{}).Where("contact_id = ?", c.ID).Update("title", "").Error; err != nil {
		return err
	}
	if err := deleteAttached(tx, models.EntityContact, c.ID); err != nil {
		return err
	}
	if err := scrubHistory(tx, models.EntityContact, c.ID); err != nil {
		return err
	}
	if err := models.RefreshDuplicateKeys(tx, models.DuplicateContacts, []int64{c.ID}); err != nil {
		return err
	}
	if err := forgetKeptResponses(tx, traces); err != nil {
		return err
	}
	return actor.audit(tx, ActionErase, models.EntityContact, c.ID, c.OfficeID, map[string]fieldChange{"reason": {New: reason}})
}

// personalTraces are the strings of a contact that must not survive it
// elsewhere: long enough not to match everything.
func personalTraces(c *models.Contact) []string {
	var out []string
	for _, s := range []string{c.FullName, c.GivenName, c.FamilyName, c.NameLocal, c.Email, c.Phone} {
		if s = strings.TrimSpace(s); len(s) >= 4 {
			out = append(out, s)
		}
	}
	return out
}

// deleteAttached deletes the notes (with their mentions) and documents
// (with their contents) on a record.
func deleteAttached(tx *gorm.DB, entity string, id int64) error {
	notes := tx.Session(&gorm.Session{NewDB: true}).Model(&models.Note{}).Select("id").Where("entity_type = ? AND entity_id = ?", entity, id)
	if err := tx.Where("note_id IN (?)", notes).Delete(&models.NoteMention{}).Error; err != nil {
		return err
	}
	if err := tx.Where("entity_type = ? AND entity_id = ?", entity, id).Delete(&models.Note{}).Error; err != nil {
		return err
	}
	docs := tx.Session(&gorm.Session{NewDB: true}).Model(&models.Document{}).Select("id").Where("entity_type = ? AND entity_id = ?", entity, id)
	if err := tx.Where("document_id IN (?)", docs).Delete(&models.DocumentContent{}).Error; err != nil {
		return err
	}
	return tx.Where("entity_type = ? AND entity_id = ?", entity, id).Delete(&models.Document{}).Error
}

// scrubHistory keeps, of a record's audit events, which fields changed,
// and drops what they held.
func scrubHistory(tx *gorm.DB, entity string, id int64) error {
	var events []models.AuditEvent
	if err := tx.Where("entity = ? AND entity_id = ?", entity, id).Find(&events).Error; err != nil {
		return err
	}
	for _, ev := range events {
		var changes map[string]json.RawMessage
		if ev.Changes == "" || json.Unmarshal([]byte(ev.Changes), &changes) != nil {
			continue
		}
		scrubbed := make(map[string]fieldChange, len(changes))
		for field := range changes {
			scrubbed[field] = fieldChange{Erased: true}
		}
		raw, err := json.Marshal(scrubbed)
		if err != nil {
			return err
		}
		if err := tx.Model(&models.AuditEvent{}).Where("id = ?", ev.ID).Update("changes", string(raw)).Error; err != nil {
			return err
		}
	}
	return nil
}

// forgetKeptResponses deletes the responses kept for Idempotency-Key
// replays that hold any of the traces.
func forgetKeptResponses(tx *gorm.DB, traces []string) error {
	for _, t := range traces {
		q := tx.Where("instr(body, CAST(? AS BLOB)) > 0", t)
		if tx.Name() == models.Postgres {
			q = tx.Where("position(convert_to(?, 'UTF8') in body) > 0", t)
		}
		if err := q.Delete(&models.IdempotencyKey{}).Error; err != nil {
			return err
		}
	}
	return nil
}
