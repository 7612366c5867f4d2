package services

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// DocumentService keeps the files attached to organizations, contacts,
// visits and interactions. The bytes live in the database (a table of
// their own, document_contents, apart from the description that lists
// read): every process on one PostgreSQL database serves them, and backups
// and liaison copy carry them. A document follows its record
// (attached_record.go).
type DocumentService struct{ db *gorm.DB }

// MaxDocumentSize is the largest document accepted, in bytes (25 MiB).
const MaxDocumentSize = models.MaxDocumentSize

// maxDocumentName is the longest file name kept, in characters.
const maxDocumentName = 255

// Audit actions of documents, recorded on the record they belong to.
const (
	ActionDocumentCreate = "document_create"
	ActionDocumentDelete = "document_delete"
)

// DocumentUpload is one uploaded file: the name the client gave it and its
// bytes. The client's content type is not taken: it is sniffed.
type DocumentUpload struct {
	Name    string
	Content []byte
}

// DocumentSorts is the sort allow-list of a record's documents: newest
// first by default (ix_documents_entity).
var DocumentSorts = query.SortKeys[models.Document]{
	"created_at": {Column: "documents.created_at", Value: func(d *models.Document) any { return d.CreatedAt }, IsTime: true},
}

// List returns one page of a record's documents, without their bytes.
// Errors: ErrNotFound (the record is absent or hidden), ErrInvalidCursor,
// ErrUnknownSort.
func (s *DocumentService) List(ctx context.Context, actor Actor, on RecordRef, p ListParams) (Page[models.Document], error) {
	db := s.db.WithContext(ctx)
	if _, err := findAttachedRecord(db, actor, on); err != nil {
		return Page[models.Document]{}, err
	}
	p.Archived = false
	return query.List(onAttachedRecord(db.Model(&models.Document{}), "documents", on), DocumentSorts, "-created_at", p, "documents")
}

// Get returns a document's description. Errors: ErrNotFound (also when its
// record is hidden).
func (s *DocumentService) Get(ctx context.Context, actor Actor, id int64) (models.Document, error) {
	d, _, err := s.find(s.db.WithContext(ctx), actor, id)
	return d, err
}

// Content returns a document's description and bytes.
// Errors: ErrNotFound (also when its record is hidden).
func (s *DocumentService) Content(ctx context.Context, actor Actor, id int64) (models.Document, []byte, error) {
	db := s.db.WithContext(ctx)
	d, _, err := s.find(db, actor, id)
	if err != nil {
		return d, nil, err
	}
	var c models.DocumentContent
	if err := db.First(&c, "document_id = ?", id).Error; err != nil {
		return d, nil, notFoundOr(err)
	}
	return d, c.Content, nil
}

func (s *DocumentService) find(tx *gorm.DB, actor Actor, id int64) (models.Document, attachedRecord, error) {
	var d models.Document
	if err := tx.First(&d, id).Error; err != nil {
		return d, attachedRecord{}, notFoundOr(err)
	}
	on, err := findAttachedRecord(tx, actor, RecordRef{Entity: d.EntityType, ID: d.EntityID})
	if err != nil {
		return models.Document{}, on, err
	}
	return d, on, nil
}

// Create stores an uploaded file on a record, its content type sniffed
// from its bytes. Errors: ErrNotFound, ErrForbidden, *ValidationError
// (file: empty or over MaxDocumentSize).
func (s *DocumentService) Create(ctx context.Context, actor Actor, on RecordRef, up DocumentUpload) (models.Document, error) {
	var verr ValidationError
	switch {
	case len(up.Content) == 0:
		verr.add("file", "is empty")
	case len(up.Content) > MaxDocumentSize:
		verr.add("file", "is larger than 25 MiB")
	}
	sum := sha256.Sum256(up.Content)
	d := models.Document{CreatedAt: models.Now(), EntityType: on.Entity, EntityID: on.ID, Name: documentName(up.Name),
		ContentType: http.DetectContentType(up.Content), Size: int64(len(up.Content)), SHA256: hex.EncodeToString(sum[:]),
		CreatedBy: actor.UserID}
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		rec, err := findAttachedRecord(tx, actor, on)
		if err != nil {
			return err
		}
		if !actor.mayAttach(rec) {
			return ErrForbidden
		}
		if err := verr.orNil(); err != nil {
			return err
		}
		d.ID = 0
		if err := tx.Create(&d).Error; err != nil {
			return err
		}
		if err := tx.Create(&models.DocumentContent{DocumentID: d.ID, Content: up.Content}).Error; err != nil {
			return err
		}
		return actor.audit(tx, ActionDocumentCreate, on.Entity, on.ID, rec.officeID, documentChanges(d, false))
	})
	if err != nil {
		return models.Document{}, err
	}
	return d, nil
}

// Delete erases a document and its bytes: its uploader, managers of the
// record's office and admins may. Errors: ErrNotFound, ErrForbidden.
func (s *DocumentService) Delete(ctx context.Context, actor Actor, id int64) error {
	return query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		d, rec, err := s.find(tx, actor, id)
		if err != nil {
			return err
		}
		if !actor.mayDeleteDocument(rec, d) {
			return ErrForbidden
		}
		if err := tx.Where("document_id = ?", id).Delete(&models.DocumentContent{}).Error; err != nil {
			return err
		}
		res := tx.Delete(&models.Document{}, id)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound // a concurrent delete got there first
		}
		return actor.audit(tx, ActionDocumentDelete, rec.Entity, rec.ID, rec.officeID, documentChanges(d, true))
	})
}

// documentChanges is a document's description as an audit event records it.
func documentChanges(d models.Document, deleted bool) map[string]fieldChange {
	out := map[string]fieldChange{}
	for k, v := range map[string]any{"document_id": d.ID, "name": d.Name, "content_type": d.ContentType, "size": d.Size,
		"sha256": d.SHA256, "created_by": d.CreatedBy} {
		if deleted {
			out[k] = fieldChange{Old: v}
		} else {
			out[k] = fieldChange{New: v}
		}
	}
	return out
}

// documentName keeps the last element of a client's file name ("C:\scans\
// mou.pdf" is mou.pdf), as valid UTF-8 without control characters, at most
// maxDocumentName characters; "document" when nothing is left.
func documentName(name string) string {
	name = strings.ToValidUTF8(name, "\uFFFD")
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == "/" || name == ".." {
		name = ""
	}
	if utf8.RuneCountInString(name) > maxDocumentName {
		r := []rune(name)
		name = string(r[len(r)-maxDocumentName:])
	}
	if name == "" {
		return "document"
	}
	return name
}
