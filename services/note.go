package services

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// NoteService keeps the notes on organizations, contacts, visits and
// interactions: dated, authored, in light markdown, naming colleagues with
// @mentions (note_mentions.go). A note follows its record
// (attached_record.go): hidden with it, added by those who may write on it,
// changed by its author.
type NoteService struct{ db *gorm.DB }

// maxNoteBody is the longest note, in characters.
const maxNoteBody = 20000

// Audit actions of notes, recorded on the record they belong to, so that
// the record's history tells them and shows them to whoever sees it.
const (
	ActionNoteCreate = "note_create"
	ActionNoteUpdate = "note_update"
	ActionNoteDelete = "note_delete"
)

// NotePatch is what an author may change on a note.
type NotePatch struct {
	Body Change[string]
}

// NoteSorts is the sort allow-list of a record's notes: newest first by
// default (ix_notes_entity).
var NoteSorts = query.SortKeys[models.Note]{
	"created_at": {Column: "notes.created_at", Value: func(n *models.Note) any { return n.CreatedAt }, IsTime: true},
}

// List returns one page of a record's notes, with their mentions.
// Errors: ErrNotFound (the record is absent or hidden), ErrInvalidCursor,
// ErrUnknownSort.
func (s *NoteService) List(ctx context.Context, actor Actor, on RecordRef, p ListParams) (Page[models.Note], error) {
	db := s.db.WithContext(ctx)
	if _, err := findAttachedRecord(db, actor, on); err != nil {
		return Page[models.Note]{}, err
	}
	p.Archived = false
	page, err := query.List(onAttachedRecord(db.Model(&models.Note{}), "notes", on), NoteSorts, "-created_at", p, "notes")
	if err != nil {
		return page, err
	}
	return page, loadMentions(db, page.Items)
}

// Get returns one note. Errors: ErrNotFound (also when its record is hidden).
func (s *NoteService) Get(ctx context.Context, actor Actor, id int64) (models.Note, error) {
	n, _, err := s.find(s.db.WithContext(ctx), actor, id)
	return n, err
}

// find reads a note and its record, as the actor may see them.
func (s *NoteService) find(tx *gorm.DB, actor Actor, id int64) (models.Note, attachedRecord, error) {
	var n models.Note
	if err := tx.First(&n, id).Error; err != nil {
		return n, attachedRecord{}, notFoundOr(err)
	}
	on, err := findAttachedRecord(tx, actor, RecordRef{Entity: n.EntityType, ID: n.EntityID})
	if err != nil {
		return models.Note{}, on, err
	}
	notes := []models.Note{n}
	if err := loadMentions(tx, notes); err != nil {
		return n, on, err
	}
	return notes[0], on, nil
}

// Create adds a note by the actor to a record.
// Errors: ErrNotFound, ErrForbidden, *ValidationError (body).
func (s *NoteService) Create(ctx context.Context, actor Actor, on RecordRef, body string) (models.Note, error) {
	var id int64
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		rec, err := findAttachedRecord(tx, actor, on)
		if err != nil {
			return err
		}
		if !actor.mayAttach(rec) {
			return ErrForbidden
		}
		body, mentions, err := checkNoteBody(tx, body, rec)
		if err != nil {
			return err
		}
		now := models.Now()
		n := models.Note{Version: 1, CreatedAt: now, UpdatedAt: now, EntityType: on.Entity, EntityID: on.ID, AuthorID: actor.UserID, Body: body}
		if err := tx.Create(&n).Error; err != nil {
			return err
		}
		id = n.ID
		if err := writeMentions(tx, n.ID, mentions); err != nil {
			return err
		}
		if err := noticeMentions(tx, actor, n.ID, rec, mentions); err != nil {
			return err
		}
		return actor.audit(tx, ActionNoteCreate, on.Entity, on.ID, rec.officeID, map[string]fieldChange{
			"note_id": {New: n.ID}, "body": {New: body}, "mentions": {New: mentions},
		})
	})
	if err != nil {
		return models.Note{}, err
	}
	return s.Get(ctx, actor, id)
}

