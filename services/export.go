package services

import (
	"context"
	"reflect"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// ExportService writes lists, the review and the engagement report out as
// spreadsheets, a manager's act. An export reads through the very list (or
// review, or report) that the app shows, page by page with its keyset
// cursor, so its filters, sort and the visibility rule are the list's own;
// it adds the names of related records beside their ids, resolved in bulk
// for each page and through the visibility rule. The encoding (CSV, XLSX)
// is the API's business: a service hands over typed cells.
type ExportService struct {
	db  *gorm.DB
	svc *Services
}

// ActionExport is the audit action of one export.
const ActionExport = "export"

// exportBatch is how many records an export reads at once: a list page of
// the largest size, so that a batch costs what the app's own page costs.
const exportBatch = MaxLimit

// CellKind is how a spreadsheet should store a column's values.
type CellKind int

// The kinds of cell an export holds. A Date is a time.Time at midnight UTC
// (a plain date), a Time a moment (shown in UTC); both may be nil.
const (
	CellText CellKind = iota
	CellInt
	CellDate
	CellTime
	CellBool
)

// ExportColumn is one column: its header (the API's field name) and kind.
type ExportColumn struct {
	Name string
	Kind CellKind
}

// ExportSheet is one table of an export: its columns and its rows, read
// batch by batch. A row holds one value per column: string, int64, bool,
// time.Time or nil.
type ExportSheet struct {
	Name    string
	Columns []ExportColumn
	first   [][]any                 // the batch read before the export began
	next    func() ([][]any, error) // the following batch; empty at the end
	done    bool
}

// Next returns the sheet's next batch of rows; an empty batch at the end.
func (s *ExportSheet) Next() ([][]any, error) {
	if s.first != nil {
		rows := s.first
		s.first = nil
		return rows, nil
	}
	if s.done || s.next == nil {
		return nil, nil
	}
	rows, err := s.next()
	if err != nil || len(rows) == 0 {
		s.done = true
	}
	return rows, err
}

// Export is one export under way: what it is called, its sheets, whether
// the reader's language runs right to left, and how to record it.
type Export struct {
	Name        string // the file's stem: "contacts", "commitment-review"
	Sheets      []*ExportSheet
	RightToLeft bool // the actor's language is Arabic: the sheet reads right to left
	entity      string
	filters     map[string]any
	actor       Actor
	db          *gorm.DB
	finished    bool
}

// Finish writes the export's audit event: who exported what, with which
// filters and format, and how many rows left. It runs once, after the
// last row was written (or the download was cut short: rows then counts
// what was sent), with its own context so that a closed connection does
// not lose the record.
func (e *Export) Finish(ctx context.Context, format string, rows int64) error {
	if e.finished {
		return nil
	}
	e.finished = true
	changes := map[string]fieldChange{
		"format": {New: format},
		"rows":   {New: rows},
		"export": {New: e.Name},
	}
	if len(e.filters) > 0 {
		changes["filters"] = fieldChange{New: e.filters}
	}
	db := e.db.WithContext(context.WithoutCancel(ctx))
	return db.Transaction(func(tx *gorm.DB) error {
		return e.actor.audit(tx, ActionExport, e.entity, 0, e.actor.OfficeID, changes)
	})
}

// begin checks that the actor may export, reads the first batch of each
// sheet (so that a bad filter or sort is refused before anything is sent)
// and looks up the actor's language.
func (s *ExportService) begin(ctx context.Context, actor Actor, name, entity string, filter any, sheets ...*ExportSheet) (*Export, error) {
	if !actor.canManage(actor.OfficeID) {
		return nil, ErrForbidden
	}
	for _, sh := range sheets {
		rows, err := sh.next()
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			sh.done = true
			rows = [][]any{}
		}
		sh.first = rows
	}
	var locale string
	if err := s.db.WithContext(ctx).Model(&models.User{}).Where("id = ?", actor.UserID).Pluck("locale", &locale).Error; err != nil {
		return nil, err
	}
	return &Export{Name: name, Sheets: sheets, RightToLeft: locale == "ar", entity: entity,
		filters: describeFilter(filter), actor: actor, db: s.db}, nil
}

// pagedSheet is a sheet read from a list: page by page with the list's
// cursor, each page turned into rows by convert.
func pagedSheet[T any](name string, cols []ExportColumn, list func(cursor string) (Page[T], error),
	convert func([]T) ([][]any, error)) *ExportSheet {
	cursor, last := "", false
	return &ExportSheet{Name: name, Columns: cols, next: func() ([][]any, error) {
		if last {
			return nil, nil
		}
		p, err := list(cursor)
		if err != nil {
			return nil, err
		}
		cursor, last = p.NextCursor, p.NextCursor == ""
		if len(p.Items) == 0 {
			return nil, nil
		}
		return convert(p.Items)
	}}
}

// fixedSheet is a sheet whose rows are already at hand (a review's groups).
func fixedSheet(name string, cols []ExportColumn, rows [][]any) *ExportSheet {
	given := false
	return &ExportSheet{Name: name, Columns: cols, next: func() ([][]any, error) {
		if given {
			return nil, nil
		}
		given = true
		return rows, nil
	}}
}

// describeFilter is what the audit event records of a filter: its set
// fields by their snake_case names; paging is left out, as it is no filter.
func describeFilter(f any) map[string]any {
	out := map[string]any{}
	if f == nil {
		return out
	}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			field, value := t.Field(i), v.Field(i)
			if !field.IsExported() {
				continue
			}
			if field.Anonymous && value.Kind() == reflect.Struct {
				walk(value)
				continue
			}
			switch field.Name {
			case "Limit", "Cursor", "Count":
				continue
			}
			if value.IsZero() || (value.Kind() == reflect.Slice && value.Len() == 0) {
				continue
			}
			out[columnName(field.Name)] = deref(value.Interface())
		}
	}
	v := reflect.ValueOf(f)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		walk(v)
	}
	return out
}

// Values of cells, with nil for what is not there.

func optInt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func optSmallInt(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

func optText(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

// dateCell turns a stored plain date ("2026-12-02") into a date cell.
func dateCell(s string) any {
	if s == "" {
		return nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return d
}

func optDate(p *string) any {
	if p == nil {
		return nil
	}
	return dateCell(*p)
}

func optTime(p *time.Time) any {
	if p == nil {
		return nil
	}
	return p.UTC()
}

// nameOf is the name of a related record when there is one and it may be
// shown.
func nameOf(names map[int64]string, id *int64) any {
	if id == nil {
		return nil
	}
	if n, ok := names[*id]; ok {
		return n
	}
	return nil
}
