package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var testPDF = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// multipartBody is a form with one part per name (file parts when the
// name is "file"), and its Content-Type.
func multipartBody(t *testing.T, filename string, content []byte, extra ...string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if filename != "" {
		fw, err := mw.CreateFormFile("file", filename)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(content)
	}
	for _, name := range extra {
		mw.WriteField(name, "x")
	}
	mw.Close()
	return b.String(), mw.FormDataContentType()
}

// upload posts a file to a record's documents.
func (s *server) upload(path, as, filename string, content []byte, header ...map[string]string) *httptest.ResponseRecorder {
	s.t.Helper()
	body, ct := multipartBody(s.t, filename, content)
	h := map[string]string{"Content-Type": ct}
	for _, m := range header {
		for k, v := range m {
			h[k] = v
		}
	}
	return s.do(req{method: "POST", path: path, as: as, body: body, header: h})
}

func TestDocumentUploadAndDownload(t *testing.T) {
	s := newServer(t)
	org, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})
	docs := fmt.Sprintf("/api/v1/organizations/%d/documents", org)

	w := s.upload(docs, "a.officer", "Memorandum – Sarajevo \"final\".exe", testPDF, map[string]string{"Content-Type": ""})
	if w.Code != http.StatusUnsupportedMediaType {
		t.Fatalf("no content type: %d %s", w.Code, w.Body.String())
	}
	w = s.upload(docs, "a.officer", "Memorandum – Sarajevo \"final\".exe", testPDF)
	if w.Code != http.StatusCreated {
		t.Fatalf("upload: %d %s", w.Code, w.Body.String())
	}
	d := decode(t, w)
	sum := sha256.Sum256(testPDF)
	id := int64(d["id"].(float64))
	if d["content_type"] != "application/pdf" || d["size"] != float64(len(testPDF)) || d["sha256"] != hex.EncodeToString(sum[:]) ||
		d["created_by"] != float64(s.fx.Users["a.officer"].ID) || d["name"] != `Memorandum – Sarajevo "final".exe` ||
		w.Header().Get("Location") != fmt.Sprintf("/api/v1/documents/%d", id) {
		t.Fatalf("created: %v %v", w.Header(), d)
	}

	w = s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/documents/%d/content", id), as: "b.viewer"})
	if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), testPDF) {
		t.Fatalf("download: %d", w.Code)
	}
	for name, want := range map[string]string{
		"Content-Type":           "application/pdf",
		"Content-Disposition":    `attachment; filename="Memorandum _ Sarajevo _final_.exe"; filename*=UTF-8''Memorandum%20%E2%80%93%20Sarajevo%20%22final%22.exe`,
		"X-Content-Type-Options": "nosniff",
		"Content-Length":         fmt.Sprint(len(testPDF)),
	} {
		if got := w.Header().Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}

	// Over the API's 1 MiB: an upload may be 25 MiB.
	big := bytes.Repeat([]byte("minutes of the meeting\n"), 3<<20/23)
	if w = s.upload(docs, "a.officer", "minutes.txt", big); w.Code != http.StatusCreated || decode(t, w)["content_type"] != "text/plain; charset=utf-8" {
		t.Fatalf("3 MiB upload: %d %s", w.Code, w.Body.String())
	}
	w = s.do(req{method: "GET", path: docs + "?count=true&limit=1", as: "a.viewer"})
	if l := decode(t, w); w.Code != 200 || l["total"] != float64(2) || l["next_cursor"] == nil || strings.Contains(w.Body.String(), "minutes of the") {
		t.Fatalf("list: %s", w.Body.String())
	}
	if w = s.do(req{method: "DELETE", path: fmt.Sprintf("/api/v1/documents/%d", id), as: "a.viewer"}); w.Code != http.StatusForbidden {
		t.Fatalf("viewer delete: %d", w.Code)
	}
	if w = s.do(req{method: "DELETE", path: fmt.Sprintf("/api/v1/documents/%d", id), as: "a.officer"}); w.Code != http.StatusNoContent {
		t.Fatalf("delete: %d %s", w.Code, w.Body.String())
	}
	if w = s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/documents/%d/content", id), as: "a.officer"}); w.Code != http.StatusNotFound {
		t.Fatalf("download after delete: %d", w.Code)
	}
}

