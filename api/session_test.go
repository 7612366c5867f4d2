package api_test

import (
	"fmt"
	"maps"
	"net/http"
	"strings"
	"testing"
)

// Over HTTP: a password change ends the other sessions and revokes the
// personal tokens unless revoke_tokens is false; the session that changed
// it stays.
func TestPasswordChangeRevokesTokensAndOtherSessions(t *testing.T) {
	s := newServer(t)
	here := s.signIn("a.officer")
	elsewhere := s.signIn("a.officer", map[string]string{"User-Agent": "curl/8.5.0"})
	w := s.do(req{method: "POST", path: "/api/v1/auth/tokens", header: here.cookie, body: map[string]any{"name": "script"}})
	if w.Code != http.StatusCreated {
		t.Fatalf("token: %d %s", w.Code, w.Body.String())
	}
	bearer := map[string]string{"Authorization": "Bearer " + decode(t, w)["token"].(string)}
	change := func(cookie map[string]string, body map[string]any) int {
		return s.do(req{method: "POST", path: "/api/v1/auth/password", header: cookie, body: body}).Code
	}
	if c := change(here.cookie, map[string]any{"current_password": testPassword, "new_password": "second long password", "revoke_tokens": "yes"}); c != 422 {
		t.Errorf("revoke_tokens not a boolean: %d", c)
	}
	if c := change(here.cookie, map[string]any{"current_password": testPassword, "new_password": "second long password"}); c != 204 {
		t.Fatalf("change: %d", c)
	}
	for name, h := range map[string]map[string]string{"the other session": elsewhere.cookie, "the token": bearer} {
		if w := s.do(req{method: "GET", path: "/api/v1/auth/me", header: h}); w.Code != 401 {
			t.Errorf("%s after a password change: %d", name, w.Code)
		}
	}
	if w := s.do(req{method: "GET", path: "/api/v1/auth/me", header: here.cookie}); w.Code != 200 {
		t.Errorf("the changing session: %d", w.Code)
	}

	// revoke_tokens: false keeps them.
	w = s.do(req{method: "POST", path: "/api/v1/auth/tokens", header: here.cookie, body: map[string]any{"name": "kept"}})
	kept := map[string]string{"Authorization": "Bearer " + decode(t, w)["token"].(string)}
	if c := change(here.cookie, map[string]any{"current_password": "second long password", "new_password": "third long password", "revoke_tokens": false}); c != 204 {
		t.Fatalf("change keeping tokens: %d", c)
	}
	if w := s.do(req{method: "GET", path: "/api/v1/auth/me", header: kept}); w.Code != 200 {
		t.Errorf("a kept token: %d", w.Code)
	}
}

