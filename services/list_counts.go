package services

import (
	"context"
	"errors"
	"strconv"
	"sync"

	"golang.org/x/sync/singleflight"
	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// listCounts keeps answers about the main lists between requests: their
// totals (count=true), and what a search's words match (query.Params.Search:
// how many records, and the first and last of them along a name). A total
// counts up to ten thousand rows through the visibility rule, tens of
// milliseconds over a large database; a search's matches are read through
// the full-text index on every page. Both stay the same until someone
// writes: an answer is kept per statement or search (its key) with the
// list_epoch it was computed at (migration 0030), and handed out only while
// the stored epoch is that one, so every process answers exactly what
// computing it again would. Requests that find no current answer for the
// same key at the same moment wait for one computation rather than each
// running it.
type listCounts struct {
	kept    epochCache[any]
	flights singleflight.Group
}

// maxKeptCounts bounds the kept answers: one per reader's visibility and
// filter in use; a key is a statement of a kilobyte or two.
const maxKeptCounts = 2048

func newListCounts() *listCounts {
	return &listCounts{kept: epochCache[any]{limit: maxKeptCounts}}
}

// forRequest is the Keeper of one request: a list with a search and its
// total asks it up to three times, the search across kinds five times,
// and list_epoch is read once, at the first.
func (c *listCounts) forRequest() query.Keeper {
	return &requestKeeper{counts: c}
}

// requestKeeper implements query.Keeper for one request (forRequest).
type requestKeeper struct {
	counts *listCounts
	mu     sync.Mutex
	epoch  int64
	read   bool
}

func (r *requestKeeper) Keep(db *gorm.DB, key string, compute func() (any, error)) (any, error) {
	if r.counts == nil {
		return compute()
	}
	// Read before computing, so that an answer is never kept as newer
	// than the rows it saw (the raise is in the writer's transaction).
	r.mu.Lock()
	if !r.read {
		if err := query.DirectRow(db, models.ListEpoch).Scan(&r.epoch); err != nil {
			r.mu.Unlock()
			return nil, err
		}
		r.read = true
	}
	epoch := r.epoch
	r.mu.Unlock()
	return r.counts.keepAt(db, epoch, key, compute)
}

// keepAt returns the answer kept under key at epoch, or computes and keeps
// it.
func (c *listCounts) keepAt(db *gorm.DB, epoch int64, key string, compute func() (any, error)) (any, error) {
	if v, ok := c.kept.get(key, epoch); ok {
		return v, nil
	}
	v, err, _ := c.flights.Do(strconv.FormatInt(epoch, 10)+" "+key, func() (any, error) {
		v, err := compute()
		if err != nil {
			return nil, err
		}
		c.kept.put(key, epoch, v)
		return v, nil
	})
	if err != nil {
		// The request that computed for all may have ended (its client
		// gone); one that is still wanted computes for itself.
		if ctx := db.Statement.Context; ctx != nil && ctx.Err() == nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
			return compute()
		}
		return nil, err
	}
	return v, nil
}
