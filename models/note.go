package models

import "time"

// Note is a dated, authored remark on a record, in light markdown. It is
// erased, not archived, when deleted.
type Note struct {
	ID         int64 `gorm:"primaryKey"`
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
	EntityType string
	EntityID   int64
	AuthorID   int64
	Body       string
	// Mentions are the users the body mentions, read from note_mentions.
	Mentions []int64 `gorm:"-"`
}

// GetID returns the primary key; list code reads it for cursors.
func (n *Note) GetID() int64 { return n.ID }

// NoteMention is one user mentioned in a note.
type NoteMention struct {
	NoteID int64 `gorm:"primaryKey"`
	UserID int64 `gorm:"primaryKey"`
}
