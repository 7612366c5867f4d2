package api

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// spa serves the built single-page app: files as they are, hashed assets
// cached for a year, and index.html for every other path so that client
// routes survive a reload.
type spa struct {
	files fs.FS
	index []byte
	// gzipped holds each hashed asset compressed once, at the best level:
	// assets never change within a binary, so no request pays for it again.
	gzipped sync.Map // name → []byte
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
				if s.serveGzipped(w, r, name) {
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
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(s.index))
}

// serveGzipped answers with the asset's compressed copy when the client
// takes gzip and the type is worth it; false leaves the request to the
// plain file server.
func (s *spa) serveGzipped(w http.ResponseWriter, r *http.Request, name string) bool {
	ctype := mime.TypeByExtension(path.Ext(name))
	if !acceptsGzip(r) || !compressible(ctype) || r.Header.Get("Range") != "" {
		return false
	}
	zipped, ok := s.gzipped.Load(name)
	if !ok {
		raw, err := fs.ReadFile(s.files, name)
		if err != nil {
			return false
		}
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		_, _ = zw.Write(raw)
		_ = zw.Close()
		zipped, _ = s.gzipped.LoadOrStore(name, b.Bytes())
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Set("Content-Length", strconv.Itoa(len(zipped.([]byte))))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(zipped.([]byte))
	}
	return true
}
