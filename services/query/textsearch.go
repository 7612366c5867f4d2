package query

import (
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
)

// Fold turns text into the form that the full-text index holds and that
// queries are matched in (models.Fold, where the stored sort keys are made
// from it too): lower case, accents and Arabic diacritics removed, Arabic
// letter variants unified, Arabic-Indic digits as ASCII.
func Fold(s string) string { return models.Fold(s) }

// SearchText builds the value of a search_text column from a record's
// searchable fields (models.SearchText).
func SearchText(fields ...string) string { return models.SearchText(nil, fields...) }

// NameSearchText is SearchText for a record with names: each word of the
// names also carries its typo keys, so that one typo still finds it.
func NameSearchText(names []string, fields ...string) string {
	return models.SearchText(names, fields...)
}

// Tokens splits folded text into words of letters and digits, the only
// characters that reach a full-text query: nothing a user types can inject
// FTS or tsquery syntax. max bounds the count (0 = unbounded).
func Tokens(s string, max int) []string {
	words := models.SearchWords(s)
	if max > 0 && len(words) > max {
		words = words[:max]
	}
	return words
}

// MaxQueryTokens bounds the work one query can ask of the index.
const MaxQueryTokens = 8

// Match restricts q to rows of table whose search_text holds every word
// of text as a word prefix, or, when those are fewer than TypoBelow, also
// a name word within one typo of a word of models.TypoMinLength letters or
// more (models.TypoKeys). Text with no searchable word matches nothing.
// This is the one place that knows the two databases' full-text dialects.
// What the words match is read through keeper when there is one (see
// Keeper; nil reads it every time).
func Match(q *gorm.DB, keeper Keeper, table, text string) *gorm.DB {
	q, _ = match(q, keeper, table, text)
	return q
}

// Search is Match of the list's own text (p.Q) for List. When the matches
// are so many that the list walks its sort order (WalkThreshold), it also
// keeps how to read them from the full-text index: List's count reads them
// there rather than walking, and a walk along a name starts at the first
// match and stops at the last (SortKey.Seek, seekBounds). What the words
// match is read through the list's Keeper (KeepThrough, called before).
func (p *Params) Search(q *gorm.DB, table string) *gorm.DB {
	q, p.walked = match(q, p.keeper, table, p.Q)
	return q
}

// walkedText is a search whose list walks its sort order: the condition
// (with its one value) that reads its matches from the full-text index.
type walkedText struct {
	table, driven, arg string
	keeper             Keeper
}

// match is Match, and the search's index condition when its list walks.
func match(q *gorm.DB, keeper Keeper, table, text string) (*gorm.DB, *walkedText) {
	words := Tokens(text, MaxQueryTokens)
	if len(words) == 0 {
		return q.Where("1 = 0"), nil
	}
	// A text condition can be handed to the database in three ways, and
	// which is fastest depends on how many records hold the words:
	//   - few: the matching ids, read first, as a list (the full-text
	//     index is not asked twice);
	//   - many: a subquery the database drives the list from, sorting the
	//     matches;
	//   - very many (a given name shared by tens of thousands): a
	//     condition the database tests while walking the list's sort
	//     order, so a page is found after a few thousand rows instead of
	//     sorting every match. Neither database may drive from the index
	//     then (each is told in its own way), or PostgreSQL, misjudging how
	//     many rows a name's range of the sort order holds, reads and sorts
	//     every match again.
	// The matches are therefore first counted through the full-text index,
	// stopping past WalkThreshold, and come back in one row with their
	// ids (a row per match would cost a step each).
	var ids, driven, walked, exact, typo string
	if q.Name() == models.Postgres {
		exact, typo = tsquery(words, false), tsquery(words, true)
		// PostgreSQL cannot estimate prefix queries and, expecting many
		// matches, would walk the sort index for a word that matches
		// nothing; "OFFSET 0" keeps it from folding a subquery back in.
		ids = "SELECT COUNT(*) AS n, string_agg(id::text, ',') AS ids FROM (SELECT id FROM " + table +
			" WHERE search_vector @@ to_tsquery('simple', ?) OFFSET 0 LIMIT ?) AS m"
		driven = table + ".id IN (SELECT id FROM " + table + " WHERE search_vector @@ to_tsquery('simple', ?) OFFSET 0)"
		// The operator's function: the same test, which no index serves
		// and whose share of the rows the planner takes as a third.
		walked = "ts_match_vq(" + table + ".search_vector, to_tsquery('simple', ?))"
	} else {
		exact, typo = fts5Query(words, false), fts5Query(words, true)
		ids = "SELECT COUNT(*) AS n, group_concat(rowid) AS ids FROM (SELECT rowid FROM " + table + "_fts WHERE " + table + "_fts MATCH ? LIMIT ?) AS m"
		driven = table + ".id IN (SELECT rowid FROM " + table + "_fts WHERE " + table + "_fts MATCH ?)"
		// SQLite will not drive from "+id".
		walked = "+" + driven
	}
	// Words spelt as stored are matched as they are; only when they find
	// less than a page are names within one typo of them looked for too,
	// whose many index keys would otherwise slow every search of a common
	// name ("Ahmad" finds Ahmed when few are called Ahmad).
	// What the words match is the same for every reader (the visibility
	// rule is the list's), so it is kept per search until the next write.
	probe, err := kept(q, keeper, fmt.Sprint("match ", table, " ", WalkThreshold, " ", TypoBelow, " ", exact), func() (textProbe, error) {
		found, err := countMatches(q, ids, exact)
		if err == nil && found.N < TypoBelow && typo != exact {
			found, err = countMatches(q, ids, typo)
			return textProbe{arg: typo, found: found}, err
		}
		return textProbe{arg: exact, found: found}, err
	})
	arg, found := probe.arg, probe.found
	if err != nil {
		_ = q.AddError(err)
		return q, nil
	}
	switch {
	case found.N == 0:
		return q.Where("1 = 0"), nil
	case found.N <= ListedMatches && found.IDs != nil:
		list := strings.Split(*found.IDs, ",")
		matched := make([]int64, len(list))
		for i, f := range list {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				_ = q.AddError(fmt.Errorf("full-text matches of %s: %w", table, err))
				return q, nil
			}
			matched[i] = id
		}
		return WhereIDs(q, table+".id", matched), nil
	case found.N <= WalkThreshold:
		return q.Where(driven, arg), nil
	}
	if q.Name() == models.Postgres {
		driven = table + ".search_vector @@ to_tsquery('simple', ?)"
	}
	return q.Where(walked, arg), &walkedText{table: table, driven: driven, arg: arg, keeper: keeper}
}

