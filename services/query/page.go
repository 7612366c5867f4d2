package query

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// The errors of a list's parameters; services hands them on as its own.
var (
	ErrInvalidCursor = errors.New("invalid cursor")     // a cursor that this list did not issue
	ErrUnknownSort   = errors.New("unknown sort field") // a sort not in the list's allow-list
)

// Limits of one list page.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// CountBound is how far a list's count is exact. Counting every matching
// row costs in proportion to the rows (18.8 ms of CPU per request over 100k
// contacts, ten times that over 1M), while a reader of a total past ten
// thousand needs only to know that it is that many or more: the count reads
// at most CountBound+1 rows, so its cost no longer grows with the data.
const CountBound = 10_000

// Params are the paging, sorting and search parameters every list takes.
type Params struct {
	Limit    int    // 1..MaxLimit; 0 means DefaultLimit
	Cursor   string // opaque, from the previous page's NextCursor
	Sort     string // a key of the collection's sort allow-list, "-" for descending
	Q        string // text search
	Count    bool   // also count the matching rows, exactly up to CountUpTo
	Archived bool   // list archived records instead of live ones
	// CountUpTo is where the count stops: past it Page.Total is CountUpTo
	// and Page.TotalIsLowerBound is set. 0 means CountBound; a caller that
	// needs less (a file with a cap on its rows, a test) sets it lower.
	CountUpTo int
	// WalkAbove is how many matching rows make SQLite walk the sort's
	// index rather than sort the matches (walk.go); 0 means WalkAbove.
	// Tests set it low to take the walk on a few rows.
	WalkAbove int

	// pinned are columns the list's filters fix to one value; see SortKey.pinnable.
	pinned []string
	// through is set when a filter selects rows by their links in another
	// table; see matchesFirst.
	through bool
	// keeper keeps counts and search matches between requests; see KeepThrough.
	keeper Keeper
	// countFrom, when set, are the rows counted instead of the list's own;
	// see CountFrom.
	countFrom *gorm.DB
	// walked is set when the list's search has so many matches that its
	// page walks the sort order; see Search.
	walked *walkedText
}

// Keeper keeps answers about a list's rows between requests: Keep returns
// the answer that key names when it has one that is still exact, and
// otherwise calls compute and keeps what it returns
// (services/list_counts.go). db is the list's handle, for whatever the
// Keeper reads to know that. The answers kept are a list's bounded count
// (count) and what a search's words match (match, seekBounds).
type Keeper interface {
	Keep(db *gorm.DB, key string, compute func() (any, error)) (any, error)
}

// KeepThrough makes the list's count and search go through k. It comes
// before Search, which asks k.
func (p *Params) KeepThrough(k Keeper) {
	p.keeper = k
}

// kept is compute's answer through the keeper when there is one and q is
// not part of a transaction (whose own writes, uncommitted, would be in
// the answer).
func kept[V any](q *gorm.DB, k Keeper, key string, compute func() (V, error)) (V, error) {
	if _, inTx := q.Statement.ConnPool.(gorm.TxCommitter); k == nil || inTx {
		return compute()
	}
	v, err := k.Keep(q, key, func() (any, error) { return compute() })
	if err != nil {
		var zero V
		return zero, err
	}
	return v.(V), nil
}

// CountFrom counts rows instead of the list's own query: rows that are
// exactly the list's matches, one per record, read from fewer places (a
// tag's taggings or an organization's positions, which carry what the
// visibility rule reads of their records: services/link_counts.go). The
// service that sets it is the one that knows its filters leave nothing
// else to check.
func (p *Params) CountFrom(rows *gorm.DB) {
	p.countFrom = rows
}

// Pin records that a filter fixes column to a single value.
func (p *Params) Pin(column string, values int) {
	if values == 1 {
		p.pinned = append(p.pinned, column)
	}
}

// Through records that a filter with this many values selects rows by
// their links in another table (a tag, an organization's people, a
// meeting's participants): on PostgreSQL, its matches may be read first
// (matches_first.go).
func (p *Params) Through(values int) {
	if values > 0 {
		p.through = true
	}
}

