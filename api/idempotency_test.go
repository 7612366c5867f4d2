package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// keyed sends a POST with an Idempotency-Key.
func (s *server) keyed(path, as, key string, body any, header ...map[string]string) *httptest.ResponseRecorder {
	s.t.Helper()
	h := map[string]string{"Idempotency-Key": key}
	for _, m := range header {
		for k, v := range m {
			h[k] = v
		}
	}
	return s.do(req{method: "POST", path: path, as: as, body: body, header: h})
}

// rows counts the rows of a table matching a condition.
func (s *server) rows(table, where string, args ...any) int64 {
	s.t.Helper()
	var n int64
	if err := s.db.Raw("SELECT COUNT(*) FROM "+table+" WHERE "+where, args...).Scan(&n).Error; err != nil {
		s.t.Fatal(err)
	}
	return n
}

// A retried create gets the first response again, status, body and headers
// alike, marked as replayed, and creates nothing.
func TestIdempotencyKeyRepeatGetsTheFirstResponse(t *testing.T) {
	s := newServer(t)
	body := map[string]any{"given_name": "Amra", "family_name": "Hodžić"}
	first := s.keyed("/api/v1/contacts", "a.officer", "outbox-1", body)
	if first.Code != http.StatusCreated || first.Header().Get("Idempotent-Replayed") != "" {
		t.Fatalf("first: %d %v %s", first.Code, first.Header(), first.Body.String())
	}
	for range 2 {
		again := s.keyed("/api/v1/contacts", "a.officer", "outbox-1", body)
		if again.Code != http.StatusCreated || again.Body.String() != first.Body.String() {
			t.Fatalf("repeat: %d %s, want the first response %s", again.Code, again.Body.String(), first.Body.String())
		}
		for _, h := range []string{"Location", "ETag", "Content-Type"} {
			if again.Header().Get(h) == "" || again.Header().Get(h) != first.Header().Get(h) {
				t.Errorf("repeat's %s = %q, first's %q", h, again.Header().Get(h), first.Header().Get(h))
			}
		}
		if again.Header().Get("Idempotent-Replayed") != "true" {
			t.Errorf("a replay is not marked: %v", again.Header())
		}
	}
	if n := s.rows("contacts", "family_name = ?", "Hodžić"); n != 1 {
		t.Fatalf("%d contacts after a create sent three times with one key, want 1", n)
	}
	// The same user's cookie session shares the token's keys.
	session := s.signIn("a.officer")
	w := s.keyed("/api/v1/contacts", "", "outbox-1", body, session.cookie)
	if w.Code != http.StatusCreated || w.Body.String() != first.Body.String() {
		t.Errorf("the same key from the user's session: %d %s", w.Code, w.Body.String())
	}
	// Without a key, the same body is a new request.
	s.create("/api/v1/contacts", "a.officer", body)
	if n := s.rows("contacts", "family_name = ?", "Hodžić"); n != 2 {
		t.Fatalf("%d contacts after a second create without a key, want 2", n)
	}
}

// A logged meeting with two follow-ups, sent twice by an offline outbox, is
// one interaction with two commitments.
func TestIdempotencyKeyLogsAMeetingOnce(t *testing.T) {
	s := newServer(t)
	ministry, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Civil Affairs", "type": "ministry"})
	log := map[string]any{
		"kind": "meeting", "subject": "Draft framework", "starts_at": "2026-11-26T10:00:00Z",
		"participants": []map[string]any{{"organization_id": ministry, "role": "host"}},
		"commitments": []map[string]any{
			{"title": "Share the draft framework", "direction": "theirs", "counterpart_organization_id": ministry},
			{"title": "Send comments", "due_date": "2026-12-15"},
		},
	}
	first := s.keyed("/api/v1/interactions", "a.officer", "log-7f3a", log)
	if first.Code != http.StatusCreated {
		t.Fatalf("log: %d %s", first.Code, first.Body.String())
	}
	again := s.keyed("/api/v1/interactions", "a.officer", "log-7f3a", log)
	if again.Code != http.StatusCreated || again.Body.String() != first.Body.String() {
		t.Fatalf("repeat: %d %s", again.Code, again.Body.String())
	}
	if n := s.rows("interactions", "subject = ?", "Draft framework"); n != 1 {
		t.Errorf("%d interactions, want 1", n)
	}
	id := decode(t, first)["id"]
	if n := s.rows("commitments", "interaction_id = ?", id); n != 2 {
		t.Errorf("%d follow-ups, want 2", n)
	}
}

