package api_test

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// Cursors are opaque to clients but travel through them unsigned: a cursor
// taken apart and put together again with a value of another type, another
// sort, a kind that does not exist or no JSON at all must be refused with
// 422 at query.cursor on every list the server has, never reach the
// database as a 500. The lists are read from the server's own OpenAPI
// document, so that a list added later is covered too.
func TestEveryListRefusesAForgedCursor(t *testing.T) {
	s := newServer(t)
	org, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})
	person, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Amra", "family_name": "Hodžić"})
	visit, _ := s.create("/api/v1/visits", "a.officer", map[string]any{"title": "Study visit", "kind": "study_visit", "start_date": "2026-11-23", "end_date": "2026-11-27"})
	meeting, _ := s.create("/api/v1/interactions", "a.officer", map[string]any{"kind": "meeting", "subject": "Meeting", "starts_at": "2026-11-24T09:00:00Z"})
	ids := map[string]int64{"organizations": org, "contacts": person, "visits": visit, "interactions": meeting}
	w := s.do(req{method: "GET", path: "/api/v1/openapi.json"})
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name, In string
				Schema   struct {
					Enum []string
				}
			}
		}
	}
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	forged := func(v map[string]any) string {
		raw, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(raw)
	}
	// Lists with a required parameter, given a value here.
	required := map[string]string{"/api/v1/duplicates": "&kind=contacts"}
	// Lists only admins may read, read by one.
	caller := map[string]string{"/api/v1/admin/jobs": "a.admin"}
	lists := 0
	for path, ops := range doc.Paths {
		op, ok := ops["get"]
		if !ok {
			continue
		}
		var sorts []string
		paged := false
		for _, p := range op.Parameters {
			paged = paged || (p.In == "query" && p.Name == "cursor")
			if p.In == "query" && p.Name == "sort" {
				sorts = p.Schema.Enum
			}
		}
		if !paged {
			continue
		}
		lists++
		extra := required[path]
		if strings.Contains(path, "{id}") {
			id, ok := ids[strings.Split(path, "/")[3]]
			if !ok {
				t.Fatalf("no record to list %s of", path)
			}
			path = strings.ReplaceAll(path, "{id}", strconv.FormatInt(id, 10))
		}
		cursors := []string{
			"eyJzIjoibmFtZSIsInYiOnsieCI6MX0sImkiOjF9", // {"s":"name","v":{"x":1},"i":1}
			"not base64!", "eyJ4Ijox", forged(map[string]any{"s": 7, "v": 1, "i": "x"}),
			forged(map[string]any{"a": map[string]any{"x": 1}, "k": "visit", "i": 1}),          // a timeline's, with an object
			forged(map[string]any{"a": "not a time", "k": "interaction", "i": 1}),              // a timeline's, with a bad time
			forged(map[string]any{"a": "2026-01-01T00:00:00Z", "k": "; DROP TABLE x", "i": 1}), // a timeline's, with a kind not known
		}
		for _, sort := range append(sorts, "") {
			for _, v := range []any{map[string]any{"x": 1}, []any{1}, true, nil, 1.5, 1e300, "not a time", 12, -1} {
				cursors = append(cursors, forged(map[string]any{"s": sort, "v": v, "i": 1}))
			}
		}
		for _, c := range cursors {
			query := "?cursor=" + url.QueryEscape(c) + extra
			w := s.do(req{method: "GET", path: path + query, as: cmp.Or(caller[path], "a.manager")})
			if w.Code == 200 {
				continue // a cursor whose value fits its sort: a page after it, as asked
			}
			if w.Code != 422 || !strings.Contains(w.Body.String(), `"query.cursor"`) {
				raw, _ := base64.RawURLEncoding.DecodeString(c)
				t.Errorf("GET %s with cursor %s: %d %s", path, raw, w.Code, w.Body.String())
			}
		}
		// The object cursor is never a page.
		w := s.do(req{method: "GET", path: path + "?cursor=" + forged(map[string]any{"s": "", "v": map[string]any{"x": 1}, "i": 1}) + extra, as: cmp.Or(caller[path], "a.manager")})
		if w.Code != 422 {
			t.Errorf("GET %s with an object for a value: %d", path, w.Code)
		}
	}
	if lists < 10 {
		t.Fatalf("found %d paged lists in the OpenAPI document; the enumeration is broken", lists)
	}
	if strings.Contains(s.logs.String(), `"level":"ERROR"`) {
		t.Errorf("forged cursors logged errors:\n%s", s.logs.String())
	}
}
