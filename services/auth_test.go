package services

import (
	"errors"
	"testing"
	"time"

	"liaison/models"
)

func TestLoginAnswersAlikeForUnknownEmailWrongPasswordAndDeactivatedUser(t *testing.T) {
	e := newEnv(t)
	origin := Origin{ClientAddr: "198.51.100.7"}
	u, token, err := e.svc.Auth.Login(e.ctx, origin, "  A.Officer@Example.org ", testPassword, "test")
	if err != nil || u.Email != "a.officer@example.org" || token == "" {
		t.Fatalf("login: %v %+v", err, u)
	}
	for _, c := range []struct{ email, password string }{
		{"a.officer@example.org", "wrong password!!"},
		{"nobody@example.org", testPassword},
		{"a.inactive@example.org", testPassword},
	} {
		if _, _, err := e.svc.Auth.Login(e.ctx, origin, c.email, c.password, ""); !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("%s: %v, want ErrUnauthenticated", c.email, err)
		}
	}
	var failures int64
	e.db.Model(&models.AuditEvent{}).Where("action = ?", ActionLoginFailed).Count(&failures)
	if failures != 3 {
		t.Errorf("audited %d failed logins, want 3", failures)
	}
	var stored models.Session
	e.db.First(&stored)
	if stored.TokenHash == token || stored.TokenHash != hashSecret(token) {
		t.Error("the session token is stored in the clear")
	}
}

func TestSessionsExpireAndEndOnLogout(t *testing.T) {
	e := newEnv(t)
	_, token, err := e.svc.Auth.Login(e.ctx, Origin{}, "a.officer@example.org", testPassword, "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.svc.Auth.Authenticate(e.ctx, token, Origin{})
	if err != nil || a.UserID != e.fx.Users["a.officer"].ID || a.Role != models.RoleOfficer {
		t.Fatalf("authenticate: %v %+v", err, a)
	}
	// Idle for longer than the idle timeout: dead.
	e.db.Model(&models.Session{}).Where("id = ?", a.SessionID).Update("last_seen_at", models.Now().Add(-2*time.Hour))
	if _, err := e.svc.Auth.Authenticate(e.ctx, token, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("idle session still works: %v", err)
	}
	// Past the absolute timeout: dead, however recently used.
	_, token2, _ := e.svc.Auth.Login(e.ctx, Origin{}, "a.officer@example.org", testPassword, "")
	e.db.Model(&models.Session{}).Where("token_hash = ?", hashSecret(token2)).Update("expires_at", models.Now().Add(-time.Minute))
	if _, err := e.svc.Auth.Authenticate(e.ctx, token2, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("expired session still works: %v", err)
	}
	_, token3, _ := e.svc.Auth.Login(e.ctx, Origin{}, "a.officer@example.org", testPassword, "")
	a3 := must(e.svc.Auth.Authenticate(e.ctx, token3, Origin{}))
	if err := e.svc.Auth.Logout(e.ctx, a3, false); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Auth.Authenticate(e.ctx, token3, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("session survives logout: %v", err)
	}
}

func TestDeactivationEndsEverySessionAndToken(t *testing.T) {
	e := newEnv(t)
	_, session, _ := e.svc.Auth.Login(e.ctx, Origin{}, "b.officer@example.org", testPassword, "")
	officer := must(e.svc.Auth.Authenticate(e.ctx, session, Origin{}))
	_, secret, err := e.svc.Auth.CreateToken(e.ctx, officer, "script")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Auth.AuthenticateToken(e.ctx, secret, Origin{}); err != nil {
		t.Fatalf("fresh token: %v", err)
	}
	must(e.svc.Users.Update(e.ctx, e.as("a.admin"), officer.UserID, nil, UserPatch{Active: To(false)}))
	if _, err := e.svc.Auth.Authenticate(e.ctx, session, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("session of a deactivated user: %v", err)
	}
	if _, err := e.svc.Auth.AuthenticateToken(e.ctx, secret, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("token of a deactivated user: %v", err)
	}
}

func TestTokensAreRevocableByTheirOwner(t *testing.T) {
	e := newEnv(t)
	owner := e.as("a.officer")
	tok, secret := must2(e.svc.Auth.CreateToken(e.ctx, owner, "nightly export"))
	if err := e.svc.Auth.RevokeToken(e.ctx, e.as("a.manager"), tok.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("someone else's revoke: %v", err)
	}
	if err := e.svc.Auth.RevokeToken(e.ctx, owner, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Auth.AuthenticateToken(e.ctx, secret, Origin{}); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("revoked token works: %v", err)
	}
}

func TestUsersChangeOnlyWhatTheirRoleAllows(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	if _, err := e.svc.Users.Update(e.ctx, officer, officer.UserID, nil, UserPatch{Role: To(models.RoleAdmin)}); !errors.Is(err, ErrForbidden) {
		t.Errorf("self-promotion: %v", err)
	}
	if _, err := e.svc.Users.Update(e.ctx, officer, officer.UserID, nil, UserPatch{OfficeID: To(e.fx.OfficeB)}); !errors.Is(err, ErrForbidden) {
		t.Errorf("self-move to another office: %v", err)
	}
	me := must(e.svc.Users.Update(e.ctx, officer, officer.UserID, nil, UserPatch{Name: To("Amra"), Locale: To("bs")}))
	if me.Name != "Amra" || me.Locale != "bs" {
		t.Errorf("own profile: %+v", me)
	}
	if _, err := e.svc.Users.Update(e.ctx, officer, e.fx.Users["a.viewer"].ID, nil, UserPatch{Name: To("X")}); !errors.Is(err, ErrForbidden) {
		t.Errorf("editing a colleague: %v", err)
	}
	if _, err := e.svc.Users.Create(e.ctx, e.as("a.manager"), UserInput{Email: "n@example.org", Name: "N", Password: testPassword, Role: "viewer", OfficeID: e.fx.OfficeA}); !errors.Is(err, ErrForbidden) {
		t.Errorf("manager creating a user: %v", err)
	}
	admin := e.as("a.admin")
	_, err := e.svc.Users.Create(e.ctx, admin, UserInput{Email: "A.Officer@example.org", Name: "Dup", Password: testPassword, Role: "viewer", OfficeID: e.fx.OfficeA})
	var conflict *ConflictError
	if !errors.As(err, &conflict) || conflict.Field != "email" {
		t.Errorf("duplicate email: %v", err)
	}
	_, err = e.svc.Users.Create(e.ctx, admin, UserInput{Email: "new@example.org", Name: "New", Password: "short", Role: "overlord", OfficeID: 999})
	got := fieldErrors(t, err)
	for _, f := range []string{"password", "role", "office_id"} {
		if !contains(got, f) {
			t.Errorf("missing field error %s in %v", f, got)
		}
	}
	if _, err := e.svc.Users.Update(e.ctx, admin, admin.UserID, nil, UserPatch{Active: To(false)}); err == nil {
		t.Error("an admin deactivated themselves")
	}
}

func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic(err)
	}
	return a, b
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
