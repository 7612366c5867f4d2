package api

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humagin"

	"liaison/models"
	"liaison/services"
)

// Document describes a file attached to a record.
type Document struct {
	ID          int64     `json:"id"`
	CreatedAt   time.Time `json:"created_at"`
	Entity      string    `json:"entity" enum:"organization,contact,visit,interaction" doc:"The kind of record the document is on."`
	EntityID    int64     `json:"entity_id" doc:"The record the document is on."`
	Name        string    `json:"name" doc:"The uploaded file's name, without its folders."`
	ContentType string    `json:"content_type" doc:"Sniffed from the bytes (the client's word is not taken)."`
	Size        int64     `json:"size" doc:"In bytes."`
	SHA256      string    `json:"sha256" doc:"Hex SHA-256 of the bytes."`
	CreatedBy   int64     `json:"created_by" doc:"The user who uploaded it."`
}

func documentOut(d models.Document) Document {
	return Document{ID: d.ID, CreatedAt: d.CreatedAt, Entity: d.EntityType, EntityID: d.EntityID, Name: d.Name,
		ContentType: d.ContentType, Size: d.Size, SHA256: d.SHA256, CreatedBy: d.CreatedBy}
}

// maxUploadBody is the largest upload request: one document and the
// multipart framing around it. The API's 1 MiB limit does not apply here.
const maxUploadBody = services.MaxDocumentSize + 64<<10

type documentSort string

func (documentSort) Schema(huma.Registry) *huma.Schema {
	return sortSchema(services.DocumentSorts.SortNames())
}

type documentListInput struct {
	AttachedListQuery
	Sort documentSort `query:"sort" default:"-created_at"`
}

type documentOutput struct {
	Location string `header:"Location"`
	Body     Document
}

// documentUploadInput reads its multipart body itself (Resolve), as a
// stream with its own limit, rather than through huma, which would take
// the 1 MiB limit or none.
type documentUploadInput struct {
	IDPath
	upload services.DocumentUpload
	fault  error // why the body could not be read: a *Problem
}

// Resolve reads the upload before the handler runs.
func (in *documentUploadInput) Resolve(ctx huma.Context) []error {
	in.upload, in.fault = readUpload(ctx.Context(), humagin.Unwrap(ctx).Request)
	return nil
}

type documentContentOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	ContentLength      string `header:"Content-Length"`
	Body               []byte
}

