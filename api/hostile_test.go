package api_test

import (
	"fmt"
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
