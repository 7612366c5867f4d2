package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestEveryErrorStatusIsAProblem throws bad input of every kind at the API
// and expects the documented status, a problem+json body that names the
// field, and a request ID — never a 500.
func TestEveryErrorStatusIsAProblem(t *testing.T) {
	s := newServer(t)
	orgID, orgTag := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})
	restricted, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Amina", "restricted": true})
	org := fmt.Sprintf("/api/v1/organizations/%d", orgID)
	big := `{"name":"` + strings.Repeat("x", 1<<20) + `","type":"ngo"}`
	ifMatch := map[string]string{"If-Match": orgTag}

	cases := []struct {
		name     string
		r        req
		status   int
		location string // expected errors[].location, if any
		detail   string // fragment of the detail
	}{
		{"not JSON", req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: `{"name":`}, 400, "body", ""},
		{"not signed in", req{method: "GET", path: "/api/v1/organizations"}, 401, "", "sign in"},
		{"bad token", req{method: "GET", path: "/api/v1/organizations", header: map[string]string{"Authorization": "Bearer lia_nope"}}, 401, "", ""},
		{"viewer writes", req{method: "POST", path: "/api/v1/organizations", as: "a.viewer", body: map[string]any{"name": "X", "type": "ngo"}}, 403, "", ""},
		{"other office edits", req{method: "PATCH", path: org, as: "b.officer", body: map[string]any{"city": "X"}, header: ifMatch}, 403, "", ""},
		{"manager creates a user", req{method: "POST", path: "/api/v1/users", as: "a.manager", body: map[string]any{"email": "x@example.org", "name": "X", "password": testPassword, "role": "viewer", "office_id": s.fx.OfficeA}}, 403, "", ""},
		{"unknown id", req{method: "GET", path: "/api/v1/organizations/999999", as: "a.viewer"}, 404, "", ""},
		{"restricted of other office", req{method: "GET", path: fmt.Sprintf("/api/v1/contacts/%d", restricted), as: "b.admin"}, 200, "", ""},
		{"restricted hidden", req{method: "GET", path: fmt.Sprintf("/api/v1/contacts/%d", restricted), as: "b.manager"}, 404, "", ""},
		{"unknown route", req{method: "GET", path: "/api/v1/nothing", as: "a.viewer"}, 404, "", ""},
		{"id not a number", req{method: "GET", path: "/api/v1/organizations/abc", as: "a.viewer"}, 422, "path.id", ""},
		{"id out of range", req{method: "GET", path: "/api/v1/organizations/0", as: "a.viewer"}, 422, "path.id", ""},
		{"duplicate email", req{method: "POST", path: "/api/v1/users", as: "a.admin", body: map[string]any{"email": "a.viewer@example.org", "name": "X", "password": testPassword, "role": "viewer", "office_id": s.fx.OfficeA}}, 409, "body.email", ""},
		{"stale If-Match", req{method: "PATCH", path: org, as: "a.officer", body: map[string]any{"city": "X"}, header: map[string]string{"If-Match": `"41"`}}, 412, "", "changed"},
		{"malformed If-Match", req{method: "PATCH", path: org, as: "a.officer", body: map[string]any{"city": "X"}, header: map[string]string{"If-Match": "yesterday"}}, 412, "", ""},
		{"body over 1 MiB", req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: big}, 413, "", ""},
		{"not JSON content type", req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: `{"name":"X","type":"ngo"}`, header: map[string]string{"Content-Type": "text/plain"}}, 415, "", ""},
		{"form content type", req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: `name=X`, header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, 415, "", ""},
		{"unknown field", req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: map[string]any{"name": "X", "type": "ngo", "colour": "red"}}, 422, "body.colour", ""},
		{"read-only id", req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: map[string]any{"name": "X", "type": "ngo", "id": 7}}, 422, "body.id", ""},
		{"read-only office_id", req{method: "PATCH", path: org, as: "a.officer", body: map[string]any{"office_id": 2}, header: ifMatch}, 422, "body.office_id", ""},
		{"read-only version", req{method: "PATCH", path: org, as: "a.officer", body: map[string]any{"version": 9}, header: ifMatch}, 422, "body.version", ""},
		{"bad enum", req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: map[string]any{"name": "X", "type": "club"}}, 422, "body.type", ""},
		{"out of range", req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: map[string]any{"name": "X", "type": "ngo", "influence": 6}}, 422, "body.influence", ""},
		{"wrong type", req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: map[string]any{"name": 12, "type": "ngo"}}, 422, "body.name", ""},
		{"missing required", req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: map[string]any{"type": "ngo"}}, 422, "body.name", ""},
		{"unknown country", req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: map[string]any{"name": "X", "type": "ngo", "country_code": "ZZ"}}, 422, "body.country_code", ""},
		{"unknown tag", req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: map[string]any{"name": "X", "type": "ngo", "tags": []string{"sdg-18"}}}, 422, "body.tags", ""},
		{"limit too big", req{method: "GET", path: "/api/v1/organizations?limit=201", as: "a.viewer"}, 422, "query.limit", ""},
		{"limit zero", req{method: "GET", path: "/api/v1/organizations?limit=0", as: "a.viewer"}, 422, "query.limit", ""},
		{"unknown sort", req{method: "GET", path: "/api/v1/organizations?sort=password_hash", as: "a.viewer"}, 422, "query.sort", ""},
		{"unknown filter", req{method: "GET", path: "/api/v1/organizations?deleted_at=1", as: "a.viewer"}, 422, "query.deleted_at", ""},
		{"bad filter enum", req{method: "GET", path: "/api/v1/organizations?type=ministry,club", as: "a.viewer"}, 422, "query.type[1]", ""},
		{"bad cursor", req{method: "GET", path: "/api/v1/organizations?cursor=eyJ4Ijox", as: "a.viewer"}, 422, "query.cursor", ""},
		{"bad time filter", req{method: "GET", path: "/api/v1/organizations?updated_after=yesterday", as: "a.viewer"}, 422, "query.updated_after", ""},
		{"search too long", req{method: "GET", path: "/api/v1/organizations?q=" + strings.Repeat("a", 201), as: "a.viewer"}, 422, "query.q", ""},
		{"missing If-Match", req{method: "PATCH", path: org, as: "a.officer", body: map[string]any{"city": "X"}}, 428, "header.If-Match", ""},
		{"archive without If-Match", req{method: "DELETE", path: org, as: "a.officer"}, 428, "header.If-Match", ""},
		{"wrong method", req{method: "PUT", path: org, as: "a.officer", body: map[string]any{}}, 405, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := s.do(c.r)
			if w.Code != c.status {
				t.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body.String())
			}
			if c.status < 400 {
				return
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q", ct)
			}
			p := decode(t, w)
			if p["status"] != float64(c.status) || p["title"] == "" {
				t.Errorf("problem = %v", p)
			}
			if p["code"] != problemCodes[c.status] {
				t.Errorf("code %v, want %q", p["code"], problemCodes[c.status])
			}
			if id := p["request_id"]; id == nil || id != w.Header().Get("X-Request-ID") {
				t.Errorf("request_id %v vs header %q", id, w.Header().Get("X-Request-ID"))
			}
			if c.location != "" && !hasLocation(p, c.location) {
				t.Errorf("no error at %s: %s", c.location, w.Body.String())
			}
			if c.detail != "" && !strings.Contains(fmt.Sprint(p["detail"]), c.detail) {
				t.Errorf("detail %q lacks %q", p["detail"], c.detail)
			}
			if strings.Contains(w.Body.String(), "xxxxxxxx") {
				t.Error("the problem echoes the request body")
			}
		})
	}
	// Nothing above wrote anything.
	w := s.do(req{method: "GET", path: "/api/v1/organizations?count=true", as: "a.admin"})
	if total := decode(t, w)["total"]; total != float64(1) {
		t.Fatalf("bad requests wrote organizations: total %v", total)
	}
	w = s.do(req{method: "GET", path: org, as: "a.viewer"})
	if m := decode(t, w); m["version"] != float64(1) || m["city"] != "" {
		t.Fatalf("bad requests changed the organization: %v", m)
	}
}

