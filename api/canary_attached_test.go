package api_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"testing"
)

// The canary's notes and documents: a note on the canary contact and a
// document on the canary interaction, both of office B and carrying the
// marker, beside visible ones on visible records. Their ids are raised like
// the canary's.
const (
	canaryNoteID     = 7370441
	canaryDocumentID = 7380553
	canaryNoteBody   = "Zzcanarynote the family asked for discretion"
	canaryDocName    = "zzcanary-safe-house-plan.txt"
	canaryDocText    = "Zzcanarydoc where the witness stays"
)

func plantCanaryNotesAndDocuments(t *testing.T, s *server, w *canaryWorld) {
	t.Helper()
	b := "b.officer"
	visibleNote, _ := s.create(fmt.Sprintf("/api/v1/organizations/%d/notes", w.orgA), "a.officer",
		map[string]any{"body": "Open remark for @b.officer"})
	raiseSequence(t, s, "notes", canaryNoteID)
	note, _ := s.create(fmt.Sprintf("/api/v1/contacts/%d/notes", w.contact), b,
		map[string]any{"body": canaryNoteBody + " — @b.viewer"})
	upload := func(path, name, text string) int64 {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write([]byte(text))
		mw.Close()
		r := s.do(req{method: "POST", path: path, as: b, body: body.String(), header: map[string]string{"Content-Type": mw.FormDataContentType()}})
		if r.Code != http.StatusCreated {
			t.Fatalf("upload %s: %d %s", path, r.Code, r.Body.String())
		}
		return int64(decode(t, r)["id"].(float64))
	}
	visibleDoc := upload(fmt.Sprintf("/api/v1/visits/%d/documents", w.visit), "programme.txt", "Open programme")
	raiseSequence(t, s, "documents", canaryDocumentID)
	doc := upload(fmt.Sprintf("/api/v1/interactions/%d/documents", w.interaction), canaryDocName, canaryDocText)
	if note != canaryNoteID || doc != canaryDocumentID {
		t.Fatalf("canary note %d and document %d; want %d and %d", note, doc, canaryNoteID, canaryDocumentID)
	}
	w.pathIDs["notes"] = []int64{note, visibleNote}
	w.pathIDs["documents"] = []int64{doc, visibleDoc}
	w.canaryIDs[note], w.canaryIDs[doc] = true, true
}
