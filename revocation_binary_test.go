package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"liaison/models/modeltest"
)

// credential is how a request signs in: a session cookie or a bearer token.
type credential struct{ session, token string }

// call makes one request to p as cred and returns the status, the body and
// the response's cookies.
func (p *process) call(t *testing.T, cred credential, method, path string, body any, header ...string) (int, map[string]any, []*http.Cookie) {
	t.Helper()
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, p.base+path, r)
	req.Header.Set("Content-Type", "application/json")
	if cred.token != "" {
		req.Header.Set("Authorization", "Bearer "+cred.token)
	}
	if cred.session != "" {
		req.AddCookie(&http.Cookie{Name: "liaison_session", Value: cred.session})
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&v)
	return resp.StatusCode, v, resp.Cookies()
}

// signIn opens a session on p and returns its cookie's value.
func (p *process) signIn(t *testing.T, email, password string) string {
	t.Helper()
	status, _, cookies := p.call(t, credential{}, "POST", "/api/v1/auth/login", map[string]string{"email": email, "password": password})
	for _, c := range cookies {
		if c.Name == "liaison_session" && status == http.StatusOK {
			return c.Value
		}
	}
	t.Fatalf("login %s: %d", email, status)
	return ""
}

// Two `liaison serve` processes on one database, each keeping the
// principals it resolved: a session or token used on both, then logged out,
// revoked, or its user's role changed or deactivated through one, is
// refused by the other at its very next request.
func TestTwoProcessesRefuseRevokedSignInsAtOnce(t *testing.T) {
	bin := testBinary(t)
	_, dsn := modeltest.Open(t)
	const adminPassword = "the first admin's long password"
	one := startServer(t, bin, dsn, adminPassword)
	two := startServer(t, bin, dsn, adminPassword)
	admin := credential{session: one.signIn(t, "admin@liaison.local", adminPassword)}
	_, me, _ := one.call(t, admin, "GET", "/api/v1/auth/me", nil)
	const email, password = "m@example.org", "a manager's long password"
	status, user, _ := one.call(t, admin, "POST", "/api/v1/users", map[string]any{"email": email, "name": "M",
		"password": password, "role": "manager", "office_id": me["office_id"]})
	if status != http.StatusCreated {
		t.Fatalf("create user: %d %v", status, user)
	}
	userPath := fmt.Sprintf("/api/v1/users/%v", user["id"])

	// works signs in on both processes, twice each so that both keep the
	// principal, and fails unless every request is answered.
	works := func(creds ...credential) {
		t.Helper()
		for _, c := range creds {
			for _, p := range []*process{one, two, one, two} {
				if status, body, _ := p.call(t, c, "GET", "/api/v1/auth/me", nil); status != http.StatusOK {
					t.Fatalf("%+v on %s: %d %v", c, p.base, status, body)
				}
			}
		}
	}
	refused := func(p *process, what string, creds ...credential) {
		t.Helper()
		for _, c := range creds {
			if status, _, _ := p.call(t, c, "GET", "/api/v1/auth/me", nil); status != http.StatusUnauthorized {
				t.Errorf("%s: %+v on the other process answered %d, want 401", what, c, status)
			}
		}
	}
	newToken := func(p *process, session string) (credential, string) {
		t.Helper()
		status, body, _ := p.call(t, credential{session: session}, "POST", "/api/v1/auth/tokens", map[string]string{"name": "script"})
		if status != http.StatusCreated {
			t.Fatalf("create token: %d %v", status, body)
		}
		return credential{token: body["token"].(string)}, fmt.Sprint(body["id"])
	}
	patchUser := func(p *process, change map[string]any) {
		t.Helper()
		_, u, _ := p.call(t, admin, "GET", userPath, nil)
		status, body, _ := p.call(t, admin, "PATCH", userPath, change, "If-Match", fmt.Sprintf(`"%v"`, u["version"]),
			"Content-Type", "application/merge-patch+json")
		if status != http.StatusOK {
			t.Fatalf("patch user %v: %d %v", change, status, body)
		}
	}

	// Logout through two; revocation through one.
	session := credential{session: one.signIn(t, email, password)}
	token, tokenID := newToken(one, session.session)
	works(session, token)
	if status, _, _ := two.call(t, session, "POST", "/api/v1/auth/logout", nil); status != http.StatusNoContent && status != http.StatusOK {
		t.Fatalf("logout: %d", status)
	}
	refused(one, "logged out", session)
	if status, _, _ := one.call(t, token, "DELETE", "/api/v1/auth/tokens/"+tokenID, nil); status != http.StatusNoContent {
		t.Fatalf("revoke: %d", status)
	}
	refused(two, "revoked", token)

	// A role change through one ends access on two.
	session = credential{session: two.signIn(t, email, password)}
	token, _ = newToken(two, session.session)
	works(session, token)
	patchUser(one, map[string]any{"role": "viewer"})
	refused(two, "role changed", session, token)

	// Deactivation through two ends access on one.
	session = credential{session: one.signIn(t, email, password)}
	token, _ = newToken(one, session.session)
	works(session, token)
	patchUser(two, map[string]any{"active": false})
	refused(one, "deactivated", session, token)
	if t.Failed() {
		t.Logf("one:\n%s\ntwo:\n%s", strings.TrimSpace(one.out.String()), strings.TrimSpace(two.out.String()))
	}
}
