package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"liaison/models"
	"liaison/services"
)

// testClock is the time that sign-in checks codes by, moved by the test.
type testClock struct{ unix atomic.Int64 }

func newTestClock() *testClock {
	c := &testClock{}
	// Ten seconds into a 30-second step.
	c.unix.Store(time.Date(2026, 11, 27, 9, 30, 10, 0, time.UTC).Unix())
	return c
}

func (c *testClock) now() time.Time          { return time.Unix(c.unix.Load(), 0).UTC() }
func (c *testClock) advance(d time.Duration) { c.unix.Add(int64(d / time.Second)) }
func (c *testClock) option() func(*services.Config) {
	return func(cfg *services.Config) { cfg.Clock = c.now }
}

// code computes a TOTP code the way an authenticator app does.
func code(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (s *server) login(email, password, otp string) *httptest.ResponseRecorder {
	s.t.Helper()
	body := map[string]any{"email": email, "password": password}
	if otp != "" {
		body["otp"] = otp
	}
	return s.do(req{method: "POST", path: "/api/v1/auth/login", body: body})
}

func (s *server) audited(action string, userID int64) int64 {
	s.t.Helper()
	var n int64
	s.db.Model(&models.AuditEvent{}).Where("action = ? AND entity = ? AND entity_id = ?", action, models.EntityUser, userID).Count(&n)
	return n
}

// enrol starts and confirms two-factor sign-in for a fixture user and
// returns the secret and the recovery codes.
func (s *server) enrol(as string, clock *testClock) (string, []string) {
	s.t.Helper()
	w := s.do(req{method: "POST", path: "/api/v1/auth/mfa", as: as})
	if w.Code != http.StatusOK {
		s.t.Fatalf("enrol: %d %s", w.Code, w.Body.String())
	}
	body := decode(s.t, w)
	secret := body["secret"].(string)
	var codes []string
	for _, c := range body["recovery_codes"].([]any) {
		codes = append(codes, c.(string))
	}
	w = s.do(req{method: "POST", path: "/api/v1/auth/mfa/confirm", as: as, body: map[string]any{"code": code(s.t, secret, clock.now())}})
	if w.Code != http.StatusNoContent {
		s.t.Fatalf("confirm: %d %s", w.Code, w.Body.String())
	}
	return secret, codes
}

func problemOf(t *testing.T, w *httptest.ResponseRecorder) (string, []string) {
	t.Helper()
	p := decode(t, w)
	var locations []string
	if errs, ok := p["errors"].([]any); ok {
		for _, e := range errs {
			loc, _ := e.(map[string]any)["location"].(string)
			locations = append(locations, loc)
		}
	}
	code, _ := p["code"].(string)
	return code, locations
}

// TestTwoFactorSignIn walks a user through enrolment, sign-in with codes
// (and their replay), recovery codes, and turning it off.
func TestTwoFactorSignIn(t *testing.T) {
	clock := newTestClock()
	s := newServer(t, clock.option())
	const email = "a.officer@example.org"
	me := s.fx.Users["a.officer"].ID

	// Enrolment shows the secret and ten distinct recovery codes, once.
	w := s.do(req{method: "POST", path: "/api/v1/auth/mfa", as: "a.officer"})
	if w.Code != http.StatusOK {
		t.Fatalf("enrol: %d %s", w.Code, w.Body.String())
	}
	body := decode(t, w)
	secret := body["secret"].(string)
	if url, _ := body["otpauth_url"].(string); !strings.HasPrefix(url, "otpauth://totp/Liaison:") || !strings.Contains(url, "secret="+secret) {
		t.Fatalf("otpauth_url = %q", url)
	}
	var recovery []string
	seen := map[string]bool{}
	for _, c := range body["recovery_codes"].([]any) {
		recovery = append(recovery, c.(string))
		seen[c.(string)] = true
	}
	if len(recovery) != 10 || len(seen) != 10 {
		t.Fatalf("recovery codes: %v", recovery)
	}
	var stored []models.MFARecoveryCode
	s.db.Where("user_id = ?", me).Find(&stored)
	for _, r := range stored {
		if seen[r.CodeHash] || strings.Contains(r.CodeHash, "-") {
			t.Fatal("a recovery code is stored in the clear")
		}
	}
	if strings.Contains(s.do(req{method: "GET", path: "/api/v1/auth/me", as: "a.officer"}).Body.String(), secret) {
		t.Fatal("the secret is shown again")
	}

	// Not yet confirmed: the password alone still signs in.
	if w := s.login(email, testPassword, ""); w.Code != http.StatusOK {
		t.Fatalf("sign-in before confirmation: %d %s", w.Code, w.Body.String())
	}
	// A wrong code does not confirm; a current one does.
	wrong := fmt.Sprintf("%06d", (atoi(code(t, secret, clock.now()))+1)%1000000)
	w = s.do(req{method: "POST", path: "/api/v1/auth/mfa/confirm", as: "a.officer", body: map[string]any{"code": wrong}})
	if c, locs := problemOf(t, w); w.Code != 422 || c != "validation_failed" || len(locs) != 1 || locs[0] != "body.code" {
		t.Fatalf("confirm with a wrong code: %d %s", w.Code, w.Body.String())
	}
	confirmCode := code(t, secret, clock.now())
	w = s.do(req{method: "POST", path: "/api/v1/auth/mfa/confirm", as: "a.officer", body: map[string]any{"code": confirmCode}})
	if w.Code != http.StatusNoContent {
		t.Fatalf("confirm: %d %s", w.Code, w.Body.String())
	}
	w = s.do(req{method: "GET", path: "/api/v1/auth/me", as: "a.officer"})
	if m := decode(t, w); m["mfa_enabled"] != true || m["mfa_enrolment_required"] != false || m["mfa_recovery_codes_left"] != float64(10) {
		t.Fatalf("me: %s", w.Body.String())
	}
	if w := s.do(req{method: "POST", path: "/api/v1/auth/mfa", as: "a.officer"}); w.Code != http.StatusConflict {
		t.Fatalf("enrol again while on: %d %s", w.Code, w.Body.String())
	}

	// Without otp: 401 naming body.otp; with a wrong password the answer
	// says nothing about a second factor.
	w = s.login(email, testPassword, "")
	if c, locs := problemOf(t, w); w.Code != 401 || c != "mfa_required" || len(locs) != 1 || locs[0] != "body.otp" || len(w.Result().Cookies()) != 0 {
		t.Fatalf("sign-in without otp: %d %s", w.Code, w.Body.String())
	}
	if c, _ := problemOf(t, s.login(email, "a wrong password", "")); c != "invalid_credentials" {
		t.Fatalf("wrong password: %s", c)
	}
	// The code that confirmed is spent: its step is used.
	if c, _ := problemOf(t, s.login(email, testPassword, confirmCode)); c != "invalid_credentials" {
		t.Fatalf("the confirming code signed in again: %s", c)
	}

	// The next step: its code signs in, once.
	clock.advance(30 * time.Second)
	now := code(t, secret, clock.now())
	if w := s.login(email, testPassword, now); w.Code != http.StatusOK || len(w.Result().Cookies()) == 0 || w.Result().Cookies()[0].Name != "liaison_session" {
		t.Fatalf("sign-in with a code: %d %s", w.Code, w.Body.String())
	}
	if w := s.login(email, testPassword, now); w.Code != 401 || !strings.Contains(w.Body.String(), "invalid_credentials") {
		t.Fatalf("replayed code: %d %s", w.Code, w.Body.String())
	}
	// A code of the step after (a phone's clock a little ahead) works...
	if w := s.login(email, testPassword, code(t, secret, clock.now().Add(30*time.Second))); w.Code != http.StatusOK {
		t.Fatalf("next step's code: %d %s", w.Code, w.Body.String())
	}
	// ...and after it, no code of an earlier step does.
	if w := s.login(email, testPassword, code(t, secret, clock.now())); w.Code != 401 {
		t.Fatalf("an older code after a newer one: %d %s", w.Code, w.Body.String())
	}
	// Two steps ahead is outside the window.
	if w := s.login(email, testPassword, code(t, secret, clock.now().Add(60*time.Second))); w.Code != 401 {
		t.Fatalf("a code two steps ahead: %d %s", w.Code, w.Body.String())
	}

	// A recovery code works once, typed in any case.
	typed := strings.ToUpper(recovery[3])
	if w := s.login(email, testPassword, typed); w.Code != http.StatusOK {
		t.Fatalf("recovery code: %d %s", w.Code, w.Body.String())
	}
	if w := s.login(email, testPassword, recovery[3]); w.Code != 401 {
		t.Fatalf("recovery code used twice: %d %s", w.Code, w.Body.String())
	}
	if n := s.audited(services.ActionMFARecoveryUsed, me); n != 1 {
		t.Fatalf("recovery code use audited %d times", n)
	}
	if m := decode(t, s.do(req{method: "GET", path: "/api/v1/auth/me", as: "a.officer"})); m["mfa_recovery_codes_left"] != float64(9) {
		t.Fatalf("recovery codes left: %v", m["mfa_recovery_codes_left"])
	}

	// Turning it off needs a code.
	for _, bad := range []any{map[string]any{}, map[string]any{"code": "000000"}, map[string]any{"code": recovery[3]}, "{"} {
		w := s.do(req{method: "DELETE", path: "/api/v1/auth/mfa", as: "a.officer", body: bad})
		if w.Code < 400 || w.Code >= 500 || w.Code == 204 {
			t.Fatalf("disable with %v: %d %s", bad, w.Code, w.Body.String())
		}
	}
	clock.advance(60 * time.Second)
	w = s.do(req{method: "DELETE", path: "/api/v1/auth/mfa", as: "a.officer", body: map[string]any{"code": code(t, secret, clock.now())}})
	if w.Code != http.StatusNoContent {
		t.Fatalf("disable: %d %s", w.Code, w.Body.String())
	}
	if w := s.login(email, testPassword, ""); w.Code != http.StatusOK {
		t.Fatalf("sign-in after disabling: %d %s", w.Code, w.Body.String())
	}
	for _, a := range []string{services.ActionMFAEnrol, services.ActionMFAConfirm, services.ActionMFADisable} {
		if n := s.audited(a, me); n != 1 {
			t.Errorf("%s audited %d times", a, n)
		}
	}
}

// TestWrongCodesAreThrottledWithPasswords: a wrong code is a failed sign-in
// attempt, claimed before it is checked; once the pair's free attempts are
// used up even the right code must wait.
func TestWrongCodesAreThrottledWithPasswords(t *testing.T) {
	clock := newTestClock()
	s := newServer(t, clock.option())
	secret, _ := s.enrol("a.officer", clock)
	clock.advance(30 * time.Second)
	for i := range 5 {
		if w := s.login("a.officer@example.org", testPassword, "999999"); w.Code != 401 {
			t.Fatalf("wrong code %d: %d %s", i, w.Code, w.Body.String())
		}
	}
	w := s.login("a.officer@example.org", testPassword, code(t, secret, clock.now()))
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
		t.Fatalf("after five wrong codes: %d %s", w.Code, w.Body.String())
	}
	var failed int64
	s.db.Model(&models.AuditEvent{}).Where("action = ?", services.ActionLoginFailed).Count(&failed)
	if failed != 5 {
		t.Fatalf("%d failed sign-ins audited, want 5", failed)
	}
}

