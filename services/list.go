package services

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// Limits of one list page.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// ListParams are the paging, sorting and search parameters every list takes.
type ListParams struct {
	Limit    int    // 1..MaxLimit; 0 means DefaultLimit
	Cursor   string // opaque, from the previous page's NextCursor
	Sort     string // a key of the collection's sort allow-list, "-" for descending
	Q        string // text search
	Count    bool   // also count all matching rows
	Archived bool   // list archived records instead of live ones

	// pinned are columns the list's filters fix to one value; see sortKey.pinnable.
	pinned []string
}

// pin records that a filter fixes column to a single value.
func (p *ListParams) pin(column string, values int) {
	if values == 1 {
		p.pinned = append(p.pinned, column)
	}
}

// Page is one page of a list.
type Page[T any] struct {
	Items      []T
	NextCursor string // empty on the last page
	Total      *int64 // set when ListParams.Count
}

// sortKey is one entry of a collection's sort allow-list: the column to
// order by (always NOT NULL, so keyset comparisons are total) and how to read
// the value of a row for the next cursor.
type sortKey[T any] struct {
	column string
	value  func(*T) any
	isTime bool // the value travels in the cursor as RFC 3339 text
	// pinnable are filter columns with an index on (column, this key, id).
	// When a filter fixes one of them to a single value, the list orders by
	// it first: a no-op for the result, but it tells both planners that
	// this index returns the page in order, where they might otherwise walk
	// the sort key's own index past every row of the other values.
	pinnable []string
}

// cursorValue checks a value read from a cursor against what the key gives
// for a row, and turns it back into what the query compares the column
// with. Cursors travel through clients unsigned: a value of another type
// (an object, a number for a name) must be refused here, where it is a bad
// request, not reach the database, where it is an error.
func (k sortKey[T]) cursorValue(v any) (any, bool) {
	if k.isTime {
		s, ok := v.(string)
		if !ok {
			return nil, false
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		return t, err == nil
	}
	var zero T
	switch k.value(&zero).(type) {
	case string:
		_, ok := v.(string)
		return v, ok
	case int64:
		_, ok := v.(int64)
		return v, ok
	}
	return nil, false // a key of another type: no cursor of it is trusted
}

// sortKeys is a collection's sort allow-list; user input never reaches SQL
// except as a key of this map.
type sortKeys[T any] map[string]sortKey[T]

// SortNames lists the accepted values of the sort parameter.
func (s sortKeys[T]) SortNames() []string {
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

// page runs q as one keyset-paged list: it orders by the chosen key and id,
// continues after the cursor, fetches one row more than the limit to know
// whether there is a next page, and never uses OFFSET.
func page[T any](q *gorm.DB, keys sortKeys[T], defaultSort string, p ListParams, table string) (Page[T], error) {
	var out Page[T]
	sortName := p.Sort
	if sortName == "" {
		sortName = defaultSort
	}
	desc := strings.HasPrefix(sortName, "-")
	key, ok := keys[strings.TrimPrefix(sortName, "-")]
	if !ok {
		return out, &ValidationError{Fields: []FieldError{{Field: "sort", Message: "unknown sort field"}}}
	}
	limit := p.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	if limit > MaxLimit {
		limit = MaxLimit
	}
	if p.Count {
		var total int64
		if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
			return out, err
		}
		out.Total = &total
	}
	idCol := table + ".id"
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
		q = q.Where("("+key.column+" "+op+"= ? AND ("+key.column+" "+op+" ? OR "+idCol+" "+op+" ?))", v, v, c.ID)
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	for _, c := range p.pinned {
		if slices.Contains(key.pinnable, c) {
			q = q.Order(c + dir) // the same direction, so one index scan serves both
			break
		}
	}
	rows, err := listRows[T](q.Order(key.column+dir).Order(idCol+dir).Limit(limit+1), table, limit+1)
	if err != nil {
		return out, err
	}
	if len(rows) > limit {
		rows = rows[:limit]
		last := &rows[limit-1]
		v := key.value(last)
		if t, ok := v.(time.Time); ok {
			v = t.UTC().Format(time.RFC3339Nano)
		}
		out.NextCursor = encodeCursor(cursor{Sort: sortName, Value: v, ID: idOf(last)})
	}
	out.Items = rows
	return out, nil
}

// scannedRow is implemented by the records whose lists are read most
// (models/list_columns.go): their rows are scanned field by field instead
// of through gorm's reflection, which cost about a fifth of a contacts page.
type scannedRow interface {
	ListColumns() []string
	ScanTargets() []any
}

// listRows runs a list query. search_text is the index's copy of a
// record's words: no reader needs it, and it is the widest column of a row.
func listRows[T any](q *gorm.DB, table string, size int) ([]T, error) {
	var probe T
	r, ok := any(&probe).(scannedRow)
	if !ok {
		var rows []T
		err := q.Omit("search_text").Find(&rows).Error
		return rows, err
	}
	cols := r.ListColumns()
	qualified := make([]string, len(cols))
	for i, c := range cols {
		qualified[i] = table + "." + c
	}
	cursor, err := q.Select(qualified).Rows()
	if err != nil {
		return nil, err
	}
	defer cursor.Close()
	rows := make([]T, 0, size)
	for cursor.Next() {
		rows = append(rows, probe)
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

func encodeCursor(c cursor) string {
	raw, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, err
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	if err := dec.Decode(&c); err != nil {
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

// whereIn adds "column IN (values)" when values are given: the comma
// alternatives of a filter.
func whereIn[V any](q *gorm.DB, column string, values []V) *gorm.DB {
	if len(values) == 0 {
		return q
	}
	return q.Where(column+" IN ?", values)
}

// listBase starts a list query on the live or the archived rows of a model.
func listBase(db *gorm.DB, model any, table string, archived bool) *gorm.DB {
	q := db.Model(model)
	if archived {
		return q.Unscoped().Where(table + ".deleted_at IS NOT NULL")
	}
	return q
}

// whereIDs restricts q to rows whose column is one of ids, written so that
// the statement's text does not change with their number. On SQLite the
// ids are written into the statement as numbers: bound one by one, each
// would pass through database/sql's argument conversion and a bind call.
// On PostgreSQL they are bound as one array: pgx keeps a prepared statement
// per text, and a text per count of ids would prepare again and again.
// (They are int64s: nothing but digits and signs reaches the SQL.)
func whereIDs(q *gorm.DB, column string, ids []int64) *gorm.DB {
	if len(ids) == 0 {
		return q.Where("1 = 0")
	}
	var b strings.Builder
	b.Grow(8 * len(ids))
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	if q.Name() == models.Postgres {
		return q.Where(column+" = ANY(CAST(? AS bigint[]))", "{"+b.String()+"}")
	}
	return q.Where(column + " IN (" + b.String() + ")")
}
