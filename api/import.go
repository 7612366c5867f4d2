package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humagin"
	"github.com/gin-gonic/gin"

	"liaison/services"
)

// ImportError is what is wrong with one row of an imported file.
type ImportError struct {
	Row      int    `json:"row" doc:"The spreadsheet's line, 1-based; the header is row 1."`
	Location string `json:"location" doc:"The field, as the create API names it: body.email, body.organization."`
	Column   string `json:"column" doc:"The file's header of that field; empty when no column maps to it."`
	Message  string `json:"message"`
}

// ImportDuplicate is a row that matches an existing record.
type ImportDuplicate struct {
	Row     int      `json:"row"`
	ID      int64    `json:"id" doc:"The existing record: one the importer may see."`
	Reason  string   `json:"reason" doc:"The strongest reason: same_email, same_phone, same_name (the duplicate finder's reasons) for organizations and contacts; same_subject_and_time for interactions; same_title_and_due_date for commitments."`
	Reasons []string `json:"reasons" doc:"Every reason, strongest first."`
}

// ImportColumn is one column of the file.
type ImportColumn struct {
	Header string  `json:"header"`
	Field  *string `json:"field" doc:"The field the column maps to (the mapping's, or the header's own); null when none."`
}

// ImportResult is the outcome of an import or its dry run.
type ImportResult struct {
	DryRun         bool              `json:"dry_run"`
	Rows           int               `json:"rows" doc:"Data rows read (blank rows are passed over). With columns_only, only the preview's rows are read: this is their number (five at most), not the file's."`
	Created        int               `json:"created" doc:"Records created; in a dry run, the rows without errors that would be. 0, as updated and skipped, when a file with errors was not dry-run: nothing was written."`
	Updated        int               `json:"updated"`
	Skipped        int               `json:"skipped"`
	Errors         []ImportError     `json:"errors" doc:"The first 1000 row errors. Any error means nothing was written."`
	ErrorCount     int               `json:"error_count" doc:"Every row error, listed or not."`
	Duplicates     []ImportDuplicate `json:"duplicates" doc:"The first 1000 rows matching existing records."`
	DuplicateCount int               `json:"duplicate_count"`
	Format         string            `json:"format" enum:"csv,xlsx" doc:"Detected from the file's bytes."`
	Separator      string            `json:"separator" doc:"The CSV separator detected (comma, semicolon or tab); empty for XLSX."`
	Columns        []ImportColumn    `json:"columns" doc:"The file's columns, in order, with the field each maps to."`
	Preview        [][]string        `json:"preview" doc:"The first five data rows, a cell per column: enough to map columns by."`
	CreatedIDs     [][2]int64        `json:"created_ids" doc:"The created records' ids as [first, last] runs; empty in a dry run or when nothing was written."`
	Entity         string            `json:"entity" doc:"The kind of record imported, as the audit names it."`
}

func importOut(r services.ImportResult) ImportResult {
	out := ImportResult{DryRun: r.DryRun, Rows: r.Rows, Created: r.Created, Updated: r.Updated, Skipped: r.Skipped,
		ErrorCount: r.ErrorCount, DuplicateCount: r.DuplicateCount, Format: r.Format, Separator: r.Separator,
		Errors: []ImportError{}, Duplicates: []ImportDuplicate{}, Columns: []ImportColumn{}, Preview: r.Preview,
		CreatedIDs: r.CreatedIDs, Entity: r.Entity}
	for _, e := range r.Errors {
		out.Errors = append(out.Errors, ImportError{Row: e.Row, Location: e.Location, Column: e.Column, Message: e.Message})
	}
	for _, d := range r.Duplicates {
		out.Duplicates = append(out.Duplicates, ImportDuplicate{Row: d.Row, ID: d.ID, Reason: d.Reason, Reasons: d.Reasons})
	}
	for _, c := range r.Columns {
		col := ImportColumn{Header: c.Header}
		if c.Field != "" {
			f := c.Field
			col.Field = &f
		}
		out.Columns = append(out.Columns, col)
	}
	if out.Preview == nil {
		out.Preview = [][]string{}
	}
	if out.CreatedIDs == nil {
		out.CreatedIDs = [][2]int64{}
	}
	return out
}

// ImportProgress is one line of a streamed import (Accept: application/x-ndjson).
type ImportProgress struct {
	Rows   *int          `json:"rows,omitempty" doc:"Rows done so far (a progress line)."`
	Result *ImportResult `json:"result,omitempty" doc:"The last line: the outcome."`
	Error  *Problem      `json:"error,omitempty" doc:"The last line, instead of result, when the import failed."`
}

