package api

import (
	"bytes"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// spa serves the built single-page app: files as they are, hashed assets
// cached for a year, and index.html for every other path so that client
// routes survive a reload.
type spa struct {
	files fs.FS
	index []byte
	// index.html's Content-Security-Policy: the static one and its inline start script's hash (spa_csp.go)
	policy string
	// the links index.html gains per request (spa_preloads.go); nil without the build's list
	preloads *preloads
	// the page headings the server draws for a signed-in browser (spa_shell.go); nil without the build's list
	shells *pageShells
	// who is signed in on a request, for those headings; nil draws none
	viewer func(*http.Request) (shellViewer, bool)
}

// The web app manifest's type is not in every system's MIME table, and
// with nosniff a guessed text/plain would not do.
func init() {
	_ = mime.AddExtensionType(".webmanifest", "application/manifest+json")
}

func newSPA(files fs.FS) *spa {
	s := &spa{files: files}
	if files != nil {
		s.index, _ = fs.ReadFile(files, "index.html")
		if s.index != nil {
			s.policy = indexPolicy(s.index)
			s.preloads = loadPreloads(files, s.index)
			s.shells = loadPageShells(files, s.index)
		}
	}
	return s
}

func (s *spa) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.index == nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("The web app is not built into this binary; run `make build`.\n"))
		return
	}
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if name != "" && name != "index.html" {
		if f, err := fs.Stat(s.files, name); err == nil && !f.IsDir() {
			if strings.HasPrefix(name, "assets/") {
				w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				if s.servePrecompressed(w, r, name) {
					return
				}
			} else {
				w.Header().Set("Cache-Control", "no-cache")
			}
			http.ServeFileFS(w, r, s.files, name)
			return
		}
		if strings.HasPrefix(name, "assets/") || path.Ext(name) != "" {
			http.NotFound(w, r)
			return
		}
	}
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", s.policy)
	if s.preloads != nil {
		addVary(w.Header(), "Accept-Language") // it names that language's catalogue,
		addVary(w.Header(), "Cookie")          // or the one languageCookie names
	}
	page := s.indexFor(r)
	if s.shells != nil {
		addVary(w.Header(), "Cookie") // the session's, for whom the heading is drawn
		if drawn := s.shells.draw(page, r, s.viewer); drawn != nil {
			page = drawn
			// The user's name may be in it: no shared cache keeps it.
			w.Header().Set("Cache-Control", "private, no-cache")
			w.Header().Set(pageShellHeader, "1")
		}
	}
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(page))
}

// precompressed lists the encodings the build writes beside each asset
// (frontend/build/precompress.ts), best first: brotli is about a fifth
// smaller than gzip on scripts, and every current browser takes it.
var precompressed = []struct{ encoding, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// servePrecompressed answers with the build's compressed copy of the
// asset in the best encoding the client accepts; false leaves the request
// to the plain file server (no copy, no accepted encoding, or a range,
// which names bytes of the plain file).
func (s *spa) servePrecompressed(w http.ResponseWriter, r *http.Request, name string) bool {
	addVary(w.Header(), "Accept-Encoding")
	if r.Header.Get("Range") != "" {
		return false
	}
	for _, p := range precompressed {
		if !acceptsEncoding(r, p.encoding) {
			continue
		}
		body, err := fs.ReadFile(s.files, name+p.suffix)
		if err != nil {
			continue
		}
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Encoding", p.encoding)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			_, _ = io.Copy(w, bytes.NewReader(body))
		}
		return true
	}
	return false
}

// acceptsEncoding reports whether the request's Accept-Encoding takes the
// named content coding with a q above zero. A wildcard is not taken for a
// coding it does not name: clients that mean brotli say so.
func acceptsEncoding(r *http.Request, coding string) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		if q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// addVary adds a field to Vary unless it is listed already.
func addVary(h http.Header, field string) {
	for _, v := range h.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), field) || strings.TrimSpace(f) == "*" {
				return
			}
		}
	}
	h.Add("Vary", field)
}
