package services

import (
	"context"
	"errors"
	"strconv"

	"golang.org/x/sync/singleflight"
	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// listCounts keeps the totals of the main lists (count=true) between
// requests. A total counts up to ten thousand rows through the visibility
// rule, tens of milliseconds over a large database, and stays the same
// until someone writes: it is kept per statement (the reader's visibility
// and the filters, query.Params.count) with the list_epoch it was counted
// at (migration 0030), and handed out only while the stored epoch is that
// one, so every process answers exactly what counting would. Requests
// that find no current total for the same statement at the same moment
// wait for one count rather than each running it.
type listCounts struct {
	kept    epochCache[keptCount]
	flights singleflight.Group
}

type keptCount struct {
	n    int64
	more bool // n is the bound, and more rows match
}

// maxKeptCounts bounds the kept totals: one per reader's visibility and
// filter in use; a key is a statement of a kilobyte or two.
const maxKeptCounts = 2048

func newListCounts() *listCounts {
	return &listCounts{kept: epochCache[keptCount]{limit: maxKeptCounts}}
}

// Count implements query.Counter.
func (c *listCounts) Count(db *gorm.DB, key string, count func() (int64, bool, error)) (int64, bool, error) {
	if c == nil {
		return count()
	}
	// Read before counting, so that a total is never kept as newer than
	// the rows it saw (the raise is in the writer's transaction).
	var epoch int64
	if err := query.DirectRow(db, models.ListEpoch).Scan(&epoch); err != nil {
		return 0, false, err
	}
	if k, ok := c.kept.get(key, epoch); ok {
		return k.n, k.more, nil
	}
	v, err, _ := c.flights.Do(strconv.FormatInt(epoch, 10)+" "+key, func() (any, error) {
		n, more, err := count()
		if err != nil {
			return nil, err
		}
		k := keptCount{n: n, more: more}
		c.kept.put(key, epoch, k)
		return k, nil
	})
	if err != nil {
		// The request that counted for all may have ended (its client
		// gone); one that is still wanted counts for itself.
		if ctx := db.Statement.Context; ctx != nil && ctx.Err() == nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
			return count()
		}
		return 0, false, err
	}
	k := v.(keptCount)
	return k.n, k.more, nil
}