// maxImportBody is the largest import request: the file and its form.
const maxImportBody = services.MaxImportFileSize + 64<<10

// importInput reads its multipart body itself (Resolve), spooling the file
// to a temporary file, so that neither the body nor the file is ever held
// in memory whole.
type importInput struct {
	Accept string `header:"Accept"`
	req    services.ImportFileRequest
	gin    *gin.Context
	fault  error
}

// Resolve reads the form before the handler runs.
func (in *importInput) Resolve(ctx huma.Context) []error {
	in.gin = humagin.Unwrap(ctx)
	in.req, in.fault = readImportForm(ctx.Context(), in.gin.Request)
	return nil
}

type importOutput struct {
	Body ImportResult
}

type importTemplateInput struct {
	Kind   string `path:"kind" enum:"organizations,contacts,interactions,commitments"`
	Format string `query:"format" enum:"csv,xlsx" default:"csv"`
}

type importTemplateOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

// ImportFieldInfo describes one field an import of some kind takes.
type ImportFieldInfo struct {
	Name     string   `json:"name"`
	Label    string   `json:"label" doc:"The English label; a header equal to it, or to the name, maps by itself."`
	Aliases  []string `json:"aliases" doc:"Other headers that map by themselves."`
	Required bool     `json:"required"`
	Doc      string   `json:"doc" doc:"What the cell holds, where it is not obvious."`
}

