package services

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
)

// What an import does with a row that duplicates a record already there.
const (
	OnDuplicateSkip   = "skip"
	OnDuplicateUpdate = "update"
	OnDuplicateCreate = "create"
)

// OnDuplicateChoices lists the on_duplicate values.
var OnDuplicateChoices = []string{OnDuplicateSkip, OnDuplicateUpdate, OnDuplicateCreate}

// importFileBatch is how many rows an import reads, checks and writes at
// once: enough for multi-row INSERTs and bulk look-ups to pay, few enough
// that a batch's rows, inputs and look-ups stay a few megabytes.
const importFileBatch = 1000

// maxReported bounds the errors and duplicates an answer lists (their
// counts are always whole): a 100k-row re-import would otherwise answer
// with 100k duplicates.
const maxReported = 1000

// previewRows is how many rows of the file an answer shows, so that a
// client can map columns without parsing the file itself.
const previewRows = 5

// ImportFileRequest is one spreadsheet to import.
type ImportFileRequest struct {
	Kind string
	// File is the uploaded spreadsheet, read from its start (twice: once to
	// detect its columns, once inside the transaction).
	File *os.File
	// Mapping maps a column header to a field name; "" leaves the column
	// out. Headers it does not name map by themselves (suggestField).
	Mapping     map[string]string
	OnDuplicate string
	DryRun      bool
	// ColumnsOnly reads the header and the first rows only, to map the
	// columns by (readColumns); it needs DryRun.
	ColumnsOnly bool
	// Progress, when set, hears the number of rows done after each batch.
	Progress func(rows int)
}

// ImportColumn is one column of the file and the field it maps to ("" when
// none).
type ImportColumn struct {
	Header string
	Field  string
}

// ImportRowError is what is wrong with one cell (or row) of the file.
type ImportRowError struct {
	Row      int    // the spreadsheet's line, the header being 1
	Location string // body.<field>, as the create API would name it
	Column   string // the file's header of that field; "" when no column maps to it
	Message  string
}

// ImportDuplicate is a row that matches a record already there.
type ImportDuplicate struct {
	Row     int
	ID      int64
	Reason  string   // the strongest reason
	Reasons []string // every reason, strongest first
}

// ImportResult is the outcome of an import (or of its dry run).
type ImportResult struct {
	DryRun                  bool
	Rows                    int // data rows read, blank ones not counted
	Created, Updated        int
	Skipped                 int
	Errors                  []ImportRowError
	ErrorCount              int
	Duplicates              []ImportDuplicate
	DuplicateCount          int
	Format, Separator       string
	Columns                 []ImportColumn
	Preview                 [][]string
	CreatedIDs              [][2]int64 // the created records' ids as [first, last] runs
	Entity                  string     // the audit entity of the kind: organization, contact, ...
	duplicateOf, createdIDs []int64
}

// errRollBack ends an import's transaction without writing: a dry run, or
// a file with errors.
var errRollBack = errors.New("import rolled back")

// Precheck refuses, before any row is read, an import that File would
// refuse as a whole: the actor may not write, the request names an unknown
// kind, on_duplicate or field, or the file is not a spreadsheet. A server
// that streams File's progress answers these with their own status first.
// Errors: ErrForbidden, ErrUnsupportedFile, *ValidationError.
func (s *ImportService) Precheck(actor Actor, req *ImportFileRequest) error {
	if err := checkImportRequest(actor, req); err != nil {
		return err
	}
	sh, _, _, err := openSheet(req.File)
	if err != nil {
		return err
	}
	return sh.close()
}

// checkImportRequest is Precheck without the file: the actor's role and
// the request's words. It fills in the default on_duplicate.
func checkImportRequest(actor Actor, req *ImportFileRequest) error {
	if !actor.canWriteIn(actor.OfficeID) {
		return ErrForbidden
	}
	var verr ValidationError
	if !slices.Contains(ImportKinds, req.Kind) {
		verr.add("kind", "must be one of %s", strings.Join(ImportKinds, ", "))
	}
	if req.OnDuplicate == "" {
		req.OnDuplicate = OnDuplicateSkip
	}
	if !slices.Contains(OnDuplicateChoices, req.OnDuplicate) {
		verr.add("on_duplicate", "must be one of %s", strings.Join(OnDuplicateChoices, ", "))
	}
	if err := verr.orNil(); err != nil {
		return err
	}
	for header, field := range req.Mapping {
		if _, ok := importField(req.Kind, field); field != "" && !ok {
			verr.add("mapping", "column %q maps to %q, which is not a field of %s", header, field, req.Kind)
		}
	}
	if req.ColumnsOnly && !req.DryRun {
		verr.add("columns_only", "is for a dry run only: send dry_run true, or leave dry_run out")
	}
	return verr.orNil()
}

