package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
)

// serverOwned are fields only the server sets. Sent in any create or patch
// body, each must be refused by name (422) and change nothing.
var serverOwned = map[string]any{
	"id": 99, "version": 99, "office_id": 2, "created_at": "2020-01-01T00:00:00Z", "updated_at": "2020-01-01T00:00:00Z",
	"deleted_at": "2020-01-01T00:00:00Z", "archived_at": "2020-01-01T00:00:00Z", "password_hash": "x", "token_hash": "x",
	"search_text": "x", "full_name": "X", "overdue": true, "completed_at": "2020-01-01T00:00:00Z", "last_login_at": "2020-01-01T00:00:00Z",
	"last_used_at": "2020-01-01T00:00:00Z", "role": "admin",
}

// settable are the exceptions: fields a route's request type names on purpose.
var settable = map[string][]string{
	"POST /api/v1/users":       {"office_id", "role"},
	"PATCH /api/v1/users/{id}": {"office_id", "role"},
}

// TestServerOwnedFieldsCannotBeSet walks every create and patch route of
// the authorization matrix (so a new route is covered as soon as it has an
// entry) and sends its valid body plus one server-owned field at a time, as
// an admin, whom nothing else stops.
func TestServerOwnedFieldsCannotBeSet(t *testing.T) {
	s := newServer(t)
	keys := make([]string, 0, len(matrix))
	for k, r := range matrix {
		method, path, _ := strings.Cut(k, " ")
		// Multipart uploads name their one part themselves (document_test.go).
		if (method == "POST" || method == "PATCH") && r.body != nil && r.contentType == "" && !strings.HasPrefix(path, "/api/v1/auth/login") && !strings.HasSuffix(path, "/password") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if len(keys) < 15 {
		t.Fatalf("only %d write routes found: %v", len(keys), keys)
	}
	fields := make([]string, 0, len(serverOwned))
	for f := range serverOwned {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, key := range keys {
		r := matrix[key]
		method, path, _ := strings.Cut(key, " ")
		t.Run(key, func(t *testing.T) {
			target := s.target(r, false, false)
			p := strings.Replace(path, "{id}", fmt.Sprint(target.id), 1)
			before := ""
			if target.id != 0 && method == "PATCH" {
				before = s.etagOf(p)
			}
			for _, field := range fields {
				if slices.Contains(settable[key], field) {
					continue
				}
				body := r.body().(map[string]any)
				body[field] = serverOwned[field]
				w := s.do(req{method: method, path: p, as: "a.admin", body: body, header: map[string]string{"If-Match": target.etag}})
				if w.Code != http.StatusUnprocessableEntity || !hasLocation(decode(t, w), "body."+field) {
					t.Errorf("%s with %s: %d %s", key, field, w.Code, w.Body.String())
				}
			}
			if before != "" {
				if after := s.etagOf(p); after != before {
					t.Errorf("the record changed: ETag %s -> %s", before, after)
				}
			}
		})
	}
}

// TestReassigningIsAManagersAct: an officer may not hand a colleague's
// commitment to someone else; the office's manager may.
func TestReassigningIsAManagersAct(t *testing.T) {
	s := newServer(t)
	id, etag := s.create("/api/v1/commitments", "a.colleague", map[string]any{"title": "Send the minutes", "due_date": "2026-12-01"})
	path := fmt.Sprintf("/api/v1/commitments/%d", id)
	me := s.fx.Users["a.officer"].ID
	w := s.do(req{method: "PATCH", path: path, as: "a.officer", body: map[string]any{"owner_id": me}, header: map[string]string{"If-Match": etag}})
	if w.Code != http.StatusForbidden {
		t.Fatalf("officer takes a colleague's commitment: %d %s", w.Code, w.Body.String())
	}
	w = s.do(req{method: "PATCH", path: path, as: "a.manager", body: map[string]any{"owner_id": me}, header: map[string]string{"If-Match": etag}})
	if w.Code != http.StatusOK || decode(t, w)["owner_id"] != float64(me) {
		t.Fatalf("manager reassigns: %d %s", w.Code, w.Body.String())
	}
}
