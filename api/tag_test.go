package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// Every collection takes the list parameters of API.md; /tags and /offices
// once answered 422 to limit.
func TestTagsAndOfficesAreListsLikeTheOthers(t *testing.T) {
	s := newServer(t)
	for _, c := range []struct {
		path   string
		status int
		want   string // a fragment of the body
	}{
		{"/api/v1/tags?limit=50", 200, `"slug":"sdg-1"`},
		{"/api/v1/tags?limit=2&count=true", 200, `"total":17`},
		{"/api/v1/tags?kind=sdg&q=peace", 200, `"slug":"sdg-16"`},
		{"/api/v1/tags?sort=-slug&limit=1", 200, `"slug":"sdg-9"`},
		{"/api/v1/tags?sort=kind", 422, `query.sort`},
		{"/api/v1/tags?limit=0", 422, `query.limit`},
		{"/api/v1/offices?limit=1&count=true", 200, `"total":2`},
		{"/api/v1/offices?sort=-name&limit=200", 200, `"next_cursor":null`},
		{"/api/v1/offices?limit=500", 422, `query.limit`},
	} {
		t.Run(c.path, func(t *testing.T) {
			w := s.do(req{method: "GET", path: c.path, as: "a.viewer"})
			if w.Code != c.status || !strings.Contains(w.Body.String(), c.want) {
				t.Errorf("%d %s, want %d with %s", w.Code, w.Body.String(), c.status, c.want)
			}
		})
	}
	// Paging the tags two at a time reaches all of them once.
	seen, path := map[string]bool{}, "/api/v1/tags?limit=2"
	for page := 0; page < 20 && path != ""; page++ {
		m := decode(t, s.do(req{method: "GET", path: path, as: "a.viewer"}))
		for _, it := range m["items"].([]any) {
			seen[it.(map[string]any)["slug"].(string)] = true
		}
		path = ""
		if next, ok := m["next_cursor"].(string); ok {
			path = "/api/v1/tags?limit=2&cursor=" + next
		}
	}
	if len(seen) != 17 {
		t.Errorf("paged through %d tags, want 17", len(seen))
	}
}

func TestTagsAreManagedByAdminsOverHTTP(t *testing.T) {
	s := newServer(t)
	youth, etag := s.create("/api/v1/tags", "a.admin", map[string]any{"slug": "youth", "name": "Youth", "kind": "theme"})
	young, youngTag := s.create("/api/v1/tags", "a.admin", map[string]any{"slug": "young-people", "name": "Young people", "kind": "custom"})
	org, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Youth Bank", "type": "youth_group", "tags": []string{"young-people"}})
	sdg := decode(t, s.do(req{method: "GET", path: "/api/v1/tags?q=sdg-5", as: "a.admin"}))["items"].([]any)[0].(map[string]any)
	sdgPath := fmt.Sprintf("/api/v1/tags/%d", int64(sdg["id"].(float64)))
	path := fmt.Sprintf("/api/v1/tags/%d", youth)
	ifMatch := func(v string) map[string]string { return map[string]string{"If-Match": v} }
	for _, c := range []struct {
		name     string
		r        req
		status   int
		location string
	}{
		{"rename", req{method: "PATCH", path: path, as: "a.admin", body: map[string]any{"name": "Youth and adolescents"}, header: ifMatch(etag)}, 200, ""},
		{"the slug never changes", req{method: "PATCH", path: path, as: "a.admin", body: map[string]any{"slug": "youngsters"}, header: ifMatch(`"2"`)}, 422, "body.slug"},
		{"a manager renames", req{method: "PATCH", path: path, as: "a.manager", body: map[string]any{"name": "X"}, header: ifMatch(`"2"`)}, 403, ""},
		{"an SDG is renamed", req{method: "PATCH", path: sdgPath, as: "a.admin", body: map[string]any{"name": "Gender"}, header: ifMatch(`"1"`)}, 422, "body.name"},
		{"an SDG is archived", req{method: "DELETE", path: sdgPath, as: "a.admin", header: ifMatch(`"1"`)}, 422, ""},
		{"merge without If-Match", req{method: "POST", path: fmt.Sprintf("/api/v1/tags/%d/merge", young), as: "a.admin", body: map[string]any{"into": youth}}, 428, ""},
		{"merge into itself", req{method: "POST", path: fmt.Sprintf("/api/v1/tags/%d/merge", young), as: "a.admin", body: map[string]any{"into": young}, header: ifMatch(youngTag)}, 422, "body.into"},
	} {
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
	w := s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/tags/%d/merge", young), as: "a.admin", body: map[string]any{"into": youth}, header: ifMatch(youngTag)})
	if m := decode(t, w); w.Code != 200 || m["moved"] != float64(1) {
		t.Fatalf("merge: %d %s", w.Code, w.Body.String())
	}
	if m := decode(t, s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/organizations/%d", org), as: "a.viewer"})); fmt.Sprint(m["tags"]) != "[youth]" {
		t.Errorf("tags after the merge: %v", m["tags"])
	}
	if m := decode(t, s.do(req{method: "GET", path: "/api/v1/tags?archived=true", as: "a.viewer"})); len(m["items"].([]any)) != 1 {
		t.Errorf("archived tags: %v", m["items"])
	}
	w = s.do(req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: map[string]any{"name": "New", "type": "ngo", "tags": []string{"young-people"}}})
	if w.Code != 422 || !hasLocation(decode(t, w), "body.tags") {
		t.Errorf("an archived tag on a new record: %d %s", w.Code, w.Body.String())
	}
	if w := s.do(req{method: "GET", path: "/api/v1/reports/engagement?from=2026-01-01&to=2026-12-31&by=donor", as: "a.viewer"}); w.Code != http.StatusOK {
		t.Errorf("report by donor: %d %s", w.Code, w.Body.String())
	}
}
