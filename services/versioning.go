package services

import (
	"gorm.io/gorm"

	"liaison/models"
)

// versioned is a model embedding models.Record.
type versioned interface {
	GetID() int64
}

// saveVersioned writes every column of row, whose Version the caller has
// set to readVersion+1, but only while the stored version is still the one
// read: a concurrent writer that got there first makes this ErrStale, and
// nothing is written.
func saveVersioned[T versioned](tx *gorm.DB, row T, readVersion int64) error {
	res := tx.Model(row).Where("version = ?", readVersion).
		Select("*").Omit("id", "created_at", "deleted_at").Updates(row)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	return nil
}

// archive soft-deletes a row and bumps its version, guarded like bumpVersion.
func archive[T versioned](tx *gorm.DB, row T, readVersion int64) error {
	res := tx.Model(row).Where("version = ?", readVersion).
		Updates(map[string]any{"deleted_at": models.Now(), "version": gorm.Expr("version + 1"), "updated_at": models.Now()})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	return nil
}

// restore clears the archive mark and bumps the version.
func restore[T versioned](tx *gorm.DB, row T, readVersion int64) error {
	res := tx.Model(row).Unscoped().Where("version = ?", readVersion).
		Updates(map[string]any{"deleted_at": nil, "version": gorm.Expr("version + 1"), "updated_at": models.Now()})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	return nil
}
