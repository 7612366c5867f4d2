package services

import (
	"errors"
	"testing"

	"liaison/models"
)

// signIn opens a session for a fixture user and returns its actor.
func (e *env) signIn(key, addr, userAgent string) (Actor, string) {
	e.t.Helper()
	_, token, err := e.svc.Auth.Login(e.ctx, Origin{ClientAddr: addr}, key+"@example.org", testPassword, userAgent)
	if err != nil {
		e.t.Fatalf("sign in %s: %v", key, err)
	}
	return must(e.svc.Auth.Authenticate(e.ctx, token, Origin{ClientAddr: addr})), token
}

func (e *env) audited(action, entity string) int64 {
	var n int64
	e.db.Model(&models.AuditEvent{}).Where("action = ? AND entity = ?", action, entity).Count(&n)
	return n
}

// A password change ends the user's other sessions and revokes their tokens
// (the old password's holder may have made either), keeps the session that
// changed it, and with keepTokens leaves the tokens alone.
func TestChangePasswordEndsOtherSessionsAndRevokesTokens(t *testing.T) {
	e := newEnv(t)
	here, hereToken := e.signIn("a.officer", "192.0.2.1", "")
	_, elsewhere := e.signIn("a.officer", "198.51.100.1", "")
	_, secret := must2(e.svc.Auth.CreateToken(e.ctx, here, "script"))
	// A colleague's access is not touched.
	_, colleague := e.signIn("a.manager", "192.0.2.1", "")

	if err := e.svc.Auth.ChangePassword(e.ctx, here, testPassword, "a brand new long password", false); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Auth.Authenticate(e.ctx, hereToken, Origin{}); err != nil {
		t.Errorf("the session that changed the password ended: %v", err)
	}
	if _, err := e.svc.Auth.Authenticate(e.ctx, elsewhere, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("another session survived the change: %v", err)
	}
	if _, err := e.svc.Auth.AuthenticateToken(e.ctx, secret, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("a token survived the change: %v", err)
	}
	if _, err := e.svc.Auth.Authenticate(e.ctx, colleague, Origin{}); err != nil {
		t.Errorf("a colleague's session ended: %v", err)
	}
	if e.audited(ActionSessionEnd, models.EntityUser) != 1 || e.audited(ActionTokenRevoke, models.EntityUser) != 1 {
		t.Errorf("ending access is not audited")
	}
	if _, _, err := e.svc.Auth.Login(e.ctx, Origin{}, "a.officer@example.org", "a brand new long password", ""); err != nil {
		t.Errorf("the new password: %v", err)
	}

	// keepTokens: the token stays, other sessions still end.
	_, other := e.signIn("a.manager", "198.51.100.2", "")
	manager := must(e.svc.Auth.Authenticate(e.ctx, colleague, Origin{}))
	_, keep := must2(e.svc.Auth.CreateToken(e.ctx, manager, "kept"))
	if err := e.svc.Auth.ChangePassword(e.ctx, manager, testPassword, "another long password", true); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Auth.AuthenticateToken(e.ctx, keep, Origin{}); err != nil {
		t.Errorf("a kept token was revoked: %v", err)
	}
	if _, err := e.svc.Auth.Authenticate(e.ctx, other, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("another session survived: %v", err)
	}

	// A wrong current password changes nothing, and guessing it is throttled.
	for i := 0; i < int(defaultLoginPolicy.freeAttempts); i++ {
		err := e.svc.Auth.ChangePassword(e.ctx, manager, "not my password", "yet another long password", false)
		if got := fieldErrors(t, err); len(got) != 1 || got[0] != "current_password" {
			t.Fatalf("wrong current password: %v", got)
		}
	}
	var throttled *ThrottledError
	if err := e.svc.Auth.ChangePassword(e.ctx, manager, "another long password", "yet another long password", false); !errors.As(err, &throttled) {
		t.Errorf("guesses at the current password are not throttled: %v", err)
	}
	if _, err := e.svc.Auth.AuthenticateToken(e.ctx, keep, Origin{}); err != nil {
		t.Errorf("a refused change revoked a token: %v", err)
	}
}

// An admin's password reset ends every session and token of the user, and
// says so in the audit trail.
func TestAdminPasswordResetEndsAllAccess(t *testing.T) {
	e := newEnv(t)
	victim, session := e.signIn("b.officer", "192.0.2.8", "")
	_, secret := must2(e.svc.Auth.CreateToken(e.ctx, victim, "script"))
	must(e.svc.Users.Update(e.ctx, e.as("a.admin"), victim.UserID, nil, UserPatch{Password: To("reset by the admin!")}))
	if _, err := e.svc.Auth.Authenticate(e.ctx, session, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("session after a reset: %v", err)
	}
	if _, err := e.svc.Auth.AuthenticateToken(e.ctx, secret, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("token after a reset: %v", err)
	}
	if e.audited(ActionSessionEnd, models.EntityUser) != 1 || e.audited(ActionTokenRevoke, models.EntityUser) != 1 {
		t.Errorf("the reset's ending of access is not audited")
	}
}

