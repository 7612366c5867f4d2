package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestCommitmentsOverHTTP(t *testing.T) {
	s := newServer(t)
	day := func(offset int) string { return time.Now().UTC().AddDate(0, 0, offset).Format(time.DateOnly) }
	w := s.do(req{method: "POST", path: "/api/v1/commitments", as: "a.officer", body: map[string]any{
		"title": "Send the strategy draft to the committee", "due_date": day(-1), "priority": "high",
	}})
	if w.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	c := decode(t, w)
	id := int64(c["id"].(float64))
	path := fmt.Sprintf("/api/v1/commitments/%d", id)
	if c["overdue"] != true || c["completed_at"] != nil || c["direction"] != "ours" || c["owner_id"] != float64(s.fx.Users["a.officer"].ID) {
		t.Errorf("created = %v", c)
	}
	if n := s.total("/api/v1/commitments?overdue=true", "b.viewer"); n != 1 {
		t.Errorf("overdue list: %v", n)
	}

	// Closing stamps completed_at and ends overdue; reopening clears it.
	w = s.do(req{method: "PATCH", path: path, as: "a.officer", header: map[string]string{"If-Match": `"1"`}, body: map[string]any{"status": "done", "closure_note": "Sent by email"}})
	if m := decode(t, w); w.Code != 200 || m["completed_at"] == nil || m["overdue"] != false {
		t.Fatalf("close: %d %s", w.Code, w.Body.String())
	}
	if n := s.total("/api/v1/commitments?overdue=true", "b.viewer"); n != 0 {
		t.Errorf("a done commitment is overdue: %v", n)
	}
	w = s.do(req{method: "PATCH", path: path, as: "a.manager", header: map[string]string{"If-Match": `"2"`}, body: map[string]any{"status": "open"}})
	if m := decode(t, w); w.Code != 200 || m["completed_at"] != nil || m["overdue"] != true {
		t.Fatalf("reopen: %d %s", w.Code, w.Body.String())
	}

	cases := []struct {
		name     string
		r        req
		status   int
		location string
	}{
		{"overdue is derived", req{method: "POST", path: "/api/v1/commitments", as: "a.officer", body: map[string]any{"title": "X", "overdue": false}}, 422, "body.overdue"},
		{"completed_at is the server's", req{method: "PATCH", path: path, as: "a.officer", body: map[string]any{"completed_at": "2026-01-01T00:00:00Z"}, header: map[string]string{"If-Match": `"3"`}}, 422, "body.completed_at"},
		{"an owner is required", req{method: "PATCH", path: path, as: "a.manager", body: map[string]any{"owner_id": nil}, header: map[string]string{"If-Match": `"3"`}}, 422, "body.owner_id"},
		{"an officer reassigns a colleague's", req{method: "PATCH", path: path, as: "a.colleague", body: map[string]any{"owner_id": s.fx.Users["a.colleague"].ID}, header: map[string]string{"If-Match": `"3"`}}, 403, ""},
		{"bad status", req{method: "PATCH", path: path, as: "a.officer", body: map[string]any{"status": "closed"}, header: map[string]string{"If-Match": `"3"`}}, 422, "body.status"},
		{"unknown counterpart", req{method: "POST", path: "/api/v1/commitments", as: "a.officer", body: map[string]any{"title": "X", "counterpart_organization_id": 999999}}, 422, "body.counterpart_organization_id"},
		{"bad overdue filter", req{method: "GET", path: "/api/v1/commitments?overdue=yes", as: "a.viewer"}, 422, "query.overdue"},
		{"bad due filter", req{method: "GET", path: "/api/v1/commitments?due_before=friday", as: "a.viewer"}, 422, "query.due_before"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := s.do(tc.r)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body.String())
			}
			if tc.location != "" && !hasLocation(decode(t, w), tc.location) {
				t.Errorf("no error at %s: %s", tc.location, w.Body.String())
			}
		})
	}
	// The owner hands it on.
	w = s.do(req{method: "PATCH", path: path, as: "a.officer", header: map[string]string{"If-Match": `"3"`}, body: map[string]any{"owner_id": s.fx.Users["a.colleague"].ID}})
	if w.Code != 200 {
		t.Fatalf("hand on: %d %s", w.Code, w.Body.String())
	}

	// Paging by due date crosses the undated commitments without loss.
	dues := []any{day(3), nil, day(3), nil, day(-5), day(10), nil}
	for i, due := range dues {
		s.create("/api/v1/commitments", "a.officer", map[string]any{"title": fmt.Sprintf("Follow-up %d", i), "due_date": due})
	}
	seen := map[float64]bool{}
	var order []any
	query := "limit=2&sort=due_date"
	for pages := 0; pages < 10; pages++ {
		w = s.do(req{method: "GET", path: "/api/v1/commitments?" + query, as: "b.viewer"})
		m := decode(t, w)
		for _, it := range m["items"].([]any) {
			item := it.(map[string]any)
			if seen[item["id"].(float64)] {
				t.Fatalf("%v listed twice", item["id"])
			}
			seen[item["id"].(float64)] = true
			order = append(order, item["due_date"])
		}
		next, _ := m["next_cursor"].(string)
		if next == "" {
			break
		}
		query = "limit=2&sort=due_date&cursor=" + url.QueryEscape(next)
	}
	want := []any{day(-5), day(-1), day(3), day(3), day(10), nil, nil, nil}
	if len(order) != len(want) {
		t.Fatalf("listed %d, want %d: %v", len(order), len(want), order)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("order %v, want %v", order, want)
		}
	}
}

// TestEngagementRecordsRefuseServerOwnedFields sends the server's fields in
// create bodies of projects, visits, interactions and commitments.
func TestEngagementRecordsRefuseServerOwnedFields(t *testing.T) {
	s := newServer(t)
	bases := map[string]map[string]any{
		"/api/v1/projects":     {"code": "P1", "name": "P"},
		"/api/v1/visits":       {"title": "V", "kind": "event", "start_date": "2026-05-01", "end_date": "2026-05-01"},
		"/api/v1/interactions": {"kind": "call", "subject": "I", "starts_at": "2026-05-01T09:00:00Z"},
		"/api/v1/commitments":  {"title": "C"},
	}
	owned := map[string]any{"id": 9, "version": 9, "office_id": s.fx.OfficeB, "created_at": "2020-01-01T00:00:00Z",
		"updated_at": "2020-01-01T00:00:00Z", "archived_at": "2020-01-01T00:00:00Z", "search_text": "x"}
	for path, base := range bases {
		for field, value := range owned {
			body := map[string]any{field: value}
			for k, v := range base {
				body[k] = v
			}
			if w := s.do(req{method: "POST", path: path, as: "a.admin", body: body}); w.Code != 422 || !hasLocation(decode(t, w), "body."+field) {
				t.Errorf("POST %s with %s: %d %s", path, field, w.Code, w.Body.String())
			}
		}
		if n := s.total(path, "a.admin"); n != 0 {
			t.Errorf("%s: %v records written", path, n)
		}
	}
}
