package services

import (
	"context"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"liaison/models"
	"liaison/services/query"
)

// Every record carries a version, raised by each write. A client that read
// version 3 changes the record only while it is still at 3 (If-Match: "3",
// parsed in api/versioning.go): a concurrent writer that got there first
// makes the write ErrStale, and nothing is written. This file is where the
// rule is kept.

// writeTx runs a read-check-write of one record in one transaction. A write
// guarded by a version (If-Match: "3") fails with ErrStale when another
// writer got there first, as the client asked. A write without one
// (If-Match: *) asks only that the record exist, so it must not fail
// because another writer changed the record between this transaction's
// read and its conditional UPDATE: on PostgreSQL such a write first locks
// the record's row, so that it reads the version it will write over. The
// lock is the one the UPDATE takes anyway (FOR NO KEY UPDATE), only taken
// earlier: rows referring to the record by foreign key are not held up.
// (SQLite transactions start with the database's write lock; the race
// cannot happen there.) model is a pointer to the record's type.
func writeTx(ctx context.Context, db *gorm.DB, model any, id int64, version *int64, fn func(tx *gorm.DB) error) error {
	return query.Transaction(ctx, db, func(tx *gorm.DB) error {
		if version == nil && tx.Name() == models.Postgres {
			var locked []int64
			err := tx.Session(&gorm.Session{NewDB: true}).Unscoped().Model(model).Select("id").Where("id = ?", id).
				Clauses(clause.Locking{Strength: "NO KEY UPDATE"}).Scan(&locked).Error
			if err != nil {
				return err
			}
		}
		return fn(tx)
	})
}

// checkVersion compares the client's If-Match version with the stored one.
// A nil expected version means "any" (If-Match: *).
func checkVersion(expected *int64, stored int64) error {
	if expected != nil && *expected != stored {
		return ErrStale
	}
	return nil
}

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
