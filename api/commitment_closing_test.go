package api_test

import (
	"fmt"
	"net/http"
	"testing"
)

// Closing another's commitment without being a manager is refused with a
// code the app can explain.
func TestClosingAnothersCommitmentOverHTTP(t *testing.T) {
	s := newServer(t)
	cases := []struct {
		owner, closer string
		status        int
		code          string
	}{
		{"a.manager", "a.officer", http.StatusForbidden, "commitment_close_not_allowed"},
		{"a.officer", "a.officer", http.StatusOK, ""},
		{"a.officer", "a.manager", http.StatusOK, ""},
	}
	for _, tc := range cases {
		t.Run(tc.owner+" closed by "+tc.closer, func(t *testing.T) {
			id, etag := s.create("/api/v1/commitments", tc.owner, map[string]any{"title": "Send the strategy draft"})
			w := s.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/commitments/%d", id), as: tc.closer,
				header: map[string]string{"If-Match": etag}, body: map[string]any{"status": "done"}})
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body.String())
			}
			if tc.code != "" && decode(t, w)["code"] != tc.code {
				t.Errorf("code = %v, want %s", decode(t, w)["code"], tc.code)
			}
		})
	}
}
