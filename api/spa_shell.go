package api

import (
	"encoding/json"
	"html"
	"io/fs"
	"net/http"
	"strings"

	"liaison/models"
)

// pageShellsFile is written by the SPA's build (frontend/build/pageShells.ts):
// for the list pages and the dashboard, the title and the line under it in
// every language.
const pageShellsFile = ".page-shells.json"

// The markers around #root's content in index.html: what the server may
// replace with a page's heading.
const (
	shellStart = "<!--page-shell-->"
	shellEnd   = "<!--/page-shell-->"
)

// pageShellHeader marks an index.html with a page's heading drawn in it,
// so that the service worker does not keep it as the page it starts offline
// (it names one page, and the user's name on the dashboard).
const pageShellHeader = "Liaison-Page-Shell"

// pageShells is that file: path → the page's words.
type pageShells struct {
	pages map[string]pageShellTexts
}

// pageShellTexts is one page's words, language → text.
type pageShellTexts struct {
	Title    map[string]string `json:"title"`
	Subtitle map[string]string `json:"subtitle"`
}

// shellViewer is who a page's heading is drawn for: a signed-in user with
// nothing to do before the app shows pages (no two-factor enrolment due).
type shellViewer struct {
	name   string
	locale string
}

// loadPageShells reads the build's list; none (an older build), one that
// cannot be read, or an index.html without the markers draws no headings.
func loadPageShells(files fs.FS, index []byte) *pageShells {
	raw, err := fs.ReadFile(files, pageShellsFile)
	if err != nil {
		return nil
	}
	var list struct {
		Pages []struct {
			Path string `json:"path"`
			pageShellTexts
		} `json:"pages"`
	}
	start := strings.Index(string(index), shellStart)
	if json.Unmarshal(raw, &list) != nil || start < 0 || strings.Index(string(index), shellEnd) < start {
		return nil
	}
	p := &pageShells{pages: map[string]pageShellTexts{}}
	for _, page := range list.Pages {
		p.pages[page.Path] = page.pageShellTexts
	}
	return p
}

// draw is the page (index.html as indexFor wrote it for r) with the
// heading of the page at r's path drawn in #root, or nil when there is none to draw: a path that is not one of the
// pages, or no signed-in viewer. Only a valid session is drawn for, so that
// a signed-out browser, which the app sends to the sign-in page, never
// flashes a page's heading first. The texts are the catalogue's; the one
// piece of data is the viewer's own name, escaped.
func (p *pageShells) draw(page []byte, r *http.Request, viewer func(*http.Request) (shellViewer, bool)) []byte {
	texts, ok := p.pages[r.URL.Path]
	start := strings.Index(string(page), shellStart)
	end := strings.Index(string(page), shellEnd)
	if !ok || viewer == nil || start < 0 || end < start {
		return nil
	}
	v, ok := viewer(r)
	if !ok {
		return nil
	}
	// The account's language, as the app's: it wins once signed in.
	language := v.locale
	title, subtitle := texts.Title[language], texts.Subtitle[language]
	if title == "" {
		return nil
	}
	title = strings.ReplaceAll(html.EscapeString(title), "{{name}}", html.EscapeString(v.name))
	dir := "ltr"
	if language == "ar" {
		dir = "rtl"
	}
	var b strings.Builder
	b.Grow(len(page) + 1024)
	b.Write(page[:start])
	b.WriteString(`<div class="page-shell" lang="` + language + `" dir="` + dir + `">`)
	b.WriteString(`<header class="page-shell-header"><span class="page-shell-burger"></span><span class="page-shell-brand">`)
	b.WriteString(`<svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#007894"/><circle cx="11" cy="16" r="5" fill="none" stroke="#fff" stroke-width="2.5"/><circle cx="21" cy="16" r="5" fill="none" stroke="#fff" stroke-width="2.5"/></svg>Liaison</span></header>`)
	b.WriteString(`<div class="page-shell-nav"></div><main class="page-shell-main"><h1>` + title + `</h1>`)
	if subtitle != "" {
		b.WriteString(`<p>` + html.EscapeString(subtitle) + `</p>`)
	}
	b.WriteString(`</main></div>`)
	b.Write(page[end+len(shellEnd):])
	return []byte(b.String())
}

// shellViewer resolves the request's session cookie as the API does, for
// the page's heading: the user's name (on the dashboard) and language. A
// bearer token is not a browser's; no cookie, a dead session, or a user who
// must first enrol in two-factor sign-in gets the plain index.html.
func (h *handlers) shellViewer(r *http.Request) (shellViewer, bool) {
	cookie, err := r.Cookie(sessionCookie)
	if err != nil || cookie.Value == "" {
		return shellViewer{}, false
	}
	ctx := r.Context()
	actor, err := h.svc.Auth.Authenticate(ctx, cookie.Value, origin(ctx))
	if err != nil || actor.MFAEnrolmentRequired {
		return shellViewer{}, false
	}
	user, err := h.svc.Users.Get(ctx, actor, actor.UserID)
	if err != nil {
		return shellViewer{}, false
	}
	name := user.Name
	if name == "" {
		name = user.Email
	}
	locale := user.Locale
	if locale == "" {
		locale = models.Locales[0]
	}
	return shellViewer{name: name, locale: locale}, true
}
