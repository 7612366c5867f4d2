package api_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestResponsesAreCompressedForClientsThatAcceptGzip(t *testing.T) {
	s := newServer(t)
	for i := range 30 {
		s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry " + strings.Repeat("x", i), "type": "ministry"})
	}
	get := func(path, encoding string) *httptest.ResponseRecorder {
		rq := httptest.NewRequest(http.MethodGet, path, nil)
		rq.Header.Set("Authorization", "Bearer "+s.tokens["a.viewer"])
		if encoding != "" {
			rq.Header.Set("Accept-Encoding", encoding)
		}
		w := httptest.NewRecorder()
		s.router.ServeHTTP(w, rq)
		return w
	}
	plain := get("/api/v1/organizations?limit=50", "")
	if plain.Header().Get("Content-Encoding") != "" || !strings.Contains(plain.Header().Get("Vary"), "Accept-Encoding") {
		t.Fatalf("without Accept-Encoding: %v", plain.Header())
	}
	zipped := get("/api/v1/organizations?limit=50", "br, gzip;q=0.8")
	if zipped.Header().Get("Content-Encoding") != "gzip" || zipped.Header().Get("Content-Length") != "" {
		t.Fatalf("with gzip accepted: %v", zipped.Header())
	}
	r, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(r)
	if string(body) != plain.Body.String() {
		t.Fatal("the compressed body differs from the plain one")
	}
	if zipped.Body.Len()*3 > plain.Body.Len() {
		t.Fatalf("compressed %d bytes of %d: less than a third saved", zipped.Body.Len(), plain.Body.Len())
	}
	// Short answers, refused encodings and bodiless answers go as they are.
	if w := get("/api/v1/auth/me", "gzip"); w.Header().Get("Content-Encoding") != "" || w.Code != 200 {
		t.Fatalf("a short answer: %d %v", w.Code, w.Header())
	}
	if w := get("/api/v1/organizations?limit=50", "gzip;q=0, identity"); w.Header().Get("Content-Encoding") != "" {
		t.Fatalf("gzip;q=0: %v", w.Header())
	}
	if w := get("/api/v1/organizations?limit=0", "gzip"); w.Code != 422 || !strings.Contains(readBody(t, w), "query.limit") {
		t.Fatalf("a problem through the compressor: %d", w.Code)
	}
}

// readBody reads a recorded body, gunzipping it when it is compressed.
func readBody(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	if w.Header().Get("Content-Encoding") != "gzip" {
		return w.Body.String()
	}
	r, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	return string(b)
}