// File imports a spreadsheet (CSV or XLSX) of one kind into the actor's
// office, in one transaction: a dry run, or a file with any row error,
// writes nothing, and the result says what would have happened or what is
// wrong, per row and field. Rows are read, checked and written in batches
// of importFileBatch, through the same validation as the create API, so the
// memory an import needs does not grow with the file; the transaction
// keeps the rows written so far, and only it, which is what makes the file
// all-or-nothing. Duplicates of existing records are looked up in bulk
// among the records the actor may see (the visibility rule): a restricted
// contact of another office is never named.
// With ColumnsOnly, File only reads the columns (readColumns).
// Errors: ErrForbidden (viewers), ErrUnsupportedFile, *ValidationError
// (kind, mapping, on_duplicate, columns_only without dry_run, or a file
// without a header row).
func (s *ImportService) File(ctx context.Context, actor Actor, req ImportFileRequest) (ImportResult, error) {
	if req.ColumnsOnly {
		if err := checkImportRequest(actor, &req); err != nil {
			return ImportResult{}, err
		}
		return readColumns(req)
	}
	if err := s.Precheck(actor, &req); err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	err := s.transaction(ctx, actor, func(tx *gorm.DB, m *refMemo) error {
		res = ImportResult{DryRun: req.DryRun}
		im := &fileImport{ctx: tx.Statement.Context, tx: tx, actor: actor, req: req, res: &res}
		if err := im.run(); err != nil {
			return err
		}
		if res.ErrorCount > 0 && !req.DryRun {
			// Nothing is written, so nothing was created or changed.
			res.Created, res.Updated, res.Skipped = 0, 0, 0
		}
		if req.DryRun || res.ErrorCount > 0 {
			return errRollBack
		}
		return im.audit()
	})
	if err != nil && !errors.Is(err, errRollBack) {
		return ImportResult{}, err
	}
	if err == nil {
		res.CreatedIDs = idRanges(res.createdIDs)
	}
	res.Entity = importEntities[req.Kind]
	return res, nil
}

// importEntities are the audit entities of the import kinds.
var importEntities = map[string]string{
	ImportOrganizations: models.EntityOrganization, ImportContacts: models.EntityContact,
	ImportInteractions: models.EntityInteraction, ImportCommitments: models.EntityCommitment,
}

// fileImport is one import's state inside its transaction.
type fileImport struct {
	ctx     context.Context // the transaction's, with its reference memo
	tx      *gorm.DB
	actor   Actor
	req     ImportFileRequest
	res     *ImportResult
	columns []ImportColumn
	headers map[string]string // field → the header mapped to it
	refs    importRefs
	own     map[int64]bool // the ids this import created
}

// importRow is one data row: its cells by field, and what is wrong with it.
type importRow struct {
	line  int
	cells map[string]string
	verr  ValidationError
}

func (r *importRow) get(field string) string { return r.cells[field] }

func (r *importRow) has(field string) bool { return strings.TrimSpace(r.cells[field]) != "" }

