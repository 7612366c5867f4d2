package api

import (
	"encoding/json"
	"html"
	"io/fs"
	"net/http"
	"strings"
)

// routePreloadsFile is written by the SPA's build (frontend/build/routePreloads.ts):
// for the pages people open first, the code each loads beyond the entry's,
// and each language's catalogue.
const routePreloadsFile = ".route-preloads.json"

// appCode is the template in which index.html holds the app's code until
// the page is painted (frontend/build/appAfterFirstPaint.ts): a route's code
// joins it there.
const appCode = `<template id="app-code">`

// preloads is that file, as the links index.html gains for a request.
type preloads struct {
	head       int // where </head> is in index.html
	code       int // where the app-code template ends in it (head without one)
	routes     []routePreload
	catalogues map[string]string // language → its links
}

// routePreload is one route of the file and the links naming its code.
type routePreload struct {
	segments []string // "/visits/:id" as ["visits", ":id"]; a ":" segment is any one segment
	links    string
}

// loadPreloads reads the build's list. No list (an older build) or one
// that cannot be read leaves index.html as it is.
func loadPreloads(files fs.FS, index []byte) *preloads {
	raw, err := fs.ReadFile(files, routePreloadsFile)
	if err != nil {
		return nil
	}
	var list struct {
		Routes []struct {
			Path    string   `json:"path"`
			Scripts []string `json:"scripts"`
			Styles  []string `json:"styles"`
		} `json:"routes"`
		Catalogues map[string][]string `json:"catalogues"`
	}
	head := strings.Index(string(index), "</head>")
	if json.Unmarshal(raw, &list) != nil || head < 0 {
		return nil
	}
	p := &preloads{head: head, code: head, catalogues: map[string]string{}}
	if t := strings.Index(string(index), appCode); t >= 0 {
		if end := strings.Index(string(index[t:]), "</template>"); end >= 0 && t+end < head {
			p.code = t + end
		}
	}
	for _, r := range list.Routes {
		// The route's code at low priority, in the app's code template:
		// asked for with the app's own code, after the first paint, and
		// after it (frontend/build/appAfterFirstPaint.ts). The language's
		// catalogue is asked for at once: the app's first render waits for
		// it, and it is small.
		links := scriptLinks(r.Scripts, ` fetchpriority="low"`)
		for _, s := range r.Styles {
			links += `    <link rel="preload" as="style" fetchpriority="low" crossorigin href="` + html.EscapeString(s) + "\">\n"
		}
		p.routes = append(p.routes, routePreload{segments: splitPath(r.Path), links: links})
	}
	for language, scripts := range list.Catalogues {
		p.catalogues[language] = scriptLinks(scripts, "")
	}
	return p
}

func scriptLinks(scripts []string, attrs string) string {
	var b strings.Builder
	for _, s := range scripts {
		b.WriteString(`    <link rel="modulepreload"` + attrs + ` crossorigin href="` + html.EscapeString(s) + "\">\n")
	}
	return b.String()
}

// indexFor is index.html for a request: naming, when the path is a listed
// route, the route's code beside the app's, so that a first visit fetches it
// with the app's rather than once the app has run (a round trip and the
// whole start-up later on a phone); and the catalogue of the language the
// browser last used (languageCookie) or else asks for, which the app waits
// for before its first paint.
func (s *spa) indexFor(r *http.Request) []byte {
	p := s.preloads
	if p == nil {
		return s.index
	}
	catalogue := p.catalogues[pageLanguage(r)]
	code := ""
	segments := splitPath(r.URL.Path)
	for _, route := range p.routes {
		if matchSegments(route.segments, segments) {
			code = route.links
			break
		}
	}
	if catalogue == "" && code == "" {
		return s.index
	}
	page := make([]byte, 0, len(s.index)+len(catalogue)+len(code))
	page = append(page, s.index[:p.code]...)
	page = append(page, code...)
	page = append(page, s.index[p.code:p.head]...)
	page = append(page, catalogue...)
	return append(page, s.index[p.head:]...)
}

// pageLanguage is the language the app starts in for a request, before
// anyone has signed in: the one the browser last used (languageCookie),
// else the one it asks for.
func pageLanguage(r *http.Request) string {
	if language := chosenLanguage(r); language != "" {
		return language
	}
	return browserLanguage(r.Header.Get("Accept-Language"))
}

// browserLanguage is the UI language the app starts in for a browser that
// has not chosen one (frontend/src/i18n initialLanguage): the first of its
// languages the app has, Croatian and Serbian read as Bosnian, else English.
// One chosen in the app or the account's is in languageCookie, which wins.
func browserLanguage(acceptLanguage string) string {
	for _, part := range strings.Split(acceptLanguage, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		switch base {
		case "hr", "sr":
			return "bs"
		case "en", "ar", "bs":
			return base
		}
	}
	return "en"
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
