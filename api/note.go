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

// Note is a remark on a record as the API shows it.
type Note struct {
	ID        int64     `json:"id"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Entity    string    `json:"entity" enum:"organization,contact,visit,interaction" doc:"The kind of record the note is on."`
	EntityID  int64     `json:"entity_id" doc:"The record the note is on."`
	AuthorID  int64     `json:"author_id" doc:"Read-only: who wrote it."`
	Body      string    `json:"body" doc:"Light markdown: **bold**, *italic*, [links](https://…), lists. Mentions are @[Name](user:12) or @ and the part of a colleague's email before the @."`
	Mentions  []int64   `json:"mentions" doc:"Read-only: the ids of the users the body mentions."`
}

func noteOut(n models.Note) Note {
	mentions := n.Mentions
	if mentions == nil {
		mentions = []int64{}
	}
	return Note{ID: n.ID, Version: n.Version, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt, Entity: n.EntityType,
		EntityID: n.EntityID, AuthorID: n.AuthorID, Body: n.Body, Mentions: mentions}
}

// NoteCreate is the body of POST /<collection>/{id}/notes.
type NoteCreate struct {
	Body string `json:"body" minLength:"1" maxLength:"20000" doc:"Light markdown, with @mentions of colleagues (active users who can see the record)."`
}

// NotePatch is the merge-patch body of PATCH /notes/{id} (the author).
type NotePatch struct {
	Body Optional[string] `json:"body,omitempty" minLength:"1" maxLength:"20000"`
}

type noteSort string

func (noteSort) Schema(huma.Registry) *huma.Schema { return sortSchema(services.NoteSorts.SortNames()) }

// AttachedListQuery is the paging part of the lists of a record's notes
// and documents: they are short, newest first, and not searched.
type AttachedListQuery struct {
	IDPath
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50" doc:"Page size."`
	Cursor string `query:"cursor" maxLength:"1000" doc:"Opaque cursor from the previous page's next_cursor."`
	Count  bool   `query:"count" doc:"Also return the total number of matching records."`
}

func (l AttachedListQuery) params(sort string) services.ListParams {
	return services.ListParams{Limit: l.Limit, Cursor: l.Cursor, Count: l.Count, Sort: sort}
}

type noteListInput struct {
	AttachedListQuery
	Sort noteSort `query:"sort" default:"-created_at"`
}

type noteOutput struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Note
}

func noteWithETag(n models.Note) *noteOutput {
	return &noteOutput{ETag: etag(n.Version), Body: noteOut(n)}
}

type noteCreateInput struct {
	IDPath
	Body NoteCreate
}

type notePatchInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag you read; required."`
	Body    NotePatch
}

// attachableCollections are the collections whose records carry notes and
// documents, with the entity each names.
var attachableCollections = []struct{ collection, entity, singular string }{
	{"organizations", models.EntityOrganization, "an organization"},
	{"contacts", models.EntityContact, "a contact"},
	{"visits", models.EntityVisit, "a visit"},
	{"interactions", models.EntityInteraction, "an interaction"},
}

func (h *handlers) registerNotes(api huma.API) {
	const tag = "notes"
	for _, c := range attachableCollections {
		path := "/api/v1/" + c.collection + "/{id}/notes"
		huma.Register(api, op("list-"+c.entity+"-notes", http.MethodGet, path, "List the notes on "+c.singular+", newest first", tag),
			func(ctx context.Context, in *noteListInput) (*listOutput[Note], error) {
				p, err := h.svc.Notes.List(ctx, actor(ctx), services.RecordRef{Entity: c.entity, ID: in.ID}, in.params(string(in.Sort)))
				if err != nil {
					return nil, fail(ctx, h.log, "query", err)
				}
				return toList(p, noteOut), nil
			})

		create := op("create-"+c.entity+"-note", http.MethodPost, path,
			"Add a note to "+c.singular+" (officers and managers of its office, admins)", tag)
		create.DefaultStatus = http.StatusCreated
		huma.Register(api, create, func(ctx context.Context, in *noteCreateInput) (*noteOutput, error) {
			n, err := h.svc.Notes.Create(ctx, actor(ctx), services.RecordRef{Entity: c.entity, ID: in.ID}, in.Body.Body)
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			out := noteWithETag(n)
			out.Location = "/api/v1/notes/" + strconv.FormatInt(n.ID, 10)
			return out, nil
		})
	}

	huma.Register(api, op("get-note", http.MethodGet, "/api/v1/notes/{id}", "Get a note", tag),
		func(ctx context.Context, in *IDPath) (*noteOutput, error) {
			n, err := h.svc.Notes.Get(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return noteWithETag(n), nil
		})

	huma.Register(api, op("update-note", http.MethodPatch, "/api/v1/notes/{id}", "Change a note (its author; JSON merge patch)", tag),
		func(ctx context.Context, in *notePatchInput) (*noteOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			n, err := h.svc.Notes.Update(ctx, actor(ctx), in.ID, version, services.NotePatch{Body: change(in.Body.Body)})
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return noteWithETag(n), nil
		})

	del := op("delete-note", http.MethodDelete, "/api/v1/notes/{id}", "Delete a note (its author, or an admin); it is erased", tag)
	del.DefaultStatus = http.StatusNoContent
	huma.Register(api, del, func(ctx context.Context, in *archiveInput) (*struct{}, error) {
		version, err := parseIfMatch(ctx, in.IfMatch)
		if err != nil {
			return nil, err
		}
		if err := h.svc.Notes.Delete(ctx, actor(ctx), in.ID, version); err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return nil, nil
	})
}