// run reads the file batch by batch and imports each batch.
func (im *fileImport) run() error {
	sh, format, sep, err := openSheet(im.req.File)
	if err != nil {
		return err
	}
	defer func() { _ = sh.close() }()
	im.res.Format, im.res.Separator = format, sep
	header, err := readHeader(sh)
	if err != nil {
		return err
	}
	if err := im.mapColumns(header); err != nil {
		return err
	}
	batch := make([]*importRow, 0, importFileBatch)
	for {
		line, cells, err := sh.next()
		if errors.Is(err, io.EOF) {
			break
		}
		var verr *ValidationError
		if errors.As(err, &verr) {
			im.rowError(line, "file", verr.Fields[0].Message)
			break
		}
		if err != nil {
			return err
		}
		if blankRow(cells) {
			continue
		}
		im.res.Rows++
		if len(im.res.Preview) < previewRows {
			im.res.Preview = append(im.res.Preview, padCells(cells, len(im.columns)))
		}
		row := &importRow{line: line, cells: map[string]string{}}
		for i, c := range im.columns {
			if c.Field != "" && i < len(cells) {
				row.cells[c.Field] = cells[i]
			}
		}
		batch = append(batch, row)
		if len(batch) == importFileBatch {
			if err := im.batch(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		if err := im.batch(batch); err != nil {
			return err
		}
	}
	if im.res.Rows == 0 {
		im.rowError(2, "file", "has no data rows")
	}
	return nil
}

// readHeader reads the file's first row, its header: a file without one
// is refused.
func readHeader(sh sheet) ([]string, error) {
	_, header, err := sh.next()
	if errors.Is(err, io.EOF) {
		return nil, &ValidationError{Fields: []FieldError{{Field: "file", Message: "has no header row"}}}
	}
	return header, err
}

// padCells is a row with as many cells as the header (or more), copied:
// the sheet readers reuse their slices.
func padCells(cells []string, n int) []string {
	out := make([]string, max(n, len(cells)))
	copy(out, cells)
	return out
}

// mapColumns decides the field of each column: the mapping's word, or the
// header's own. Two columns for one field are refused.
func (im *fileImport) mapColumns(header []string) error {
	var verr ValidationError
	im.headers = map[string]string{}
	for _, h := range header {
		h = strings.TrimSpace(h)
		field, ok := im.req.Mapping[h]
		if !ok {
			field = suggestField(im.req.Kind, h)
		}
		if other, taken := im.headers[field]; taken && field != "" {
			verr.add("mapping", "columns %q and %q both map to %s", other, h, field)
		}
		if field != "" {
			im.headers[field] = h
		}
		im.columns = append(im.columns, ImportColumn{Header: h, Field: field})
	}
	im.res.Columns = im.columns
	return verr.orNil()
}

// rowError reports one error, counting every one but listing the first
// maxReported.
func (im *fileImport) rowError(line int, field, message string) {
	im.res.ErrorCount++
	if len(im.res.Errors) < maxReported {
		im.res.Errors = append(im.res.Errors, ImportRowError{Row: line, Location: "body." + field,
			Column: im.headers[field], Message: message})
	}
}

// duplicate reports a row that matches an existing record.
func (im *fileImport) duplicate(line int, m importMatch) {
	im.res.DuplicateCount++
	if len(im.res.Duplicates) < maxReported {
		reasons := m.reasons
		if len(reasons) == 0 {
			reasons = []string{m.reason}
		}
		im.res.Duplicates = append(im.res.Duplicates, ImportDuplicate{Row: line, ID: m.id, Reason: m.reason, Reasons: reasons})
	}
}

// batch imports one batch of rows: it resolves the names the rows give,
// finds their duplicates, updates or skips those as asked, and creates the
// rest through the kind's batch writer.
func (im *fileImport) batch(rows []*importRow) error {
	if err := im.refs.load(im.tx, im.actor, im.req.Kind, rows); err != nil {
		return err
	}
	var err error
	switch im.req.Kind {
	case ImportOrganizations:
		err = im.organizations(rows)
	case ImportContacts:
		err = im.contacts(rows)
	case ImportInteractions:
		err = im.interactions(rows)
	default:
		err = im.commitments(rows)
	}
	if err != nil {
		return err
	}
	if im.req.Progress != nil {
		im.req.Progress(im.res.Rows)
	}
	return nil
}

// report turns the field errors of the rows' own reading, and of the batch
// writer ("rows[i].field", i counting the kept rows), into row errors, and
// counts the kept rows without any as created: what a dry run would
// create. Only a *ValidationError is reported; any other error ends the
// import.
func (im *fileImport) report(rows []*importRow, kept []int, ids []int64, err error) error {
	bad := map[int]bool{}
	for i, r := range rows {
		seen := map[string]bool{}
		for _, f := range r.verr.Fields {
			bad[i] = true
			if !seen[f.Field] {
				seen[f.Field] = true
				im.rowError(r.line, f.Field, f.Message)
			}
		}
	}
	var verr *ValidationError
	if err != nil && !errors.As(err, &verr) {
		return err
	}
	if verr != nil {
		for _, f := range verr.Fields {
			i, field, ok := splitRowField(f.Field)
			if !ok || i >= len(kept) {
				return err
			}
			r := rows[kept[i]]
			bad[kept[i]] = true
			field = importFieldOf(field)
			if slices.ContainsFunc(r.verr.Fields, func(e FieldError) bool { return e.Field == field }) {
				continue // the cell could not be read: already said
			}
			im.rowError(r.line, field, f.Message)
		}
	}
	for _, i := range kept {
		if !bad[i] {
			im.res.Created++
		}
	}
	im.res.createdIDs = append(im.res.createdIDs, ids...)
	if im.own == nil {
		im.own = map[int64]bool{}
	}
	for _, id := range ids {
		im.own[id] = true
	}
	return nil
}

// splitRowField reads "rows[3].positions[0].title" as 3, "positions[0].title".
func splitRowField(s string) (int, string, bool) {
	rest, ok := strings.CutPrefix(s, "rows[")
	if !ok {
		return 0, "", false
	}
	num, field, ok := strings.Cut(rest, "].")
	if !ok {
		return 0, "", false
	}
	var i int
	if _, err := fmt.Sscanf(num, "%d", &i); err != nil {
		return 0, "", false
	}
	return i, field, true
}

// importFieldOf names the import field (the column) that an API field
// error is about: positions[0].organization_id is the organization column.
func importFieldOf(apiField string) string {
	switch {
	case strings.HasPrefix(apiField, "positions"):
		if strings.HasSuffix(apiField, ".title") {
			return "title"
		}
		return "organization"
	case strings.HasPrefix(apiField, "participants"):
		return "participants"
	}
	switch apiField {
	case "parent_id":
		return "parent"
	case "owner_id":
		return "owner"
	case "counterpart_organization_id":
		return "counterpart_organization"
	case "counterpart_contact_id":
		return "counterpart_contact"
	}
	return apiField
}

// isOwn reports whether id was created by this import: a later row that
// matches an earlier one of the same file is not a duplicate of a record
// that a dry run would never have written.
func (im *fileImport) isOwn(id int64) bool { return im.own[id] }

// onDuplicate handles a row that matches existing records: it reports the
// likeliest and says whether the row is done (skipped, or updated through
// update) rather than to be created.
func (im *fileImport) onDuplicate(r *importRow, matches []importMatch, update func(id int64) error) (bool, error) {
	var best *importMatch
	for i := range matches {
		if !im.isOwn(matches[i].id) {
			best = &matches[i]
			break
		}
	}
	if best == nil {
		return false, nil
	}
	im.duplicate(r.line, *best)
	switch im.req.OnDuplicate {
	case OnDuplicateCreate:
		return false, nil
	case OnDuplicateUpdate:
		err := update(best.id)
		var verr *ValidationError
		switch {
		case err == nil:
			im.res.Updated++
		case errors.As(err, &verr):
			for _, f := range verr.Fields {
				im.rowError(r.line, importFieldOf(f.Field), f.Message)
			}
		case errors.Is(err, ErrForbidden), errors.Is(err, ErrNotFound):
			im.rowError(r.line, "id", fmt.Sprintf("the existing record %d is another office's: it cannot be updated", best.id))
		default:
			return true, err
		}
		return true, nil
	}
	im.res.Skipped++
	return true, nil
}

// strongDuplicate is the least score of the duplicate finder that an import
// takes as a duplicate: the same email, phone or name. A merely similar
// name is a warning for a form, too weak to skip or update a row for.
const strongDuplicate = 0.85

// likelyDuplicates are, for each probe of a batch's rows, the existing
// records the row duplicates, the likeliest first: the duplicate finder's
// rule by its keys (email, phone numbers, folded names, acronyms and
// initials), asked once for the whole batch, so the last row of a large
// file is matched as the first is. Records this import created are not
// duplicates of its later rows.
func (im *fileImport) likelyDuplicates(kind DuplicateKind, probes []DuplicateProbe) ([][]importMatch, error) {
	found, err := (&DuplicateService{db: im.tx}).checkMany(im.tx, im.actor, kind, probes, 5, im.isOwn)
	if err != nil {
		return nil, err
	}
	out := make([][]importMatch, len(probes))
	for i, matches := range found {
		for _, m := range matches {
			if m.Score >= strongDuplicate {
				out[i] = append(out[i], importMatch{id: m.ID, reason: m.Reasons[0], reasons: m.Reasons})
			}
		}
	}
	return out, nil
}

// audit writes the import's one audit event, with its counts and the ids
// it created.
func (im *fileImport) audit() error {
	changes := map[string]fieldChange{
		"rows": {New: im.res.Rows}, "count": {New: im.res.Created}, "updated": {New: im.res.Updated},
		"skipped": {New: im.res.Skipped}, "ids": {New: idRanges(im.res.createdIDs)},
	}
	if err := im.actor.audit(im.tx, ActionImport, importEntities[im.req.Kind], 0, im.actor.OfficeID, changes); err != nil {
		return err
	}
	return noticeImportFinished(im.tx, im.actor, importFacts{
		Entity: importEntities[im.req.Kind], Rows: im.res.Rows, Created: im.res.Created, Updated: im.res.Updated, Skipped: im.res.Skipped,
	})
}
