package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// total answers count=true for a list as one user.
func (s *server) total(path, as string) float64 {
	s.t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	w := s.do(req{method: "GET", path: path + sep + "count=true", as: as})
	if w.Code != 200 {
		s.t.Fatalf("GET %s: %d %s", path, w.Code, w.Body.String())
	}
	return decode(s.t, w)["total"].(float64)
}

func TestInteractionsLogFollowUpsOverHTTP(t *testing.T) {
	s := newServer(t)
	city, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Grad Zenica", "type": "local_government"})
	youth, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Amina", "restricted": true})
	log := map[string]any{
		"kind": "meeting", "subject": "Youth and parents in Zenica", "starts_at": "2026-11-26T10:00:00+01:00", "ends_at": "2026-11-26T12:00:00+01:00",
		"city": "Zenica", "country_code": "BA", "restricted": true,
		"participants": []map[string]any{{"organization_id": city, "role": "host"}, {"contact_id": youth, "role": "participant"}},
		"commitments": []map[string]any{
			{"title": "Share the youth centre plan", "due_date": "2026-12-15", "counterpart_organization_id": city},
			{"title": "Invite the parents' council", "direction": "theirs", "priority": "high", "tags": []string{"sdg-5"}},
		},
	}
	w := s.do(req{method: "POST", path: "/api/v1/interactions", as: "a.officer", body: log})
	if w.Code != http.StatusCreated {
		t.Fatalf("log: %d %s", w.Code, w.Body.String())
	}
	it := decode(t, w)
	id := int64(it["id"].(float64))
	if it["starts_at"] != "2026-11-26T09:00:00Z" || it["status"] != "held" || len(it["participants"].([]any)) != 2 {
		t.Errorf("logged = %v", it)
	}
	w = s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/commitments?interaction_id=%d&sort=id", id), as: "a.viewer"})
	items := decode(t, w)["items"].([]any)
	if len(items) != 2 {
		t.Fatalf("follow-ups: %s", w.Body.String())
	}
	for _, item := range items {
		c := item.(map[string]any)
		if c["interaction_id"] != float64(id) || c["restricted"] != true || c["status"] != "open" {
			t.Errorf("follow-up = %v", c)
		}
	}

	// The restricted interaction and its follow-ups do not exist for office B.
	path := fmt.Sprintf("/api/v1/interactions/%d", id)
	if w = s.do(req{method: "GET", path: path, as: "b.manager"}); w.Code != 404 {
		t.Errorf("office B reads it: %d", w.Code)
	}
	if n := s.total("/api/v1/interactions", "b.viewer") + s.total("/api/v1/commitments", "b.viewer"); n != 0 {
		t.Errorf("office B counts %v", n)
	}
	if n := s.total("/api/v1/interactions?q="+url.QueryEscape("zenica parents"), "a.viewer"); n != 1 {
		t.Errorf("office A search: %v", n)
	}

	// One bad follow-up refuses the whole log; nothing is written.
	before := s.total("/api/v1/interactions", "a.admin") + s.total("/api/v1/commitments", "a.admin")
	cases := []struct {
		name     string
		edit     func(map[string]any)
		location string
	}{
		{"empty follow-up title", func(b map[string]any) {
			b["commitments"] = []map[string]any{{"title": "Fine"}, {"title": ""}}
		}, "body.commitments[1].title"},
		{"follow-up owner of another office", func(b map[string]any) {
			b["commitments"] = []map[string]any{{"title": "Fine"}, {"title": "X", "owner_id": s.fx.Users["b.officer"].ID}}
		}, "body.commitments[1].owner_id"},
		{"a follow-up's interaction is the one logged", func(b map[string]any) {
			b["commitments"] = []map[string]any{{"title": "X", "interaction_id": id}}
		}, "body.commitments[0].interaction_id"},
		{"ends before it starts", func(b map[string]any) { b["ends_at"] = "2026-11-26T09:59:00+01:00" }, "body.ends_at"},
		{"missing start", func(b map[string]any) { delete(b, "starts_at") }, "body.starts_at"},
		{"visit role", func(b map[string]any) {
			b["participants"] = []map[string]any{{"organization_id": city, "role": "head_of_delegation"}}
		}, "body.participants[0].role"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := map[string]any{}
			for k, v := range log {
				body[k] = v
			}
			c.edit(body)
			w := s.do(req{method: "POST", path: "/api/v1/interactions", as: "a.officer", body: body})
			if w.Code != 422 || !hasLocation(decode(t, w), c.location) {
				t.Fatalf("%d %s", w.Code, w.Body.String())
			}
		})
	}
	if after := s.total("/api/v1/interactions", "a.admin") + s.total("/api/v1/commitments", "a.admin"); after != before {
		t.Errorf("refused logs wrote records: %v -> %v", before, after)
	}

	for query, want := range map[string]float64{
		"starts_after=" + url.QueryEscape("2026-11-26T08:59:59Z"):  1,
		"starts_before=" + url.QueryEscape("2026-11-26T09:00:00Z"): 0,
		fmt.Sprintf("organization_id=%d&kind=meeting,call", city):  1,
		fmt.Sprintf("contact_id=%d", youth):                        1,
		"restricted=false":                                         0,
	} {
		if got := s.total("/api/v1/interactions?"+query, "a.viewer"); got != want {
			t.Errorf("%s: %v, want %v", query, got, want)
		}
	}
	if w = s.do(req{method: "GET", path: "/api/v1/interactions?starts_after=monday", as: "a.viewer"}); w.Code != 422 || !hasLocation(decode(t, w), "query.starts_after") {
		t.Errorf("bad time filter: %d %s", w.Code, w.Body.String())
	}
	w = s.do(req{method: "PATCH", path: path, as: "a.officer", header: map[string]string{"If-Match": `"1"`}, body: map[string]any{"summary": "Parents asked for a youth centre", "ends_at": nil}})
	if m := decode(t, w); w.Code != 200 || m["ends_at"] != nil || m["version"] != float64(2) {
		t.Errorf("patch: %d %s", w.Code, w.Body.String())
	}
}
