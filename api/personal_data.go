package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/models"
	"liaison/services"
)

// Personal data (API.md, "Personal data"): a person's subject access
// export, erasure that leaves an anonymous tombstone, and the retention
// review. Managers of the contact's office and admins; every one audited.

// EraseRequest says why a person's data is erased. Name no one in it: the
// reason stays in the history.
type EraseRequest struct {
	Reason string `json:"reason" minLength:"1" maxLength:"500" doc:"Why, e.g. \"the person asked on 2026-12-01\". It stays in the history: do not name the person."`
}

// ContactVersionRef names a contact at the version read.
type ContactVersionRef struct {
	ID      int64 `json:"id" minimum:"1"`
	Version int64 `json:"version" minimum:"1"`
}

// EraseManyRequest erases several contacts at once, all or none.
type EraseManyRequest struct {
	Contacts []ContactVersionRef `json:"contacts" minItems:"1" maxItems:"200"`
	Reason   string              `json:"reason" minLength:"1" maxLength:"500"`
}

// RetentionKeepRequest keeps contacts past the retention period, with why.
type RetentionKeepRequest struct {
	IDs    []int64 `json:"ids" minItems:"1" maxItems:"200"`
	Reason string  `json:"reason" minLength:"1" maxLength:"500"`
}

// SubjectParticipation is one interaction or visit the person took part in.
type SubjectParticipation struct {
	Entity   string `json:"entity" doc:"interaction or visit"`
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	When     string `json:"when"`
	Role     string `json:"role"`
	Side     string `json:"side,omitempty"`
	Archived bool   `json:"archived"`
}

// SubjectExport is everything Liaison holds about one person.
type SubjectExport struct {
	ExportedAt     time.Time              `json:"exported_at"`
	Contact        Contact                `json:"contact"`
	Participations []SubjectParticipation `json:"participations"`
	Commitments    []Commitment           `json:"commitments" doc:"Where the person is the counterpart."`
	Notes          []Note                 `json:"notes"`
	Documents      []Document             `json:"documents"`
	History        []AuditEvent           `json:"history"`
}

// RetentionItem is a contact past the retention period.
type RetentionItem struct {
	ID           int64     `json:"id"`
	Version      int64     `json:"version"`
	FullName     string    `json:"full_name"`
	OfficeID     int64     `json:"office_id"`
	Restricted   bool      `json:"restricted"`
	Archived     bool      `json:"archived"`
	LastActivity time.Time `json:"last_activity" doc:"The contact's last edit; no meeting, visit, commitment or keep decision since the period began."`
}

type retentionOutput struct {
	Body struct {
		Years      int             `json:"years" doc:"The retention period: years without activity (LIAISON_RETENTION_YEARS)."`
		Items      []RetentionItem `json:"items"`
		NextCursor *string         `json:"next_cursor" nullable:"true"`
	}
}

type retentionListInput struct {
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50" doc:"Page size."`
	Cursor string `query:"cursor" maxLength:"1000" doc:"Opaque cursor from the previous page's next_cursor."`
}

type eraseInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag you read; required."`
	Body    EraseRequest
}

func (h *handlers) registerPersonalData(api huma.API) {
	const tag = "personal data"
	huma.Register(api, op("export-contact-subject", http.MethodGet, "/api/v1/contacts/{id}/subject-export",
		"Everything held about a person: a subject access export (managers of the contact's office, admins; audited)", tag),
		func(ctx context.Context, in *IDPath) (*struct {
			ContentDisposition string `header:"Content-Disposition"`
			Body               SubjectExport
		}, error) {
			x, err := h.svc.Contacts.SubjectExport(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			out := SubjectExport{ExportedAt: models.Now().UTC(), Contact: contactOut(x.Contact),
				Participations: []SubjectParticipation{}, Commitments: []Commitment{}, Notes: []Note{}, Documents: []Document{}, History: []AuditEvent{}}
			for _, p := range x.Participations {
				out.Participations = append(out.Participations, SubjectParticipation{Entity: p.Entity, ID: p.ID, Title: p.Title, When: p.When, Role: p.Role, Side: p.Side, Archived: p.Deleted})
			}
			for _, c := range x.Commitments {
				out.Commitments = append(out.Commitments, commitmentOut(c))
			}
			for _, n := range x.Notes {
				out.Notes = append(out.Notes, noteOut(n))
			}
			for _, d := range x.Documents {
				out.Documents = append(out.Documents, documentOut(d))
			}
			for _, e := range x.History {
				out.History = append(out.History, auditOut(e))
			}
			return &struct {
				ContentDisposition string `header:"Content-Disposition"`
				Body               SubjectExport
			}{ContentDisposition: `attachment; filename="subject-export-contact-` + strconv.FormatInt(in.ID, 10) + `.json"`, Body: out}, nil
		})

	huma.Register(api, op("erase-contact", http.MethodPost, "/api/v1/contacts/{id}/erase",
		"Erase a person's personal data, leaving an anonymous tombstone (managers of the contact's office, admins; If-Match)", tag),
		func(ctx context.Context, in *eraseInput) (*contactOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			v, err := h.svc.Contacts.Erase(ctx, actor(ctx), in.ID, version, in.Body.Reason)
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return contactWithETag(v), nil
		})

	many := op("erase-contacts", http.MethodPost, "/api/v1/contacts/erase",
		"Erase several people's personal data at once, all or none (managers of their office, admins)", tag)
	many.DefaultStatus = http.StatusNoContent
	huma.Register(api, many, func(ctx context.Context, in *struct{ Body EraseManyRequest }) (*struct{}, error) {
		refs := make([]services.ContactRef, len(in.Body.Contacts))
		for i, c := range in.Body.Contacts {
			refs[i] = services.ContactRef{ID: c.ID, Version: c.Version}
		}
		if err := h.svc.Contacts.EraseMany(ctx, actor(ctx), refs, in.Body.Reason); err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		return nil, nil
	})

	huma.Register(api, op("list-retention-due", http.MethodGet, "/api/v1/retention/contacts",
		"The contacts without activity for the retention period (managers: their office; admins: all)", tag),
		func(ctx context.Context, in *retentionListInput) (*retentionOutput, error) {
			p, err := h.svc.Retention.Due(ctx, actor(ctx), services.ListParams{Limit: in.Limit, Cursor: in.Cursor})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			out := &retentionOutput{}
			out.Body.Years = h.svc.Retention.Years()
			out.Body.Items = make([]RetentionItem, len(p.Items))
			for i, r := range p.Items {
				out.Body.Items[i] = RetentionItem{ID: r.ID, Version: r.Version, FullName: r.FullName, OfficeID: r.OfficeID,
					Restricted: r.Restricted, Archived: r.Archived, LastActivity: r.LastActivity}
			}
			if p.NextCursor != "" {
				out.Body.NextCursor = &p.NextCursor
			}
			return out, nil
		})

	keep := op("keep-retention", http.MethodPost, "/api/v1/retention/keep",
		"Keep contacts past the retention period, with the reason (managers of their office, admins; audited)", tag)
	keep.DefaultStatus = http.StatusNoContent
	huma.Register(api, keep, func(ctx context.Context, in *struct{ Body RetentionKeepRequest }) (*struct{}, error) {
		if err := h.svc.Retention.Keep(ctx, actor(ctx), in.Body.IDs, in.Body.Reason); err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		return nil, nil
	})
}
