package services

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"liaison/models"
)

var pdf = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func TestDocumentsAreStoredSniffedAndFollowTheirRecord(t *testing.T) {
	e := newEnv(t)
	hidden := e.attachables("b", true)
	for entity, ref := range hidden {
		t.Run(entity, func(t *testing.T) {
			d := must(e.svc.Documents.Create(e.ctx, e.as("b.officer"), ref, DocumentUpload{Name: `C:\scans\mou.exe`, Content: pdf}))
			// The content type comes from the bytes, not the name.
			if d.Name != "mou.exe" || d.ContentType != "application/pdf" || d.Size != int64(len(pdf)) || len(d.SHA256) != 64 ||
				d.CreatedBy != e.fx.Users["b.officer"].ID {
				t.Fatalf("created = %+v", d)
			}
			got, content := must2(e.svc.Documents.Content(e.ctx, e.as("b.viewer"), d.ID))
			if !bytes.Equal(content, pdf) || got.ID != d.ID {
				t.Fatalf("content = %q", content)
			}
			restrictable := entity == models.EntityContact || entity == models.EntityInteraction
			for _, who := range []string{"a.viewer", "a.manager", "a.admin"} {
				actor := e.as(who)
				wantHidden := restrictable && !actor.IsAdmin()
				_, err := e.svc.Documents.Get(e.ctx, actor, d.ID)
				_, _, cerr := e.svc.Documents.Content(e.ctx, actor, d.ID)
				_, lerr := e.svc.Documents.List(e.ctx, actor, ref, ListParams{})
				for _, err := range []error{err, cerr, lerr} {
					if wantHidden != errors.Is(err, ErrNotFound) || (!wantHidden && err != nil) {
						t.Errorf("%s: %v (hidden: %v)", who, err, wantHidden)
					}
				}
			}
		})
	}
}

func TestDocumentUploadLimitsAndDeletion(t *testing.T) {
	e := newEnv(t)
	on := e.attachables("a", false)[models.EntityOrganization]
	officer := e.as("a.officer")
	for _, tc := range []struct {
		name    string
		content []byte
	}{
		{"empty", nil},
		{"over 25 MiB", make([]byte, MaxDocumentSize+1)},
	} {
		if _, err := e.svc.Documents.Create(e.ctx, officer, on, DocumentUpload{Name: "x", Content: tc.content}); !slices.Equal(fieldErrors(t, err), []string{"file"}) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	if _, err := e.svc.Documents.Create(e.ctx, e.as("a.viewer"), on, DocumentUpload{Name: "x.txt", Content: []byte("x")}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a viewer uploads: %v", err)
	}
	if _, err := e.svc.Documents.Create(e.ctx, e.as("b.officer"), on, DocumentUpload{Name: "x.txt", Content: []byte("x")}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("another office uploads: %v", err)
	}
	for _, name := range []struct{ in, want string }{{"", "document"}, {"../../etc/passwd", "passwd"}, {"a\x00b\nc.txt", "abc.txt"}, {"..", "document"}} {
		d := must(e.svc.Documents.Create(e.ctx, officer, on, DocumentUpload{Name: name.in, Content: []byte("plain words")}))
		if d.Name != name.want || d.ContentType != "text/plain; charset=utf-8" {
			t.Errorf("name %q → %q (%s), want %q", name.in, d.Name, d.ContentType, name.want)
		}
	}

	for _, tc := range []struct {
		who string
		err error
	}{
		{"a.viewer", ErrForbidden}, {"a.colleague", ErrForbidden}, {"b.manager", ErrForbidden},
		{"a.officer", nil}, {"a.manager", nil}, {"b.admin", nil},
	} {
		t.Run("delete by "+tc.who, func(t *testing.T) {
			d := must(e.svc.Documents.Create(e.ctx, officer, on, DocumentUpload{Name: "minutes.pdf", Content: pdf}))
			if err := e.svc.Documents.Delete(e.ctx, e.as(tc.who), d.ID); !errors.Is(err, tc.err) {
				t.Fatalf("delete: %v, want %v", err, tc.err)
			}
			_, _, err := e.svc.Documents.Content(e.ctx, officer, d.ID)
			if gone := errors.Is(err, ErrNotFound); gone != (tc.err == nil) {
				t.Fatalf("after delete: %v", err)
			}
			var bytesLeft int64
			e.db.Model(&models.DocumentContent{}).Where("document_id = ?", d.ID).Count(&bytesLeft)
			if (bytesLeft == 0) != (tc.err == nil) {
				t.Fatalf("content rows left: %d", bytesLeft)
			}
		})
	}

	history := must(e.svc.Audit.List(e.ctx, e.as("a.viewer"), AuditFilter{Entity: []string{"organization"}, EntityID: []int64{on.ID},
		Action: []string{ActionDocumentCreate, ActionDocumentDelete}}))
	if len(history.Items) == 0 || history.Items[0].Action != ActionDocumentDelete {
		t.Fatalf("history = %+v", history.Items)
	}
	list := must(e.svc.Documents.List(e.ctx, e.as("a.viewer"), on, ListParams{Count: true}))
	if *list.Total != 7 || list.Items[0].Name != "minutes.pdf" {
		t.Fatalf("list: %d, first %+v", *list.Total, list.Items[0])
	}
}