// TestOneCodeSignsInOnceUnderConcurrency: of simultaneous sign-ins with the
// same code, exactly one succeeds.
func TestOneCodeSignsInOnceUnderConcurrency(t *testing.T) {
	clock := newTestClock()
	s := newServer(t, clock.option())
	secret, _ := s.enrol("a.officer", clock)
	clock.advance(30 * time.Second)
	c := code(t, secret, clock.now())
	const n = 4
	var wg sync.WaitGroup
	var ok, refused atomic.Int64
	start := make(chan struct{})
	for range n {
		wg.Go(func() {
			<-start
			w := s.login("a.officer@example.org", testPassword, c)
			switch w.Code {
			case http.StatusOK:
				ok.Add(1)
			case http.StatusUnauthorized:
				refused.Add(1)
			default:
				t.Errorf("status %d: %s", w.Code, w.Body.String())
			}
		})
	}
	close(start)
	wg.Wait()
	if ok.Load() != 1 || refused.Load() != n-1 {
		t.Fatalf("%d signed in, %d refused; want 1 and %d", ok.Load(), refused.Load(), n-1)
	}
}

// TestRolesThatMustEnrol: with LIAISON_MFA_REQUIRED_ROLES, such a user may
// only enrol (and read themselves, and sign out) until they have.
func TestRolesThatMustEnrol(t *testing.T) {
	clock := newTestClock()
	s := newServer(t, clock.option(), func(c *services.Config) { c.MFARequiredRoles = []string{"admin", "manager"} })

	// Another role is not held up.
	if w := s.do(req{method: "GET", path: "/api/v1/organizations", as: "a.officer"}); w.Code != 200 {
		t.Fatalf("officer: %d", w.Code)
	}
	// A manager's password sign-in opens a session that may only enrol.
	w := s.login("a.manager@example.org", testPassword, "")
	if w.Code != http.StatusOK {
		t.Fatalf("manager signs in: %d %s", w.Code, w.Body.String())
	}
	cookie := map[string]string{"Cookie": "liaison_session=" + w.Result().Cookies()[0].Value}
	for _, r := range []req{
		{method: "GET", path: "/api/v1/organizations", header: cookie},
		{method: "POST", path: "/api/v1/contacts", header: cookie, body: map[string]any{"given_name": "Ana"}},
		{method: "GET", path: "/api/v1/me/sessions", header: cookie},
		{method: "POST", path: "/api/v1/auth/tokens", header: cookie, body: map[string]any{"name": "escape"}},
		{method: "GET", path: "/api/v1/users", as: "a.admin"}, // an admin's token too
	} {
		w := s.do(r)
		if c, _ := problemOf(t, w); w.Code != http.StatusForbidden || c != "mfa_enrolment_required" {
			t.Fatalf("%s %s before enrolment: %d %s", r.method, r.path, w.Code, w.Body.String())
		}
	}
	w = s.do(req{method: "GET", path: "/api/v1/auth/me", header: cookie})
	if m := decode(t, w); w.Code != 200 || m["mfa_enrolment_required"] != true || m["mfa_enabled"] != false {
		t.Fatalf("me before enrolment: %d %s", w.Code, w.Body.String())
	}
	// Enrolment is open; once confirmed, everything else is too.
	w = s.do(req{method: "POST", path: "/api/v1/auth/mfa", header: cookie})
	if w.Code != http.StatusOK {
		t.Fatalf("enrol: %d %s", w.Code, w.Body.String())
	}
	secret := decode(t, w)["secret"].(string)
	if w := s.do(req{method: "GET", path: "/api/v1/organizations", header: cookie}); w.Code != http.StatusForbidden {
		t.Fatalf("before confirmation: %d", w.Code)
	}
	w = s.do(req{method: "POST", path: "/api/v1/auth/mfa/confirm", header: cookie, body: map[string]any{"code": code(t, secret, clock.now())}})
	if w.Code != http.StatusNoContent {
		t.Fatalf("confirm: %d %s", w.Code, w.Body.String())
	}
	if w := s.do(req{method: "GET", path: "/api/v1/organizations", header: cookie}); w.Code != http.StatusOK {
		t.Fatalf("after confirmation: %d %s", w.Code, w.Body.String())
	}
	if m := decode(t, s.do(req{method: "GET", path: "/api/v1/auth/me", header: cookie})); m["mfa_enrolment_required"] != false || m["mfa_enabled"] != true {
		t.Fatalf("me after: %v", m)
	}
	// Signing out is open to a user who has not enrolled.
	if w := s.do(req{method: "POST", path: "/api/v1/auth/logout", as: "a.admin"}); w.Code != http.StatusNoContent {
		t.Fatalf("logout before enrolment: %d %s", w.Code, w.Body.String())
	}
}

