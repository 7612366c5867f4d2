package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestVisitsOverHTTP(t *testing.T) {
	s := newServer(t)
	committee, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "National Committee", "type": "national_committee"})
	youth, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Amina", "family_name": "Hodžić", "restricted": true})
	participants := []map[string]any{
		{"organization_id": committee, "side": "visiting", "role": "head_of_delegation"},
		{"contact_id": youth, "side": "host", "role": "speaker"},
	}
	w := s.do(req{method: "POST", path: "/api/v1/visits", as: "a.officer", body: map[string]any{
		"title": "Study visit to Bosnia and Herzegovina", "kind": "study_visit", "start_date": "2026-11-23", "end_date": "2026-11-27",
		"origin_country_code": "IQ", "host_country_code": "BA", "participants": participants, "tags": []string{"sdg-16"},
	}})
	if w.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	v := decode(t, w)
	id := int64(v["id"].(float64))
	path := fmt.Sprintf("/api/v1/visits/%d", id)
	if v["status"] != "planned" || w.Header().Get("Location") != path || len(v["participants"].([]any)) != 2 {
		t.Errorf("created = %v", v)
	}
	if p := v["participants"].([]any)[1].(map[string]any); p["name"] != "Amina Hodžić" || p["contact_id"] != float64(youth) || p["restricted"] != false {
		t.Errorf("own office sees participant %v", p)
	}

	// Another office sees that someone protected took part, and nothing else.
	for _, get := range []string{path, "/api/v1/visits", "/api/v1/visits?host_country_code=BA&kind=study_visit"} {
		w = s.do(req{method: "GET", path: get, as: "b.manager"})
		body := w.Body.String()
		if w.Code != 200 || strings.Contains(body, "Hodžić") || strings.Contains(body, "Amina") || strings.Contains(body, fmt.Sprintf(`"contact_id":%d`, youth)) {
			t.Fatalf("%s leaks the restricted participant: %s", get, body)
		}
		want := `{"organization_id":null,"contact_id":null,"name":null,"restricted":true,"side":"host","role":"speaker"}`
		if !strings.Contains(body, want) {
			t.Errorf("%s: hidden participant not shown as %s: %s", get, want, body)
		}
	}
	if w = s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/visits?contact_id=%d&count=true", youth), as: "b.viewer"}); decode(t, w)["total"] != float64(0) {
		t.Errorf("contact filter tells: %s", w.Body.String())
	}
	w = s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/audit?entity=visit&entity_id=%d", id), as: "b.viewer"})
	if strings.Contains(w.Body.String(), fmt.Sprintf(`"contact_id":%d`, youth)) || !strings.Contains(w.Body.String(), `"restricted":true`) {
		t.Errorf("history leaks the restricted participant: %s", w.Body.String())
	}

	cases := []struct {
		name     string
		as       string
		body     map[string]any
		location string
	}{
		{"ends before it starts", "a.officer", map[string]any{"title": "X", "kind": "event", "start_date": "2026-05-02", "end_date": "2026-05-01"}, "body.end_date"},
		{"missing start", "a.officer", map[string]any{"title": "X", "kind": "event", "end_date": "2026-05-01"}, "body.start_date"},
		{"bad side", "a.officer", map[string]any{"title": "X", "kind": "event", "start_date": "2026-05-01", "end_date": "2026-05-01",
			"participants": []map[string]any{{"organization_id": committee, "side": "inside", "role": "host"}}}, "body.participants[0].side"},
		{"both ids", "a.officer", map[string]any{"title": "X", "kind": "event", "start_date": "2026-05-01", "end_date": "2026-05-01",
			"participants": []map[string]any{{"organization_id": committee, "contact_id": youth, "side": "host", "role": "host"}}}, "body.participants[0]"},
		{"a participant's name is not input", "a.officer", map[string]any{"title": "X", "kind": "event", "start_date": "2026-05-01", "end_date": "2026-05-01",
			"participants": []map[string]any{{"organization_id": committee, "side": "host", "role": "host", "name": "X"}}}, "body.participants[0].name"},
		{"restricted contact of another office", "b.officer", map[string]any{"title": "X", "kind": "event", "start_date": "2026-05-01", "end_date": "2026-05-01",
			"participants": []map[string]any{{"contact_id": youth, "side": "host", "role": "host"}}}, "body.participants[0].contact_id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := s.do(req{method: "POST", path: "/api/v1/visits", as: c.as, body: c.body})
			if w.Code != 422 || !hasLocation(decode(t, w), c.location) {
				t.Fatalf("%d %s", w.Code, w.Body.String())
			}
		})
	}

	// Participants in a patch replace the stored ones whole.
	w = s.do(req{method: "PATCH", path: path, as: "a.officer", header: map[string]string{"If-Match": `"1"`},
		body: map[string]any{"status": "completed", "outcomes": "Local-national coordination", "participants": participants[:1]}})
	if w.Code != 200 || len(decode(t, w)["participants"].([]any)) != 1 || w.Header().Get("ETag") != `"2"` {
		t.Fatalf("patch: %d %s", w.Code, w.Body.String())
	}
	for query, want := range map[string]int{
		"status=completed":                         1,
		"status=planned,cancelled":                 0,
		"start_after=2026-11-22":                   1,
		"start_before=2026-11-23":                  0,
		"organization_id=" + fmt.Sprint(committee): 1,
		"tag=sdg-16&origin_country_code=IQ":        1,
		"q=bosnia":                                 1,
	} {
		w = s.do(req{method: "GET", path: "/api/v1/visits?" + query, as: "b.viewer"})
		var list struct{ Items []json.RawMessage }
		if err := json.Unmarshal(w.Body.Bytes(), &list); err != nil || w.Code != 200 || len(list.Items) != want {
			t.Errorf("%s: %d items, want %d: %s", query, len(list.Items), want, w.Body.String())
		}
	}
	if w = s.do(req{method: "GET", path: "/api/v1/visits?start_after=soon", as: "b.viewer"}); w.Code != 422 || !hasLocation(decode(t, w), "query.start_after") {
		t.Errorf("bad date filter: %d %s", w.Code, w.Body.String())
	}
}
