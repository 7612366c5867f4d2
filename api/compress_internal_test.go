package api

import (
	"bufio"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The compressor's promises, on handlers of its own: the version tag
// survives compression, short bodies and refused encodings go as they are,
// and a stream's flushed part reaches the client before the handler ends.

func TestCompressionKeepsTheETagAndSetsVary(t *testing.T) {
	body := `{"items":[` + strings.Repeat(`{"name":"Ministry of Foreign Affairs"},`, 60) + `{}]}`
	h := compressResponses(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("ETag", `"7"`)
		_, _ = io.WriteString(w, body)
	}))
	rq := httptest.NewRequest(http.MethodGet, "/", nil)
	rq.Header.Set("Accept-Encoding", "gzip, deflate, br, zstd")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, rq)
	if w.Header().Get("Content-Encoding") != "gzip" || w.Header().Get("ETag") != `"7"` || !strings.Contains(w.Header().Get("Vary"), "Accept-Encoding") {
		t.Fatalf("headers: %v", w.Header())
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); string(got) != body {
		t.Fatal("the body changed in compression")
	}
}

func TestShortAndIncompressibleResponsesGoAsTheyAre(t *testing.T) {
	for name, tc := range map[string]struct {
		ctype, body, encoding string
	}{
		"short JSON":       {"application/json", `{"ok":true}`, "gzip"},
		"XLSX":             {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", strings.Repeat("x", 4096), "gzip"},
		"gzip refused":     {"application/json", strings.Repeat(`{"a":1}`, 500), "gzip;q=0, identity"},
		"no encoding said": {"application/json", strings.Repeat(`{"a":1}`, 500), ""},
	} {
		h := compressResponses(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", tc.ctype)
			_, _ = io.WriteString(w, tc.body)
		}))
		rq := httptest.NewRequest(http.MethodGet, "/", nil)
		if tc.encoding != "" {
			rq.Header.Set("Accept-Encoding", tc.encoding)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, rq)
		if w.Header().Get("Content-Encoding") != "" || w.Body.String() != tc.body || !strings.Contains(w.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: %v, %d bytes", name, w.Header(), w.Body.Len())
		}
	}
}

func TestAFlushedStreamReachesTheClientCompressedBeforeItEnds(t *testing.T) {
	release := make(chan struct{})
	h := compressResponses(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		_, _ = io.WriteString(w, `{"done":1,"total":3}`+"\n")
		http.NewResponseController(w).Flush()
		<-release
		_, _ = io.WriteString(w, `{"done":3,"total":3}`+"\n")
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	defer close(release)

	rq, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	rq.Header.Set("Accept-Encoding", "gzip") // set by hand, so the transport leaves the body compressed
	resp, err := srv.Client().Do(rq)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("a stream is compressed too: %v", resp.Header)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(zr).ReadString('\n')
		line <- s
	}()
	select {
	case s := <-line:
		if s != `{"done":1,"total":3}`+"\n" {
			t.Fatalf("first line %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the flushed line did not arrive while the handler was still writing")
	}
}
