package api_test

import (
	"bytes"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"liaison/api"
)

func TestCookieSessionLoginMeLogout(t *testing.T) {
	s := newServer(t)
	w := s.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "a.manager@example.org", "password": testPassword}})
	if w.Code != 200 {
		t.Fatalf("login: %d %s", w.Code, w.Body.String())
	}
	cookie := w.Result().Cookies()[0]
	if cookie.Name != "liaison_session" || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Secure {
		t.Errorf("cookie = %+v", cookie)
	}
	withCookie := map[string]string{"Cookie": "liaison_session=" + cookie.Value}
	if w := s.do(req{method: "GET", path: "/api/v1/auth/me", header: withCookie}); w.Code != 200 || decode(t, w)["role"] != "manager" {
		t.Fatalf("me: %d %s", w.Code, w.Body.String())
	}
	// A cookie-authenticated write from another origin is refused (CSRF).
	cross := map[string]string{"Cookie": "liaison_session=" + cookie.Value, "Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
	if w := s.do(req{method: "POST", path: "/api/v1/organizations", body: map[string]any{"name": "X", "type": "ngo"}, header: cross}); w.Code != http.StatusForbidden {
		t.Fatalf("cross-origin write: %d", w.Code)
	}
	same := map[string]string{"Cookie": "liaison_session=" + cookie.Value, "Origin": "http://example.com", "Sec-Fetch-Site": "same-origin"}
	if w := s.do(req{method: "POST", path: "/api/v1/organizations", body: map[string]any{"name": "X", "type": "ngo"}, header: same}); w.Code != http.StatusCreated {
		t.Fatalf("same-origin write: %d %s", w.Code, w.Body.String())
	}
	if w := s.do(req{method: "POST", path: "/api/v1/auth/logout", header: withCookie}); w.Code != http.StatusNoContent {
		t.Fatalf("logout: %d", w.Code)
	}
	if w := s.do(req{method: "GET", path: "/api/v1/auth/me", header: withCookie}); w.Code != http.StatusUnauthorized {
		t.Fatalf("me after logout: %d", w.Code)
	}
	if w := s.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "nobody@example.org", "password": testPassword}}); w.Code != 401 {
		t.Fatalf("unknown email: %d", w.Code)
	}
}

func TestForwardedForIsIgnoredWithoutTrustedProxies(t *testing.T) {
	s := newServer(t)
	// Twenty failures over twenty emails (the address's whole burst), each
	// from a forged address, must count against the real address.
	for i := 0; i < 20; i++ {
		s.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": fmt.Sprintf("nobody%d@example.org", i), "password": "x"},
			header: map[string]string{"X-Forwarded-For": fmt.Sprintf("10.0.0.%d", i+1)}})
	}
	w := s.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "a.viewer@example.org", "password": testPassword},
		header: map[string]string{"X-Forwarded-For": "10.9.9.9"}})
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
		t.Fatalf("the forged X-Forwarded-For escaped the per-address throttle: %d", w.Code)
	}
}

func TestTrustedProxySetsTheClientAddress(t *testing.T) {
	s := newServer(t, func(d *api.Deps) { d.TrustedProxies = []string{"203.0.113.0/24"} })
	s.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "a.viewer@example.org", "password": "wrong password here"},
		header: map[string]string{"X-Forwarded-For": "198.51.100.77"}})
	w := s.do(req{method: "GET", path: "/api/v1/audit?action=login_failed", as: "a.admin"})
	items := decode(t, w)["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["client_addr"] != "198.51.100.77" {
		t.Fatalf("client address behind a trusted proxy: %s", w.Body.String())
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	s := newServer(t)
	for _, path := range []string{"/api/v1/organizations", "/", "/organizations/12", "/healthz"} {
		w := s.do(req{method: "GET", path: path})
		h := w.Header()
		if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") || strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self' 'unsafe-inline'") {
			t.Errorf("%s: CSP %q", path, h.Get("Content-Security-Policy"))
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Request-ID") == "" {
			t.Errorf("%s: headers %v", path, h)
		}
		if !strings.Contains(h.Get("Permissions-Policy"), "camera=()") || !strings.Contains(h.Get("Permissions-Policy"), "geolocation=()") {
			t.Errorf("%s: Permissions-Policy %q", path, h.Get("Permissions-Policy"))
		}
		if hsts := h.Get("Strict-Transport-Security"); hsts != "" {
			t.Errorf("%s: HSTS over plain HTTP: %q", path, hsts)
		}
		if strings.HasPrefix(path, "/api/") && h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", path, h.Get("Cache-Control"))
		}
	}
}