// A key names one request: another body (or path) with it is refused and
// runs nothing; keys are per user.
func TestIdempotencyKeyIsOneRequestOfOneUser(t *testing.T) {
	s := newServer(t)
	first := s.keyed("/api/v1/organizations", "a.officer", "k-1", map[string]any{"name": "Grad Zenica", "type": "local_government"})
	if first.Code != http.StatusCreated {
		t.Fatalf("first: %d %s", first.Code, first.Body.String())
	}
	for name, w := range map[string]*httptest.ResponseRecorder{
		"another body": s.keyed("/api/v1/organizations", "a.officer", "k-1", map[string]any{"name": "Grad Tuzla", "type": "local_government"}),
		"another path": s.keyed("/api/v1/contacts", "a.officer", "k-1", map[string]any{"given_name": "Amra"}),
	} {
		if w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d %s", name, w.Code, w.Body.String())
		}
		p := decode(t, w)
		if p["code"] != "idempotency_key_reused" || !hasLocation(p, "header.Idempotency-Key") {
			t.Errorf("%s: %s", name, w.Body.String())
		}
	}
	if n := s.rows("organizations", "name = ?", "Grad Tuzla") + s.rows("contacts", "given_name = ?", "Amra"); n != 0 {
		t.Errorf("a refused key created %d records", n)
	}
	// Another user's same key is theirs alone: it runs, and gets its own record.
	other := s.keyed("/api/v1/organizations", "a.manager", "k-1", map[string]any{"name": "Grad Zenica", "type": "local_government"})
	if other.Code != http.StatusCreated || other.Header().Get("Idempotent-Replayed") != "" ||
		decode(t, other)["id"] == decode(t, first)["id"] {
		t.Fatalf("another user's key: %d %v %s", other.Code, other.Header(), other.Body.String())
	}
	if n := s.rows("organizations", "name = ?", "Grad Zenica"); n != 2 {
		t.Errorf("%d organizations, want one per user", n)
	}
}

// Twenty copies of one request at once: one record, and every answer is
// that record or "still running".
func TestIdempotencyKeyConcurrentRepeatsCreateOneRecord(t *testing.T) {
	s := newServer(t)
	body := map[string]any{"name": "Ministry of Justice", "type": "ministry"}
	var wg sync.WaitGroup
	answers := make([]*httptest.ResponseRecorder, 20)
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = s.keyed("/api/v1/organizations", "a.officer", "burst", body)
		}()
	}
	wg.Wait()
	if n := s.rows("organizations", "name = ?", "Ministry of Justice"); n != 1 {
		t.Fatalf("%d organizations from one key, want 1", n)
	}
	var id int64
	s.db.Raw("SELECT id FROM organizations WHERE name = ?", "Ministry of Justice").Scan(&id)
	created := 0
	for _, w := range answers {
		switch w.Code {
		case http.StatusCreated:
			created++
			if got := decode(t, w)["id"]; got != float64(id) {
				t.Errorf("an answer names organization %v, the record is %d", got, id)
			}
		case http.StatusConflict:
			if decode(t, w)["code"] != "idempotency_key_in_flight" || w.Header().Get("Retry-After") == "" {
				t.Errorf("409 without its code or Retry-After: %v %s", w.Header(), w.Body.String())
			}
		default:
			t.Errorf("answer %d %s", w.Code, w.Body.String())
		}
	}
	if created == 0 {
		t.Error("no answer carried the record")
	}
}

// A refusal is the request's answer too: a repeat gets the same 422.
func TestIdempotencyKeyReplaysAClientError(t *testing.T) {
	s := newServer(t)
	bad := map[string]any{"name": "Ministry", "type": "no_such_type"}
	first := s.keyed("/api/v1/organizations", "a.officer", "bad-1", bad)
	if first.Code != http.StatusUnprocessableEntity {
		t.Fatalf("first: %d %s", first.Code, first.Body.String())
	}
	again := s.keyed("/api/v1/organizations", "a.officer", "bad-1", bad)
	if again.Code != http.StatusUnprocessableEntity || again.Header().Get("Idempotent-Replayed") != "true" ||
		again.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("repeat: %d %v %s", again.Code, again.Header(), again.Body.String())
	}
	// The request ID is the first request's: the body is replayed whole.
	if again.Body.String() != first.Body.String() {
		t.Errorf("repeat body %s, first %s", again.Body.String(), first.Body.String())
	}
}

