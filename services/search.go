package services

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// SearchHit is one result of the global search.
type SearchHit struct {
	Kind    string // organization, contact, visit, interaction, commitment
	ID      int64
	Title   string
	Snippet string // a few words around the first match, from the title or the record's text
	Score   float64
	Updated time.Time
}

// SearchKinds are the kinds the global search covers, in display order.
var SearchKinds = []string{models.EntityOrganization, models.EntityContact, models.EntityVisit, models.EntityInteraction, models.EntityCommitment}

// searchSource says how one kind is searched: its scope (the same visibility
// rule as its list) and the columns that make its title and snippet.
type searchSource struct {
	kind   string
	table  string
	scope  func(db *gorm.DB, actor Actor) *gorm.DB
	title  []string // the first non-empty is the title; all are searched for the snippet
	text   []string // further text for the snippet
	weight float64  // a small preference between kinds on equal matches
}

var searchSources = []searchSource{
	{kind: models.EntityOrganization, table: "organizations", weight: 0.3,
		scope: func(db *gorm.DB, _ Actor) *gorm.DB { return db.Model(&models.Organization{}) },
		title: []string{"name", "name_local", "acronym"}, text: []string{"city", "description"}},
	{kind: models.EntityContact, table: "contacts", weight: 0.25,
		scope: func(db *gorm.DB, a Actor) *gorm.DB { return contactScope(db, a, false) },
		title: []string{"full_name", "name_local"}, text: []string{"email", "city"}},
	{kind: models.EntityVisit, table: "visits", weight: 0.2,
		scope: func(db *gorm.DB, _ Actor) *gorm.DB { return db.Model(&models.Visit{}) },
		title: []string{"title"}, text: []string{"city", "purpose", "outcomes"}},
	{kind: models.EntityInteraction, table: "interactions", weight: 0.1,
		scope: func(db *gorm.DB, a Actor) *gorm.DB { return interactionScope(db, a, false) },
		title: []string{"subject"}, text: []string{"location", "city", "summary"}},
	{kind: models.EntityCommitment, table: "commitments", weight: 0.1,
		scope: func(db *gorm.DB, a Actor) *gorm.DB { return commitmentScope(db, a, false) },
		title: []string{"title"}, text: []string{"details", "closure_note"}},
}

// SearchService is the one search over every kind of record.
type SearchService struct{ db *gorm.DB }

// Search finds records of the given kinds (all when empty) whose text holds
// every word of q as a word prefix, accent- and case-insensitively, in Latin
// and Arabic script, among the records the actor may see. Each kind is
// searched through its full-text index and its visibility scope; the hits
// are ranked by how well the title matches, then by recency.
// Errors: *ValidationError (unknown kind).
func (s *SearchService) Search(ctx context.Context, actor Actor, q string, kinds []string, limit int) ([]SearchHit, error) {
	for _, k := range kinds {
		if !slices.Contains(SearchKinds, k) {
			return nil, &ValidationError{Fields: []FieldError{{Field: "kind", Message: "unknown kind " + k}}}
		}
	}
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 100)
	words := searchTokens(q, maxQueryTokens)
	if len(words) == 0 {
		return []SearchHit{}, nil
	}
	db := s.db.WithContext(ctx)
	hits := []SearchHit{}
	for _, src := range searchSources {
		if len(kinds) > 0 && !slices.Contains(kinds, src.kind) {
			continue
		}
		cols := append(append([]string{"id", "updated_at"}, src.title...), src.text...)
		for i, c := range cols {
			cols[i] = src.table + "." + c
		}
		var rows []map[string]any
		// Fetch a few more than the limit per kind: ranking across kinds
		// happens here, and a kind's best hit must not be cut early.
		err := matchText(src.scope(db.Session(&gorm.Session{NewDB: true}), actor), src.table, q).
			Select(cols).Order(src.table + ".updated_at DESC").Limit(limit * 3).Find(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			hits = append(hits, src.hit(r, words))
		}
	}
	slices.SortStableFunc(hits, func(a, b SearchHit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return b.Updated.Compare(a.Updated)
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

func (src searchSource) hit(row map[string]any, words []string) SearchHit {
	text := func(col string) string {
		switch v := row[col].(type) {
		case string:
			return v
		case []byte:
			return string(v)
		}
		return ""
	}
	h := SearchHit{Kind: src.kind, ID: toInt64(row["id"])}
	var dt dbTime
	_ = dt.Scan(row["updated_at"])
	h.Updated = dt.Time
	for _, c := range src.title {
		if t := strings.TrimSpace(text(c)); t != "" {
			h.Title = t
			break
		}
	}
	h.Score = titleScore(h.Title, words) + src.weight
	for _, c := range append(append([]string{}, src.title...), src.text...) {
		if snip := snippet(text(c), words); snip != "" {
			h.Snippet = snip
			if slices.Contains(src.title[1:], c) {
				h.Score = max(h.Score, titleScore(text(c), words)+src.weight) // e.g. the Arabic name
			}
			break
		}
	}
	return h
}

// titleScore rates how well a title matches the query words: all of them
// starting its words, the first one starting the title itself, or exactly.
func titleScore(title string, words []string) float64 {
	tw := searchTokens(title, 0)
	if len(tw) == 0 {
		return 0
	}
	matched := 0
	for _, w := range words {
		for _, t := range tw {
			if strings.HasPrefix(t, w) {
				matched++
				break
			}
		}
	}
	score := 5 * float64(matched) / float64(len(words))
	if strings.HasPrefix(tw[0], words[0]) {
		score += 2
	}
	if strings.Join(tw, " ") == strings.Join(words, " ") {
		score += 3
	}
	return score
}

// snippet returns up to about twenty words of text around the first word
// that a query word prefixes, or "" when none does.
func snippet(text string, words []string) string {
	fields := strings.Fields(text)
	for i, f := range fields {
		folded := searchTokens(f, 0)
		for _, fw := range folded {
			for _, w := range words {
				if strings.HasPrefix(fw, w) {
					from, to := max(0, i-6), min(len(fields), i+14)
					s := strings.Join(fields[from:to], " ")
					if from > 0 {
						s = "… " + s
					}
					if to < len(fields) {
						s += " …"
					}
					return s
				}
			}
		}
	}
	return ""
}

func toInt64(v any) int64 {
	switch n := v.(type) {
	case int64:
		return n
	case int32:
		return int64(n)
	case int:
		return int64(n)
	case float64:
		return int64(n)
	}
	return 0
}
