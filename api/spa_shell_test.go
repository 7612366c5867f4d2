package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"liaison/api"
	"liaison/models"
)

// For a signed-in browser, index.html carries the heading of the list page
// or dashboard it was asked for, in the account's language, so that a phone
// shows where it is before the app's code has arrived; everyone else gets
// index.html as the build wrote it.

const shellIndex = `<!doctype html><html><head><title>Liaison</title></head><body><div id="root"><!--page-shell--><div>Liaison</div><!--/page-shell--></div></body></html>`

const shellList = `{"pages": [
 {"path": "/login", "signIn": {"name": {"en": "Liaison", "ar": "Liaison", "bs": "Liaison"},
  "title": {"en": "Sign in to Liaison", "ar": "تسجيل الدخول إلى Liaison", "bs": "Prijava u Liaison"},
  "subtitle": {"en": "Who we know & what we promised.", "ar": "من نعرف.", "bs": "Koga poznajemo."},
  "email": {"en": "Email", "ar": "البريد الإلكتروني", "bs": "E-mail"}, "password": {"en": "Password", "ar": "كلمة المرور", "bs": "Lozinka"},
  "submit": {"en": "Sign in", "ar": "تسجيل الدخول", "bs": "Prijavi se"}, "tagline": {"en": "Stakeholder relationships", "ar": "العلاقات", "bs": "Odnosi"},
  "language": {"en": "English", "ar": "العربية", "bs": "Bosanski"}}},
 {"path": "/", "title": {"en": "Welcome, {{name}}", "ar": "مرحبًا، {{name}}", "bs": "Dobro došli, {{name}}"},
  "subtitle": {"en": "Your stakeholders at a glance.", "ar": "أصحاب المصلحة في لمحة.", "bs": "Vaši dionici na jednom mjestu."}},
 {"path": "/organizations", "title": {"en": "Organizations", "ar": "المنظمات", "bs": "Organizacije"},
  "subtitle": {"en": "Ministries & agencies.", "ar": "الوزارات والهيئات.", "bs": "Ministarstva i agencije."}},
 {"path": "/visits/:id", "record": "visit", "trail": {"en": "Visits", "ar": "الزيارات", "bs": "Posjete"}},
 {"path": "/contacts/:id", "record": "contact", "trail": {"en": "Contacts", "ar": "جهات الاتصال", "bs": "Kontakti"}},
 {"path": "/organizations/:id", "record": "organization", "trail": {"en": "Organizations", "ar": "المنظمات", "bs": "Organizacije"}},
 {"path": "/review", "review": {"title": {"en": "Review", "ar": "المراجعة", "bs": "Revizija"},
  "tallies": {"overdue": {"en": "Overdue", "ar": "متأخرة", "bs": "Rok istekao"}, "due7": {"en": "Due within 7 days", "ar": "خلال 7 أيام", "bs": "Za 7 dana"},
   "due30": {"en": "Due within 30 days", "ar": "خلال 30 يومًا", "bs": "Za 30 dana"}, "open": {"en": "Open & ongoing", "ar": "مفتوحة", "bs": "Otvorene"},
   "done": {"en": "Done", "ar": "منجزة", "bs": "Završene"}}}}
],
 "numbers": {"en": {"digits": ["0","1","2","3","4","5","6","7","8","9"], "group": ",", "groupFrom": 4},
  "ar": {"digits": ["٠","١","٢","٣","٤","٥","٦","٧","٨","٩"], "group": "٬", "groupFrom": 4},
  "bs": {"digits": ["0","1","2","3","4","5","6","7","8","9"], "group": ".", "groupFrom": 5}}
}`

func withPageShells(d *api.Deps) {
	d.SPA = fstest.MapFS{
		"index.html":        {Data: []byte(shellIndex)},
		".page-shells.json": {Data: []byte(shellList)},
	}
}

func (s *server) page(path string, header map[string]string) (string, http.Header) {
	s.t.Helper()
	w := s.do(req{method: "GET", path: path, header: header})
	if w.Code != http.StatusOK {
		s.t.Fatalf("GET %s: %d", path, w.Code)
	}
	return w.Body.String(), w.Result().Header
}

