package api

import (
	"bufio"
	"compress/gzip"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Responses travel gzip-compressed to clients that accept it: officers in
// the field are on slow mobile networks, and JSON and the app's scripts
// shrink to a fifth or less. Text-like types only (JSON, problem+json,
// NDJSON progress, CSV, HTML, scripts, styles, SVG, calendars, vCards);
// XLSX and PDF are compressed already, and images are left as they are. A
// response shorter than compressAbove goes as it is: below a packet,
// compressing saves nothing. Streams (exports, import progress) stay
// streams: Flush pushes what is compressed so far.

// compressAbove is the size from which a response is compressed.
const compressAbove = 1024

// compressible reports whether a Content-Type is worth compressing.
func compressible(contentType string) bool {
	ct, _, _ := strings.Cut(contentType, ";")
	ct = strings.TrimSpace(strings.ToLower(ct))
	switch {
	case strings.HasPrefix(ct, "text/"):
		return true
	case strings.HasSuffix(ct, "+json"), strings.HasSuffix(ct, "json"), strings.HasSuffix(ct, "+xml"):
		return true
	}
	switch ct {
	case "application/javascript", "application/x-ndjson", "image/svg+xml", "application/xml":
		return true
	}
	return false
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip
// (with a q above zero).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
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

var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// compressResponses wraps next so that its responses are compressed when
// the client accepts gzip and the type is worth it.
func compressResponses(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Method == http.MethodHead || !acceptsGzip(r) {
			next.ServeHTTP(w, r)
			return
		}
		cw := &compressWriter{ResponseWriter: w}
		defer cw.finish()
		next.ServeHTTP(cw, r)
	})
}

// compressWriter decides at the first write whether to compress: it holds
// up to compressAbove bytes, then either starts gzip or, on a short,
// already encoded or incompressible response, writes them as they are.
type compressWriter struct {
	http.ResponseWriter
	status  int
	held    []byte
	gz      *gzip.Writer
	decided bool
	hijack  bool
}

func (c *compressWriter) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
	// Informational answers pass at once; the final one waits for the body.
	if status >= 100 && status < 200 {
		c.ResponseWriter.WriteHeader(status)
		c.status = 0
	}
}

func (c *compressWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	if c.decided {
		if c.gz != nil {
			return c.gz.Write(b)
		}
		return c.ResponseWriter.Write(b)
	}
	c.held = append(c.held, b...)
	if len(c.held) >= compressAbove {
		if err := c.decide(true); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// decide starts the response, compressed if big says the body reached
// compressAbove and everything else allows it, and writes what was held.
func (c *compressWriter) decide(big bool) error {
	c.decided = true
	h := c.Header()
	if big && h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")) &&
		c.status != http.StatusNoContent && c.status != http.StatusNotModified && c.status != http.StatusPartialContent {
		h.Del("Content-Length")
		// The ETag stays as it is: it names the record's version, not
		// the bytes, and If-Match compares it strongly.
		h.Set("Content-Encoding", "gzip")
		c.gz = gzipWriters.Get().(*gzip.Writer)
		c.gz.Reset(c.ResponseWriter)
		c.ResponseWriter.WriteHeader(c.status)
		_, err := c.gz.Write(c.held)
		c.held = nil
		return err
	}
	c.ResponseWriter.WriteHeader(c.status)
	_, err := c.ResponseWriter.Write(c.held)
	c.held = nil
	return err
}

// Flush sends what is written so far: a stream stays a stream.
func (c *compressWriter) Flush() {
	if !c.decided {
		if c.status == 0 && len(c.held) == 0 {
			return
		}
		if c.status == 0 {
			c.status = http.StatusOK
		}
		_ = c.decide(len(c.held) > 0)
	}
	if c.gz != nil {
		_ = c.gz.Flush()
	}
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// finish ends the response: the held bytes of a short one, or the gzip
// stream's end.
func (c *compressWriter) finish() {
	if c.hijack {
		return
	}
	if !c.decided {
		if c.status == 0 {
			return // nothing was written: the handler's own default stands
		}
		_ = c.decide(false)
	}
	if c.gz != nil {
		_ = c.gz.Close()
		gzipWriters.Put(c.gz)
		c.gz = nil
	}
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (c *compressWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// Hijack hands the connection over untouched (nothing here upgrades, but a
// proxy in front might).
func (c *compressWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h, ok := c.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("hijacking is not supported")
	}
	c.hijack = true
	return h.Hijack()
}
