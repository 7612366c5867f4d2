package models

import "time"

// MaxDocumentSize is the largest document accepted: 25 MiB.
const MaxDocumentSize = 25 << 20

// Document describes a file attached to a record. Its bytes are kept apart
// in DocumentContent, so that listing documents reads none of them.
type Document struct {
	ID          int64 `gorm:"primaryKey"`
	CreatedAt   time.Time
	EntityType  string
	EntityID    int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string `gorm:"column:sha256"`
	CreatedBy   int64
}

// GetID returns the primary key; list code reads it for cursors.
func (d *Document) GetID() int64 { return d.ID }

// DocumentContent holds the bytes of one document.
type DocumentContent struct {
	DocumentID int64 `gorm:"primaryKey"`
	Content    []byte
}
