package api

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humagin"
	"github.com/gin-gonic/gin"

	"liaison/services"
)

// Content types of the two export formats.
const (
	csvContentType  = "text/csv; charset=utf-8"
	xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

type exportFormat string

// ExportQuery is what every list's export takes beside the list's own
// filters and sort: the format, the search and whether to export the
// archived records instead of the live ones. Paging is the export's own.
type ExportQuery struct {
	Format   exportFormat `query:"format" enum:"csv,xlsx" default:"csv" doc:"csv: UTF-8 with a byte order mark, RFC 4180. xlsx: typed cells, a frozen header row, right to left for Arabic readers."`
	Q        string       `query:"q" maxLength:"200" doc:"Text search, as on the list."`
	Archived bool         `query:"archived" doc:"Export archived records instead of live ones."`
}

func (e ExportQuery) list() ListQuery { return ListQuery{Q: e.Q, Archived: e.Archived} }

type organizationExportInput struct {
	ExportQuery
	OrganizationFilters
}

type contactExportInput struct {
	ExportQuery
	ContactFilters
}

type visitExportInput struct {
	ExportQuery
	VisitFilters
}

type interactionExportInput struct {
	ExportQuery
	InteractionFilters
}

type commitmentExportInput struct {
	ExportQuery
	CommitmentFilters
}

type projectExportInput struct {
	ExportQuery
	ProjectFilters
}

// WorkbookFormat is the format parameter of the exports that have sheets.
type WorkbookFormat struct {
	Format string `query:"format" enum:"xlsx" default:"xlsx" doc:"xlsx, one sheet per grouping: the only format with sheets."`
}

type reviewExportInput struct {
	WorkbookFormat
	OfficeID    []int64  `query:"office_id"`
	OwnerID     []int64  `query:"owner_id"`
	ProjectID   []int64  `query:"project_id"`
	CountryCode []string `query:"country_code"`
}

type engagementExportInput struct {
	WorkbookFormat
	From     string  `query:"from" required:"true" format:"date" doc:"First day of the period (UTC)."`
	To       string  `query:"to" required:"true" format:"date" doc:"Last day of the period, inclusive; at most five years after from."`
	OfficeID []int64 `query:"office_id" doc:"Only these offices' records."`
}

// exportOp describes an export operation and the files it answers with.
func exportOp(id, path, summary, tag string, formats ...string) huma.Operation {
	o := op(id, http.MethodGet, path, summary, tag)
	o.Description = "Managers and admins. Every record the caller may see, streamed as an attachment; " +
		"related records by id and name side by side. Each export is written to the audit history with its filters and row count."
	content := map[string]*huma.MediaType{}
	for _, f := range formats {
		content[f] = &huma.MediaType{Schema: &huma.Schema{Type: "string", Format: "binary"}}
	}
	o.Responses = map[string]*huma.Response{"200": {
		Description: "The file, as an attachment.",
		Headers: map[string]*huma.Param{
			"Content-Disposition": {Description: `attachment; filename="contacts-2026-12-02.csv"`, Schema: &huma.Schema{Type: "string"}},
		},
		Content: content,
	}}
	return o
}

func (h *handlers) registerExports(api huma.API) {
	both := []string{csvContentType, xlsxContentType}
	huma.Register(api, exportOp("export-organizations", "/api/v1/organizations/export", "Export organizations (CSV or XLSX)", "organizations", both...),
		func(ctx context.Context, in *organizationExportInput) (*huma.StreamResponse, error) {
			return h.export(ctx, in.Format)(h.svc.Exports.Organizations(ctx, actor(ctx), in.filter(in.list())))
		})
	huma.Register(api, exportOp("export-contacts", "/api/v1/contacts/export", "Export contacts (CSV or XLSX)", "contacts", both...),
		func(ctx context.Context, in *contactExportInput) (*huma.StreamResponse, error) {
			return h.export(ctx, in.Format)(h.svc.Exports.Contacts(ctx, actor(ctx), in.filter(in.list())))
		})
	huma.Register(api, exportOp("export-visits", "/api/v1/visits/export", "Export visits (CSV or XLSX)", "visits", both...),
		func(ctx context.Context, in *visitExportInput) (*huma.StreamResponse, error) {
			return h.export(ctx, in.Format)(h.svc.Exports.Visits(ctx, actor(ctx), in.filter(in.list())))
		})
	huma.Register(api, exportOp("export-interactions", "/api/v1/interactions/export", "Export interactions (CSV or XLSX)", "interactions", both...),
		func(ctx context.Context, in *interactionExportInput) (*huma.StreamResponse, error) {
			return h.export(ctx, in.Format)(h.svc.Exports.Interactions(ctx, actor(ctx), in.filter(in.list())))
		})
	huma.Register(api, exportOp("export-commitments", "/api/v1/commitments/export", "Export commitments (CSV or XLSX)", "commitments", both...),
		func(ctx context.Context, in *commitmentExportInput) (*huma.StreamResponse, error) {
			return h.export(ctx, in.Format)(h.svc.Exports.Commitments(ctx, actor(ctx), in.filter(in.list())))
		})
	huma.Register(api, exportOp("export-projects", "/api/v1/projects/export", "Export projects (CSV or XLSX)", "projects", both...),
		func(ctx context.Context, in *projectExportInput) (*huma.StreamResponse, error) {
			return h.export(ctx, in.Format)(h.svc.Exports.Projects(ctx, actor(ctx), in.filter(in.list())))
		})
	huma.Register(api, exportOp("export-commitment-review", "/api/v1/review/commitments/export",
		"Export the review of follow-ups (XLSX: totals, by owner, office, country and project, overdue items)", "review", xlsxContentType),
		func(ctx context.Context, in *reviewExportInput) (*huma.StreamResponse, error) {
			return h.export(ctx, "xlsx")(h.svc.Exports.Review(ctx, actor(ctx), services.ReviewFilter{
				OfficeID: in.OfficeID, OwnerID: in.OwnerID, ProjectID: in.ProjectID, CountryCode: in.CountryCode}))
		})
	huma.Register(api, exportOp("export-engagement-report", "/api/v1/reports/engagement/export",
		"Export the engagement report of a period (XLSX: one sheet per grouping)", "review", xlsxContentType),
		func(ctx context.Context, in *engagementExportInput) (*huma.StreamResponse, error) {
			return h.export(ctx, "xlsx")(h.svc.Exports.Engagement(ctx, actor(ctx), services.EngagementExportFilter{
				From: in.From, To: in.To, OfficeID: in.OfficeID}))
		})
}

// export answers an export that the service began (or refused): the
// file's headers, then its rows as they are read, then the audit event.
// A failure after the first byte cannot change the status any more: it is
// logged, and the file ends short (a CSV without its last rows, an XLSX
// that does not open), never with a success recorded.
func (h *handlers) export(ctx context.Context, format exportFormat) func(*services.Export, error) (*huma.StreamResponse, error) {
	return func(ex *services.Export, err error) (*huma.StreamResponse, error) {
		if err != nil {
			return nil, fail(ctx, h.log, "query", err)
		}
		return &huma.StreamResponse{Body: func(hctx huma.Context) {
			ext, contentType := "csv", csvContentType
			if format == "xlsx" {
				ext, contentType = "xlsx", xlsxContentType
			}
			hctx.SetHeader("Content-Type", contentType)
			hctx.SetHeader("Content-Disposition", attachment(ex.Name+"-"+time.Now().UTC().Format(time.DateOnly)+"."+ext))
			hctx.SetHeader("Cache-Control", "no-store")
			hctx.SetHeader("X-Content-Type-Options", "nosniff")
			hctx.SetStatus(http.StatusOK)
			out := newExportWriter(hctx)
			out.flush() // the download starts now, before the first row is read
			var rows int64
			var werr error
			if format == "xlsx" {
				rows, werr = writeXLSX(out, ex)
			} else {
				rows, werr = writeCSV(out, ex)
			}
			if werr != nil {
				h.log.Error("export cut short", "request_id", requestID(ctx), "export", ex.Name, "rows", rows, "err", werr)
			}
			if err := ex.Finish(ctx, ext, rows); err != nil {
				h.log.Error("export not audited", "request_id", requestID(ctx), "export", ex.Name, "err", err)
			}
		}}, nil
	}
}

// exportWriter is the response body of an export: each write moves the
// connection's write deadline on, so that a long export is not cut off by
// the server's write timeout while a client that stops reading still is.
type exportWriter struct {
	w  io.Writer
	rc *http.ResponseController
}

// exportWriteWindow is how long one write of an export may take.
const exportWriteWindow = time.Minute

// newExportWriter writes past the admission gate's buffer (which would
// hold the whole file in memory until the last row) to the connection.
func newExportWriter(hctx huma.Context) *exportWriter {
	var w http.ResponseWriter = humagin.Unwrap(hctx).Writer
	if b, ok := w.(interface{ Unbuffered() gin.ResponseWriter }); ok {
		w = b.Unbuffered()
	}
	return &exportWriter{w: w, rc: http.NewResponseController(w)}
}

func (e *exportWriter) Write(p []byte) (int, error) {
	_ = e.rc.SetWriteDeadline(time.Now().Add(exportWriteWindow)) // not every writer has deadlines (tests)
	return e.w.Write(p)
}

// flush sends what was written so far to the client.
func (e *exportWriter) flush() {
	_ = e.rc.SetWriteDeadline(time.Now().Add(exportWriteWindow))
	_ = e.rc.Flush()
}
