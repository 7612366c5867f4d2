package services

import (
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"liaison/models"
)

// otherProcess is a second set of services on the test's database, as a
// second `liaison serve` process would hold: its own principal cache.
func (e *env) otherProcess(cfg Config) *Services {
	return New(e.db, slog.New(slog.NewTextHandler(io.Discard, nil)), cfg)
}

// signIn opens a session of a fixture user through svc and returns its
// cookie token and the session's actor.
func signIn(t *testing.T, e *env, svc *Services, email string) (string, Actor) {
	t.Helper()
	_, token, err := svc.Auth.Login(e.ctx, Origin{ClientAddr: "192.0.2.9"}, email, testPassword, "test")
	if err != nil {
		t.Fatalf("login %s: %v", email, err)
	}
	return token, must(svc.Auth.Authenticate(e.ctx, token, Origin{}))
}

// cached authenticates twice through svc and fails unless the second answer
// came from the principal cache: the cases below must revoke a principal
// that is kept, not one resolved afresh.
func cached(t *testing.T, svc *Services, e *env, session, token string) {
	t.Helper()
	if session != "" {
		must(svc.Auth.Authenticate(e.ctx, session, Origin{}))
		must(svc.Auth.Authenticate(e.ctx, session, Origin{}))
		if _, _, ok := svc.Auth.principals.entry(sessionKey + hashSecret(session)); !ok {
			t.Fatal("the session's principal is not kept")
		}
	}
	if token != "" {
		must(svc.Auth.AuthenticateToken(e.ctx, token, Origin{}))
		must(svc.Auth.AuthenticateToken(e.ctx, token, Origin{}))
		if _, _, ok := svc.Auth.principals.entry(tokenKey + hashSecret(token)); !ok {
			t.Fatal("the token's principal is not kept")
		}
	}
}