// Page is one page of a list.
type Page[T any] struct {
	Items      []T
	NextCursor string // empty on the last page
	Total      *int64 // set when Params.Count
	// TotalIsLowerBound says that more rows match than were counted: Total
	// is the bound (Params.CountUpTo), not the number of rows.
	TotalIsLowerBound bool
}

// SortKey is one entry of a collection's sort allow-list: the column to
// order by (always NOT NULL, so keyset comparisons are total) and how to read
// the value of a row for the next cursor.
type SortKey[T any] struct {
	Column string
	Value  func(*T) any
	IsTime bool // the value travels in the cursor as RFC 3339 text
	// pinnable are filter columns with an index on (column, this key, id).
	// When a filter fixes one of them to a single value, the list orders by
	// it first: a no-op for the result, but it tells both planners that
	// this index returns the page in order, where they might otherwise walk
	// the sort key's own index past every row of the other values.
	Pinnable []string
	// Walk is how SQLite is told to read the rows in this key's order
	// (walk.go): "INDEXED BY" the index on (column, id) of the live rows,
	// or "NOT INDEXED" for the id (the table itself is in id order).
	Walk string
	// Seek is set on keys made from the searched words (names, titles).
	// A word shared by thousands there files its holders side by side:
	// all 16,000 Hodžićs of a million contacts come after 480,000 others
	// in family-name order. A walk along such a key for a search with many
	// matches (Params.Search) is bounded by the matches' least and greatest
	// values (on SQLite up to sqliteSeekAbove matches), so it reads the
	// matches' stretch only.
	Seek bool
}

// cursorValue checks a value read from a cursor against what the key gives
// for a row, and turns it back into what the query compares the column
// with. Cursors travel through clients unsigned: a value of another type
// (an object, a number for a name) must be refused here, where it is a bad
// request, not reach the database, where it is an error.
func (k SortKey[T]) cursorValue(v any) (any, bool) {
	if k.IsTime {
		s, ok := v.(string)
		if !ok {
			return nil, false
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		return t, err == nil
	}
	var zero T
	switch k.Value(&zero).(type) {
	case string:
		_, ok := v.(string)
		return v, ok
	case int64:
		_, ok := v.(int64)
		return v, ok
	}
	return nil, false // a key of another type: no cursor of it is trusted
}

// SortKeys is a collection's sort allow-list; user input never reaches SQL
// except as a key of this map.
type SortKeys[T any] map[string]SortKey[T]

// SortNames lists the accepted values of the sort parameter.
func (s SortKeys[T]) SortNames() []string {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	names := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		names = append(names, k, "-"+k)
	}
	return names
}

// cursor is the decoded form of a next_cursor: the sort it belongs to, the
// last row's sort value and id.
type cursor struct {
	Sort  string `json:"s"`
	Value any    `json:"v"`
	ID    int64  `json:"i"`
}

