package api_test

import (
	"fmt"
	"net/http"
	"testing"
)

func TestProjectsOverHTTP(t *testing.T) {
	s := newServer(t)
	donor, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Government of Canada", "type": "donor"})
	w := s.do(req{method: "POST", path: "/api/v1/projects", as: "a.admin", body: map[string]any{
		"code": "simvex", "name": "Study Visit Exchange", "donor_organization_id": donor, "start_date": "2025-01-01", "end_date": "2026-12-31",
	}})
	if w.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	p := decode(t, w)
	id := int64(p["id"].(float64))
	if p["code"] != "SIMVEX" || p["office_id"] != float64(s.fx.OfficeA) || w.Header().Get("ETag") != `"1"` ||
		w.Header().Get("Location") != fmt.Sprintf("/api/v1/projects/%d", id) {
		t.Errorf("created = %v %v", p, w.Header())
	}
	path := fmt.Sprintf("/api/v1/projects/%d", id)
	cases := []struct {
		name     string
		r        req
		status   int
		location string
	}{
		{"officer creates", req{method: "POST", path: "/api/v1/projects", as: "a.officer", body: map[string]any{"code": "X", "name": "X"}}, 403, ""},
		{"manager edits", req{method: "PATCH", path: path, as: "a.manager", body: map[string]any{"name": "X"}, header: map[string]string{"If-Match": `"1"`}}, 403, ""},
		{"duplicate code", req{method: "POST", path: "/api/v1/projects", as: "b.admin", body: map[string]any{"code": "SimVex", "name": "X"}}, 409, "body.code"},
		{"ends before it starts", req{method: "POST", path: "/api/v1/projects", as: "a.admin", body: map[string]any{"code": "X", "name": "X", "start_date": "2025-02-01", "end_date": "2025-01-01"}}, 422, "body.end_date"},
		{"not a date", req{method: "POST", path: "/api/v1/projects", as: "a.admin", body: map[string]any{"code": "X", "name": "X", "start_date": "1 May"}}, 422, "body.start_date"},
		{"search text is the server's", req{method: "POST", path: "/api/v1/projects", as: "a.admin", body: map[string]any{"code": "X", "name": "X", "search_text": "x"}}, 422, "body.search_text"},
		{"office is the server's", req{method: "PATCH", path: path, as: "a.admin", body: map[string]any{"office_id": s.fx.OfficeB}, header: map[string]string{"If-Match": `"1"`}}, 422, "body.office_id"},
		{"unknown sort", req{method: "GET", path: "/api/v1/projects?sort=start_date", as: "a.viewer"}, 422, "query.sort"},
		{"projects have no tags", req{method: "GET", path: "/api/v1/projects?tag=sdg-1", as: "a.viewer"}, 422, "query.tag"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := s.do(c.r)
			if w.Code != c.status {
				t.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body.String())
			}
			if c.location != "" && !hasLocation(decode(t, w), c.location) {
				t.Errorf("no error at %s: %s", c.location, w.Body.String())
			}
		})
	}
	s.create("/api/v1/projects", "b.admin", map[string]any{"code": "BHRI", "name": "Bosnia and Herzegovina Resilience Initiative"})
	w = s.do(req{method: "GET", path: "/api/v1/projects?q=resilien&count=true", as: "b.viewer"})
	if m := decode(t, w); m["total"] != float64(1) || m["items"].([]any)[0].(map[string]any)["code"] != "BHRI" {
		t.Errorf("search: %s", w.Body.String())
	}
	w = s.do(req{method: "PATCH", path: path, as: "a.admin", body: map[string]any{"end_date": nil, "description": "Funded by Canada"}, header: map[string]string{"If-Match": `"1"`}})
	if m := decode(t, w); w.Code != 200 || m["end_date"] != nil || m["start_date"] != "2025-01-01" || w.Header().Get("ETag") != `"2"` {
		t.Errorf("patch: %d %s", w.Code, w.Body.String())
	}
}
