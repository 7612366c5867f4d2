package api_test

import (
	"fmt"
	"testing"
)

func TestAuditHistoryFollowsVisibility(t *testing.T) {
	s := newServer(t)
	orgID, tag := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})
	s.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/organizations/%d", orgID), as: "a.officer", body: map[string]any{"city": "Sarajevo"}, header: map[string]string{"If-Match": tag}})
	youth, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Youth", "restricted": true})
	s.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "b.viewer@example.org", "password": "wrong password here"}})

	events := func(as, query string) []map[string]any {
		t.Helper()
		w := s.do(req{method: "GET", path: "/api/v1/audit?" + query, as: as})
		if w.Code != 200 {
			t.Fatalf("%s %s: %d %s", as, query, w.Code, w.Body.String())
		}
		var out []map[string]any
		for _, it := range decode(t, w)["items"].([]any) {
			out = append(out, it.(map[string]any))
		}
		return out
	}
	org := events("b.viewer", fmt.Sprintf("entity=organization&entity_id=%d", orgID))
	if len(org) != 2 || org[0]["action"] != "update" || org[1]["action"] != "create" {
		t.Fatalf("organization history newest first: %v", org)
	}
	change := org[0]["changes"].(map[string]any)["city"].(map[string]any)
	if change["old"] != "" || change["new"] != "Sarajevo" || org[0]["client_addr"] != nil {
		t.Errorf("update event = %v", org[0])
	}
	if got := events("b.manager", fmt.Sprintf("entity=contact&entity_id=%d", youth)); len(got) != 0 {
		t.Errorf("another office sees the restricted contact's history: %v", got)
	}
	if got := events("a.viewer", fmt.Sprintf("entity=contact&entity_id=%d", youth)); len(got) != 1 {
		t.Errorf("own office history of the restricted contact: %v", got)
	}
	if got := events("a.viewer", "action=login_failed"); len(got) != 0 {
		t.Errorf("a viewer sees other people's failed sign-ins: %v", got)
	}
	admin := events("b.admin", "action=login_failed")
	if len(admin) != 1 || admin[0]["client_addr"] != "203.0.113.5" {
		t.Errorf("admin view of failed sign-ins: %v", admin)
	}
	for _, bad := range []string{"after=not-a-time", "entity=bogus", "entity=contact,bogus"} {
		if w := s.do(req{method: "GET", path: "/api/v1/audit?" + bad, as: "a.admin"}); w.Code != 422 {
			t.Errorf("%s: %d", bad, w.Code)
		}
	}
}
