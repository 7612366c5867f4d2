package api

import (
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzhttp"
)

// Responses travel gzip-compressed to clients that accept it: officers in
// the field are on slow mobile networks, and JSON shrinks to a fifth or
// less. Text-like types only (JSON, problem+json, NDJSON progress, CSV,
// HTML, scripts, styles, SVG, calendars, vCards); XLSX and PDF are
// compressed already, and images are left as they are. A response shorter
// than compressAbove goes as it is: below a packet, compressing saves
// nothing. Streams (exports, import progress) stay streams: Flush pushes
// what is compressed so far. The built app's assets arrive already
// compressed (spa.go) and pass through untouched.
//
// The work is gzhttp's: it keeps the ETag as it is (it names the record's
// version, not the bytes, and If-Match compares it strongly), leaves 204,
// 304 and ranges alone, and adds Vary: Accept-Encoding.

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

// compressResponses wraps next so that its responses are compressed when
// the client accepts gzip and the type is worth it. Only gzip is offered:
// every client reads it, and the test and export tools that read the API
// need nothing more.
func compressResponses(next http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(
		gzhttp.MinSize(compressAbove),
		gzhttp.ContentTypeFilter(compressible),
		gzhttp.EnableZstd(false),
		// A response without a Content-Type keeps none: with nosniff, a
		// guessed one would change what the browser does with it.
		gzhttp.SetContentType(false),
	)
	if err != nil {
		panic(err) // the options above are constants
	}
	return wrap(next)
}
