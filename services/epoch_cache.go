package services

import (
	"cmp"
	"encoding/json"
	"slices"
	"sync"
)

// epochCache keeps recent answers, each with the epoch of the data it was
// computed from (a counter in the database that every write that could
// change the answer raises: review_epoch for the commitment review,
// stale_epoch for the stale ranking, a user's row of auth_epochs for the
// principals their sessions and tokens resolve to, principal_cache.go). An answer is handed out only while the
// stored epoch is unchanged, so every process answers exactly what it would
// have computed, however many share the database. It is the one cache of
// this package; a second one is a second instance of it.
type epochCache[V any] struct {
	mu      sync.Mutex
	entries map[string]epochEntry[V]
	limit   int // entries kept at most; 0 means maxCachedAnswers
}

type epochEntry[V any] struct {
	epoch int64
	value V
}

// maxCachedAnswers bounds each cache: about one entry per reader's office
// and filter. When full, the cache starts afresh rather than tracking use.
const maxCachedAnswers = 256

// entry returns the answer kept under key and the epoch it was computed at,
// for a caller that learns from the answer which epoch to compare (a
// principal names the user whose epoch counts).
func (c *epochCache[V]) entry(key string) (V, int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	return e.value, e.epoch, ok
}

// get returns the answer kept under key if it was computed at epoch.
func (c *epochCache[V]) get(key string, epoch int64) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	return e.value, ok && e.epoch == epoch
}

// put keeps an answer computed at epoch (read before computing it), unless
// one of a later epoch is kept already: a slow request that computed
// before a write must not replace what a faster one computed after it.
func (c *epochCache[V]) put(key string, epoch int64, value V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok && e.epoch > epoch {
		return
	}
	limit := c.limit
	if limit == 0 {
		limit = maxCachedAnswers
	}
	if c.entries == nil || len(c.entries) >= limit {
		c.entries = map[string]epochEntry[V]{}
	}
	c.entries[key] = epochEntry[V]{epoch: epoch, value: value}
}

// cacheKey is the canonical JSON of what an answer depends on: the reader's
// visibility (Actor.sightline) and the normalised filter. JSON keeps every
// value apart however it is spelled (["BA IQ"] is not ["BA", "IQ"]), which
// formatting with %v does not.
func cacheKey(parts ...any) string {
	key, err := json.Marshal(parts)
	if err != nil {
		panic("cacheKey: " + err.Error()) // only plain values are passed
	}
	return string(key)
}

// asSet is a filter's alternatives in a canonical order, repeats dropped:
// the same choice spelled in another order shares one answer.
func asSet[T cmp.Ordered](values []T) []T {
	s := slices.Clone(values)
	slices.Sort(s)
	return slices.Compact(s)
}
