package services

import (
	"context"
	"slices"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// duplicateCursor is where a page of the duplicates list ended: the last
// blocking key it read.
type duplicateCursor struct {
	K string `json:"k"`
}

// duplicateScanBatches bounds the blocks one page reads when most of them
// hold fewer than two records the actor may see: the page then ends early,
// with a cursor.
const duplicateScanBatches = 20

// List pages through the groups of visible, live records that may be one
// record, strongest evidence first: groups sharing an email, then a phone
// number, then a name, then an acronym (each group scored and explained).
// A group is listed once, under the strongest key all its records share.
// Managers and admins only.
// Errors: ErrForbidden, ErrInvalidCursor, *ValidationError (unknown kind).
func (s *DuplicateService) List(ctx context.Context, actor Actor, f DuplicateFilter) (Page[DuplicateGroup], error) {
	page := Page[DuplicateGroup]{Items: []DuplicateGroup{}}
	if actor.Role != models.RoleManager && !actor.IsAdmin() {
		return page, ErrForbidden
	}
	if err := validDuplicateKind(f.Kind); err != nil {
		return page, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var after string
	if f.Cursor != "" {
		var c duplicateCursor
		if err := query.DecodeCursor(f.Cursor, &c); err != nil || c.K == "" {
			return page, ErrInvalidCursor
		}
		after = c.K
	}
	kind := string(f.Kind)
	db := s.db.WithContext(ctx)
	batch := 2*f.Limit + 10
	for range duplicateScanBatches {
		var blocks []string
		if err := db.Raw("SELECT key FROM "+models.DuplicateBlocksTable+" WHERE kind = ? AND size BETWEEN 2 AND ? AND key > ? ORDER BY key LIMIT ?",
			kind, models.DuplicateBlockLimit, after, batch).Scan(&blocks).Error; err != nil {
			return page, err
		}
		groups, err := s.groups(db, actor, f.Kind, blocks)
		if err != nil {
			return page, err
		}
		for i, key := range blocks {
			after = key
			if g, ok := groups[i]; ok {
				page.Items = append(page.Items, g)
				if len(page.Items) == f.Limit {
					if i < len(blocks)-1 || len(blocks) == batch {
						page.NextCursor = query.EncodeCursor(duplicateCursor{K: key})
					}
					return page, nil
				}
			}
		}
		if len(blocks) < batch {
			return page, nil
		}
	}
	page.NextCursor = query.EncodeCursor(duplicateCursor{K: after})
	return page, nil
}

// groups makes the group of each block (by its index in blocks), reading
// the blocks' records, and every key of those records, in bulk.
func (s *DuplicateService) groups(db *gorm.DB, actor Actor, kind DuplicateKind, blocks []string) (map[int]DuplicateGroup, error) {
	out := map[int]DuplicateGroup{}
	if len(blocks) == 0 {
		return out, nil
	}
	var members []struct {
		Key      string
		RecordID int64
	}
	if err := db.Raw("SELECT key, record_id FROM "+models.DuplicateKeysTable+" WHERE kind = ? AND key IN ?", string(kind), blocks).
		Scan(&members).Error; err != nil {
		return nil, err
	}
	var ids []int64
	byKey := map[string][]int64{}
	for _, m := range members {
		byKey[m.Key] = append(byKey[m.Key], m.RecordID)
		ids = append(ids, m.RecordID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	faces, err := liveVisibleFaces(db, actor, kind, ids)
	if err != nil {
		return nil, err
	}
	face := map[int64]dupFace{}
	var seen []int64
	for _, f := range faces {
		face[f.id] = f
		seen = append(seen, f.id)
	}
	// Every key of the records, and which of those keys make a block the
	// list reads: a group is listed under the first of them all its
	// records share.
	keysOf := map[int64][]string{}
	listed := map[string]bool{}
	if len(seen) > 0 {
		var rows []struct {
			RecordID int64
			Key      string
			Size     int64
		}
		err := db.Raw("SELECT k.record_id, k.key, b.size FROM "+models.DuplicateKeysTable+" k JOIN "+models.DuplicateBlocksTable+
			" b ON b.kind = k.kind AND b.key = k.key WHERE k.kind = ? AND k.record_id IN ?", string(kind), seen).Scan(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			keysOf[r.RecordID] = append(keysOf[r.RecordID], r.Key)
			listed[r.Key] = r.Size >= 2 && r.Size <= models.DuplicateBlockLimit
		}
	}
	for i, key := range blocks {
		var in []dupFace
		for _, id := range byKey[key] {
			if f, ok := face[id]; ok {
				in = append(in, f)
			}
		}
		g, ok := groupOf(in)
		if !ok || listedEarlier(key, g.IDs, keysOf, listed) {
			continue
		}
		out[i] = g
	}
	return out, nil
}

// groupOf keeps the records that are likely one with another of the block.
func groupOf(in []dupFace) (DuplicateGroup, bool) {
	if len(in) < 2 {
		return DuplicateGroup{}, false
	}
	linked := map[int64]bool{}
	var reasons []string
	best := 0.0
	for i := range in {
		for j := i + 1; j < len(in); j++ {
			score, why := pairScore(in[i], in[j])
			if score < duplicateThreshold {
				continue
			}
			linked[in[i].id], linked[in[j].id] = true, true
			reasons = append(reasons, why...)
			best = max(best, score)
		}
	}
	if len(linked) < 2 {
		return DuplicateGroup{}, false
	}
	g := DuplicateGroup{Score: round2(best), Reasons: orderReasons(reasons)}
	for _, f := range in {
		if linked[f.id] {
			g.IDs = append(g.IDs, f.id)
		}
	}
	slices.Sort(g.IDs)
	return g, true
}

// listedEarlier reports whether the group's records all share a listed key
// before key: the group is listed there.
func listedEarlier(key string, ids []int64, keysOf map[int64][]string, listed map[string]bool) bool {
	for _, k := range keysOf[ids[0]] {
		if k >= key || !listed[k] {
			continue
		}
		all := true
		for _, id := range ids[1:] {
			if !slices.Contains(keysOf[id], k) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}