func TestPageHeadingIsDrawnForASignedInBrowser(t *testing.T) {
	s := newServer(t, withPageShells)
	session := s.signIn("a.officer")
	body, h := s.page("/organizations", session.cookie)
	for _, want := range []string{`<h1>Organizations</h1>`, `<p>Ministries &amp; agencies.</p>`, `aria-hidden="true" lang="en" dir="ltr"`, `class="page-shell-header"`} {
		if !strings.Contains(body, want) {
			t.Errorf("/organizations lacks %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<div>Liaison</div>") || strings.Contains(body, "page-shell-->") {
		t.Errorf("the placeholder is still there:\n%s", body)
	}
	if h.Get("Liaison-Page-Shell") != "1" || h.Get("Cache-Control") != "private, no-cache" || !strings.Contains(strings.Join(h.Values("Vary"), ","), "Cookie") {
		t.Errorf("headers: %v", h)
	}

	body, _ = s.page("/", session.cookie)
	if !strings.Contains(body, "<h1>Welcome, User a.officer</h1>") {
		t.Errorf("the dashboard does not greet the user by name:\n%s", body)
	}
}

func TestPageHeadingIsInTheAccountsLanguageAndEscapesTheName(t *testing.T) {
	s := newServer(t, withPageShells)
	u := s.fx.Users["a.manager"]
	if err := s.db.Model(&models.User{}).Where("id = ?", u.ID).Updates(map[string]any{"locale": "ar", "name": `<img src=x onerror=alert(1)> "Rana"`}).Error; err != nil {
		t.Fatal(err)
	}
	session := s.signIn("a.manager")
	// The account's language wins over the one this browser last used, as in the app.
	cookie := map[string]string{"Cookie": session.cookie["Cookie"] + "; liaison_lang=en"}
	body, _ := s.page("/", cookie)
	if !strings.Contains(body, `lang="ar" dir="rtl"`) || !strings.Contains(body, "<h1>مرحبًا، &lt;img src=x onerror=alert(1)&gt; &#34;Rana&#34;</h1>") {
		t.Errorf("want the Arabic heading with the name escaped:\n%s", body)
	}
	if strings.Contains(body, "<img src=x") {
		t.Errorf("the name reached the page as markup:\n%s", body)
	}
}

func TestPageHeadingIsNotDrawnWithoutALiveSession(t *testing.T) {
	s := newServer(t, withPageShells)
	plain := func(what string, header map[string]string, path string) {
		t.Helper()
		body, h := s.page(path, header)
		if body != shellIndex || h.Get("Liaison-Page-Shell") != "" {
			t.Errorf("%s: want index.html as built, got %s (%v)", what, body, h)
		}
	}
	plain("no cookie", nil, "/organizations")
	plain("an unknown session", map[string]string{"Cookie": "liaison_session=not-a-session"}, "/organizations")
	// A bearer token is an API client's, not a browser's.
	plain("a bearer token", map[string]string{"Authorization": "Bearer " + s.tokens["a.officer"]}, "/organizations")

	session := s.signIn("a.officer")
	plain("a record's page (not listed)", session.cookie, "/interactions/1")
	plain("a page not listed", session.cookie, "/admin")
	plain("a path with a trailing slash", session.cookie, "/organizations/")

	if w := s.do(req{method: "POST", path: "/api/v1/auth/logout", header: session.cookie}); w.Code >= 300 {
		t.Fatalf("logout: %d", w.Code)
	}
	plain("a session signed out", session.cookie, "/organizations")

	other := s.signIn("a.viewer")
	viewer := s.fx.Users["a.viewer"]
	if w := s.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/users/%d", viewer.ID), as: "a.admin", body: map[string]any{"active": false},
		header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, viewer.Version)}}); w.Code != http.StatusOK {
		t.Fatalf("deactivate: %d %s", w.Code, w.Body.String())
	}
	plain("a deactivated user's session", other.cookie, "/organizations")
}

