package api

import (
	"context"
	"encoding/json"
	"html"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"liaison/models"
	"liaison/services"
)

// pageShellsFile is written by the SPA's build (frontend/build/pageShells.ts):
// for the list pages and the dashboard, the title and the line under it in
// every language; for a record's page, the trail's first link.
const pageShellsFile = ".page-shells.json"

// The markers around #root's content in index.html: what the server may
// replace with a page's heading.
const (
	shellStart = "<!--page-shell-->"
	shellEnd   = "<!--/page-shell-->"
)

// pageShellHeader marks an index.html with a page's heading drawn in it,
// so that the service worker does not keep it as the page it starts offline
// (it names one page, a record's title or the user's name).
const pageShellHeader = "Liaison-Page-Shell"

// pageShells is that file.
type pageShells struct {
	pages map[string]pageShellTexts // a list page or the dashboard, by path
	// record pages, "/visits/:id" as ["visits", ":id"]
	records []recordShell
	review  *reviewShell
	signIn  *signInShell
	numbers map[string]numberStyle // by language
}

// signInShell is the sign-in page: its path and its words (part →
// language → text; the parts are frontend/build/pageShells.ts SIGN_IN_TEXTS,
// and "language", the language menu's button, each language's own name).
type signInShell struct {
	path  string
	texts map[string]map[string]string
}

// reviewShell is the manager's review: its path, title and tallies' labels
// (tally name → language → text).
type reviewShell struct {
	path    string
	title   map[string]string
	tallies map[string]map[string]string
}

// reviewTallies are the review's tallies in the order the page shows them
// (frontend/build/pageShells.ts REVIEW_TALLIES), the first the overdue.
var reviewTallies = []string{"overdue", "due7", "due30", "open", "done"}

// numberStyle is how a language writes a whole number, as the app's
// Intl.NumberFormat does (measured by the build).
type numberStyle struct {
	Digits    []string `json:"digits"`
	Group     string   `json:"group"`
	GroupFrom int      `json:"groupFrom"`
}

// format writes n ≥ 0 in the style: its digits, grouped by three from the
// right once it has GroupFrom digits.
func (s numberStyle) format(n int64) string {
	plain := strconv.FormatInt(n, 10)
	if len(s.Digits) != 10 {
		return plain
	}
	var b strings.Builder
	for i, d := range plain {
		left := len(plain) - i
		if i > 0 && left%3 == 0 && len(plain) >= max(s.GroupFrom, 4) {
			b.WriteString(s.Group)
		}
		b.WriteString(s.Digits[d-'0'])
	}
	return b.String()
}

// pageShellTexts is one page's words, language → text.
type pageShellTexts struct {
	Title    map[string]string `json:"title"`
	Subtitle map[string]string `json:"subtitle"`
}

// recordShell is a record's page: the kind of record its id names, and the
// words of the trail's link to its list, by language.
type recordShell struct {
	segments []string
	record   string
	trail    map[string]string
}

// shellViewer is who a page's heading is drawn for: a signed-in user with
// nothing to do before the app shows pages (no two-factor enrolment due).
type shellViewer struct {
	name   string
	locale string
	// record is a record's heading as the API shows it to this user, read
	// through the same service calls; false when they may not see it.
	record func(kind string, id int64) (shellRecord, bool)
	// reviewTotals is the review's totals for the page's address (its
	// office parameter) as the app asks for them; false for those the app
	// does not show the review.
	reviewTotals func(office string) (services.ReviewCounts, bool)
}

// shellRecord is what a record's page shows of it at the top: its title,
// and the trail's entries after the list's link, the record's own last (an
// organization's parents first, by acronym where they have one).
type shellRecord struct {
	title string
	trail []string
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
			Path   string            `json:"path"`
			Record string            `json:"record"`
			Trail  map[string]string `json:"trail"`
			Review *struct {
				Title   map[string]string            `json:"title"`
				Tallies map[string]map[string]string `json:"tallies"`
			} `json:"review"`
			SignIn map[string]map[string]string `json:"signIn"`
			pageShellTexts
		} `json:"pages"`
		Numbers map[string]numberStyle `json:"numbers"`
	}
	start := strings.Index(string(index), shellStart)
	if json.Unmarshal(raw, &list) != nil || start < 0 || strings.Index(string(index), shellEnd) < start {
		return nil
	}
	p := &pageShells{pages: map[string]pageShellTexts{}, numbers: list.Numbers}
	for _, page := range list.Pages {
		if page.SignIn != nil {
			p.signIn = &signInShell{path: page.Path, texts: page.SignIn}
			continue
		}
		if page.Review != nil {
			p.review = &reviewShell{path: page.Path, title: page.Review.Title, tallies: page.Review.Tallies}
			continue
		}
		if page.Record != "" {
			p.records = append(p.records, recordShell{segments: splitPath(page.Path), record: page.Record, trail: page.Trail})
			continue
		}
		p.pages[page.Path] = page.pageShellTexts
	}
	return p
}