// TestAdminResetsTwoFactor: an admin turns a user's two-factor sign-in off
// (audited); nobody else may.
func TestAdminResetsTwoFactor(t *testing.T) {
	clock := newTestClock()
	s := newServer(t, clock.option())
	s.enrol("a.officer", clock)
	officer := s.fx.Users["a.officer"].ID
	path := fmt.Sprintf("/api/v1/users/%d/mfa", officer)
	if w := s.login("a.officer@example.org", testPassword, ""); w.Code != 401 {
		t.Fatalf("sign-in without otp: %d", w.Code)
	}
	for _, as := range []string{"a.officer", "a.manager"} {
		if w := s.do(req{method: "DELETE", path: path, as: as}); w.Code != http.StatusForbidden {
			t.Fatalf("%s resets: %d %s", as, w.Code, w.Body.String())
		}
	}
	for _, bad := range []string{"/api/v1/users/999999/mfa", "/api/v1/users/abc/mfa", "/api/v1/users/0/mfa"} {
		if w := s.do(req{method: "DELETE", path: bad, as: "a.admin"}); w.Code != 404 && w.Code != 422 {
			t.Fatalf("%s: %d %s", bad, w.Code, w.Body.String())
		}
	}
	if w := s.do(req{method: "DELETE", path: path, as: "a.admin"}); w.Code != http.StatusNoContent {
		t.Fatalf("admin resets: %d %s", w.Code, w.Body.String())
	}
	if w := s.login("a.officer@example.org", testPassword, ""); w.Code != http.StatusOK {
		t.Fatalf("sign-in after the reset: %d %s", w.Code, w.Body.String())
	}
	var ev models.AuditEvent
	if err := s.db.Where("action = ? AND entity_id = ?", services.ActionMFAReset, officer).Take(&ev).Error; err != nil ||
		ev.ActorID == nil || *ev.ActorID != s.fx.Users["a.admin"].ID {
		t.Fatalf("reset audit: %v %+v", err, ev)
	}
}

