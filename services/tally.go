package services

import (
	"strconv"

	"gorm.io/gorm"
)

// The commitment tallies (table commitment_tallies, migration 0006) are the
// counts the manager's review reads. Every change that can move a live
// commitment from one combination of the tallied attributes to another
// untallies the commitments it touches before the change and tallies them
// again after it, in the same transaction: creating, editing, archiving and
// restoring commitments, importing them, and changing the country of their
// counterpart organization or contact, a contact's restriction, or the
// host country of their visit.

// tallyKey is the tallied attributes of a commitment, absent values as 0 or ”.
const tallyKey = `c.office_id, COALESCE(c.owner_id, 0), COALESCE(c.project_id, 0), c.restricted, c.status,
CASE WHEN c.status IN ('open', 'in_progress') THEN COALESCE(c.due_date, '') ELSE '' END,
COALESCE(o.country_code, ''), COALESCE(k.country_code, ''), COALESCE(k.restricted, FALSE), COALESCE(k.office_id, 0),
COALESCE(v.host_country_code, '')`

const tallyColumns = `office_id, owner_id, project_id, restricted, status, due_date, org_country, contact_country,
contact_restricted, contact_office_id, visit_country`

// tallyCommitments adds sign (+1 or -1) for each live commitment matching
// where (a condition on commitments c, with args) to the tallies.
func tallyCommitments(tx *gorm.DB, sign int, where string, args ...any) error {
	sql := "INSERT INTO commitment_tallies (" + tallyColumns + ", n) SELECT " + tallyKey + ", " + strconv.Itoa(sign) + ` * COUNT(*)
FROM commitments c
LEFT JOIN organizations o ON o.id = c.counterpart_organization_id
LEFT JOIN contacts k ON k.id = c.counterpart_contact_id
LEFT JOIN visits v ON v.id = c.visit_id
WHERE c.deleted_at IS NULL AND (` + where + `)
GROUP BY ` + tallyKey + `
ON CONFLICT (` + tallyColumns + `) DO UPDATE SET n = commitment_tallies.n + excluded.n`
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
	return tx.Exec("UPDATE review_epoch SET epoch = epoch + 1 WHERE id = 1").Error
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