func TestVisitPageHeadingIsTheVisitsTitleAsTheAPIShowsIt(t *testing.T) {
	s := newServer(t, withPageShells)
	w := s.do(req{method: "POST", path: "/api/v1/visits", as: "a.officer", body: map[string]any{
		"title": `Study visit <script>alert(1)</script> & "more"`, "kind": "study_visit", "start_date": "2026-11-23", "end_date": "2026-11-27",
	}})
	if w.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	id := int64(decode(t, w)["id"].(float64))
	session := s.signIn("b.viewer")
	body, h := s.page(fmt.Sprintf("/visits/%d", id), session.cookie)
	escaped := "Study visit &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;more&#34;"
	for _, want := range []string{
		`<span class="page-shell-link">Visits</span>`,
		`<p><bdi>` + escaped + `</bdi></p>`,
		`<div class="page-shell-card"><h1><bdi>` + escaped + `</bdi></h1></div>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the visit's page lacks %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>alert") || h.Get("Liaison-Page-Shell") != "1" {
		t.Errorf("the title reached the page as markup, or the page is not marked: %v\n%s", h, body)
	}

	// What GET /api/v1/visits/{id} refuses draws no heading: no such visit,
	// an archived one, an id that is not one.
	if w := s.do(req{method: "DELETE", path: fmt.Sprintf("/api/v1/visits/%d", id), as: "a.officer", header: map[string]string{"If-Match": `"1"`}}); w.Code != http.StatusNoContent {
		t.Fatalf("archive: %d %s", w.Code, w.Body.String())
	}
	for _, path := range []string{fmt.Sprintf("/visits/%d", id), "/visits/999999", "/visits/0", "/visits/-1", "/visits/abc", "/visits/99999999999999999999"} {
		if body, h := s.page(path, session.cookie); body != shellIndex || h.Get("Liaison-Page-Shell") != "" {
			t.Errorf("%s: want index.html as built, got %s", path, body)
		}
	}
}

// A contact's page shows the contact's name as GET /api/v1/contacts/{id}
// shows it to the viewer, and nothing for a contact they may not see: a
// restricted contact of another office never reaches another office's
// page, not even its name.
func TestContactPageHeadingFollowsTheVisibilityRule(t *testing.T) {
	s := newServer(t, withPageShells)
	open, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": `Amina <b>`, "family_name": `Hodžić & "Co"`})
	restricted, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Youth", "family_name": "Leader", "restricted": true})
	local, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"name_local": "علي العبيدي"})

	own := s.signIn("a.viewer")
	body, h := s.page(fmt.Sprintf("/contacts/%d", open), own.cookie)
	escaped := "Amina &lt;b&gt; Hodžić &amp; &#34;Co&#34;"
	for _, want := range []string{
		`<span class="page-shell-link">Contacts</span>`,
		`<p><bdi>` + escaped + `</bdi></p>`,
		`<h1 class="page-shell-record-title"><bdi>` + escaped + `</bdi></h1>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the contact's page lacks %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<b>") || h.Get("Liaison-Page-Shell") != "1" {
		t.Errorf("the name reached the page as markup, or the page is not marked: %v\n%s", h, body)
	}
	if body, _ := s.page(fmt.Sprintf("/contacts/%d", local), own.cookie); !strings.Contains(body, `<h1 class="page-shell-record-title"><bdi>علي العبيدي</bdi></h1>`) {
		t.Errorf("a contact known by the local name alone:\n%s", body)
	}
	// The restricted contact: its own office sees the name, another office nothing.
	if body, _ := s.page(fmt.Sprintf("/contacts/%d", restricted), own.cookie); !strings.Contains(body, "<bdi>Youth Leader</bdi>") {
		t.Errorf("the restricted contact's own office:\n%s", body)
	}
	other := s.signIn("b.manager")
	for _, path := range []string{fmt.Sprintf("/contacts/%d", restricted), "/contacts/999999", "/contacts/0", "/contacts/x"} {
		if body, h := s.page(path, other.cookie); body != shellIndex || h.Get("Liaison-Page-Shell") != "" || strings.Contains(body, "Youth") {
			t.Errorf("%s for another office: want index.html as built, got %s", path, body)
		}
	}
	// An archived contact is no page to draw either.
	if w := s.do(req{method: "DELETE", path: fmt.Sprintf("/api/v1/contacts/%d", open), as: "a.officer", header: map[string]string{"If-Match": `"1"`}}); w.Code != http.StatusNoContent {
		t.Fatalf("archive: %d %s", w.Code, w.Body.String())
	}
	if body, _ := s.page(fmt.Sprintf("/contacts/%d", open), own.cookie); body != shellIndex {
		t.Errorf("an archived contact's page: %s", body)
	}
}