func (h *handlers) registerDocuments(api huma.API) {
	const tag = "documents"
	for _, c := range attachableCollections {
		path := "/api/v1/" + c.collection + "/{id}/documents"
		huma.Register(api, op("list-"+c.entity+"-documents", http.MethodGet, path, "List the documents on "+c.singular+", newest first", tag),
			func(ctx context.Context, in *documentListInput) (*listOutput[Document], error) {
				p, err := h.svc.Documents.List(ctx, actor(ctx), services.RecordRef{Entity: c.entity, ID: in.ID}, in.params(string(in.Sort)))
				if err != nil {
					return nil, fail(ctx, h.log, "query", err)
				}
				return toList(p, documentOut), nil
			})

		upload := op("upload-"+c.entity+"-document", http.MethodPost, path,
			"Upload a document to "+c.singular+" (officers and managers of its office, admins)", tag)
		upload.DefaultStatus = http.StatusCreated
		upload.Description = "multipart/form-data with one part named file, 25 MiB at most (413 above; 415 when not multipart). " +
			"The content type is sniffed from the bytes. Idempotency-Key is not honoured: a multipart body is framed anew " +
			"on every send, so a retry is not recognisable by its bytes, and 25 MiB responses are not kept."
		// Not idempotent by key (see the description): the middleware leaves
		// the body unread, and the key undocumented.
		upload.Metadata = map[string]any{noIdempotency: true}
		huma.Register(api, upload, func(ctx context.Context, in *documentUploadInput) (*documentOutput, error) {
			if in.fault != nil {
				return nil, in.fault
			}
			d, err := h.svc.Documents.Create(ctx, actor(ctx), services.RecordRef{Entity: c.entity, ID: in.ID}, in.upload)
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return &documentOutput{Location: "/api/v1/documents/" + strconv.FormatInt(d.ID, 10), Body: documentOut(d)}, nil
		})
		// Documented after registering: given to huma, the body would be
		// read by huma (see documentUploadInput).
		api.OpenAPI().Paths[path].Post.RequestBody = uploadRequestBody()
	}

	huma.Register(api, op("get-document", http.MethodGet, "/api/v1/documents/{id}", "Get a document's description", tag),
		func(ctx context.Context, in *IDPath) (*struct{ Body Document }, error) {
			d, err := h.svc.Documents.Get(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return &struct{ Body Document }{Body: documentOut(d)}, nil
		})

	download := op("download-document", http.MethodGet, "/api/v1/documents/{id}/content", "Download a document, as an attachment", tag)
	download.Responses = map[string]*huma.Response{"200": {Description: "The document's bytes.",
		Content: map[string]*huma.MediaType{"application/octet-stream": {Schema: &huma.Schema{Type: "string", Format: "binary"}}}}}
	huma.Register(api, download, func(ctx context.Context, in *IDPath) (*documentContentOutput, error) {
		d, content, err := h.svc.Documents.Content(ctx, actor(ctx), in.ID)
		if err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return &documentContentOutput{ContentType: d.ContentType, ContentDisposition: attachment(d.Name),
			ContentLength: strconv.Itoa(len(content)), Body: content}, nil
	})

	del := op("delete-document", http.MethodDelete, "/api/v1/documents/{id}",
		"Delete a document (its uploader, managers of the record's office, admins); it is erased", tag)
	del.Description = "A document never changes after its upload, so there is no version to name: no If-Match."
	del.DefaultStatus = http.StatusNoContent
	huma.Register(api, del, func(ctx context.Context, in *IDPath) (*struct{}, error) {
		if err := h.svc.Documents.Delete(ctx, actor(ctx), in.ID); err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return nil, nil
	})
}

// uploadRequestBody documents the multipart body that readUpload reads.
func uploadRequestBody() *huma.RequestBody {
	return &huma.RequestBody{Required: true, Content: map[string]*huma.MediaType{
		"multipart/form-data": {Schema: &huma.Schema{Type: "object", Required: []string{"file"},
			Properties: map[string]*huma.Schema{"file": {Type: "string", Format: "binary",
				Description: "The file, 25 MiB at most; its part's filename is kept as the document's name."}}}},
	}}
}

// attachment is a Content-Disposition that makes browsers save the file
// under its name (RFC 6266): an ASCII fallback with every other character
// replaced, and the exact name as UTF-8 in filename*.
func attachment(name string) string {
	fallback := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' || r == ';' {
			return '_'
		}
		return r
	}, name)
	return `attachment; filename="` + fallback + `"; filename*=UTF-8''` + strings.ReplaceAll(url.PathEscape(name), "'", "%27")
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readUpload reads the one file of a multipart upload, holding no more of
// the body than the limit: 415 when the body is not multipart, 413 beyond
// the limit (at once when Content-Length says so), 422 for a form without
// exactly one file part named file, or with other parts.
func readUpload(ctx context.Context, r *http.Request) (services.DocumentUpload, error) {
	id := requestID(ctx)
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		p := newProblem(id, http.StatusUnsupportedMediaType, "")
		p.Detail = "send the file as multipart/form-data, in a part named file"
		return services.DocumentUpload{}, p
	}
	tooLarge := func() error {
		return newProblem(id, http.StatusRequestEntityTooLarge, "a document may be 25 MiB at most")
	}
	if r.ContentLength > maxUploadBody {
		return services.DocumentUpload{}, tooLarge()
	}
	body := &countingReader{r: io.LimitReader(r.Body, maxUploadBody+1)}
	invalid := func(loc, msg string) error {
		p := newProblem(id, http.StatusUnprocessableEntity, "validation failed: "+loc+" "+msg)
		p.Errors = []ProblemField{{Location: loc, Message: msg}}
		return p
	}
	var up *services.DocumentUpload
	mr := multipart.NewReader(body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if body.n > maxUploadBody {
				return services.DocumentUpload{}, tooLarge()
			}
			return services.DocumentUpload{}, newProblem(id, http.StatusBadRequest, "the body is not a readable multipart form")
		}
		switch {
		case part.FormName() != "file":
			return services.DocumentUpload{}, invalid("body."+part.FormName(), "is not a field of an upload; send one part named file")
		case up != nil:
			return services.DocumentUpload{}, invalid("body.file", "send one file per request")
		case part.FileName() == "":
			return services.DocumentUpload{}, invalid("body.file", "must be a file (a part with a filename)")
		}
		content, err := io.ReadAll(io.LimitReader(part, services.MaxDocumentSize+1))
		if len(content) > services.MaxDocumentSize || body.n > maxUploadBody {
			return services.DocumentUpload{}, tooLarge()
		}
		if err != nil {
			return services.DocumentUpload{}, newProblem(id, http.StatusBadRequest, "the body is not a readable multipart form")
		}
		up = &services.DocumentUpload{Name: part.FileName(), Content: content}
	}
	if up == nil {
		return services.DocumentUpload{}, invalid("body.file", "is required")
	}
	return *up, nil
}