// draw is the page (index.html as indexFor wrote it for r) with the
// heading of the page at r's path drawn in #root, or nil when there is none
// to draw: a path that is not one of the pages, no signed-in viewer, or a
// record they may not see. Only a valid session is drawn for, so that a
// signed-out browser, which the app sends to the sign-in page, never
// flashes a page's heading first; the sign-in page itself is drawn for a
// browser without one (with one, the app goes on to the page it was
// asked for). The words are the catalogue's; the data (the viewer's own
// name, a record's title) is escaped.
func (p *pageShells) draw(page []byte, r *http.Request, viewer func(*http.Request) (shellViewer, bool)) []byte {
	start := strings.Index(string(page), shellStart)
	end := strings.Index(string(page), shellEnd)
	if viewer == nil || start < 0 || end < start {
		return nil
	}
	if p.signIn != nil && r.URL.Path == p.signIn.path {
		if _, ok := viewer(r); ok {
			return nil
		}
		body := p.signIn.draw(pageLanguage(r))
		if body == "" {
			return nil
		}
		return []byte(string(page[:start]) + body + string(page[end+len(shellEnd):]))
	}
	texts, listed := p.pages[r.URL.Path]
	record, id := p.recordAt(r.URL.Path)
	review := p.review != nil && r.URL.Path == p.review.path
	if !listed && record == nil && !review {
		return nil
	}
	v, ok := viewer(r)
	if !ok {
		return nil
	}
	// The account's language, as the app's: it wins once signed in.
	language := v.locale
	var body string
	if listed {
		body = listHeading(texts, language, v.name)
	} else if review {
		if totals, ok := v.reviewTotals(r.URL.Query().Get("office")); ok {
			body = p.reviewHeading(language, totals)
		}
	} else if rec, ok := v.record(record.record, id); ok {
		body = recordHeading(record, language, rec)
	}
	if body == "" {
		return nil
	}
	var b strings.Builder
	b.Grow(len(page) + 1024 + len(body))
	b.Write(page[:start])
	// Hidden from assistive technology, and with nothing to focus: it only
	// looks like the page, which is not usable until the app has started
	// (the app's loader says "Loading" meanwhile).
	b.WriteString(`<div class="page-shell" aria-hidden="true" lang="` + language + `" dir="` + models.TextDirection(language) + `">`)
	b.WriteString(`<header class="page-shell-header"><span class="page-shell-burger"></span><span class="page-shell-brand">`)
	b.WriteString(logoMark(28) + `Liaison</span></header>`)
	b.WriteString(`<div class="page-shell-nav"></div><main class="page-shell-main">` + body + `</main></div>`)
	b.Write(page[end+len(shellEnd):])
	return []byte(b.String())
}

