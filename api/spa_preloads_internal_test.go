package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// index.html names a page's code for the routes the build listed, and only
// for them: a first visit to a visit's page fetches that page's scripts
// with the app's, held in the same template until the page is painted; the
// language's catalogue is fetched at once.

// builtIndex is index.html as the build writes it: the app's code in the
// app-code template (frontend/build/appAfterFirstPaint.ts).
const builtIndex = "<!doctype html><html><head><title>Liaison</title><template id=\"app-code\"><link rel=\"modulepreload\" href=\"/assets/boot-1.js\" data-app data-app-entry></template></head><body></body></html>"

func preloadSPA(list string) fstest.MapFS {
	fs := fstest.MapFS{
		"index.html":             {Data: []byte(builtIndex)},
		"assets/Visit-1.js":      {Data: []byte("export {}")},
		"assets/Login-1.js":      {Data: []byte("export {}")},
		"assets/Visit-1.css":     {Data: []byte("body{}")},
		"assets/Layout-1.js":     {Data: []byte("export {}")},
		"assets/unrelated-1.css": {Data: []byte("body{}")},
	}
	if list != "" {
		fs[routePreloadsFile] = &fstest.MapFile{Data: []byte(list)}
	}
	return fs
}

const preloadList = `{
 "routes": [
  {"path": "/login", "scripts": ["/assets/Login-1.js"], "styles": []},
  {"path": "/visits/:id", "scripts": ["/assets/Layout-1.js", "/assets/Visit-1.js"], "styles": ["/assets/Visit-1.css"]}
 ],
 "catalogues": {"en": ["/assets/en-1.js"], "ar": ["/assets/ar-1.js"], "bs": ["/assets/bs-1.js"]}
}`

func getPage(t *testing.T, s *spa, path string) string {
	t.Helper()
	return getPageIn(t, s, path, "")
}

func getPageIn(t *testing.T, s *spa, path, acceptLanguage string) string {
	t.Helper()
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	if acceptLanguage != "" {
		r.Header.Set("Accept-Language", acceptLanguage)
	}
	s.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("%s: status %d", path, w.Code)
	}
	return w.Body.String()
}

