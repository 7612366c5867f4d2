package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestNoteRoundTrip(t *testing.T) {
	s := newServer(t)
	org, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})
	colleague := s.fx.Users["a.colleague"]
	notes := fmt.Sprintf("/api/v1/organizations/%d/notes", org)
	body := fmt.Sprintf("Reception agreed. Ask @[%s](user:%d) to send the **list**.", colleague.Name, colleague.ID)
	w := s.do(req{method: "POST", path: notes, as: "a.officer", body: map[string]any{"body": body}})
	if w.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	n := decode(t, w)
	id := int64(n["id"].(float64))
	path := fmt.Sprintf("/api/v1/notes/%d", id)
	if w.Header().Get("Location") != path || w.Header().Get("ETag") != `"1"` || n["author_id"] != float64(s.fx.Users["a.officer"].ID) ||
		n["entity"] != "organization" || n["entity_id"] != float64(org) || fmt.Sprint(n["mentions"]) != fmt.Sprintf("[%d]", colleague.ID) {
		t.Fatalf("created: %v %v", w.Header(), n)
	}

	for _, tc := range []struct {
		name   string
		r      req
		status int
		where  string // the location the problem names
	}{
		{"read-only author", req{method: "POST", path: notes, as: "a.officer", body: map[string]any{"body": "x", "author_id": 1}}, 422, "body.author_id"},
		{"read-only mentions", req{method: "POST", path: notes, as: "a.officer", body: map[string]any{"body": "x", "mentions": []int{1}}}, 422, "body.mentions"},
		{"empty body", req{method: "POST", path: notes, as: "a.officer", body: map[string]any{"body": ""}}, 422, "body.body"},
		{"blank body", req{method: "POST", path: notes, as: "a.officer", body: map[string]any{"body": "   "}}, 422, "body.body"},
		{"an inactive colleague", req{method: "POST", path: notes, as: "a.officer", body: map[string]any{
			"body": fmt.Sprintf("@[X](user:%d)", s.fx.Users["a.inactive"].ID)}}, 422, "body.body"},
		{"no record", req{method: "POST", path: "/api/v1/organizations/999999/notes", as: "a.officer", body: map[string]any{"body": "x"}}, 404, ""},
		{"patch without If-Match", req{method: "PATCH", path: path, as: "a.officer", body: map[string]any{"body": "y"}}, 428, "header.If-Match"},
		{"patch by another", req{method: "PATCH", path: path, as: "a.manager", body: map[string]any{"body": "y"}, header: map[string]string{"If-Match": `"1"`}}, 403, ""},
		{"stale patch", req{method: "PATCH", path: path, as: "a.officer", body: map[string]any{"body": "y"}, header: map[string]string{"If-Match": `"7"`}}, 412, ""},
		{"patch the author", req{method: "PATCH", path: path, as: "a.officer", body: map[string]any{"author_id": 1}, header: map[string]string{"If-Match": `"1"`}}, 422, "body.author_id"},
		{"unknown sort", req{method: "GET", path: notes + "?sort=body", as: "a.viewer"}, 422, "query.sort"},
		{"bad limit", req{method: "GET", path: notes + "?limit=500", as: "a.viewer"}, 422, "query.limit"},
		{"bad cursor", req{method: "GET", path: notes + "?cursor=nonsense", as: "a.viewer"}, 422, "query.cursor"},
		{"delete without If-Match", req{method: "DELETE", path: path, as: "a.officer"}, 428, "header.If-Match"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := s.do(tc.r)
			if w.Code != tc.status || !strings.Contains(w.Header().Get("Content-Type"), "problem+json") {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body.String())
			}
			if tc.where != "" && !strings.Contains(w.Body.String(), `"location":"`+tc.where+`"`) {
				t.Fatalf("the problem does not name %s: %s", tc.where, w.Body.String())
			}
		})
	}

	w = s.do(req{method: "PATCH", path: path, as: "a.officer", body: map[string]any{"body": "Reception agreed; @a.manager has the list."},
		header: map[string]string{"If-Match": `"1"`, "Content-Type": "application/merge-patch+json"}})
	if p := decode(t, w); w.Code != 200 || w.Header().Get("ETag") != `"2"` || fmt.Sprint(p["mentions"]) != fmt.Sprintf("[%d]", s.fx.Users["a.manager"].ID) {
		t.Fatalf("patch: %d %v", w.Code, p)
	}
	w = s.do(req{method: "GET", path: notes + "?count=true", as: "b.viewer"})
	if l := decode(t, w); w.Code != 200 || l["total"] != float64(1) || !strings.Contains(w.Body.String(), "has the list") {
		t.Fatalf("list: %d %s", w.Code, w.Body.String())
	}
	if w = s.do(req{method: "DELETE", path: path, as: "a.officer", header: map[string]string{"If-Match": `"2"`}}); w.Code != http.StatusNoContent {
		t.Fatalf("delete: %d %s", w.Code, w.Body.String())
	}
	if w = s.do(req{method: "GET", path: path, as: "a.officer"}); w.Code != http.StatusNotFound {
		t.Fatalf("get after delete: %d", w.Code)
	}
}
