package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestRelationshipsOverHTTP(t *testing.T) {
	s := newServer(t)
	ministry, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})
	canada, _ := s.create("/api/v1/organizations", "b.officer", map[string]any{"name": "Government of Canada", "type": "donor"})
	w := s.do(req{method: "POST", path: "/api/v1/relationships", as: "a.manager", body: map[string]any{
		"from_organization_id": ministry, "to_organization_id": canada, "kind": "funded_by", "start_date": "2025-01-01",
	}})
	if w.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	r := decode(t, w)
	id := int64(r["id"].(float64))
	path := fmt.Sprintf("/api/v1/relationships/%d", id)
	if r["office_id"] != float64(s.fx.OfficeA) || r["from_organization_name"] != "Ministry of Security" ||
		r["to_organization_name"] != "Government of Canada" || w.Header().Get("ETag") != `"1"` || w.Header().Get("Location") != path {
		t.Errorf("created = %v %v", r, w.Header())
	}
	body := func(kv ...any) map[string]any {
		m := map[string]any{"from_organization_id": ministry, "to_organization_id": canada, "kind": "partner_of"}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	ifMatch := func(v string) map[string]string { return map[string]string{"If-Match": v} }
	for _, c := range []struct {
		name     string
		r        req
		status   int
		location string
	}{
		{"the same link again", req{method: "POST", path: "/api/v1/relationships", as: "a.officer", body: body("kind", "funded_by")}, 409, "body.kind"},
		{"to itself", req{method: "POST", path: "/api/v1/relationships", as: "a.officer", body: body("to_organization_id", ministry)}, 422, "body.to_organization_id"},
		{"no such organization", req{method: "POST", path: "/api/v1/relationships", as: "a.officer", body: body("from_organization_id", 999999)}, 422, "body.from_organization_id"},
		{"unknown kind", req{method: "POST", path: "/api/v1/relationships", as: "a.officer", body: body("kind", "likes")}, 422, "body.kind"},
		{"ends before it starts", req{method: "POST", path: "/api/v1/relationships", as: "a.officer", body: body("start_date", "2026-02-01", "end_date", "2026-01-01")}, 422, "body.end_date"},
		{"names are read-only", req{method: "POST", path: "/api/v1/relationships", as: "a.officer", body: body("from_organization_name", "X")}, 422, "body.from_organization_name"},
		{"office is the server's", req{method: "PATCH", path: path, as: "a.officer", body: map[string]any{"office_id": s.fx.OfficeB}, header: ifMatch(`"1"`)}, 422, "body.office_id"},
		{"no If-Match", req{method: "PATCH", path: path, as: "a.officer", body: map[string]any{"note": "x"}}, 428, ""},
		{"stale", req{method: "PATCH", path: path, as: "a.officer", body: map[string]any{"note": "x"}, header: ifMatch(`"7"`)}, 412, ""},
		{"another office edits", req{method: "PATCH", path: path, as: "b.officer", body: map[string]any{"note": "x"}, header: ifMatch(`"1"`)}, 403, ""},
		{"viewer creates", req{method: "POST", path: "/api/v1/relationships", as: "a.viewer", body: body()}, 403, ""},
		{"unknown sort", req{method: "GET", path: "/api/v1/relationships?sort=kind", as: "a.viewer"}, 422, "query.sort"},
		{"limit out of range", req{method: "GET", path: "/api/v1/relationships?limit=201", as: "a.viewer"}, 422, "query.limit"},
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

	// Either end finds it, for any reader; the end date may be cleared.
	for _, org := range []int64{ministry, canada} {
		w := s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/relationships?organization_id=%d&count=true", org), as: "b.viewer"})
		if m := decode(t, w); w.Code != 200 || m["total"] != float64(1) || !strings.Contains(w.Body.String(), `"kind":"funded_by"`) {
			t.Errorf("organization %d: %d %s", org, w.Code, w.Body.String())
		}
	}
	w = s.do(req{method: "PATCH", path: path, as: "a.officer", body: map[string]any{"end_date": "2026-12-31", "note": "SIMVEX"}, header: ifMatch(`"1"`)})
	if m := decode(t, w); w.Code != 200 || m["end_date"] != "2026-12-31" || w.Header().Get("ETag") != `"2"` {
		t.Errorf("patch: %d %s", w.Code, w.Body.String())
	}
	if w := s.do(req{method: "DELETE", path: path, as: "a.officer", header: ifMatch(`"2"`)}); w.Code != 204 {
		t.Fatalf("archive: %d %s", w.Code, w.Body.String())
	}
	if w := s.do(req{method: "GET", path: path, as: "a.viewer"}); w.Code != 404 {
		t.Errorf("archived get: %d", w.Code)
	}
	if w := s.do(req{method: "POST", path: path + "/restore", as: "a.manager"}); w.Code != 200 || w.Header().Get("ETag") != `"4"` {
		t.Errorf("restore: %d %s", w.Code, w.Body.String())
	}

	// The network draws it, with the organizations at both ends.
	w = s.do(req{method: "GET", path: "/api/v1/network", as: "b.viewer"})
	net := decode(t, w)
	if w.Code != 200 || len(net["nodes"].([]any)) != 2 || len(net["edges"].([]any)) != 1 || net["truncated"] != false {
		t.Errorf("network: %d %s", w.Code, w.Body.String())
	}
	if w := s.do(req{method: "GET", path: "/api/v1/network?project_id=x", as: "b.viewer"}); w.Code != 422 {
		t.Errorf("a bad project id: %d", w.Code)
	}
}