func TestDocumentUploadRefusals(t *testing.T) {
	s := newServer(t)
	org, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})
	docs := fmt.Sprintf("/api/v1/organizations/%d/documents", org)
	tooBig := make([]byte, 25<<20+1)
	overBody, overType := multipartBody(t, "big.bin", tooBig)
	emptyBody, emptyType := multipartBody(t, "empty.txt", nil)
	noFile, noFileType := multipartBody(t, "", nil, "name")
	extra, extraType := multipartBody(t, "a.txt", []byte("a"), "entity_id")
	for _, tc := range []struct {
		name        string
		body        io.Reader
		contentType string
		length      int64 // -1: unknown (chunked), else the body's
		status      int
		where       string
	}{
		{"JSON", strings.NewReader(`{"file":"x"}`), "application/json", 0, 415, ""},
		{"over 25 MiB, by Content-Length", strings.NewReader(overBody), overType, 0, 413, ""},
		{"over 25 MiB, streamed", strings.NewReader(overBody), overType, -1, 413, ""},
		{"empty file", strings.NewReader(emptyBody), emptyType, 0, 422, "body.file"},
		{"no file", strings.NewReader(noFile), noFileType, 0, 422, "body.name"},
		{"another field", strings.NewReader(extra), extraType, 0, 422, "body.entity_id"},
		{"no parts inside", strings.NewReader("garbage"), "multipart/form-data; boundary=xyz", 0, 422, "body.file"},
		{"a broken part", strings.NewReader("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc"), "multipart/form-data; boundary=xyz", 0, 400, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", docs, tc.body)
			if tc.length < 0 {
				r.ContentLength = -1
			}
			r.Header.Set("Content-Type", tc.contentType)
			r.Header.Set("Authorization", "Bearer "+s.tokens["a.officer"])
			w := httptest.NewRecorder()
			s.router.ServeHTTP(w, r)
			if w.Code != tc.status || !strings.Contains(w.Header().Get("Content-Type"), "problem+json") {
				t.Fatalf("status %d, want %d: %.300s", w.Code, tc.status, w.Body.String())
			}
			if tc.where != "" && !strings.Contains(w.Body.String(), `"location":"`+tc.where+`"`) {
				t.Fatalf("the problem does not name %s: %s", tc.where, w.Body.String())
			}
		})
	}
	if w := s.do(req{method: "GET", path: docs + "?count=true", as: "a.officer"}); decode(t, w)["total"] != float64(0) {
		t.Fatalf("a refused upload stored something: %s", w.Body.String())
	}
}

// An upload ignores Idempotency-Key: a multipart body is framed anew on
// every send, so the key could never recognise a retry, and 25 MiB
// responses are not kept. The header neither replays nor refuses.
func TestDocumentUploadIgnoresIdempotencyKey(t *testing.T) {
	s := newServer(t)
	org, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})
	docs := fmt.Sprintf("/api/v1/organizations/%d/documents", org)
	key := map[string]string{"Idempotency-Key": "upload-1"}
	first := s.upload(docs, "a.officer", "a.pdf", testPDF, key)
	second := s.upload(docs, "a.officer", "b.txt", []byte("other"), key)
	if first.Code != 201 || second.Code != 201 || second.Header().Get("Idempotent-Replayed") != "" || decode(t, second)["name"] != "b.txt" {
		t.Fatalf("uploads: %d, %d %v %s", first.Code, second.Code, second.Header(), second.Body.String())
	}
	var kept int64
	s.db.Table("idempotency_keys").Count(&kept)
	if kept != 0 {
		t.Fatalf("%d keys kept for uploads", kept)
	}
}