func TestSPAIsServedWithClientRouteFallback(t *testing.T) {
	s := newServer(t)
	for _, path := range []string{"/", "/organizations", "/organizations/12/edit"} {
		w := s.do(req{method: "GET", path: path})
		if w.Code != 200 || !strings.Contains(w.Body.String(), "<title>Liaison</title>") || w.Header().Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: %d %q", path, w.Code, w.Header().Get("Cache-Control"))
		}
	}
	w := s.do(req{method: "GET", path: "/assets/app-1234.js"})
	if w.Code != 200 || !strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
		t.Errorf("asset: %d %q", w.Code, w.Header().Get("Cache-Control"))
	}
	// The service worker and the manifest are read afresh on every visit, so
	// that a new release reaches installed apps; the manifest by its own type.
	for path, kind := range map[string]string{"/sw.js": "javascript", "/manifest.webmanifest": "application/manifest+json"} {
		w := s.do(req{method: "GET", path: path})
		if w.Code != 200 || w.Header().Get("Cache-Control") != "no-cache" || !strings.Contains(w.Header().Get("Content-Type"), kind) {
			t.Errorf("%s: %d %q %q", path, w.Code, w.Header().Get("Cache-Control"), w.Header().Get("Content-Type"))
		}
	}
	// An asset goes as the build's compressed copy in the best encoding the
	// client takes, named in Vary; a range, or no copy, gets the plain file.
	for _, tc := range []struct{ accept, encoding, body string }{
		{"gzip, deflate, br, zstd", "br", "brotli copy of app-1234.js"},
		{"gzip", "gzip", "console.log(1)"},
		{"br;q=0, gzip", "gzip", "console.log(1)"},
		{"", "", "console.log(1)"},
	} {
		w = s.do(req{method: "GET", path: "/assets/app-1234.js", header: map[string]string{"Accept-Encoding": tc.accept}})
		if w.Code != 200 || w.Header().Get("Content-Encoding") != tc.encoding || !strings.Contains(w.Header().Get("Content-Type"), "javascript") ||
			!strings.Contains(w.Header().Get("Vary"), "Accept-Encoding") || !strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("asset for %q: %d %v", tc.accept, w.Code, w.Header())
		}
		if tc.encoding != "br" && readBody(t, w) != tc.body || tc.encoding == "br" && w.Body.String() != tc.body {
			t.Errorf("asset for %q: body %q", tc.accept, w.Body.String())
		}
	}
	w = s.do(req{method: "GET", path: "/assets/app-1234.js", header: map[string]string{"Accept-Encoding": "br", "Range": "bytes=0-6"}})
	if w.Code != http.StatusPartialContent || w.Header().Get("Content-Encoding") != "" || w.Body.String() != "console" {
		t.Errorf("a range of an asset: %d %v %q", w.Code, w.Header(), w.Body.String())
	}
	w = s.do(req{method: "HEAD", path: "/assets/app-1234.js", header: map[string]string{"Accept-Encoding": "br"}})
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "br" || w.Body.Len() != 0 {
		t.Errorf("HEAD of an asset: %d %v %d bytes", w.Code, w.Header(), w.Body.Len())
	}
	w = s.do(req{method: "GET", path: "/assets/plain-1234.css", header: map[string]string{"Accept-Encoding": "br, gzip"}})
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "" || w.Body.String() != "body{}" || !strings.Contains(w.Header().Get("Content-Type"), "css") {
		t.Errorf("an asset without copies: %d %v", w.Code, w.Header())
	}
	if w := s.do(req{method: "GET", path: "/assets/missing.js"}); w.Code != 404 {
		t.Errorf("missing asset: %d", w.Code)
	}
	if w := s.do(req{method: "GET", path: "/../../etc/passwd"}); strings.Contains(w.Body.String(), "root:") {
		t.Error("path traversal")
	}
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	s := newServer(t)
	if w := s.do(req{method: "GET", path: "/healthz"}); w.Code != 200 {
		t.Errorf("healthz: %d", w.Code)
	}
	if w := s.do(req{method: "GET", path: "/readyz"}); w.Code != 200 {
		t.Errorf("readyz: %d", w.Code)
	}
	s.do(req{method: "GET", path: "/api/v1/organizations", as: "a.viewer"})
	w := s.do(req{method: "GET", path: "/metrics"})
	if !strings.Contains(w.Body.String(), `liaison_http_requests_total{method="GET",route="/api/v1/organizations",status="200"} 1`) {
		t.Errorf("metrics lack the request:\n%s", w.Body.String())
	}
	sqlDB, _ := s.db.DB()
	sqlDB.Close()
	if w := s.do(req{method: "GET", path: "/readyz"}); w.Code != http.StatusServiceUnavailable {
		t.Errorf("readyz with the database gone: %d", w.Code)
	}
}

