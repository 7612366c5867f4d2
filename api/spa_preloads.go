package api

import (
	"bytes"
	"encoding/json"
	"html"
	"io/fs"
	"strings"
)

// routePreloadsFile is written by the SPA's build (frontend/build/routePreloads.ts):
// for the pages people open first, the code each loads beyond the entry's.
const routePreloadsFile = ".route-preloads.json"

// routePreload is one route of that file, and index.html naming its code.
type routePreload struct {
	segments []string // "/visits/:id" as ["visits", ":id"]; a ":" segment is any one segment
	index    []byte
}

// loadRoutePreloads reads the build's list and makes, for each route, an
// index.html that names the route's scripts as modulepreload links and its
// styles as preloads: a first visit then fetches the page's code alongside
// the app's, not once the app has run (a round trip and the whole start-up
// later on a phone). They are asked for at low priority: the app's own
// scripts and styles, which the first paint waits for, go first. No list
// (an older build) leaves index.html as it is.
func loadRoutePreloads(files fs.FS, index []byte) []routePreload {
	raw, err := fs.ReadFile(files, routePreloadsFile)
	if err != nil {
		return nil
	}
	var routes []struct {
		Path    string   `json:"path"`
		Scripts []string `json:"scripts"`
		Styles  []string `json:"styles"`
	}
	if json.Unmarshal(raw, &routes) != nil {
		return nil
	}
	head := []byte("</head>")
	at := bytes.Index(index, head)
	if at < 0 {
		return nil
	}
	var out []routePreload
	for _, r := range routes {
		var links strings.Builder
		for _, s := range r.Scripts {
			links.WriteString(`    <link rel="modulepreload" fetchpriority="low" crossorigin href="` + html.EscapeString(s) + "\">\n")
		}
		for _, s := range r.Styles {
			links.WriteString(`    <link rel="preload" as="style" fetchpriority="low" crossorigin href="` + html.EscapeString(s) + "\">\n")
		}
		page := make([]byte, 0, len(index)+links.Len())
		page = append(page, index[:at]...)
		page = append(page, links.String()...)
		page = append(page, index[at:]...)
		out = append(out, routePreload{segments: splitPath(r.Path), index: page})
	}
	return out
}

// indexFor is index.html for a client path: with the route's preloads when
// the path is one of the listed routes.
func (s *spa) indexFor(urlPath string) []byte {
	segments := splitPath(urlPath)
	for _, r := range s.routes {
		if matchSegments(r.segments, segments) {
			return r.index
		}
	}
	return s.index
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

func matchSegments(pattern, segments []string) bool {
	if len(pattern) != len(segments) {
		return false
	}
	for i, p := range pattern {
		if strings.HasPrefix(p, ":") {
			if segments[i] == "" {
				return false
			}
			continue
		}
		if p != segments[i] {
			return false
		}
	}
	return true
}
