package api_test

import (
	"net/http"
	"slices"
	"testing"
)

// The contacts list files people by family name unless asked otherwise,
// and says so in next pages' cursors; the older sorts still answer.
func TestContactsListSortsByFamilyNameByDefault(t *testing.T) {
	s := newServer(t)
	for _, c := range []map[string]any{
		{"given_name": "Lejla", "family_name": "Mujić"},
		{"honorific": "Mr", "given_name": "Ali", "family_name": "Abdullah"},
		{"given_name": "Dragan", "family_name": "Đukić"},
		{"given_name": "Selma", "family_name": "Smajić"},
	} {
		s.create("/api/v1/contacts", "a.officer", c)
	}
	names := func(path string) []string {
		var out []string
		for path != "" {
			w := s.do(req{method: "GET", path: path, as: "a.officer"})
			if w.Code != http.StatusOK {
				t.Fatalf("GET %s: %d %s", path, w.Code, w.Body.String())
			}
			page := decode(t, w)
			for _, it := range page["items"].([]any) {
				out = append(out, it.(map[string]any)["full_name"].(string))
			}
			path = ""
			if next, ok := page["next_cursor"].(string); ok && next != "" {
				path = "/api/v1/contacts?limit=3&cursor=" + next
			}
		}
		return out
	}
	want := []string{"Mr Ali Abdullah", "Dragan Đukić", "Lejla Mujić", "Selma Smajić"}
	if got := names("/api/v1/contacts?limit=3"); !slices.Equal(got, want) {
		t.Errorf("default order %q, want %q", got, want)
	}
	if got := names("/api/v1/contacts?sort=full_name"); got[0] != "Dragan Đukić" {
		t.Errorf("sort=full_name: %q", got)
	}
}
