package models

import (
	"time"

	"gorm.io/gorm"
)

// RetentionKeep is a manager's decision to keep a contact past the
// retention period (migrations/0025).
type RetentionKeep struct {
	ContactID int64 `gorm:"primaryKey;autoIncrement:false"`
	KeptAt    time.Time
	KeptBy    int64
	Reason    string
}

// fts5SecureDelete makes SQLite's full-text index of contacts remove a
// deleted entry's words from the index at once (FTS5's secure-delete
// option), rather than leave them in index segments until a later merge:
// erased names must not be readable from the database file. PostgreSQL's
// GIN index needs nothing of the kind here (docs/OPERATIONS.md says what
// VACUUM does and does not remove).
func fts5SecureDelete(tx *gorm.DB) error {
	if tx.Name() != SQLite {
		return nil
	}
	return tx.Exec(`INSERT INTO contacts_fts(contacts_fts, rank) VALUES('secure-delete', 1)`).Error
}