// textProbe is what a search's words match: the query that found them
// (as spelt, or with names within one typo) and how many, with their ids.
type textProbe struct {
	arg   string
	found matchCount
}

// seekBounds are the least and greatest values of column (a SortKey's,
// NOT NULL) among every record that holds the words, live or archived,
// visible to the reader or not: a range that holds all of the list's
// matches, for a walk along column to start and stop at. found is false
// when no record holds them any more, or, on SQLite, when more than
// sqliteSeekAbove do. They are kept like the matches.
func (w *walkedText) seekBounds(q *gorm.DB, column string) (seekRange, error) {
	return kept(q, w.keeper, "bounds "+w.table+" "+column+" "+w.arg, func() (seekRange, error) {
		db := q.Session(&gorm.Session{NewDB: true})
		if db.Name() == models.SQLite {
			var n int64
			err := db.Raw("SELECT COUNT(*) FROM (SELECT rowid FROM "+w.table+"_fts WHERE "+w.table+"_fts MATCH ? LIMIT ?)",
				w.arg, sqliteSeekAbove+1).Scan(&n).Error
			if err != nil || n > sqliteSeekAbove {
				return seekRange{}, err
			}
		}
		var b struct{ Lo, Hi *string }
		err := db.Raw("SELECT MIN("+column+") AS lo, MAX("+column+") AS hi FROM "+w.table+" WHERE "+w.driven, w.arg).Scan(&b).Error
		if err != nil || b.Lo == nil || b.Hi == nil {
			return seekRange{}, err
		}
		return seekRange{lo: *b.Lo, hi: *b.Hi, found: true}, nil
	})
}

// sqliteSeekAbove is how many matches SQLite finds bounds for at most.
// Finding them reads each match's row (about 1.5 µs: 25 ms for 16,336
// Hodžićs), once per write; the walk they spare passes index entries at
// about 0.1 µs. Past 20,000 matches the bounds would cost more than the
// longest walk they could spare when the matches are spread along the
// order (a given name held by 32,000: 40 ms for bounds as wide as the
// list), where the walk meets a match soon anyway. A word that more hold
// side by side walks unbounded (visits whose titles begin "Study", 49,903
// of 300,000: 48 ms a page by title).
const sqliteSeekAbove = 20_000

// seekRange is a search's matches' least and greatest values of a column.
type seekRange struct {
	lo, hi string
	found  bool
}

// matchCount is how many records a full-text query matched, up to
// WalkThreshold+1, with their ids.
type matchCount struct {
	N   int64
	IDs *string
}

func countMatches(q *gorm.DB, ids, arg string) (matchCount, error) {
	var found matchCount
	err := q.Session(&gorm.Session{NewDB: true}).Raw(ids, arg, WalkThreshold+1).Scan(&found).Error
	return found, err
}

// tsquery is PostgreSQL's query for the words, each a word prefix or, with
// typos, also a name within one typo of it.
func tsquery(words []string, typos bool) string {
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = w + ":*"
		if t := models.TypoQuery(w); typos && len(t) > 0 {
			terms[i] = "(" + terms[i] + " | " + strings.Join(t, " | ") + ")"
		}
	}
	return strings.Join(terms, " & ")
}

// fts5Query is tsquery in SQLite's FTS5 syntax.
func fts5Query(words []string, typos bool) string {
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = `"` + w + `"*`
		if t := models.TypoQuery(w); typos && len(t) > 0 {
			terms[i] = "(" + terms[i] + ` OR "` + strings.Join(t, `" OR "`) + `")`
		}
	}
	return strings.Join(terms, " AND ")
}

// TypoBelow is the number of records the words as spelt must match for
// the search to skip names within one typo: a page of a list.
var TypoBelow int64 = 50

// ListedMatches is the number of full-text matches up to which the
// database is handed them as a list of ids; past it, parsing the list costs
// more than evaluating the full-text query again (measured on the large
// SQLite data set: 200, 500, 1,000 and 2,000 tried). This and
// WalkThreshold are variables so that a test can run each plan.
var ListedMatches int64 = 1000

// WalkThreshold is the number of full-text matches past which a list
// walks its sort order instead of sorting the matches.
var WalkThreshold int64 = 5000