// TestCommittedOpenAPIDocumentIsCurrent keeps frontend/openapi.json, from
// which the SPA's client is generated, equal to what the router serves.
func TestCommittedOpenAPIDocumentIsCurrent(t *testing.T) {
	s := newServer(t)
	w := s.do(req{method: "GET", path: "/api/v1/openapi.json"})
	if w.Code != 200 {
		t.Fatalf("openapi.json: %d", w.Code)
	}
	var served, committed any
	if err := json.Unmarshal(w.Body.Bytes(), &served); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../frontend/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &committed); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(served)
	b, _ := json.Marshal(committed)
	if !bytes.Equal(a, b) {
		t.Fatal("frontend/openapi.json is stale: run `make api-client`")
	}
}

// TestLogsCarryNoSecretsOrPersonalData sends a password, a token and a
// contact's name through the API and greps everything that was logged.
func TestLogsCarryNoSecretsOrPersonalData(t *testing.T) {
	s := newServer(t)
	const name, secretPassword = "Zulejha Canaryvić", "canary-password-4711"
	s.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "a.officer@example.org", "password": secretPassword}})
	s.do(req{method: "POST", path: "/api/v1/contacts", as: "a.officer", body: map[string]any{"given_name": name, "email": "zulejha@example.org"}})
	s.do(req{method: "GET", path: "/api/v1/contacts?q=Canaryvi%C4%87", as: "a.officer"})
	s.do(req{method: "GET", path: "/api/v1/contacts", header: map[string]string{"Authorization": "Bearer lia_canarytoken"}})
	logs := s.logs.String()
	if !strings.Contains(logs, `"route":"/api/v1/contacts"`) {
		t.Fatalf("requests were not logged at all:\n%s", logs)
	}
	for _, secret := range []string{secretPassword, "Canaryv", "zulejha@", "lia_canarytoken", s.tokens["a.officer"]} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q", secret)
		}
	}
}

// HSTS is sent only where the client reached us over TLS: directly, or as
// a trusted proxy says. An untrusted client's X-Forwarded-Proto counts for
// nothing. A cross-origin refusal, written outside gin, carries the
// static headers too.
func TestStrictTransportSecurityOnlyOverTLS(t *testing.T) {
	plain := newServer(t)
	proxied := newServer(t, func(d *api.Deps) { d.TrustedProxies = []string{"203.0.113.0/24"} })
	https := map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.3"}
	cases := []struct {
		name string
		s    *server
		tls  bool
		h    map[string]string
		want bool
	}{
		{"plain HTTP", plain, false, nil, false},
		{"direct TLS", plain, true, nil, true},
		{"forged X-Forwarded-Proto", plain, false, https, false},
		{"trusted proxy says https", proxied, false, https, true},
		{"trusted proxy says http", proxied, false, map[string]string{"X-Forwarded-Proto": "http", "X-Forwarded-For": "198.51.100.3"}, false},
	}
	for _, c := range cases {
		hr := httptest.NewRequest("GET", "/api/v1/auth/me", nil)
		hr.RemoteAddr = "203.0.113.5:40000"
		if c.tls {
			hr.TLS = &tls.ConnectionState{}
		}
		for k, v := range c.h {
			hr.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		c.s.router.ServeHTTP(w, hr)
		if got := w.Header().Get("Strict-Transport-Security") != ""; got != c.want {
			t.Errorf("%s: HSTS %q, want present=%v", c.name, w.Header().Get("Strict-Transport-Security"), c.want)
		}
	}
	w := plain.do(req{method: "POST", path: "/api/v1/organizations", body: map[string]any{"name": "X"},
		header: map[string]string{"Cookie": "liaison_session=x", "Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}})
	if w.Code != http.StatusForbidden || w.Header().Get("Permissions-Policy") == "" || decode(t, w)["code"] != "forbidden" {
		t.Errorf("cross-origin refusal: %d %v %s", w.Code, w.Header(), w.Body.String())
	}
}

func TestMetricsRequireTheTokenWhenConfigured(t *testing.T) {
	s := newServer(t, func(d *api.Deps) { d.MetricsToken = "metrics-secret-123" })
	for _, h := range []map[string]string{nil, {"Authorization": "Bearer wrong"}, {"Authorization": "metrics-secret-123"}, {"Authorization": "Bearer " + s.tokens["a.admin"]}} {
		w := s.do(req{method: "GET", path: "/metrics", header: h})
		if w.Code != http.StatusUnauthorized || w.Header().Get("Content-Type") != "application/problem+json" || strings.Contains(w.Body.String(), "liaison_http") {
			t.Errorf("%v: %d %s", h, w.Code, w.Body.String())
		}
	}
	w := s.do(req{method: "GET", path: "/metrics", header: map[string]string{"Authorization": "Bearer metrics-secret-123"}})
	if w.Code != 200 || !strings.Contains(w.Body.String(), "liaison_http_requests_total") {
		t.Errorf("with the token: %d", w.Code)
	}
}