// The session routes: list (current flagged, browser summarised), end one,
// end the others, an admin's view and end-all; bad input is a 4xx problem.
func TestSessionRoutes(t *testing.T) {
	s := newServer(t)
	laptop := s.signIn("a.viewer", map[string]string{"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"})
	phone := s.signIn("a.viewer", map[string]string{"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1"})
	third := s.signIn("a.viewer")

	w := s.do(req{method: "GET", path: "/api/v1/me/sessions", header: laptop.cookie})
	items := decode(t, w)["items"].([]any)
	if len(items) != 3 {
		t.Fatalf("sessions: %s", w.Body.String())
	}
	for _, it := range items {
		m := it.(map[string]any)
		id := int64(m["id"].(float64))
		if (id == laptop.id) != (m["current"] == true) || m["client_addr"] != "203.0.113.5" || m["created_at"] == nil || m["last_seen_at"] == nil {
			t.Errorf("session %v", m)
		}
		if id == phone.id && m["user_agent"] != "Safari on iOS" || id == laptop.id && m["user_agent"] != "Firefox on Linux" {
			t.Errorf("user agent summary %v", m)
		}
	}
	for _, c := range []struct {
		r      req
		status int
	}{
		{req{method: "DELETE", path: "/api/v1/me/sessions/abc", header: laptop.cookie}, 422},
		{req{method: "DELETE", path: "/api/v1/me/sessions/0", header: laptop.cookie}, 422},
		{req{method: "DELETE", path: "/api/v1/me/sessions/99999999999999999999", header: laptop.cookie}, 422},
		{req{method: "DELETE", path: "/api/v1/me/sessions/999999", header: laptop.cookie}, 404},
		{req{method: "DELETE", path: fmt.Sprintf("/api/v1/me/sessions/%d", phone.id), as: "a.officer"}, 404},
		{req{method: "POST", path: "/api/v1/me/sessions/revoke-others?all=1", header: laptop.cookie}, 422},
		{req{method: "GET", path: "/api/v1/users/999999/sessions", as: "a.admin"}, 404},
		{req{method: "DELETE", path: "/api/v1/users/999999/sessions", as: "a.admin"}, 404},
		{req{method: "DELETE", path: "/api/v1/users/1/sessions?revoke_tokens=maybe", as: "a.admin"}, 422},
		{req{method: "GET", path: "/api/v1/users/x/sessions", as: "a.admin"}, 422},
		{req{method: "DELETE", path: fmt.Sprintf("/api/v1/me/sessions/%d", phone.id), header: laptop.cookie}, 204},
		{req{method: "DELETE", path: fmt.Sprintf("/api/v1/me/sessions/%d", phone.id), header: laptop.cookie}, 404},
	} {
		w := s.do(c.r)
		if w.Code != c.status || w.Header().Get("Content-Type") == "application/json" && w.Code >= 400 {
			t.Errorf("%s %s: %d, want %d: %s", c.r.method, c.r.path, w.Code, c.status, w.Body.String())
		}
		if w.Code >= 400 && w.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s %s: not a problem: %s", c.r.method, c.r.path, w.Header().Get("Content-Type"))
		}
	}
	if w := s.do(req{method: "GET", path: "/api/v1/auth/me", header: phone.cookie}); w.Code != 401 {
		t.Errorf("an ended session: %d", w.Code)
	}
	w = s.do(req{method: "POST", path: "/api/v1/me/sessions/revoke-others", header: laptop.cookie})
	if w.Code != 200 || decode(t, w)["ended"] != float64(1) {
		t.Errorf("revoke-others: %d %s", w.Code, w.Body.String())
	}
	if w := s.do(req{method: "GET", path: "/api/v1/auth/me", header: third.cookie}); w.Code != 401 {
		t.Errorf("another session after revoke-others: %d", w.Code)
	}
	user := fmt.Sprintf("/api/v1/users/%d/sessions", s.fx.Users["a.viewer"].ID)
	w = s.do(req{method: "GET", path: user, as: "b.admin"})
	if items := decode(t, w)["items"].([]any); w.Code != 200 || len(items) != 1 {
		t.Errorf("admin's view: %d %s", w.Code, w.Body.String())
	}
	if w := s.do(req{method: "DELETE", path: user, as: "b.admin"}); w.Code != 204 {
		t.Errorf("admin's end-all: %d", w.Code)
	}
	for name, h := range map[string]map[string]string{"session": laptop.cookie, "token": {"Authorization": "Bearer " + s.tokens["a.viewer"]}} {
		if w := s.do(req{method: "GET", path: "/api/v1/auth/me", header: h}); w.Code != 401 {
			t.Errorf("the %s after an admin's end-all: %d", name, w.Code)
		}
	}
	w = s.do(req{method: "GET", path: "/api/v1/audit?action=session_end", as: "a.admin"})
	if n := len(decode(t, w)["items"].([]any)); n != 3 {
		t.Errorf("%d session_end events, want 3 (one, the others, the admin's): %s", n, w.Body.String())
	}
}

// An unknown email and a known one get the same answers: status, body and
// headers, attempt after attempt, through the throttle's 429. (Retry-After
// is the time left, which depends on how long the previous attempt took,
// so it is compared as a range.)
func TestKnownAndUnknownEmailsGetTheSameAnswers(t *testing.T) {
	s := newServer(t)
	answers := func(email string) []string {
		var out []string
		for i := 0; i < 7; i++ {
			w := s.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": email, "password": "not the password"}})
			p := decode(t, w)
			delete(p, "request_id")
			h := maps.Clone(w.Header())
			h.Del("X-Request-ID")
			if ra := h.Get("Retry-After"); ra != "" {
				if ra != "1" && ra != "2" {
					t.Errorf("%s: Retry-After %q", email, ra)
				}
				h.Set("Retry-After", "1 or 2")
			}
			out = append(out, fmt.Sprintf("%d %v %v", w.Code, p, h))
		}
		return out
	}
	known, unknown := answers("a.viewer@example.org"), answers("nobody.here@example.org")
	for i := range known {
		if known[i] != unknown[i] {
			t.Errorf("attempt %d:\nknown   %s\nunknown %s", i+1, known[i], unknown[i])
		}
	}
	if !strings.HasPrefix(known[4], "401 ") || !strings.HasPrefix(known[6], "429 ") {
		t.Errorf("answers: %v", known)
	}
}

// Signing in tells the browser the account's language in a cookie the app
// can read, so that the next page load starts in it (index.html names its
// catalogue); the session cookie stays the first and only HttpOnly one.
func TestSignInNamesTheAccountsLanguage(t *testing.T) {
	s := newServer(t)
	w := s.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "a.officer@example.org", "password": testPassword}})
	if w.Code != http.StatusOK {
		t.Fatalf("sign in: %d %s", w.Code, w.Body.String())
	}
	locale, _ := decode(t, w)["locale"].(string)
	cookies := w.Result().Cookies()
	if len(cookies) != 2 || cookies[0].Name != "liaison_session" || !cookies[0].HttpOnly {
		t.Fatalf("cookies %+v: want the session's, then the language's", cookies)
	}
	if c := cookies[1]; c.Name != "liaison_lang" || c.Value != locale || c.HttpOnly || c.Path != "/" || c.MaxAge <= 0 {
		t.Errorf("language cookie %+v: want liaison_lang=%s, readable by the app, for the whole site, kept", c, locale)
	}
}