// A key is kept 24 hours: past that it is never replayed, the scheduled
// prune deletes it, and the request runs afresh.
func TestIdempotencyKeyExpires(t *testing.T) {
	s := newServer(t)
	body := map[string]any{"name": "Agency for Statistics", "type": "government_agency"}
	first := s.keyed("/api/v1/organizations", "a.officer", "old", body)
	if first.Code != http.StatusCreated {
		t.Fatalf("first: %d %s", first.Code, first.Body.String())
	}
	age := func(d time.Duration) {
		if err := s.db.Exec("UPDATE idempotency_keys SET created_at = ?, claimed_at = ?", time.Now().UTC().Add(-d), time.Now().UTC().Add(-d)).Error; err != nil {
			t.Fatal(err)
		}
	}
	age(23 * time.Hour)
	if n, err := s.svc.Idempotency.Prune(context.Background(), time.Now()); err != nil || n != 0 {
		t.Fatalf("prune of a key 23 hours old: %d, %v", n, err)
	}
	if w := s.keyed("/api/v1/organizations", "a.officer", "old", body); w.Header().Get("Idempotent-Replayed") != "true" {
		t.Fatalf("a key 23 hours old was not replayed: %d %s", w.Code, w.Body.String())
	}

	// Expired but not yet pruned: not replayed, the request runs.
	age(25 * time.Hour)
	w := s.keyed("/api/v1/organizations", "a.officer", "old", body)
	if w.Code != http.StatusCreated || w.Header().Get("Idempotent-Replayed") != "" {
		t.Fatalf("an expired key: %d %v", w.Code, w.Header())
	}
	if n := s.rows("organizations", "name = ?", "Agency for Statistics"); n != 2 {
		t.Fatalf("%d organizations, want 2", n)
	}

	// Expired and pruned: gone from the table, and the request runs again.
	age(25 * time.Hour)
	if n, err := s.svc.Idempotency.Prune(context.Background(), time.Now()); err != nil || n != 1 {
		t.Fatalf("prune: %d, %v; want 1", n, err)
	}
	if n := s.rows("idempotency_keys", "1 = 1"); n != 0 {
		t.Fatalf("%d keys left after the prune", n)
	}
	if w := s.keyed("/api/v1/organizations", "a.officer", "old", body); w.Code != http.StatusCreated || w.Header().Get("Idempotent-Replayed") != "" {
		t.Fatalf("after the prune: %d %v", w.Code, w.Header())
	}
	if n := s.rows("organizations", "name = ?", "Agency for Statistics"); n != 3 {
		t.Fatalf("%d organizations, want 3", n)
	}
}

// A key must be 1 to 255 printable ASCII characters; a bad one is refused
// before anything runs.
func TestIdempotencyKeySyntax(t *testing.T) {
	s := newServer(t)
	for name, key := range map[string]string{
		"too long":  strings.Repeat("k", 256),
		"non-ASCII": "ključ",
		"a control": "a\x01b",
	} {
		w := s.keyed("/api/v1/organizations", "a.officer", key, map[string]any{"name": "Bad key " + name, "type": "ngo"})
		if w.Code != http.StatusUnprocessableEntity || !hasLocation(decode(t, w), "header.Idempotency-Key") {
			t.Errorf("%s: %d %s", name, w.Code, w.Body.String())
		}
	}
	if n := s.rows("organizations", "name LIKE ?", "Bad key%"); n != 0 {
		t.Errorf("bad keys created %d records", n)
	}
	w := s.keyed("/api/v1/organizations", "a.officer", strings.Repeat("k", 255), map[string]any{"name": "Long key", "type": "ngo"})
	if w.Code != http.StatusCreated {
		t.Errorf("a key of 255 characters: %d %s", w.Code, w.Body.String())
	}
}

