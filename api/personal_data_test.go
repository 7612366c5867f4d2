package api_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestSubjectExportOverHTTP(t *testing.T) {
	s := newServer(t)
	org, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Zenica Youth Council", "type": "youth_group"})
	id, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Amra", "family_name": "Hodžić",
		"consent_basis": "consent", "consent_date": "2026-03-14", "consent_source": "signed form, Zenica workshop",
		"positions": []map[string]any{{"organization_id": org, "title": "Coordinator", "primary": true}}})
	s.create("/api/v1/interactions", "a.officer", map[string]any{"kind": "meeting", "subject": "Workshop", "starts_at": "2026-11-24T09:00:00Z",
		"participants": []map[string]any{{"contact_id": id, "role": "participant"}}})
	w := s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/contacts/%d/subject-export", id), as: "a.manager"})
	body := w.Body.String()
	if w.Code != 200 || !strings.Contains(w.Header().Get("Content-Disposition"), "subject-export-contact-") ||
		!strings.Contains(body, `"consent_source":"signed form, Zenica workshop"`) || !strings.Contains(body, `"title":"Workshop"`) ||
		!strings.Contains(body, `"history":[{`) {
		t.Fatalf("subject export: %d %s", w.Code, body)
	}
	for who, want := range map[string]int{"a.officer": 403, "a.viewer": 403, "b.manager": 403, "a.admin": 200} {
		if w := s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/contacts/%d/subject-export", id), as: who}); w.Code != want {
			t.Errorf("%s: %d, want %d", who, w.Code, want)
		}
	}
	// Another office's restricted contact does not exist for office A's manager.
	hidden, _ := s.create("/api/v1/contacts", "b.officer", map[string]any{"given_name": "Hidden", "restricted": true})
	if w := s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/contacts/%d/subject-export", hidden), as: "a.manager"}); w.Code != 404 {
		t.Fatalf("another office's restricted contact: %d %s", w.Code, w.Body.String())
	}
}

func TestErasureOverHTTP(t *testing.T) {
	s := newServer(t)
	id, etag := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Vesna", "family_name": "Qorvathel", "email": "vesna@example.org"})
	path := fmt.Sprintf("/api/v1/contacts/%d/erase", id)
	if w := s.do(req{method: "POST", path: path, as: "a.manager", body: map[string]any{"reason": "asked"}}); w.Code != 428 {
		t.Fatalf("without If-Match: %d", w.Code)
	}
	for _, bad := range []map[string]any{{}, {"reason": ""}, {"reason": strings.Repeat("x", 501)}, {"reason": "asked", "name": "x"}} {
		w := s.do(req{method: "POST", path: path, as: "a.manager", body: bad, header: map[string]string{"If-Match": etag}})
		if w.Code != 422 {
			t.Errorf("body %v: %d %s", bad, w.Code, w.Body.String())
		}
	}
	w := s.do(req{method: "POST", path: path, as: "a.manager", body: map[string]any{"reason": "The person asked on 2026-12-01"}, header: map[string]string{"If-Match": etag}})
	if w.Code != 200 || !strings.Contains(w.Body.String(), fmt.Sprintf(`"full_name":"Erased contact %d"`, id)) || !strings.Contains(w.Body.String(), `"erased_at":"`) {
		t.Fatalf("erase: %d %s", w.Code, w.Body.String())
	}
	for _, p := range []string{"/api/v1/contacts?q=Qorvathel", "/api/v1/search?q=Qorvathel", fmt.Sprintf("/api/v1/contacts/%d", id),
		fmt.Sprintf("/api/v1/audit-events?entity=contact&entity_id=%d", id)} {
		if w := s.do(req{method: "GET", path: p, as: "a.admin"}); strings.Contains(w.Body.String(), "Qorvathel") || strings.Contains(w.Body.String(), "vesna@") {
			t.Fatalf("GET %s after erasure still shows the person: %s", p, w.Body.String())
		}
	}
	if w := s.do(req{method: "POST", path: "/api/v1/retention/keep", as: "a.manager", body: map[string]any{"ids": []int64{id}, "reason": "x"}}); w.Code != 404 {
		t.Fatalf("keeping an erased contact: %d", w.Code)
	}
	w = s.do(req{method: "GET", path: "/api/v1/retention/contacts", as: "a.manager"})
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"years":5,"items":[]`) {
		t.Fatalf("retention list: %d %s", w.Code, w.Body.String())
	}
}
