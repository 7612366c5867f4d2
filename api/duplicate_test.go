package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestDuplicatesOverHTTP(t *testing.T) {
	s := newServer(t)
	contact := func(as string, body map[string]any) int64 {
		id, _ := s.create("/api/v1/contacts", as, body)
		return id
	}
	a := contact("a.officer", map[string]any{"given_name": "Amra", "family_name": "Hodžić", "phone": "+387 61 123 456", "country_code": "BA"})
	b := contact("a.officer", map[string]any{"given_name": "Амра", "family_name": "Ходжић", "phone": "0038761123456", "country_code": "BA"})
	hidden := contact("b.officer", map[string]any{"given_name": "Amra", "family_name": "Hodzic", "phone": "061/123-456",
		"country_code": "BA", "restricted": true})
	mos, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})

	check := "/api/v1/duplicates/check?kind=contacts&given_name=" + url.QueryEscape("Amra") + "&family_name=Hodzic&phone=" +
		url.QueryEscape("061/123-456") + "&country_code=BA"
	for _, c := range []struct {
		name, path, as string
		status         int
		has, lacks     []string
	}{
		{"an officer is warned at the door", check, "a.officer", 200,
			[]string{fmt.Sprintf(`"ids":[%d]`, a), fmt.Sprintf(`"ids":[%d]`, b), `"same_phone"`, `"Амра Ходжић"`}, []string{fmt.Sprintf(`[%d]`, hidden)}},
		{"the acronym finds the name", "/api/v1/duplicates/check?kind=organizations&acronym=MoS", "a.officer", 200,
			[]string{fmt.Sprintf(`"ids":[%d]`, mos), `"acronym_matches_name"`}, nil},
		{"a viewer may not check", check, "a.viewer", 403, []string{`"code":"forbidden"`}, nil},
		{"an unknown kind", "/api/v1/duplicates/check?kind=visits&name=x", "a.officer", 422, []string{`"query.kind"`}, nil},
		{"the list, for a manager", "/api/v1/duplicates?kind=contacts", "a.manager", 200,
			[]string{fmt.Sprintf(`"ids":[%d,%d]`, a, b), `"next_cursor":null`}, []string{fmt.Sprint(hidden)}},
		{"not for an officer", "/api/v1/duplicates?kind=contacts", "a.officer", 403, nil, nil},
		{"the kind is required", "/api/v1/duplicates", "a.manager", 422, []string{`"query.kind"`}, nil},
		{"a forged cursor", "/api/v1/duplicates?kind=contacts&cursor=abc", "a.manager", 422, []string{"cursor"}, nil},
		{"a limit out of range", "/api/v1/duplicates?kind=contacts&limit=500", "a.manager", 422, []string{`"query.limit"`}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := s.do(req{method: "GET", path: c.path, as: c.as})
			if w.Code != c.status {
				t.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body.String())
			}
			for _, s := range c.has {
				if !strings.Contains(w.Body.String(), s) {
					t.Errorf("body lacks %s: %s", s, w.Body.String())
				}
			}
			for _, s := range c.lacks {
				if strings.Contains(w.Body.String(), s) {
					t.Errorf("body holds %s: %s", s, w.Body.String())
				}
			}
		})
	}
	if w := s.do(req{method: "GET", path: "/api/v1/duplicates?kind=contacts", as: "b.manager"}); w.Code != http.StatusOK ||
		!strings.Contains(w.Body.String(), fmt.Sprintf(`"ids":[%d,%d,%d]`, a, b, hidden)) {
		t.Errorf("office B's manager: %d %s", w.Code, w.Body.String())
	}
}