// Keys are honoured on every idempotent POST the document lists (restore,
// bulk reassign...), and the document says so; sign-in and operations
// carrying secrets ignore the header.
func TestIdempotencyKeyOnRestoreAndInTheDocument(t *testing.T) {
	s := newServer(t)
	id, etag := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Old partner", "type": "ngo"})
	path := fmt.Sprintf("/api/v1/organizations/%d", id)
	if w := s.do(req{method: "DELETE", path: path, as: "a.officer", header: map[string]string{"If-Match": etag}}); w.Code != http.StatusNoContent {
		t.Fatalf("archive: %d %s", w.Code, w.Body.String())
	}
	first := s.keyed(path+"/restore", "a.manager", "restore-1", nil)
	again := s.keyed(path+"/restore", "a.manager", "restore-1", nil)
	if first.Code != http.StatusOK || again.Code != http.StatusOK || again.Header().Get("Idempotent-Replayed") != "true" ||
		again.Header().Get("ETag") != first.Header().Get("ETag") {
		t.Fatalf("restore twice: %d, %d %v", first.Code, again.Code, again.Header())
	}
	var version int64
	s.db.Raw("SELECT version FROM organizations WHERE id = ?", id).Scan(&version)
	if fmt.Sprintf(`"%d"`, version) != first.Header().Get("ETag") {
		t.Errorf("the restore ran twice: version %d, first answer %s", version, first.Header().Get("ETag"))
	}

	// Creating a token keeps no copy of it, and two are two tokens.
	for range 2 {
		if w := s.keyed("/api/v1/auth/tokens", "a.officer", "token-1", map[string]any{"name": "script"}); w.Code != http.StatusCreated ||
			w.Header().Get("Idempotent-Replayed") != "" {
			t.Fatalf("create token: %d %v", w.Code, w.Header())
		}
	}
	if n := s.rows("idempotency_keys", "idem_key = ?", "token-1"); n != 0 {
		t.Errorf("a token's response was kept")
	}

	w := s.do(req{method: "GET", path: "/api/v1/openapi.json"})
	doc := decode(t, w)
	paths := doc["paths"].(map[string]any)
	documented := func(path string) bool {
		post := paths[path].(map[string]any)["post"].(map[string]any)
		params, _ := post["parameters"].([]any)
		for _, p := range params {
			if p.(map[string]any)["$ref"] == "#/components/parameters/IdempotencyKey" {
				return true
			}
		}
		return false
	}
	param := doc["components"].(map[string]any)["parameters"].(map[string]any)["IdempotencyKey"].(map[string]any)
	if param["name"] != "Idempotency-Key" || param["in"] != "header" {
		t.Errorf("the IdempotencyKey parameter: %v", param)
	}
	for _, p := range []string{"/api/v1/contacts", "/api/v1/interactions", "/api/v1/commitments/reassign", "/api/v1/organizations/{id}/restore"} {
		if !documented(p) {
			t.Errorf("POST %s does not document Idempotency-Key", p)
		}
	}
	for _, p := range []string{"/api/v1/auth/login", "/api/v1/auth/tokens", "/api/v1/auth/password"} {
		if documented(p) {
			t.Errorf("POST %s documents Idempotency-Key, which it ignores", p)
		}
	}
}

// A request that fails on the server's side keeps nothing: its retry runs.
func TestIdempotencyKeyIsReleasedOnAServerError(t *testing.T) {
	s := newServer(t)
	breakIt := []string{`CREATE TRIGGER refuse_organizations BEFORE INSERT ON organizations BEGIN SELECT RAISE(ABORT, 'refused'); END`}
	mend := []string{`DROP TRIGGER refuse_organizations`}
	if s.db.Name() == "postgres" {
		breakIt = []string{`CREATE FUNCTION refuse_organizations() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`,
			`CREATE TRIGGER refuse_organizations BEFORE INSERT ON organizations FOR EACH ROW EXECUTE FUNCTION refuse_organizations()`}
		mend = []string{`DROP TRIGGER refuse_organizations ON organizations`, `DROP FUNCTION refuse_organizations()`}
	}
	exec := func(stmts []string) {
		for _, q := range stmts {
			if err := s.db.Exec(q).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
	body := map[string]any{"name": "Ministry of Finance", "type": "ministry"}
	exec(breakIt)
	if w := s.keyed("/api/v1/organizations", "a.officer", "retry-me", body); w.Code != http.StatusInternalServerError {
		t.Fatalf("with inserts refused: %d %s", w.Code, w.Body.String())
	}
	if n := s.rows("idempotency_keys", "idem_key = ?", "retry-me"); n != 0 {
		t.Fatalf("a 500 left its key claimed")
	}
	exec(mend)
	if w := s.keyed("/api/v1/organizations", "a.officer", "retry-me", body); w.Code != http.StatusCreated || w.Header().Get("Idempotent-Replayed") != "" {
		t.Fatalf("retry: %d %v %s", w.Code, w.Header(), w.Body.String())
	}
}