// List runs q as one keyset-paged list: it orders by the chosen key and id,
// continues after the cursor, fetches one row more than the limit to know
// whether there is a next page, and never uses OFFSET.
func List[T any](q *gorm.DB, keys SortKeys[T], defaultSort string, p Params, table string) (Page[T], error) {
	var out Page[T]
	sortName := p.Sort
	if sortName == "" {
		sortName = defaultSort
	}
	desc := strings.HasPrefix(sortName, "-")
	key, ok := keys[strings.TrimPrefix(sortName, "-")]
	if !ok {
		return out, ErrUnknownSort
	}
	limit := p.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	if limit > MaxLimit {
		limit = MaxLimit
	}
	// q stays the list's filters and visibility: the count, and the
	// choice of plan, are taken over it; the cursor and order go on copies
	// (gorm's chained calls write into the statement they are called on).
	matches, more := int64(-1), false // how many rows the filters match, up to a bound, when counted
	if p.Count {
		bound := p.CountUpTo
		if bound <= 0 {
			bound = CountBound
		}
		total, bounded, err := p.count(q, table, bound)
		if err != nil {
			return out, err
		}
		out.Total, out.TotalIsLowerBound = &total, bounded
		matches, more = total, bounded
	}
	idCol := table + ".id"
	paged := q.Session(&gorm.Session{})
	if p.Cursor != "" {
		c, err := decodeCursor(p.Cursor)
		if err != nil || c.Sort != sortName {
			return out, ErrInvalidCursor
		}
		v, ok := key.cursorValue(c.Value)
		if !ok {
			return out, ErrInvalidCursor
		}
		op := ">"
		if desc {
			op = "<"
		}
		// "key >= v AND (key > v OR id > i)" is "(key, id) > (v, i)" with a
		// plain range on the key that both planners turn into an index
		// seek, so a deep page costs what the first page costs.
		paged = paged.Where("("+key.Column+" "+op+"= ? AND ("+key.Column+" "+op+" ? OR "+idCol+" "+op+" ?))", v, v, c.ID)
	}
	// Bounding the walk reads every match once, through the full-text
	// index, and is kept until the next write (seekBounds). PostgreSQL's
	// walk reads each row it passes from the table (the words are not in
	// the sort index), tens of times dearer than that read: unbounded, a
	// page of Hodžićs cost two seconds over a million contacts. SQLite's
	// walk tests a row's id among the matches' in the index itself, about
	// 0.1 µs a row, and still passed 480,000 names before the first Hodžić
	// (35 ms a page).
	if p.walked != nil && key.Seek {
		r, err := p.walked.seekBounds(q, key.Column)
		if err != nil {
			return out, err
		}
		if r.found {
			paged = paged.Where(key.Column+" >= ? AND "+key.Column+" <= ?", r.lo, r.hi)
		}
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	order := make([]string, 0, 3)
	for _, c := range p.pinned {
		if slices.Contains(key.Pinnable, c) {
			order = append(order, c) // the same direction, so one index scan serves both
			break
		}
	}
	order = append(order, key.Column, idCol)
	ordered := paged.Session(&gorm.Session{})
	for _, o := range order {
		ordered = ordered.Order(o + dir)
	}
	ordered = ordered.Limit(limit + 1)
	// The page's statement is built once: its text keys the choice of plan,
	// and is what runs unless the walk is chosen.
	page := pageStatement[T](ordered, table)
	from, err := walkedTable(q, page, key, p, table, matches, more)
	if err != nil {
		return out, err
	}
	var rows []T
	if from != "" {
		rows, err = Rows[T](ordered.Table(from), table, limit+1)
	} else {
		if page, err = matchesFirst(q, paged, page, order, dir, p, table, matches, more, limit+1); err != nil {
			return out, err
		}
		rows, err = page.rows(limit + 1)
	}
	if err != nil {
		return out, err
	}
	if len(rows) > limit {
		rows = rows[:limit]
		last := &rows[limit-1]
		v := key.Value(last)
		if t, ok := v.(time.Time); ok {
			v = t.UTC().Format(time.RFC3339Nano)
		}
		out.NextCursor = EncodeCursor(cursor{Sort: sortName, Value: v, ID: idOf(last)})
	}
	out.Items = rows
	return out, nil
}

// count is the bounded count of q, through the list's Keeper (kept). The
// key is the statement itself, values included: the reader's visibility,
// the filters and the search are all in it, so two requests share a count
// exactly when they would count the same rows.
func (p Params) count(q *gorm.DB, table string, bound int) (int64, bool, error) {
	rows := p.matchRows(q)
	text, vars := statementOf(q, table)
	key, err := json.Marshal([]any{"count", bound, text, vars})
	if err != nil {
		return boundedCount(q, rows, bound) // a value JSON cannot write is not worth keeping a count for
	}
	total, err := kept(q, p.keeper, string(key), func() (boundedTotal, error) {
		n, more, err := boundedCount(q, rows, bound)
		return boundedTotal{n, more}, err
	})
	return total.n, total.more, err
}

// boundedTotal is a count and whether it stopped at its bound.
type boundedTotal struct {
	n    int64
	more bool
}

// matchRows are the rows a count of the list q reads: one per match.
func (p Params) matchRows(q *gorm.DB) *gorm.DB {
	if p.countFrom != nil {
		return p.countFrom.Session(&gorm.Session{})
	}
	rows := q.Session(&gorm.Session{}).Select("1")
	if p.walked != nil {
		// The walked condition is the list's; this one, the same test,
		// reads the matches from the full-text index.
		rows = rows.Where(p.walked.driven, p.walked.arg)
	}
	return rows
}

// boundedCount counts rows, one per match of the list q, reading at most
// bound+1 of them: the number when it is at most bound, else bound and
// true. Unless the service gave rows of its own (CountFrom), rows are q's,
// so the count sees exactly the rows the list may show (the visibility
// rule, the filters, the search).
func boundedCount(q, rows *gorm.DB, bound int) (int64, bool, error) {
	rows = rows.Limit(bound + 1)
	var n int64
	if err := q.Session(&gorm.Session{NewDB: true}).Table("(?) AS counted", rows).Count(&n).Error; err != nil {
		return 0, false, err
	}
	if n > int64(bound) {
		return int64(bound), true, nil
	}
	return n, false, nil
}

// scannedRow is implemented by the records whose lists are read most
// (models/list_columns.go): their rows are scanned field by field instead
// of through gorm's reflection, which cost about a fifth of a contacts page.
type scannedRow interface {
	ListColumns() []string
	ScanTargets() []any
}

// Rows runs a list query. search_text is the index's copy of a
// record's words: no reader needs it, and it is the widest column of a row.
func Rows[T any](q *gorm.DB, table string, size int) ([]T, error) {
	return pageStatement[T](q, table).rows(size)
}

// statement is a list's query built without running it: its text (in the
// database's own placeholders) and values, or, for a row type read through
// gorm, the query itself.
type statement[T any] struct {
	q       *gorm.DB
	table   string
	text    string
	vars    []any
	scanned bool
	columns string // the list columns, qualified, as the statement selects them
}

// pageStatement builds q reading the list columns of table. A row type
// scanned field by field (scannedRow) is built once, as text; others are
// read through gorm (Find), and their text is built only if the plan is
// asked for.
func pageStatement[T any](q *gorm.DB, table string) statement[T] {
	var probe T
	r, ok := any(&probe).(scannedRow)
	if !ok {
		return statement[T]{q: q, table: table}
	}
	cols := r.ListColumns()
	qualified := make([]string, len(cols))
	for i, c := range cols {
		qualified[i] = table + "." + c
	}
	built := q.Session(&gorm.Session{DryRun: true}).Select(qualified).Find(&[]int64{}).Statement
	return statement[T]{q: q, table: table, text: built.SQL.String(), vars: built.Vars, scanned: true,
		columns: strings.Join(qualified, ", ")}
}

// plan is the text and values whose plan the list's choice reads.
func (s statement[T]) plan() (string, []any) {
	if s.scanned {
		return s.text, s.vars
	}
	return statementOf(s.q, s.table)
}

// rows runs the statement, at most size rows expected.
func (s statement[T]) rows(size int) ([]T, error) {
	if !s.scanned {
		var rows []T
		err := s.q.Omit("search_text").Find(&rows).Error
		return rows, err
	}
	// The text is gorm's, placeholders already the database's: it runs as
	// built (not through Direct, which would bind it again).
	cursor, err := s.q.Statement.ConnPool.QueryContext(s.q.Statement.Context, s.text, s.vars...)
	if err != nil {
		return nil, err
	}
	defer cursor.Close()
	rows := make([]T, 0, size)
	for cursor.Next() {
		var row T
		rows = append(rows, row)
		if err := cursor.Scan(any(&rows[len(rows)-1]).(scannedRow).ScanTargets()...); err != nil {
			return nil, err
		}
	}
	return rows, cursor.Err()
}

// identified is implemented by every listed model through its embedded ID.
type identified interface{ GetID() int64 }

func idOf[T any](row *T) int64 {
	if r, ok := any(row).(identified); ok {
		return r.GetID()
	}
	panic("listed type without GetID")
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	if err := DecodeCursor(s, &c); err != nil {
		return c, err
	}
	if n, ok := c.Value.(json.Number); ok {
		i, err := n.Int64()
		if err != nil {
			return c, err
		}
		c.Value = i
	}
	return c, nil
}