// Users see their live sessions and end them; admins see and end anyone's.
func TestSessionsAreListedAndEndedByTheirUserAndAdmins(t *testing.T) {
	e := newEnv(t)
	phone, phoneToken := e.signIn("a.viewer", "192.0.2.20", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")
	laptop, laptopToken := e.signIn("a.viewer", "192.0.2.21", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0")
	_, thirdToken := e.signIn("a.viewer", "192.0.2.22", "curl/8.5.0")
	// Another user's session is not listed.
	e.signIn("a.officer", "192.0.2.23", "")

	list := must(e.svc.Auth.ListSessions(e.ctx, laptop))
	if len(list) != 3 {
		t.Fatalf("%d sessions listed, want 3: %+v", len(list), list)
	}
	devices := map[string]bool{}
	for _, s := range list {
		devices[s.Device] = true
		if s.Current != (s.ID == laptop.SessionID) {
			t.Errorf("session %d current=%v", s.ID, s.Current)
		}
	}
	if !devices["Safari on iOS"] || !devices["Firefox on Windows"] || !devices["curl"] {
		t.Errorf("devices %v", devices)
	}

	// Someone else's session does not exist for a non-admin.
	officer := e.as("a.officer")
	if err := e.svc.Auth.EndSession(e.ctx, officer, phone.SessionID); !errors.Is(err, ErrNotFound) {
		t.Errorf("ending another user's session: %v", err)
	}
	if err := e.svc.Auth.EndSession(e.ctx, laptop, phone.SessionID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Auth.Authenticate(e.ctx, phoneToken, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("an ended session still works: %v", err)
	}
	if err := e.svc.Auth.EndSession(e.ctx, laptop, phone.SessionID); !errors.Is(err, ErrNotFound) {
		t.Errorf("ending it twice: %v", err)
	}

	// Sign out everywhere else.
	if n := must(e.svc.Auth.EndOtherSessions(e.ctx, laptop)); n != 1 {
		t.Errorf("ended %d other sessions, want 1", n)
	}
	if _, err := e.svc.Auth.Authenticate(e.ctx, thirdToken, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("another session survived: %v", err)
	}
	if _, err := e.svc.Auth.Authenticate(e.ctx, laptopToken, Origin{}); err != nil {
		t.Errorf("the current session ended: %v", err)
	}

	// Admins: list and end all; others may not.
	admin := e.as("b.admin")
	if _, err := e.svc.Auth.UserSessions(e.ctx, e.as("a.manager"), laptop.UserID); !errors.Is(err, ErrForbidden) {
		t.Errorf("a manager listing a user's sessions: %v", err)
	}
	if _, err := e.svc.Auth.UserSessions(e.ctx, admin, 999999); !errors.Is(err, ErrNotFound) {
		t.Errorf("sessions of no user: %v", err)
	}
	if got := must(e.svc.Auth.UserSessions(e.ctx, admin, laptop.UserID)); len(got) != 1 || got[0].Current {
		t.Errorf("admin's view: %+v", got)
	}
	_, secret := must2(e.svc.Auth.CreateToken(e.ctx, laptop, "script"))
	if err := e.svc.Auth.EndUserSessions(e.ctx, e.as("a.officer"), laptop.UserID, true); !errors.Is(err, ErrForbidden) {
		t.Errorf("an officer ending a user's sessions: %v", err)
	}
	if err := e.svc.Auth.EndUserSessions(e.ctx, admin, laptop.UserID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Auth.Authenticate(e.ctx, laptopToken, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("a session survived the admin's end-all: %v", err)
	}
	if _, err := e.svc.Auth.AuthenticateToken(e.ctx, secret, Origin{}); err != nil {
		t.Errorf("revoke_tokens=false revoked a token: %v", err)
	}
	if err := e.svc.Auth.EndUserSessions(e.ctx, admin, laptop.UserID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Auth.AuthenticateToken(e.ctx, secret, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("a token survived the admin's end-all: %v", err)
	}
	if n := e.audited(ActionSessionEnd, models.EntitySession); n != 1 {
		t.Errorf("%d single session ends audited, want 1", n)
	}
	if n := e.audited(ActionSessionEnd, models.EntityUser); n != 2 {
		t.Errorf("%d bulk session ends audited, want 2", n)
	}
}

func TestDeviceOfSummarisesUserAgents(t *testing.T) {
	for ua, want := range map[string]string{
		"": "unknown",
		"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15":            "Safari on macOS",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0": "Edge on Windows",
		"Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36":                  "Chrome on Android",
		"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0":                                                        "Firefox on Linux",
		"python-requests/2.32.3":  "Python",
		"liaison-sync/1.0 (bots)": "liaison-sync/1.0 (bots)",
	} {
		if got := DeviceOf(ua); got != want {
			t.Errorf("%q: %q, want %q", ua, got, want)
		}
	}
}
