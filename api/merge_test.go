package api_test

import (
	"fmt"
	"strings"
	"testing"
)

// Merging over HTTP: the If-Match rules on the survivor, the field
// allow-list located in the body, the survivor answered with its new ETag,
// and the merged record's old address naming the survivor.
func TestMergeContactsOverHTTP(t *testing.T) {
	s := newServer(t)
	survivor, etag := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Amra", "family_name": "Hodžić", "phone": "+387 61 123 456", "country_code": "BA"})
	twin, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"name_local": "Амра Хоџић", "email": "amra@example.ba"})
	meeting, _ := s.create("/api/v1/interactions", "a.officer", map[string]any{"kind": "meeting", "subject": "PVE strategy", "starts_at": "2026-10-05T09:00:00Z",
		"status": "held", "participants": []any{map[string]any{"contact_id": twin, "role": "participant"}}})
	path := fmt.Sprintf("/api/v1/contacts/%d/merge", survivor)
	body := map[string]any{"from": []int64{twin}, "fields": map[string]any{"email": twin}}
	cases := []struct {
		name    string
		as      string
		header  map[string]string
		body    any
		status  int
		snippet string
	}{
		{"no If-Match", "a.manager", nil, body, 428, `"code":"precondition_required"`},
		{"stale", "a.manager", map[string]string{"If-Match": `"99"`}, body, 412, `"code":"stale"`},
		{"officer", "a.officer", map[string]string{"If-Match": etag}, body, 403, `"code":"forbidden"`},
		{"viewer", "a.viewer", map[string]string{"If-Match": etag}, body, 403, `"code":"forbidden"`},
		{"other office's manager", "b.manager", map[string]string{"If-Match": etag}, body, 403, `"code":"forbidden"`},
		{"unknown field", "a.manager", map[string]string{"If-Match": etag}, map[string]any{"from": []int64{twin}, "fields": map[string]any{"full_name": twin}}, 422, `"location":"body.fields.full_name"`},
		{"into itself", "a.manager", map[string]string{"If-Match": etag}, map[string]any{"from": []int64{survivor}}, 422, `"location":"body.from[0]"`},
		{"unknown body field", "a.manager", map[string]string{"If-Match": etag}, map[string]any{"from": []int64{twin}, "into": 3}, 422, `body.into`},
		{"merged", "a.manager", map[string]string{"If-Match": etag}, body, 200, `"email":"amra@example.ba"`},
	}
	for _, tc := range cases {
		w := s.do(req{method: "POST", path: path, as: tc.as, header: tc.header, body: tc.body})
		if w.Code != tc.status || !strings.Contains(w.Body.String(), tc.snippet) {
			t.Errorf("%s: %d %s", tc.name, w.Code, w.Body.String())
		}
		if tc.status == 200 && w.Header().Get("ETag") == etag {
			t.Errorf("the survivor's ETag did not change")
		}
	}
	w := s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/contacts/%d", twin), as: "b.viewer"})
	if w.Code != 200 || !strings.Contains(w.Body.String(), fmt.Sprintf(`"merged_into_id":%d`, survivor)) || !strings.Contains(w.Body.String(), `"archived_at"`) {
		t.Errorf("merged contact's address: %d %s", w.Code, w.Body.String())
	}
	w = s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/interactions?contact_id=%d", survivor), as: "a.viewer"})
	if !strings.Contains(w.Body.String(), fmt.Sprintf(`{"id":%d,`, meeting)) {
		t.Errorf("the meeting is not the survivor's: %s", w.Body.String())
	}
	w = s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/audit?entity=contact&entity_id=%d", survivor), as: "a.viewer"})
	if !strings.Contains(w.Body.String(), fmt.Sprintf(`"entity_id":%d`, twin)) || !strings.Contains(w.Body.String(), `"action":"merge"`) {
		t.Errorf("the survivor's history lacks the merged record's events: %s", w.Body.String())
	}
	w = s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/merges/preview?kind=contacts&ids=%d,%d", survivor, twin), as: "a.manager"})
	if w.Code != 200 || !strings.Contains(w.Body.String(), fmt.Sprintf(`{"id":%d,"interactions":1,`, survivor)) || strings.Contains(w.Body.String(), fmt.Sprintf(`"id":%d,`, twin)) {
		t.Errorf("preview after the merge: %d %s", w.Code, w.Body.String())
	}
}

// A manager cannot merge a restricted contact of another office: it does
// not exist for them.
func TestMergeHidesOtherOfficesRestrictedContacts(t *testing.T) {
	s := newServer(t)
	survivor, etag := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Lejla"})
	hidden, _ := s.create("/api/v1/contacts", "b.officer", map[string]any{"given_name": "Lejla", "restricted": true})
	w := s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/contacts/%d/merge", survivor), as: "a.manager",
		header: map[string]string{"If-Match": etag}, body: map[string]any{"from": []int64{hidden}}})
	if w.Code != 404 || !strings.Contains(w.Body.String(), `"code":"not_found"`) {
		t.Errorf("%d %s", w.Code, w.Body.String())
	}
	w = s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/merges/preview?kind=contacts&ids=%d", hidden), as: "a.manager"})
	if w.Code != 200 || strings.Contains(w.Body.String(), fmt.Sprintf(`"id":%d`, hidden)) {
		t.Errorf("preview reveals the hidden contact: %s", w.Body.String())
	}
}