// draw is the sign-in page in the language, as src/pages/login/LoginPage.tsx
// first draws it (before the server's sign-in options have arrived): the
// language menu's button, the app's mark and name, the card with its title,
// the line under it, the two fields and the button, and the line under the
// card. Its largest text, the line under the title, is then on screen from
// the first paint, in the place and size the app draws it. Hidden from
// assistive technology and with nothing to focus or type into, as the other
// drawn pages: the form works once the app has started.
func (s *signInShell) draw(language string) string {
	text := func(part string) string { return html.EscapeString(s.texts[part][language]) }
	for _, part := range []string{"language", "name", "title", "subtitle", "email", "password", "submit", "tagline"} {
		if s.texts[part][language] == "" {
			return ""
		}
	}
	field := func(label string) string {
		return `<div class="page-shell-sign-in-field"><span>` + label + `<span> *</span></span><i></i></div>`
	}
	var b strings.Builder
	b.WriteString(`<div class="page-shell page-shell-sign-in" aria-hidden="true" lang="` + language + `" dir="` + models.TextDirection(language) + `">`)
	b.WriteString(`<div class="page-shell-sign-in-bar"><span class="page-shell-sign-in-language">` + text("language") + `</span></div>`)
	b.WriteString(`<main class="page-shell-sign-in-main"><div class="page-shell-sign-in-stack">`)
	b.WriteString(`<div class="page-shell-sign-in-logo">` + logoMark(40) + `<span>` + text("name") + `</span></div>`)
	b.WriteString(`<div class="page-shell-sign-in-card"><h1>` + text("title") + `</h1><p>` + text("subtitle") + `</p>`)
	b.WriteString(field(text("email")) + field(text("password")))
	b.WriteString(`<div class="page-shell-sign-in-submit">` + text("submit") + `</div></div>`)
	b.WriteString(`<p>` + text("tagline") + `</p></div></main></div>`)
	return b.String()
}

// logoMark is the Liaison mark (two linked rings) at a size in pixels, as
// src/components/Logo.tsx draws it: the header's and the sign-in card's.
func logoMark(size int) string {
	px := strconv.Itoa(size)
	return `<svg width="` + px + `" height="` + px + `" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#007894"/><circle cx="11" cy="16" r="5" fill="none" stroke="#fff" stroke-width="2.5"/><circle cx="21" cy="16" r="5" fill="none" stroke="#fff" stroke-width="2.5"/></svg>`
}

// recordAt is the record page a path names, and the id in it; nil when none.
func (p *pageShells) recordAt(path string) (*recordShell, int64) {
	segments := splitPath(path)
	for i := range p.records {
		rec := &p.records[i]
		if !matchSegments(rec.segments, segments) {
			continue
		}
		for j, s := range rec.segments {
			if s == ":id" {
				id, err := strconv.ParseInt(segments[j], 10, 64)
				if err != nil || id <= 0 {
					return nil, 0
				}
				return rec, id
			}
		}
	}
	return nil, 0
}

// listHeading is a list page's or the dashboard's title and the line under it.
func listHeading(texts pageShellTexts, language, name string) string {
	title, subtitle := texts.Title[language], texts.Subtitle[language]
	if title == "" {
		return ""
	}
	out := `<h1>` + strings.ReplaceAll(html.EscapeString(title), "{{name}}", html.EscapeString(name)) + `</h1>`
	if subtitle != "" {
		out += `<p>` + html.EscapeString(subtitle) + `</p>`
	}
	return out
}

// reviewHeading is the review's title and its tallies, with room kept
// where the app draws what the server does not (the line under the title,
// whose date the browser formats, and the export button and office picker):
// the tallies are where the app draws them, and nothing moves when it does.
func (p *pageShells) reviewHeading(language string, totals services.ReviewCounts) string {
	title := p.review.title[language]
	if title == "" {
		return ""
	}
	values := []int64{totals.Overdue, totals.Due7, totals.Due30, totals.Open + totals.InProgress, totals.Done}
	numbers := p.numbers[language]
	var b strings.Builder
	b.WriteString(`<div class="page-shell-head"><div><h1>` + html.EscapeString(title) + `</h1><p>&nbsp;</p></div>`)
	b.WriteString(`<div class="page-shell-actions"><span class="page-shell-button"></span><span class="page-shell-picker"></span></div></div>`)
	b.WriteString(`<ul class="page-shell-tallies">`)
	for i, name := range reviewTallies {
		label := p.review.tallies[name][language]
		if label == "" {
			return ""
		}
		// As the app: the overdue tally is marked when there is any.
		alert := ""
		if i == 0 && values[i] > 0 {
			alert = ` class="page-shell-alert"`
		}
		b.WriteString(`<li` + alert + `><p>` + html.EscapeString(label) + `</p><p class="page-shell-tally">` + html.EscapeString(numbers.format(values[i])) + `</p></li>`)
	}
	b.WriteString(`</ul>`)
	return b.String()
}

