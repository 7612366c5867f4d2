package api_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// TestHostileInputNeverFails500 sends text that databases choke on or that
// tries to escape its context, in every text field kind; each answer is a
// clean 201 or 422, never a 500, and what is stored reads back unchanged.
func TestHostileInputNeverFails500(t *testing.T) {
	s := newServer(t)
	values := []string{
		"nul\u0000byte", "'; DROP TABLE organizations; --", `"); DELETE FROM users; --`, "<script>alert(1)</script>",
		"\u202eevil", strings.Repeat("é", 300), "🙂 emoji", "\\x00", "%00", "${jndi:ldap://x}", "NEAR(a b) OR \"x\"*",
	}
	for _, bad := range []string{"/api/v1/organizations?country_code=%FF", "/api/v1/contacts?q=%C3%28", "/api/v1/search?q=%FF%FE"} {
		if w := s.do(req{method: "GET", path: bad, as: "a.officer"}); w.Code != 422 {
			t.Errorf("%s: %d %s", bad, w.Code, w.Body.String())
		}
	}
	for i, v := range values {
		t.Run(fmt.Sprintf("value %d", i), func(t *testing.T) {
			for _, r := range []req{
				{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: map[string]any{"name": v, "type": "ngo", "city": v, "description": v}},
				{method: "POST", path: "/api/v1/contacts", as: "a.officer", body: map[string]any{"given_name": v, "notes": v}},
				{method: "GET", path: "/api/v1/organizations?q=" + urlEscape(v), as: "a.officer"},
				{method: "GET", path: "/api/v1/search?q=" + urlEscape(v), as: "a.officer"},
				{method: "GET", path: "/api/v1/organizations?country_code=" + urlEscape(v) + "&type=ngo", as: "a.officer"},
				{method: "GET", path: "/api/v1/contacts?tag=" + urlEscape(v), as: "a.officer"},
			} {
				w := s.do(r)
				if w.Code >= 500 {
					t.Fatalf("%s %s: %d %s", r.method, r.path, w.Code, w.Body.String())
				}
				if strings.Contains(v, "\u0000") && w.Code != 422 {
					t.Errorf("%s %s with NUL: %d, want 422", r.method, r.path, w.Code)
				}
				if r.method == "POST" && w.Code == 201 {
					got := decode(t, w)
					for _, f := range []string{"name", "given_name"} {
						if g, ok := got[f]; ok && g != v {
							t.Errorf("%s stored as %q, sent %q", f, g, v)
						}
					}
				}
			}
		})
	}
}

func urlEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// Text that is not text — bytes that are not UTF-8, a lone surrogate —
// is refused with a 422 naming the field on every write, and nothing is
// stored: decoded quietly, it would have been kept as U+FFFD, not as what
// the client sent. A surrogate pair, an emoji, and an escaped backslash
// before "ud800" are text and are stored as sent.
func TestTextThatIsNotTextIsRefused(t *testing.T) {
	s := newServer(t)
	org, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})
	count := func() int64 {
		var n int64
		s.db.Raw("SELECT COUNT(*) FROM organizations").Scan(&n)
		return n
	}
	before := count()
	for _, c := range []struct{ method, path, body, loc string }{
		{"POST", "/api/v1/organizations", `{"name":"bad ` + "\xff\xfe" + `","type":"ngo"}`, "body.name"},
		{"POST", "/api/v1/organizations", `{"name":"ok","type":"ngo","city":"\ud800"}`, "body.city"},
		{"POST", "/api/v1/contacts", `{"given_name":"Amra","languages":["bs","\udc00"]}`, "body.languages[1]"},
		{"POST", "/api/v1/interactions", `{"kind":"meeting","status":"held","subject":"x","starts_at":"2026-11-27T09:30:00Z","participants":[{"organization_id":` + strconv.FormatInt(org, 10) + `,"role":"host` + "\xc3\x28" + `"}]}`, "body.participants[0].role"},
	} {
		hr := req{method: c.method, path: c.path, as: "a.officer", body: c.body}
		w := s.do(hr)
		if w.Code != 422 || !strings.Contains(w.Body.String(), `"location":"`+c.loc+`"`) {
			t.Errorf("%s %s: %d %s, want 422 at %s", c.method, c.path, w.Code, w.Body.String(), c.loc)
		}
	}
	if got := count(); got != before {
		t.Errorf("refused writes stored %d organizations", got-before)
	}
	w := s.do(req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: `{"name":"Mladi \ud83d\ude42 \\ud800","type":"youth_group"}`})
	if w.Code != 201 || decode(t, w)["name"] != `Mladi 🙂 \ud800` {
		t.Errorf("text was not stored as sent: %d %s", w.Code, w.Body.String())
	}
}

// Field names are the contract's, exactly: a name in other letter case is
// an unknown field (422 naming it), never quietly taken for the real one.
func TestFieldNamesMatchExactly(t *testing.T) {
	s := newServer(t)
	id, etag := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})
	for _, c := range []req{
		{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: `{"Name":"Other","type":"ngo"}`},
		{method: "POST", path: "/api/v1/contacts", as: "a.officer", body: `{"given_name":"Amra","RESTRICTED":true}`},
		{method: "PATCH", path: "/api/v1/organizations/" + strconv.FormatInt(id, 10), as: "a.officer", body: `{"nAme":"Other"}`, header: map[string]string{"If-Match": etag}},
	} {
		if w := s.do(c); w.Code != 422 {
			t.Errorf("%s %s %s: %d %s, want 422", c.method, c.path, c.body, w.Code, w.Body.String())
		}
	}
	w := s.do(req{method: "GET", path: "/api/v1/organizations/" + strconv.FormatInt(id, 10), as: "a.officer"})
	if decode(t, w)["name"] != "Ministry of Security" {
		t.Errorf("a refused patch changed the record: %s", w.Body.String())
	}
}