// TestTwoFactorInputIsCheckedNever500: malformed bodies get problem+json 4xx.
func TestTwoFactorInputIsCheckedNever500(t *testing.T) {
	s := newServer(t)
	for _, r := range []req{
		{method: "POST", path: "/api/v1/auth/mfa/confirm", as: "a.officer", body: "{"},
		{method: "POST", path: "/api/v1/auth/mfa/confirm", as: "a.officer", body: map[string]any{"code": 123456}},
		{method: "POST", path: "/api/v1/auth/mfa/confirm", as: "a.officer", body: map[string]any{"code": "123456"}},
		{method: "POST", path: "/api/v1/auth/mfa/confirm", as: "a.officer", body: map[string]any{"code": "123456", "extra": 1}},
		{method: "DELETE", path: "/api/v1/auth/mfa", as: "a.officer", body: map[string]any{"code": strings.Repeat("9", 100)}},
		{method: "DELETE", path: "/api/v1/auth/mfa", as: "a.officer"},
		{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "a.officer@example.org", "password": testPassword, "otp": 5}},
		{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "a.officer@example.org", "password": testPassword, "otp": strings.Repeat("x", 65)}},
	} {
		w := s.do(r)
		if w.Code < 400 || w.Code >= 500 || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/problem+json") {
			t.Errorf("%s %s %v: %d %s", r.method, r.path, r.body, w.Code, w.Body.String())
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// Admins see who has two-factor sign-in on in the list of users and on a
// user; other roles are not told.
func TestUsersListShowsTwoFactorToAdminsOnly(t *testing.T) {
	clock := newTestClock()
	s := newServer(t, clock.option())
	s.enrol("a.officer", clock)
	officer, manager := s.fx.Users["a.officer"].ID, s.fx.Users["a.manager"].ID
	state := func(as string) map[int64]any {
		w := s.do(req{method: "GET", path: "/api/v1/users?limit=200", as: as})
		if w.Code != 200 {
			t.Fatalf("%s lists users: %d %s", as, w.Code, w.Body.String())
		}
		out := map[int64]any{}
		for _, it := range decode(t, w)["items"].([]any) {
			u := it.(map[string]any)
			out[int64(u["id"].(float64))] = u["mfa_enabled"]
		}
		return out
	}
	admin := state("a.admin")
	if admin[officer] != true || admin[manager] != false {
		t.Fatalf("admin sees officer %v, manager %v; want true and false", admin[officer], admin[manager])
	}
	if got := state("a.manager")[officer]; got != nil {
		t.Fatalf("a manager was told the officer's two-factor state: %v", got)
	}
	w := s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/users/%d", officer), as: "a.admin"})
	if w.Code != 200 || decode(t, w)["mfa_enabled"] != true {
		t.Fatalf("admin reads the officer: %d %s", w.Code, w.Body.String())
	}
}
