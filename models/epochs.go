package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// The epochs are generation numbers that processes compare with the one
// they cached a computation under (review_epoch for the manager's review,
// migration 0006; stale_epoch for the stale-stakeholder review, migration
// 0010; list_epoch for the counts of lists, migration 0030). A cache is
// used only while the number it was stored with is the stored one, so a
// number that moves refreshes every cache, and a missing row silently
// stops them from ever refreshing.

// RaiseReviewEpoch is the statement that tells every process that a review
// it computed before this transaction is out of date.
const RaiseReviewEpoch = "UPDATE review_epoch SET epoch = epoch + 1 WHERE id = 1"

// epochRow is the row an epoch table must hold.
type epochRow struct{ table, where, row, insert, raise string }

var epochRows = []epochRow{
	{table: "review_epoch", where: "id = 1", row: "id=1", insert: "INSERT INTO review_epoch (id, epoch) VALUES (1, ?)", raise: RaiseReviewEpoch},
	// SQLite's triggers raise shard 0 only; on PostgreSQL the epoch is the
	// sum of all shards and shard 0 is the migration's.
	{table: StaleEpochTable, where: "shard = 0", row: "shard=0", insert: "INSERT INTO " + StaleEpochTable + " (shard, epoch) VALUES (0, ?)",
		raise: "UPDATE " + StaleEpochTable + " SET epoch = epoch + 1 WHERE shard = 0"},
	{table: ListEpochTable, where: "shard = 0", row: "shard=0", insert: "INSERT INTO " + ListEpochTable + " (shard, epoch) VALUES (0, ?)", raise: RaiseListEpoch},
}

func checkEpoch(tx *gorm.DB, e epochRow) (TableCheck, error) {
	c := TableCheck{Table: e.table}
	var n int64
	if err := tx.Raw("SELECT COUNT(*) FROM " + e.table + " WHERE " + e.where).Scan(&n).Error; err != nil {
		return c, fmt.Errorf("%s: %w", e.table, err)
	}
	if n == 0 {
		c.Missing = 1
		c.Examples = []string{"missing " + e.row}
	}
	return c, nil
}

// raiseEpoch moves the epoch so that every cache refreshes. A row that was
// missing comes back with a number no cache can hold (the time in
// microseconds: epochs count writes and stay far below it), since what it
// said before it was lost is unknown.
func raiseEpoch(tx *gorm.DB, e epochRow) error {
	c, err := checkEpoch(tx, e)
	if err != nil {
		return err
	}
	if c.Missing > 0 {
		return tx.Exec(e.insert, time.Now().UnixMicro()).Error
	}
	return tx.Exec(e.raise).Error
}