// problemCodes is API.md's stable code of each status (a few errors refine
// theirs, such as invalid_credentials for a failed sign-in).
var problemCodes = map[int]string{
	400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
	409: "conflict", 412: "stale", 413: "body_too_large", 415: "unsupported_media_type", 422: "validation_failed",
	428: "precondition_required", 429: "too_many_requests", 500: "internal_error",
}

func hasLocation(p map[string]any, loc string) bool {
	errs, _ := p["errors"].([]any)
	for _, e := range errs {
		if m, ok := e.(map[string]any); ok && m["location"] == loc {
			return true
		}
	}
	return false
}

func TestLoginIsThrottledWithRetryAfter(t *testing.T) {
	s := newServer(t)
	login := func() map[string]any {
		rec := s.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "a.viewer@example.org", "password": "not the password"}})
		p := decode(t, rec)
		p["http_status"] = rec.Code
		p["retry_after"] = rec.Header().Get("Retry-After")
		return p
	}
	// Five attempts are free; the sixth, at once, must wait two seconds.
	for i := 0; i < 5; i++ {
		if p := login(); p["http_status"] != http.StatusUnauthorized || p["code"] != "invalid_credentials" {
			t.Fatalf("attempt %d: %v", i, p)
		}
	}
	p := login()
	if p["http_status"] != http.StatusTooManyRequests || p["code"] != "too_many_requests" {
		t.Fatalf("sixth attempt: %v", p)
	}
	if ra := p["retry_after"]; ra != "1" && ra != "2" {
		t.Errorf("Retry-After = %q, want 1 or 2 (seconds)", ra)
	}
}