// Update changes the body of the actor's own note when version still
// matches; the mentions are read again from the new body.
// Errors: ErrNotFound, ErrForbidden, ErrStale, *ValidationError.
func (s *NoteService) Update(ctx context.Context, actor Actor, id int64, version *int64, patch NotePatch) (models.Note, error) {
	err := writeTx(ctx, s.db, &models.Note{}, id, version, func(tx *gorm.DB) error {
		before, rec, err := s.find(tx, actor, id)
		if err != nil {
			return err
		}
		if !actor.mayEditNote(rec, before) {
			return ErrForbidden
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		if !patch.Body.Set {
			return nil
		}
		body, mentions, err := checkNoteBody(tx, patch.Body.Value, rec)
		if err != nil {
			return err
		}
		if body == before.Body {
			return nil
		}
		res := tx.Model(&models.Note{}).Where("id = ? AND version = ?", id, before.Version).
			Updates(map[string]any{"body": body, "version": before.Version + 1, "updated_at": models.Now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrStale
		}
		if err := writeMentions(tx, id, mentions); err != nil {
			return err
		}
		if err := noticeMentions(tx, actor, id, rec, mentions); err != nil {
			return err
		}
		return actor.audit(tx, ActionNoteUpdate, rec.Entity, rec.ID, rec.officeID, map[string]fieldChange{
			"note_id": {Old: id, New: id}, "body": {Old: before.Body, New: body}, "mentions": {Old: before.Mentions, New: mentions},
		})
	})
	if err != nil {
		return models.Note{}, err
	}
	return s.Get(ctx, actor, id)
}

// Delete erases a note (its author's, or any for an admin) when version
// still matches (nil: any). Errors: ErrNotFound, ErrForbidden, ErrStale.
func (s *NoteService) Delete(ctx context.Context, actor Actor, id int64, version *int64) error {
	return writeTx(ctx, s.db, &models.Note{}, id, version, func(tx *gorm.DB) error {
		n, rec, err := s.find(tx, actor, id)
		if err != nil {
			return err
		}
		if !actor.mayDeleteNote(rec, n) {
			return ErrForbidden
		}
		if err := checkVersion(version, n.Version); err != nil {
			return err
		}
		if err := tx.Where("note_id = ?", id).Delete(&models.NoteMention{}).Error; err != nil {
			return err
		}
		res := tx.Where("id = ? AND version = ?", id, n.Version).Delete(&models.Note{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrStale
		}
		return actor.audit(tx, ActionNoteDelete, rec.Entity, rec.ID, rec.officeID, map[string]fieldChange{
			"note_id": {Old: id}, "author_id": {Old: n.AuthorID},
		})
	})
}

// Mentioning returns one page of the notes that mention the actor, newest
// first, leaving out those whose record the actor cannot see: what a
// notification of a mention links to. Errors: ErrInvalidCursor.
func (s *NoteService) Mentioning(ctx context.Context, actor Actor, p ListParams) (Page[models.Note], error) {
	db := s.db.WithContext(ctx)
	q := db.Model(&models.Note{}).
		Where("notes.id IN (?)", db.Model(&models.NoteMention{}).Select("note_id").Where("user_id = ?", actor.UserID)).
		Where("NOT (notes.entity_type = ? AND notes.entity_id IN (?))", models.EntityContact, hiddenIDs(db, actor, contactsTable)).
		Where("NOT (notes.entity_type = ? AND notes.entity_id IN (?))", models.EntityInteraction, hiddenIDs(db, actor, interactionsTable))
	p.Sort, p.Archived = "-created_at", false
	page, err := query.List(q, NoteSorts, "-created_at", p, "notes")
	if err != nil {
		return page, err
	}
	return page, loadMentions(db, page.Items)
}

// checkNoteBody trims and checks a note's body and finds its mentions.
func checkNoteBody(tx *gorm.DB, body string, on attachedRecord) (string, []int64, error) {
	body = strings.TrimSpace(body)
	var verr ValidationError
	checkRequired("body", body, maxNoteBody, &verr)
	if err := verr.orNil(); err != nil {
		return "", nil, err
	}
	mentions, err := resolveMentions(tx, body, on)
	if mentions == nil {
		mentions = []int64{}
	}
	return body, mentions, err
}
