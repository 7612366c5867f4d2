package services

import (
	"gorm.io/gorm"

	"liaison/models"
)

// The commitment tallies (table commitment_tallies, migration 0006) are the
// counts the manager's review reads. Every change that can move a live
// commitment from one combination of the tallied attributes to another
// untallies the commitments it touches before the change and tallies them
// again after it, in the same transaction: creating, editing, archiving and
// restoring commitments, importing them, and changing the country of their
// counterpart organization or contact, a contact's restriction, or the
// host country of their visit. The key and its recount are
// models.TallyKey and models.TallyCounts, which liaison check uses too.

// tallyCommitments adds sign (+1 or -1) for each live commitment matching
// where (a condition on commitments c, with args) to the tallies.
func tallyCommitments(tx *gorm.DB, sign int, where string, args ...any) error {
	sql := "INSERT INTO " + models.TalliesTable + " (" + models.TallyColumns + ", n) " + models.TallyCounts(sign, where) + `
ON CONFLICT (` + models.TallyColumns + `) DO UPDATE SET n = commitment_tallies.n + excluded.n`
	// Rows that drop to zero stay (the review skips them): deleting them
	// would cost every write a scan of the table.
	if err := tx.Exec(sql, args...).Error; err != nil {
		return err
	}
	return bumpReviewEpoch(tx)
}

// bumpReviewEpoch tells every process that a review it computed before
// this transaction is out of date (see CommitmentService.Review).
func bumpReviewEpoch(tx *gorm.DB) error {
	return tx.Exec(models.RaiseReviewEpoch).Error
}

// reviewEpoch is the current generation of the tallies.
func reviewEpoch(db *gorm.DB) (int64, error) {
	var e int64
	err := db.Raw("SELECT epoch FROM review_epoch WHERE id = 1").Scan(&e).Error
	return e, err
}

// retally runs change between untallying and tallying again the
// commitments matching where.
func retally(tx *gorm.DB, change func() error, where string, args ...any) error {
	if err := tallyCommitments(tx, -1, where, args...); err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	return tallyCommitments(tx, +1, where, args...)
}