// TestRevocationReachesAnotherProcessAtOnce: a session and a token used on
// process B, with their principals kept there, are refused by B at the
// very next request after each way of ending access is taken through
// process A.
func TestRevocationReachesAnotherProcessAtOnce(t *testing.T) {
	cases := []struct {
		name    string
		session bool // whether the session is refused (else it lives on)
		token   bool // whether the token is refused
		end     func(e *env, a *Services, user Actor, other Actor)
	}{
		{"logout", true, false, func(e *env, a *Services, user, _ Actor) {
			if err := a.Auth.Logout(e.ctx, user, false); err != nil {
				e.t.Fatal(err)
			}
		}},
		{"logout everywhere", true, false, func(e *env, a *Services, user, _ Actor) {
			if err := a.Auth.Logout(e.ctx, Actor{UserID: user.UserID, OfficeID: user.OfficeID}, true); err != nil {
				e.t.Fatal(err)
			}
		}},
		{"session ended from another session", true, false, func(e *env, a *Services, _ Actor, other Actor) {
			if _, err := a.Auth.EndOtherSessions(e.ctx, other); err != nil {
				e.t.Fatal(err)
			}
		}},
		{"session ended by an admin", true, false, func(e *env, a *Services, user, _ Actor) {
			if err := a.Auth.EndSession(e.ctx, e.as("a.admin"), user.SessionID); err != nil {
				e.t.Fatal(err)
			}
		}},
		{"every session and token ended by an admin", true, true, func(e *env, a *Services, user, _ Actor) {
			if err := a.Auth.EndUserSessions(e.ctx, e.as("a.admin"), user.UserID, true); err != nil {
				e.t.Fatal(err)
			}
		}},
		{"token revoked", false, true, func(e *env, a *Services, user, _ Actor) {
			var tok models.APIToken
			e.db.Where("user_id = ? AND revoked_at IS NULL", user.UserID).First(&tok)
			if err := a.Auth.RevokeToken(e.ctx, user, tok.ID); err != nil {
				e.t.Fatal(err)
			}
		}},
		{"user deactivated", true, true, func(e *env, a *Services, user, _ Actor) {
			must(a.Users.Update(e.ctx, e.as("a.admin"), user.UserID, nil, UserPatch{Active: To(false)}))
		}},
		{"role changed", true, true, func(e *env, a *Services, user, _ Actor) {
			must(a.Users.Update(e.ctx, e.as("a.admin"), user.UserID, nil, UserPatch{Role: To(models.RoleViewer)}))
		}},
		{"office changed", true, true, func(e *env, a *Services, user, _ Actor) {
			must(a.Users.Update(e.ctx, e.as("a.admin"), user.UserID, nil, UserPatch{OfficeID: To(e.fx.OfficeA)}))
		}},
		{"password reset by an admin", true, true, func(e *env, a *Services, user, _ Actor) {
			must(a.Users.Update(e.ctx, e.as("a.admin"), user.UserID, nil, UserPatch{Password: To("an admin's new long password")}))
		}},
		{"password changed in another session", true, true, func(e *env, a *Services, _ Actor, other Actor) {
			if err := a.Auth.ChangePassword(e.ctx, other, testPassword, "a brand new long password", false); err != nil {
				e.t.Fatal(err)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			a, b := e.svc, e.otherProcess(Config{})
			session, user := signIn(t, e, b, "b.officer@example.org")
			_, other := signIn(t, e, a, "b.officer@example.org")
			_, token := must2(b.Auth.CreateToken(e.ctx, user, "script"))
			cached(t, b, e, session, token)
			c.end(e, a, user, other)
			_, err := b.Auth.Authenticate(e.ctx, session, Origin{})
			if c.session != errors.Is(err, ErrUnauthenticated) {
				t.Errorf("session on the other process: %v, want refused %v", err, c.session)
			}
			_, err = b.Auth.AuthenticateToken(e.ctx, token, Origin{})
			if c.token != errors.Is(err, ErrUnauthenticated) {
				t.Errorf("token on the other process: %v, want refused %v", err, c.token)
			}
		})
	}
}

// TestTwoFactorChangesReachAnotherProcessAtOnce: for a role that must use
// two-factor sign-in, switching it on lifts the enrolment gate and an
// admin's reset puts it back, on a process that kept the principal.
func TestTwoFactorChangesReachAnotherProcessAtOnce(t *testing.T) {
	e := newEnv(t)
	cfg := Config{MFARequiredRoles: []string{models.RoleOfficer}}
	a, b := e.otherProcess(cfg), e.otherProcess(cfg)
	session, user := signIn(t, e, b, "a.officer@example.org")
	_, token := must2(b.Auth.CreateToken(e.ctx, user, "script"))
	gated := func(want bool) {
		t.Helper()
		s := must(b.Auth.Authenticate(e.ctx, session, Origin{}))
		k := must(b.Auth.AuthenticateToken(e.ctx, token, Origin{}))
		if s.MFAEnrolmentRequired != want || k.MFAEnrolmentRequired != want {
			t.Errorf("enrolment required: session %v, token %v, want %v", s.MFAEnrolmentRequired, k.MFAEnrolmentRequired, want)
		}
	}
	cached(t, b, e, session, token)
	gated(true)
	confirmed := models.Now()
	if err := e.db.Create(&models.UserMFA{UserID: user.UserID, Secret: "sealed", CreatedAt: confirmed, ConfirmedAt: &confirmed}).Error; err != nil {
		t.Fatal(err)
	}
	gated(false)
	if err := a.Auth.ResetMFA(e.ctx, e.as("a.admin"), user.UserID); err != nil {
		t.Fatal(err)
	}
	gated(true)
}

// TestKeptPrincipalsKeepTheTimeouts: a kept session is still refused once
// idle too long or past its absolute timeout, as the database says.
func TestKeptPrincipalsKeepTheTimeouts(t *testing.T) {
	e := newEnv(t)
	b := e.otherProcess(Config{})
	idle, _ := signIn(t, e, b, "a.officer@example.org")
	expired, _ := signIn(t, e, b, "a.officer@example.org")
	cached(t, b, e, idle, "")
	cached(t, b, e, expired, "")
	e.db.Model(&models.Session{}).Where("token_hash = ?", hashSecret(idle)).Update("last_seen_at", models.Now().Add(-2*time.Hour))
	e.db.Model(&models.Session{}).Where("token_hash = ?", hashSecret(expired)).Update("expires_at", models.Now().Add(-time.Second))
	for name, token := range map[string]string{"idle": idle, "expired": expired} {
		if _, err := b.Auth.Authenticate(e.ctx, token, Origin{}); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("%s session still works: %v", name, err)
		}
	}
	// A kept principal itself carries the timeouts, checked before its
	// user's epoch is: one used within the idle timeout is used, one idle
	// past it or past its absolute timeout is not.
	uid := e.fx.Users["a.officer"].ID
	var epoch int64
	if err := e.db.Raw(models.AuthEpoch, uid).Row().Scan(&epoch); err != nil {
		t.Fatal(err)
	}
	b.Auth.cfg.SessionIdle = 10 * time.Second
	now := models.Now()
	for _, c := range []struct {
		name          string
		seen, expires time.Time
		used          bool
	}{
		{"fresh", now.Add(-5 * time.Second), now.Add(time.Hour), true},
		{"idle", now.Add(-30 * time.Second), now.Add(time.Hour), false},
		{"expired", now, now.Add(-time.Second), false},
	} {
		b.Auth.principals.put(sessionKey+c.name, epoch, principal{userID: uid, sessionID: 1, seenAt: c.seen, expiresAt: c.expires})
		if _, ok := b.Auth.cachedPrincipal(e.db, sessionKey+c.name, now); ok != c.used {
			t.Errorf("%s principal used: %v, want %v", c.name, ok, c.used)
		}
	}
}

// TestSessionAndTokenPrincipalsAreKeptApart: a personal API token given as
// a session cookie is refused even when its principal is kept.
func TestSessionAndTokenPrincipalsAreKeptApart(t *testing.T) {
	e := newEnv(t)
	_, user := signIn(t, e, e.svc, "a.officer@example.org")
	_, token := must2(e.svc.Auth.CreateToken(e.ctx, user, "script"))
	cached(t, e.svc, e, "", token)
	if _, err := e.svc.Auth.Authenticate(e.ctx, token, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("a token accepted as a session: %v", err)
	}
}