// An organization's page shows its name, and its parents in the trail (by
// acronym where they have one, the topmost first), each read as GET
// /api/v1/organizations/{id} reads it; a merged or missing organization
// draws nothing (the app goes on to the survivor, or shows the error).
func TestOrganizationPageHeadingShowsItsParents(t *testing.T) {
	s := newServer(t, withPageShells)
	ministry, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Interior", "acronym": "MoI", "type": "ministry"})
	directorate, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Directorate of Migration", "type": "government_agency", "parent_id": ministry})
	office, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": `Field <office> & "desk"`, "acronym": "F&D", "type": "government_agency", "parent_id": directorate})

	session := s.signIn("b.viewer")
	body, h := s.page(fmt.Sprintf("/organizations/%d", office), session.cookie)
	want := `<nav class="page-shell-trail"><span class="page-shell-link">Organizations</span>` +
		`<span class="page-shell-separator">›</span><span class="page-shell-link"><bdi>MoI</bdi></span>` +
		`<span class="page-shell-separator">›</span><span class="page-shell-link"><bdi>Directorate of Migration</bdi></span>` +
		`<span class="page-shell-separator">›</span><p><bdi>F&amp;D</bdi></p></nav>` +
		`<h1 class="page-shell-record-title"><bdi>Field &lt;office&gt; &amp; &#34;desk&#34;</bdi></h1>`
	if !strings.Contains(body, want) || h.Get("Liaison-Page-Shell") != "1" {
		t.Errorf("the organization's page lacks\n%s\n%s", want, body)
	}
	if body, _ := s.page(fmt.Sprintf("/organizations/%d", ministry), session.cookie); !strings.Contains(body, `<p><bdi>MoI</bdi></p></nav><h1 class="page-shell-record-title"><bdi>Ministry of Interior</bdi></h1>`) {
		t.Errorf("an organization without parents:\n%s", body)
	}

	twin, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of the Interior", "type": "ministry"})
	if w := s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/merge", ministry), as: "a.manager", body: map[string]any{"from": []int64{twin}}, header: map[string]string{"If-Match": `"1"`}}); w.Code != http.StatusOK {
		t.Fatalf("merge: %d %s", w.Code, w.Body.String())
	}
	for _, path := range []string{fmt.Sprintf("/organizations/%d", twin), "/organizations/999999", "/organizations/0", "/organizations/x"} {
		if body, h := s.page(path, session.cookie); body != shellIndex || h.Get("Liaison-Page-Shell") != "" {
			t.Errorf("%s: want index.html as built, got %s", path, body)
		}
	}
}