func TestIndexNamesTheCodeOfTheRouteItServes(t *testing.T) {
	s := newSPA(preloadSPA(preloadList))
	page := getPage(t, s, "/visits/12")
	for _, want := range []string{
		`<link rel="modulepreload" fetchpriority="low" crossorigin href="/assets/Layout-1.js">`,
		`<link rel="modulepreload" fetchpriority="low" crossorigin href="/assets/Visit-1.js">`,
		`<link rel="preload" as="style" fetchpriority="low" crossorigin href="/assets/Visit-1.css">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("/visits/12 lacks %s:\n%s", want, page)
		}
	}
	// The route's code is held with the app's, the catalogue is not.
	template := page[strings.Index(page, appCode):strings.Index(page, "</template>")]
	for _, held := range []string{"Layout-1.js", "Visit-1.js", "Visit-1.css", "boot-1.js"} {
		if !strings.Contains(template, held) {
			t.Errorf("%s is not in the app-code template:\n%s", held, page)
		}
	}
	if catalogue := strings.Index(page, "en-1.js"); catalogue < 0 || strings.Contains(template, "en-1.js") || catalogue > strings.Index(page, "</head>") {
		t.Errorf("the catalogue is not in the head, outside the template:\n%s", page)
	}
	if login := getPage(t, s, "/login"); !strings.Contains(login, "/assets/Login-1.js") || strings.Contains(login, "Visit-1") {
		t.Errorf("/login names another route's code or not its own:\n%s", login)
	}
}

// An index.html without the template (the app's code loaded by scripts of
// its own) gets the route's code in its head, where the browser fetches it.
func TestIndexWithoutTheTemplateNamesTheRoutesCodeInItsHead(t *testing.T) {
	files := preloadSPA(preloadList)
	files["index.html"] = &fstest.MapFile{Data: []byte("<!doctype html><html><head><title>Liaison</title></head><body></body></html>")}
	page := getPage(t, newSPA(files), "/visits/12")
	if visit := strings.Index(page, "Visit-1.js"); visit < strings.Index(page, "<title>") || visit > strings.Index(page, "</head>") {
		t.Errorf("the route's code is not in the head:\n%s", page)
	}
}

func TestIndexNamesNoCodeForOtherPaths(t *testing.T) {
	s := newSPA(preloadSPA(preloadList))
	for _, path := range []string{"/visits", "/visits/12/edit", "/contacts/3", "/"} {
		if page := getPage(t, s, path); strings.Contains(page, "Visit-1") || strings.Contains(page, "Login-1") || strings.Contains(page, "Layout-1") {
			t.Errorf("%s names code it does not load:\n%s", path, page)
		}
	}
}

// The catalogue named is the one the app starts in for that browser.
func TestIndexNamesTheCatalogueOfTheBrowsersLanguage(t *testing.T) {
	s := newSPA(preloadSPA(preloadList))
	for acceptLanguage, want := range map[string]string{
		"":                        "en-1.js",
		"ar-SA,ar;q=0.9,en;q=0.8": "ar-1.js",
		"hr-HR,hr;q=0.9":          "bs-1.js",
		"de-DE,de;q=0.9,bs;q=0.8": "bs-1.js",
		"fr-FR,fr;q=0.9":          "en-1.js",
		"en-GB,en;q=0.9,ar;q=0.8": "en-1.js",
	} {
		page := getPageIn(t, s, "/contacts/3", acceptLanguage)
		for _, catalogue := range []string{"en-1.js", "ar-1.js", "bs-1.js"} {
			if named := strings.Contains(page, `href="/assets/`+catalogue+`"`); named != (catalogue == want) {
				t.Errorf("Accept-Language %q: %s named %v, want only %s", acceptLanguage, catalogue, named, want)
			}
		}
	}
}

// A browser that has used the app (or signed in) names its language in a
// cookie; index.html then names that catalogue, whatever the browser's own
// languages, and never one for a value the app has no catalogue for.
func TestIndexNamesTheCatalogueOfTheLanguageCookie(t *testing.T) {
	s := newSPA(preloadSPA(preloadList))
	for _, tc := range []struct{ cookie, acceptLanguage, want string }{
		{"bs", "en-US,en;q=0.9", "bs-1.js"},
		{"ar", "", "ar-1.js"},
		{"en", "ar-SA", "en-1.js"},
		{"de", "ar-SA", "ar-1.js"},
		{"../x", "", "en-1.js"},
	} {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodGet, "/organizations", nil)
		r.Header.Set("Accept-Language", tc.acceptLanguage)
		r.AddCookie(&http.Cookie{Name: languageCookie, Value: tc.cookie})
		s.ServeHTTP(w, r)
		page := w.Body.String()
		for _, catalogue := range []string{"en-1.js", "ar-1.js", "bs-1.js"} {
			if named := strings.Contains(page, `href="/assets/`+catalogue+`"`); named != (catalogue == tc.want) {
				t.Errorf("cookie %q, Accept-Language %q: %s named %v, want only %s", tc.cookie, tc.acceptLanguage, catalogue, named, tc.want)
			}
		}
		if vary := strings.Join(w.Header().Values("Vary"), ","); !strings.Contains(vary, "Cookie") {
			t.Errorf("Vary %q does not name Cookie: a cache would serve one language's page to another", vary)
		}
	}
}

func TestIndexIsUnchangedWithoutTheList(t *testing.T) {
	for name, list := range map[string]string{"no list": "", "unreadable list": "{not json"} {
		s := newSPA(preloadSPA(list))
		if page := getPage(t, s, "/visits/12"); page != string(preloadSPA("")["index.html"].Data) {
			t.Errorf("%s: index.html changed:\n%s", name, page)
		}
	}
}
