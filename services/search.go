package services

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
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
type SearchService struct {
	db     *gorm.DB
	counts *listCounts // keeps what the words match in each table, shared with the lists
}

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
	words := query.Tokens(q, query.MaxQueryTokens)
	if len(words) == 0 {
		return []SearchHit{}, nil
	}
	db := s.db.WithContext(ctx)
	keeper := s.counts.forRequest()
	var hits []SearchHit
	for _, src := range searchSources {
		if len(kinds) > 0 && !slices.Contains(kinds, src.kind) {
			continue
		}
		// Fetch a few more than the limit per kind: ranking across kinds
		// happens here, and a kind's best hit must not be cut early. Only
		// the titles are read now; the rest of the text is read for the
		// hits that make the page.
		found, err := src.candidates(query.Match(src.scope(db.Session(&gorm.Session{NewDB: true}), actor), keeper, src.table, q), limit*3, words)
		if err != nil {
			return nil, err
		}
		hits = append(hits, found...)
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
	if err := snippetsFromText(db, hits, words); err != nil {
		return nil, err
	}
	if hits == nil {
		hits = []SearchHit{}
	}
	return hits, nil
}

// candidates reads up to n matches of q, newest first, with their titles,
// and scores them. A hit whose titles hold a query word gets its snippet
// from the first such title (and, when that is not the main title, e.g.
// the Arabic name, is scored by it if that is better); the others are left
// to snippetsFromText.
func (src searchSource) candidates(q *gorm.DB, n int, words []string) ([]SearchHit, error) {
	cols := []string{src.table + ".id", src.table + ".updated_at"}
	for _, c := range src.title {
		cols = append(cols, "COALESCE("+src.table+"."+c+", '')")
	}
	rows, err := q.Select(cols).Order(src.table + ".updated_at DESC").Limit(n).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SearchHit
	titles := make([]string, len(src.title))
	targets := make([]any, 0, 2+len(titles))
	for rows.Next() {
		h := SearchHit{Kind: src.kind}
		var updated query.Time
		targets = append(targets[:0], &h.ID, &updated)
		for i := range titles {
			targets = append(targets, &titles[i])
		}
		if err := rows.Scan(targets...); err != nil {
			return nil, err
		}
		h.Updated = updated.Time
		for _, t := range titles {
			if t = strings.TrimSpace(t); t != "" {
				h.Title = t
				break
			}
		}
		h.Score = titleScore(h.Title, words) + src.weight
		for i, t := range titles {
			if snip := snippet(t, words); snip != "" {
				h.Snippet = snip
				if i > 0 {
					h.Score = max(h.Score, titleScore(t, words)+src.weight)
				}
				break
			}
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// snippetsFromText gives the hits whose titles hold no query word a snippet
// from the rest of their text, where the word matched: one query per kind,
// for the hits of the page only.
func snippetsFromText(db *gorm.DB, hits []SearchHit, words []string) error {
	for _, src := range searchSources {
		at := map[int64][]int{}
		var ids []int64
		for i, h := range hits {
			if h.Kind == src.kind && h.Snippet == "" {
				if _, seen := at[h.ID]; !seen {
					ids = append(ids, h.ID)
				}
				at[h.ID] = append(at[h.ID], i)
			}
		}
		if len(ids) == 0 {
			continue
		}
		if err := src.textSnippets(db, ids, words, func(id int64, snip string) {
			for _, i := range at[id] {
				hits[i].Snippet = snip
			}
		}); err != nil {
			return err
		}
	}
	return nil
}

// textSnippets reads the text columns of ids and reports each record's
// snippet, from the first column that holds a query word.
func (src searchSource) textSnippets(db *gorm.DB, ids []int64, words []string, found func(id int64, snip string)) error {
	cols := []string{"id"}
	for _, c := range src.text {
		cols = append(cols, "COALESCE("+c+", '')")
	}
	rows, err := db.Session(&gorm.Session{NewDB: true}).Table(src.table).Select(cols).Where("id IN ?", ids).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	texts := make([]string, len(src.text))
	targets := make([]any, 0, 1+len(texts))
	for rows.Next() {
		var id int64
		targets = append(targets[:0], &id)
		for i := range texts {
			targets = append(targets, &texts[i])
		}
		if err := rows.Scan(targets...); err != nil {
			return err
		}
		for _, t := range texts {
			if snip := snippet(t, words); snip != "" {
				found(id, snip)
				break
			}
		}
	}
	return rows.Err()
}

// titleScore rates how well a title matches the query words: all of them
// starting its words, the first one starting the title itself, or exactly.
func titleScore(title string, words []string) float64 {
	tw := query.Tokens(title, 0)
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
		folded := query.Tokens(f, 0)
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