// The review's page is drawn with its tallies: the numbers GET
// /api/v1/review/commitments gives for the offices the app asks it for
// (the manager's own office, the one in the address, or all), in the
// account's language; only for those the app shows the review.
func TestReviewPageShowsTheReviewsOwnTallies(t *testing.T) {
	s := newServer(t, withPageShells)
	for i := range 3 {
		s.create("/api/v1/commitments", "a.officer", map[string]any{"title": fmt.Sprintf("Late %d", i), "due_date": "2020-01-01"})
	}
	s.create("/api/v1/commitments", "a.officer", map[string]any{"title": "Whenever"})
	s.create("/api/v1/commitments", "b.officer", map[string]any{"title": "Theirs, late", "due_date": "2020-01-01"})
	s.create("/api/v1/commitments", "b.officer", map[string]any{"title": "Theirs, hidden", "due_date": "2020-01-01", "restricted": true})
	ownOffice, otherOffice := s.fx.Users["a.manager"].OfficeID, s.fx.Users["b.officer"].OfficeID

	// The tallies as the page shows them: overdue, due in 7 and 30 days,
	// open (open and in progress), done.
	tallies := func(as, query string) []string {
		t.Helper()
		totals := decode(t, s.do(req{method: "GET", path: "/api/v1/review/commitments" + query, as: as}))["totals"].(map[string]any)
		n := func(k string) int { return int(totals[k].(float64)) }
		return []string{fmt.Sprint(n("overdue")), fmt.Sprint(n("due_7")), fmt.Sprint(n("due_30")), fmt.Sprint(n("open") + n("in_progress")), fmt.Sprint(n("done"))}
	}
	drawn := func(session map[string]string, path string) []string {
		t.Helper()
		body, h := s.page(path, session)
		if h.Get("Liaison-Page-Shell") != "1" || !strings.Contains(body, `<h1>Review</h1>`) {
			t.Fatalf("%s: not drawn:\n%s", path, body)
		}
		var out []string
		for _, part := range strings.Split(body, `<p class="page-shell-tally">`)[1:] {
			out = append(out, part[:strings.Index(part, "</p>")])
		}
		return out
	}
	manager := s.signIn("a.manager")
	own := tallies("a.manager", fmt.Sprintf("?office_id=%d", ownOffice))
	if own[0] != "3" || own[3] != "4" {
		t.Fatalf("the fixture's own office: %v", own)
	}
	for _, c := range []struct{ path, query string }{
		{"/review", fmt.Sprintf("?office_id=%d", ownOffice)}, // a manager's own office by default
		{"/review?office=all", ""},
		{fmt.Sprintf("/review?office=%d&tab=stale", otherOffice), fmt.Sprintf("?office_id=%d", otherOffice)},
		{"/review?office=nonsense", fmt.Sprintf("?office_id=%d", ownOffice)},
	} {
		if got, want := drawn(manager.cookie, c.path), tallies("a.manager", c.query); !slices.Equal(got, want) {
			t.Errorf("%s: drawn %v, the review says %v", c.path, got, want)
		}
	}
	body, _ := s.page("/review", manager.cookie)
	for _, want := range []string{`<li class="page-shell-alert"><p>Overdue</p>`, `<p>Open &amp; ongoing</p>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the review lacks %s:\n%s", want, body)
		}
	}
	// Nothing overdue in the other office for this manager: not marked.
	if body, _ := s.page(fmt.Sprintf("/review?office=%d", otherOffice), manager.cookie); strings.Contains(body, "page-shell-alert") != (tallies("a.manager", fmt.Sprintf("?office_id=%d", otherOffice))[0] != "0") {
		t.Errorf("the overdue mark does not follow the count:\n%s", body)
	}
	// An admin's review covers every office unless one is named.
	admin := s.signIn("a.admin")
	if got, want := drawn(admin.cookie, "/review"), tallies("a.admin", ""); !slices.Equal(got, want) {
		t.Errorf("admin: drawn %v, the review says %v", got, want)
	}

	// In Arabic, with Arabic digits: the account's language.
	if err := s.db.Model(&models.User{}).Where("id = ?", s.fx.Users["a.manager"].ID).Update("locale", "ar").Error; err != nil {
		t.Fatal(err)
	}
	if body, _ := s.page("/review", manager.cookie); !strings.Contains(body, `<li class="page-shell-alert"><p>متأخرة</p><p class="page-shell-tally">٣</p></li>`) {
		t.Errorf("the Arabic review:\n%s", body)
	}

	// Officers and viewers are not shown the review: the app sends them home.
	for _, who := range []string{"a.officer", "a.viewer"} {
		if body, h := s.page("/review", s.signIn(who).cookie); body != shellIndex || h.Get("Liaison-Page-Shell") != "" {
			t.Errorf("%s: want index.html as built, got %s", who, body)
		}
	}
}

// The sign-in page is drawn for a browser without a session, in the
// language the app starts in there (the language cookie, else the
// browser's), with the catalogue's words escaped; a browser with a live
// session gets index.html as built (the app sends it on to its page).
func TestSignInPageIsDrawnForABrowserWithoutASession(t *testing.T) {
	s := newServer(t, withPageShells)
	for _, tc := range []struct {
		what   string
		header map[string]string
		want   []string
	}{
		{"no cookie, no language", nil, []string{`lang="en" dir="ltr"`, `<h1>Sign in to Liaison</h1>`, `<p>Who we know &amp; what we promised.</p>`, `>English<`, `<span>Email<span> *</span></span>`, `>Sign in</div>`}},
		{"an Arabic browser", map[string]string{"Accept-Language": "ar-SA,ar;q=0.9"}, []string{`lang="ar" dir="rtl"`, `<h1>تسجيل الدخول إلى Liaison</h1>`, `>العربية<`}},
		{"the language cookie over the browser's", map[string]string{"Accept-Language": "ar", "Cookie": "liaison_lang=bs"}, []string{`lang="bs" dir="ltr"`, `<h1>Prijava u Liaison</h1>`, `<span>Lozinka<span> *</span></span>`}},
		{"an ended session", map[string]string{"Cookie": "liaison_session=not-a-session"}, []string{`<h1>Sign in to Liaison</h1>`}},
	} {
		body, h := s.page("/login", tc.header)
		for _, want := range tc.want {
			if !strings.Contains(body, want) {
				t.Errorf("%s: /login lacks %s:\n%s", tc.what, want, body)
			}
		}
		if !strings.Contains(body, `class="page-shell page-shell-sign-in" aria-hidden="true"`) || strings.Contains(body, "<div>Liaison</div>") {
			t.Errorf("%s: not drawn in place of the placeholder:\n%s", tc.what, body)
		}
		// Not kept by the service worker as the page it starts offline.
		if h.Get("Liaison-Page-Shell") != "1" {
			t.Errorf("%s: headers %v", tc.what, h)
		}
	}
	// Only the sign-in page: another path, signed out, is index.html as built.
	if body, _ := s.page("/login/", nil); body != shellIndex {
		t.Errorf("/login/ drawn:\n%s", body)
	}
	session := s.signIn("a.officer")
	if body, h := s.page("/login", session.cookie); body != shellIndex || h.Get("Liaison-Page-Shell") != "" {
		t.Errorf("/login with a live session: want index.html as built, got %s", body)
	}
}
