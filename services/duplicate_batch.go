package services

import (
	"slices"

	"gorm.io/gorm"

	"liaison/models"
)

// checkMany is Check by the blocking keys alone for many probes at once:
// an import's batch of rows asks the key table and the records' faces a
// few statements in all instead of a few per row, so every row of a file,
// the 100,000th as much as the first, is matched by the one rule the forms
// use (same email, phone, folded name, acronym or initials). The matches
// of probe i are out[i], likeliest first, at most limit. Records for which
// skip is true (those an import made itself) are not read: a file of
// people sharing a few names would otherwise read its own earlier rows
// back for every batch.
func (s *DuplicateService) checkMany(tx *gorm.DB, actor Actor, kind DuplicateKind, probes []DuplicateProbe, limit int, skip func(id int64) bool) ([][]DuplicateMatch, error) {
	if err := mayFindDuplicates(actor, kind); err != nil {
		return nil, err
	}
	faces := make([]dupFace, len(probes))
	keys := make([][]string, len(probes))
	var all []string
	for i, p := range probes {
		fields := probeFields(kind, p)
		faces[i] = faceOf(kind, 0, fields)
		keys[i] = models.DuplicateKeys(string(kind), fields)
		all = append(all, keys[i]...)
	}
	byKey, err := keyRecords(tx, kind, all)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, found := range byKey {
		for _, id := range found {
			if !skip(id) {
				ids = append(ids, id)
			}
		}
	}
	records, err := liveVisibleFaces(tx, actor, kind, uniqueIDs(ids))
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]dupFace, len(records))
	for _, r := range records {
		byID[r.id] = r
	}
	out := make([][]DuplicateMatch, len(probes))
	for i, p := range probes {
		var candidates []dupFace
		seen := map[int64]bool{p.ExcludeID: true}
		for _, k := range keys[i] {
			for _, id := range byKey[k] {
				if r, ok := byID[id]; ok && !seen[id] {
					seen[id] = true
					candidates = append(candidates, r)
				}
			}
		}
		out[i] = rankMatches(faces[i], candidates, limit)
	}
	return out, nil
}

// keyRecords reads the records that hold each key, at most checkCandidates
// per key (the first by id): a key that thousands of records share says
// little about any one of them, and must not make one probe read them all.
func keyRecords(tx *gorm.DB, kind DuplicateKind, keys []string) (map[string][]int64, error) {
	slices.Sort(keys)
	keys = slices.Compact(keys)
	out := make(map[string][]int64, len(keys))
	db := tx.Session(&gorm.Session{NewDB: true})
	for len(keys) > 0 {
		part := keys[:min(len(keys), 500)]
		keys = keys[len(part):]
		var rows []struct {
			Key      string
			RecordID int64
		}
		err := db.Raw("SELECT key, record_id FROM (SELECT key, record_id, ROW_NUMBER() OVER (PARTITION BY key ORDER BY record_id) AS n FROM "+
			models.DuplicateKeysTable+" WHERE kind = ? AND key IN ?) AS k WHERE n <= ?", string(kind), part, checkCandidates).Scan(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.Key] = append(out[r.Key], r.RecordID)
		}
	}
	return out, nil
}

// rankMatches scores the candidates against the probe and keeps those
// that may be the same record, likeliest first (then by id), at most limit
// (1–50; 10 when 0).
func rankMatches(probe dupFace, candidates []dupFace, limit int) []DuplicateMatch {
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, 50)
	out := []DuplicateMatch{}
	for _, r := range candidates {
		score, reasons := pairScore(probe, r)
		if score >= duplicateThreshold {
			out = append(out, DuplicateMatch{ID: r.id, Score: round2(score), Reasons: orderReasons(reasons), Name: r.name})
		}
	}
	slices.SortFunc(out, func(a, b DuplicateMatch) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return int(a.ID - b.ID)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
