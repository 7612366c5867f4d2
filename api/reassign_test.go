package api_test

import (
	"fmt"
	"net/http"
	"testing"
)

// TestReassignManyCommitments: a manager hands several follow-ups to a
// colleague in one request; any stale, foreign or hidden commitment fails
// the whole request, at its place in the body, and changes nothing.
func TestReassignManyCommitments(t *testing.T) {
	s := newServer(t)
	own := make([]int64, 3)
	for i := range own {
		own[i], _ = s.create("/api/v1/commitments", "a.officer", map[string]any{"title": fmt.Sprintf("Follow-up %d", i), "due_date": "2020-01-01"})
	}
	other, _ := s.create("/api/v1/commitments", "b.officer", map[string]any{"title": "Their follow-up"})
	hidden, _ := s.create("/api/v1/commitments", "b.officer", map[string]any{"title": "Their restricted one", "restricted": true})
	colleague := s.fx.Users["a.colleague"].ID
	ref := func(id, version int64) map[string]any { return map[string]any{"id": id, "version": version} }
	ownerOf := func(id int64) any {
		w := s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/commitments/%d", id), as: "a.admin"})
		return decode(t, w)["owner_id"]
	}
	officer := float64(s.fx.Users["a.officer"].ID)

	cases := []struct {
		name     string
		as       string
		body     map[string]any
		status   int
		location string
	}{
		{"one is stale", "a.manager", map[string]any{"owner_id": colleague, "commitments": []any{ref(own[0], 1), ref(own[1], 7)}}, http.StatusPreconditionFailed, "body.commitments[1].version"},
		{"one is another office's", "a.manager", map[string]any{"owner_id": colleague, "commitments": []any{ref(own[0], 1), ref(other, 1)}}, http.StatusForbidden, "body.commitments[1].id"},
		{"one is hidden", "a.manager", map[string]any{"owner_id": colleague, "commitments": []any{ref(hidden, 1), ref(own[0], 1)}}, http.StatusNotFound, "body.commitments[0].id"},
		{"officers do not reassign in bulk", "a.officer", map[string]any{"owner_id": colleague, "commitments": []any{ref(own[0], 1)}}, http.StatusForbidden, "body.commitments[0].id"},
		{"viewers neither", "a.viewer", map[string]any{"owner_id": colleague, "commitments": []any{ref(own[0], 1)}}, http.StatusForbidden, "body.commitments[0].id"},
		{"an owner of another office", "a.manager", map[string]any{"owner_id": s.fx.Users["b.colleague"].ID, "commitments": []any{ref(own[0], 1)}}, http.StatusUnprocessableEntity, "body.owner_id"},
		{"an inactive owner", "a.manager", map[string]any{"owner_id": s.fx.Users["a.inactive"].ID, "commitments": []any{ref(own[0], 1)}}, http.StatusUnprocessableEntity, "body.owner_id"},
		{"the same one twice", "a.manager", map[string]any{"owner_id": colleague, "commitments": []any{ref(own[0], 1), ref(own[0], 1)}}, http.StatusUnprocessableEntity, "body.commitments[1].id"},
		{"none", "a.manager", map[string]any{"owner_id": colleague, "commitments": []any{}}, http.StatusUnprocessableEntity, "body.commitments"},
		{"too many", "a.manager", map[string]any{"owner_id": colleague, "commitments": func() []any {
			out := make([]any, 201)
			for i := range out {
				out[i] = ref(int64(i+1), 1)
			}
			return out
		}()}, http.StatusUnprocessableEntity, "body.commitments"},
		{"a field the client may not set", "a.manager", map[string]any{"owner_id": colleague, "status": "done", "commitments": []any{ref(own[0], 1)}}, http.StatusUnprocessableEntity, "body.status"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := s.do(req{method: "POST", path: "/api/v1/commitments/reassign", as: tc.as, body: tc.body})
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body.String())
			}
			if !hasLocation(decode(t, w), tc.location) {
				t.Errorf("no error at %s: %s", tc.location, w.Body.String())
			}
			for _, id := range own {
				if got := ownerOf(id); got != officer {
					t.Fatalf("commitment %d changed owner to %v by a failed request", id, got)
				}
			}
		})
	}

	// All named, in one go; the answer is in the order named, at new versions.
	w := s.do(req{method: "POST", path: "/api/v1/commitments/reassign", as: "a.manager", body: map[string]any{
		"owner_id": colleague, "commitments": []any{ref(own[2], 1), ref(own[0], 1)},
	}})
	if w.Code != http.StatusOK {
		t.Fatalf("reassign: %d %s", w.Code, w.Body.String())
	}
	items := decode(t, w)["items"].([]any)
	if len(items) != 2 {
		t.Fatalf("items = %v", items)
	}
	for i, want := range []int64{own[2], own[0]} {
		m := items[i].(map[string]any)
		if m["id"] != float64(want) || m["owner_id"] != float64(colleague) || m["version"] != float64(2) {
			t.Errorf("item %d = %v", i, m)
		}
	}
	if ownerOf(own[1]) != officer {
		t.Error("a commitment not named was reassigned")
	}
	// The review counts them under their new owner at once.
	review := decode(t, s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/review/commitments?owner_id=%d", colleague), as: "a.manager"}))
	if totals := review["totals"].(map[string]any); totals["overdue"] != float64(2) {
		t.Errorf("review of the new owner: %v", totals)
	}
	// The history says who handed what to whom.
	audit := decode(t, s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/audit?entity=commitment&entity_id=%d", own[0]), as: "a.manager"}))
	events := audit["items"].([]any)
	if latest := events[0].(map[string]any); latest["action"] != "update" || latest["actor_id"] != float64(s.fx.Users["a.manager"].ID) {
		t.Errorf("latest audit event = %v", latest)
	}
	// Naming a commitment its owner already has changes nothing.
	w = s.do(req{method: "POST", path: "/api/v1/commitments/reassign", as: "a.manager", body: map[string]any{
		"owner_id": colleague, "commitments": []any{ref(own[0], 2)},
	}})
	if m := decode(t, w); w.Code != 200 || m["items"].([]any)[0].(map[string]any)["version"] != float64(2) {
		t.Errorf("no-op reassignment: %d %s", w.Code, w.Body.String())
	}
	// Admins reassign in any office, to a user of that office.
	w = s.do(req{method: "POST", path: "/api/v1/commitments/reassign", as: "a.admin", body: map[string]any{
		"owner_id": s.fx.Users["b.colleague"].ID, "commitments": []any{ref(other, 1), ref(hidden, 1)},
	}})
	if w.Code != 200 {
		t.Errorf("admin: %d %s", w.Code, w.Body.String())
	}
}