func (h *handlers) registerImports(api huma.API) {
	const tag = "imports"
	imp := op("import-file", http.MethodPost, "/api/v1/imports", "Import a spreadsheet (officers and up, into their office)", tag)
	imp.Description = "multipart/form-data: `file` (CSV in UTF-8 with or without a BOM, comma, semicolon or tab separated; " +
		"or XLSX, first sheet; 20 MiB at most: 413 above, 415 when neither), `kind`, `mapping` (optional JSON object, " +
		"column header → field name, \"\" to leave a column out; headers that are field names or their English labels " +
		"map by themselves; an unknown field → 422), `on_duplicate` (skip, update, create; default skip), `dry_run` " +
		"(default true) and `columns_only` (default false): true reads only the header and the first five data rows, " +
		"to map columns by, and answers at once with `columns` and `preview` (no row checked, nothing written or " +
		"audited; `rows` counts the preview's rows); with dry_run false → 422. Fields per kind: " +
		"GET /api/v1/imports/fields. Related records are named by id, or by name or acronym in your office; an owner " +
		"by email. An interaction's participants cell: " + participantsCellDoc + ". " +
		"The file is one transaction: a dry run, or a file with any row error, writes nothing. " +
		"With `Accept: application/x-ndjson` the answer streams one JSON object per line: `{\"rows\":n}` after each " +
		"batch of rows, then `{\"result\":{…}}` (or `{\"error\":{problem}}`)."
	imp.Metadata = map[string]any{noIdempotency: true}
	huma.Register(api, imp, func(ctx context.Context, in *importInput) (*importOutput, error) {
		if in.fault != nil {
			return nil, in.fault
		}
		defer func() {
			_ = in.req.File.Close()
			_ = os.Remove(in.req.File.Name())
		}()
		a := actor(ctx)
		if in.req.ColumnsOnly {
			return h.importColumns(ctx, in)
		}
		if err := h.svc.Import().Precheck(a, &in.req); err != nil {
			return nil, importFail(ctx, h, err)
		}
		if acceptsNDJSON(in.Accept) {
			h.streamImport(ctx, in.gin, a, in.req)
			return nil, nil
		}
		liftWriteDeadline(in.gin.Writer)
		r, err := h.svc.Import().File(ctx, a, in.req)
		if err != nil {
			return nil, importFail(ctx, h, err)
		}
		return &importOutput{Body: importOut(r)}, nil
	})
	doc := api.OpenAPI().Paths["/api/v1/imports"].Post
	doc.RequestBody = importRequestBody()
	ok := doc.Responses["200"]
	ok.Content["application/x-ndjson"] = &huma.MediaType{Schema: api.OpenAPI().Components.Schemas.Schema(
		reflect.TypeFor[ImportProgress](), true, "")}

	tpl := op("get-import-template", http.MethodGet, "/api/v1/imports/templates/{kind}",
		"Download a spreadsheet to fill in for an import: the headers and one example row", tag)
	tpl.Responses = map[string]*huma.Response{"200": {Description: "The template, as an attachment.", Content: map[string]*huma.MediaType{
		"text/csv": {Schema: &huma.Schema{Type: "string", Format: "binary"}},
		xlsxType:   {Schema: &huma.Schema{Type: "string", Format: "binary"}}}}}
	huma.Register(api, tpl, func(ctx context.Context, in *importTemplateInput) (*importTemplateOutput, error) {
		b, err := services.ImportTemplate(in.Kind, in.Format)
		if err != nil {
			return nil, fail(ctx, h.log, "query", err)
		}
		ct := "text/csv; charset=utf-8"
		if in.Format == services.FormatXLSX {
			ct = xlsxType
		}
		return &importTemplateOutput{ContentType: ct, ContentDisposition: attachment(in.Kind + "-template." + in.Format), Body: b}, nil
	})

	huma.Register(api, op("list-import-fields", http.MethodGet, "/api/v1/imports/fields",
		"The fields each import kind takes, in template order", tag),
		func(ctx context.Context, _ *struct{}) (*struct {
			Body map[string][]ImportFieldInfo
		}, error) {
			out := map[string][]ImportFieldInfo{}
			for kind, fields := range services.ImportFields {
				for _, f := range fields {
					out[kind] = append(out[kind], ImportFieldInfo{Name: f.Name, Label: f.Label,
						Aliases: append([]string{}, f.Aliases...), Required: f.Required, Doc: f.Doc})
				}
			}
			return &struct {
				Body map[string][]ImportFieldInfo
			}{Body: out}, nil
		})
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// participantsCellDoc is services' participants cell format, for the API description.
const participantsCellDoc = "one participant per line or separated by \";\" — an organization's name or acronym, " +
	"a contact's full name or email, or an id written #12 (organization) or @12 (contact), with an optional role in " +
	"brackets: \"UNDP [host]; Amra Hodžić [speaker]\""

func acceptsNDJSON(accept string) bool {
	for _, part := range strings.Split(accept, ",") {
		if mt, _, err := mime.ParseMediaType(strings.TrimSpace(part)); err == nil && mt == "application/x-ndjson" {
			return true
		}
	}
	return false
}

// importFail maps an import's errors: a file that is no spreadsheet is 415.
func importFail(ctx context.Context, h *handlers, err error) error {
	if errors.Is(err, services.ErrUnsupportedFile) {
		p := newProblem(requestID(ctx), http.StatusUnsupportedMediaType, "the file is not CSV (UTF-8) or XLSX")
		p.Errors = []ProblemField{{Location: "body.file", Message: "must be CSV in UTF-8 or XLSX"}}
		return p
	}
	return fail(ctx, h.log, "body", err)
}

// importColumns answers a columns_only request. It is quick, so its
// errors keep their own status even when the client asked for a stream;
// the stream is then the result's one line.
func (h *handlers) importColumns(ctx context.Context, in *importInput) (*importOutput, error) {
	r, err := h.svc.Import().File(ctx, actor(ctx), in.req)
	if err != nil {
		return nil, importFail(ctx, h, err)
	}
	out := importOut(r)
	if acceptsNDJSON(in.Accept) {
		ndjsonLines(in.gin)(ImportProgress{Result: &out})
		return nil, nil
	}
	return &importOutput{Body: out}, nil
}

// ndjsonLines starts a 200 answer of NDJSON lines and returns the writer
// of one line, flushed as it is written.
func ndjsonLines(c *gin.Context) func(ImportProgress) {
	w := c.Writer
	if u, ok := w.(interface{ Unbuffered() gin.ResponseWriter }); ok {
		w = u.Unbuffered() // the admission gate buffers bodies; progress must flow
	}
	liftWriteDeadline(w)
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	return func(p ImportProgress) {
		_ = enc.Encode(p)
		w.Flush()
	}
}

// streamImport runs the import while writing its progress as NDJSON lines:
// the progress travels on the request's own connection, so it works
// whichever server process the request reached.
func (h *handlers) streamImport(ctx context.Context, c *gin.Context, a services.Actor, req services.ImportFileRequest) {
	line := ndjsonLines(c)
	req.Progress = func(rows int) { line(ImportProgress{Rows: &rows}) }
	r, err := h.svc.Import().File(ctx, a, req)
	if err != nil {
		var p *Problem
		if !errors.As(importFail(ctx, h, err), &p) {
			p = newProblem(requestID(ctx), http.StatusInternalServerError, "internal error")
		}
		line(ImportProgress{Error: p})
		return
	}
	out := importOut(r)
	line(ImportProgress{Result: &out})
}

// liftWriteDeadline lets an import answer after the server's write timeout:
// a big file takes longer. The deadline is the connection's, set through
// the writer under the admission gate's buffer.
func liftWriteDeadline(w gin.ResponseWriter) {
	var rw http.ResponseWriter = w
	if b, ok := w.(*bufferedBody); ok {
		rw = b.ResponseWriter
	}
	_ = http.NewResponseController(rw).SetWriteDeadline(time.Time{})
}

// importRequestBody documents the form readImportForm reads.
func importRequestBody() *huma.RequestBody {
	str := func(desc string, enum ...any) *huma.Schema {
		return &huma.Schema{Type: "string", Description: desc, Enum: enum}
	}
	return &huma.RequestBody{Required: true, Content: map[string]*huma.MediaType{
		"multipart/form-data": {Schema: &huma.Schema{Type: "object", Required: []string{"file", "kind"},
			Properties: map[string]*huma.Schema{
				"file":         {Type: "string", Format: "binary", Description: "CSV (UTF-8) or XLSX, 20 MiB at most."},
				"kind":         str("What the rows are.", "organizations", "contacts", "interactions", "commitments"),
				"mapping":      str("A JSON object: column header → field name (\"\" leaves the column out)."),
				"on_duplicate": str("What to do with a row matching an existing record; skip when absent.", "skip", "update", "create"),
				"dry_run":      str("true (the default) checks the file and writes nothing.", "true", "false"),
				"columns_only": str("true reads only the header and the first five data rows, to map columns by; needs dry_run true. false when absent.", "true", "false"),
			}}},
	}}
}

// readImportForm reads an import's multipart form, spooling the file to a
// temporary file: 415 when the body is not multipart, 413 beyond 20 MiB,
// 422 for unknown or repeated parts, a missing file, or a mapping that is
// not a JSON object of strings.
func readImportForm(ctx context.Context, r *http.Request) (req services.ImportFileRequest, fault error) {
	id := requestID(ctx)
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		p := newProblem(id, http.StatusUnsupportedMediaType, "")
		p.Detail = "send the import as multipart/form-data, the spreadsheet in a part named file"
		return req, p
	}
	tooLarge := func() error {
		return newProblem(id, http.StatusRequestEntityTooLarge, "an imported file may be 20 MiB at most")
	}
	if r.ContentLength > maxImportBody {
		return req, tooLarge()
	}
	invalid := func(loc, msg string) error {
		p := newProblem(id, http.StatusUnprocessableEntity, "validation failed: "+loc+" "+msg)
		p.Errors = []ProblemField{{Location: loc, Message: msg}}
		return p
	}
	defer func() {
		if fault != nil && req.File != nil {
			_ = req.File.Close()
			_ = os.Remove(req.File.Name())
			req.File = nil
		}
	}()
	body := &countingReader{r: io.LimitReader(r.Body, maxImportBody+1)}
	mr := multipart.NewReader(body, params["boundary"])
	seen := map[string]bool{}
	req.DryRun = true
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if body.n > maxImportBody {
				return req, tooLarge()
			}
			return req, newProblem(id, http.StatusBadRequest, "the body is not a readable multipart form")
		}
		name := part.FormName()
		if seen[name] {
			return req, invalid("body."+name, "is given twice")
		}
		seen[name] = true
		if name == "file" {
			if req.File, err = os.CreateTemp("", "liaison-import-*"); err != nil {
				return req, err
			}
			n, err := io.Copy(req.File, io.LimitReader(part, services.MaxImportFileSize+1))
			if n > services.MaxImportFileSize || body.n > maxImportBody {
				return req, tooLarge()
			}
			if err != nil {
				return req, newProblem(id, http.StatusBadRequest, "the body is not a readable multipart form")
			}
			continue
		}
		raw, err := io.ReadAll(io.LimitReader(part, 64<<10+1))
		if err != nil || len(raw) > 64<<10 {
			return req, invalid("body."+name, "is too long")
		}
		v := strings.TrimSpace(string(raw))
		switch name {
		case "kind":
			req.Kind = v
		case "on_duplicate":
			req.OnDuplicate = v
		case "dry_run":
			if req.DryRun, err = strconv.ParseBool(v); err != nil {
				return req, invalid("body.dry_run", "must be true or false")
			}
		case "columns_only":
			if req.ColumnsOnly, err = strconv.ParseBool(v); err != nil {
				return req, invalid("body.columns_only", "must be true or false")
			}
		case "mapping":
			if v != "" {
				if err := json.Unmarshal([]byte(v), &req.Mapping); err != nil {
					return req, invalid("body.mapping", "must be a JSON object of column header → field name")
				}
			}
		default:
			return req, invalid("body."+name, "is not a field of an import")
		}
	}
	if req.File == nil {
		return req, invalid("body.file", "is required")
	}
	if req.Kind == "" {
		return req, invalid("body.kind", "is required")
	}
	return req, nil
}