// recordHeading is a record page's trail (its list, then the record's
// entries) and its title, as the app draws them: a visit's at the top of its
// card, a contact's and an organization's below the trail.
func recordHeading(record *recordShell, language string, rec shellRecord) string {
	list := record.trail[language]
	if list == "" || rec.title == "" || len(rec.trail) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<nav class="page-shell-trail"><span class="page-shell-link">` + html.EscapeString(list) + `</span>`)
	for i, entry := range rec.trail {
		b.WriteString(`<span class="page-shell-separator">›</span>`)
		if i < len(rec.trail)-1 {
			b.WriteString(`<span class="page-shell-link"><bdi>` + html.EscapeString(entry) + `</bdi></span>`)
		} else {
			b.WriteString(`<p><bdi>` + html.EscapeString(entry) + `</bdi></p>`)
		}
	}
	b.WriteString(`</nav>`)
	t := html.EscapeString(rec.title)
	if record.record == "visit" {
		b.WriteString(`<div class="page-shell-card"><h1><bdi>` + t + `</bdi></h1></div>`)
	} else {
		b.WriteString(`<h1 class="page-shell-record-title"><bdi>` + t + `</bdi></h1>`)
	}
	return b.String()
}

// shellViewer resolves the request's session cookie as the API does, for
// the page's heading: the user's name (on the dashboard), language, and
// what they may see. A bearer token is not a browser's; no cookie, a dead
// session, or a user who must first enrol in two-factor sign-in gets the
// plain index.html.
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
	record := func(kind string, id int64) (shellRecord, bool) {
		switch kind {
		case "visit":
			// The same call as GET /api/v1/visits/{id}: what it refuses, no heading shows.
			v, err := h.svc.Visits.Get(ctx, actor, id)
			return shellRecord{title: v.Title, trail: []string{v.Title}}, err == nil
		case "contact":
			// GET /api/v1/contacts/{id}'s call, with its visibility rule: a
			// restricted contact of another office draws nothing. A merged
			// one draws nothing either: the app goes on to the one it was
			// merged into.
			c, err := h.svc.Contacts.Get(ctx, actor, id)
			name := c.FullName
			if name == "" {
				name = c.NameLocal
			}
			return shellRecord{title: name, trail: []string{name}}, err == nil && c.MergedIntoID == nil
		case "organization":
			return h.organizationShell(ctx, actor, id)
		}
		return shellRecord{}, false
	}
	reviewTotals := func(office string) (services.ReviewCounts, bool) {
		// The app shows the review to managers and admins only, and asks
		// for it as src/pages/engagement/ReviewPage.tsx reviewOffices does.
		if actor.Role != models.RoleManager && !actor.IsAdmin() {
			return services.ReviewCounts{}, false
		}
		var offices []int64
		if id, err := strconv.ParseInt(office, 10, 64); err == nil && id > 0 {
			offices = []int64{id}
		} else if office != "all" && actor.Role == models.RoleManager {
			offices = []int64{actor.OfficeID}
		}
		totals, err := h.svc.Commitments.ReviewTotals(ctx, actor, services.ReviewFilter{OfficeID: offices})
		return totals, err == nil
	}
	return shellViewer{name: name, locale: locale, record: record, reviewTotals: reviewTotals}, true
}

// organizationShell is an organization's heading: its name, and its parents
// above it in the trail, each read as GET /api/v1/organizations/{id} reads
// it, as the app walks them (at most ten, stopping at one it has seen; none
// at all when one cannot be read). A merged organization draws nothing: the app goes on
// to the one it was merged into.
func (h *handlers) organizationShell(ctx context.Context, actor services.Actor, id int64) (shellRecord, bool) {
	o, err := h.svc.Organizations.Get(ctx, actor, id)
	if err != nil || o.MergedIntoID != nil {
		return shellRecord{}, false
	}
	label := func(o services.OrganizationView) string {
		if o.Acronym != "" {
			return o.Acronym
		}
		return o.Name
	}
	var parents []string
	seen := map[int64]bool{}
	for parent := o.ParentID; parent != nil && len(parents) < 10 && !seen[*parent]; {
		p, err := h.svc.Organizations.Get(ctx, actor, *parent)
		if err != nil {
			// The app shows no parents when one cannot be read.
			parents = nil
			break
		}
		seen[p.ID] = true
		parents = append([]string{label(p)}, parents...)
		parent = p.ParentID
	}
	return shellRecord{title: o.Name, trail: append(parents, label(o))}, true
}
