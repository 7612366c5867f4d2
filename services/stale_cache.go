package services

import (
	"encoding/json"
	"slices"
	"sync"
)

// staleRank is one key stakeholder in the stale review's order: when the
// reader last saw it met (invalid: never), and its open commitments.
type staleRank struct {
	ID   int64
	At   dbTime
	Open *int64
}

// staleCache keeps the head of recent stale-review rankings, each with the
// epoch it was computed at (models.StaleEpoch), and hands one out only
// while the epoch is unchanged: every process answers what it would have
// computed. A ranking does not depend on the number of days asked for:
// never-met first, then the longest untouched, so "untouched for N days"
// is a prefix of it, cut when it is read. Only the first MaxLimit entries
// are kept, since no page is longer.
type staleCache struct {
	mu      sync.Mutex
	entries map[string]staleRanking
}

type staleRanking struct {
	epoch int64
	head  []staleRank
}

// maxCachedStale bounds the cache: one entry per reader's office and filter.
const maxCachedStale = 256

// staleKey names what a ranking depends on: whose eyes (an office, or an
// admin's), and the filter's countries and offices, JSON-encoded so that no
// two filters share a key (["BA IQ"] is not ["BA", "IQ"]).
func staleKey(actor Actor, f StaleFilter) string {
	scope := int64(-1) // an admin's
	if !actor.IsAdmin() {
		scope = actor.OfficeID
	}
	countries, offices := slices.Clone(f.CountryCode), slices.Clone(f.OfficeID)
	slices.Sort(countries)
	slices.Sort(offices)
	key, _ := json.Marshal(struct {
		Scope     int64
		Countries []string
		Offices   []int64
	}{scope, slices.Compact(countries), slices.Compact(offices)})
	return string(key)
}

func (c *staleCache) get(key string, epoch int64) ([]staleRank, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	return e.head, ok && e.epoch == epoch
}

// put keeps a ranking unless one of a later epoch is kept already (a
// slow request that ranked before a write must not replace what a faster
// one ranked after it).
func (c *staleCache) put(key string, epoch int64, head []staleRank) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok && e.epoch > epoch {
		return
	}
	if c.entries == nil || len(c.entries) >= maxCachedStale {
		c.entries = map[string]staleRanking{}
	}
	c.entries[key] = staleRanking{epoch: epoch, head: head}
}
