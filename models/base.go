package models

import (
	"time"

	"gorm.io/gorm"
)

// Record is embedded in every versioned, archivable record. Version drives
// the ETag and optimistic concurrency; DeletedAt is the archive mark (gorm's
// soft delete hides archived rows from every query unless asked).
type Record struct {
	ID        int64 `gorm:"primaryKey"`
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt gorm.DeletedAt
}

// GetID returns the primary key; generic list code reads it for cursors.
func (r *Record) GetID() int64 { return r.ID }
