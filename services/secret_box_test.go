package services

import (
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"liaison/models"
)

var (
	keyA = []byte("0123456789abcdef0123456789abcdef-first")
	keyB = []byte("0123456789abcdef0123456789abcdef-other")
)

// withKey wires a second set of services on the test's database, as another
// process started with that key would be.
func (e *env) withKey(key []byte) *Services {
	return New(e.db, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{SecretKey: key})
}

func storedSecret(t *testing.T, e *env, userID int64) string {
	t.Helper()
	var m models.UserMFA
	if err := e.db.Where("user_id = ?", userID).Take(&m).Error; err != nil {
		t.Fatal(err)
	}
	return m.Secret
}

// A two-factor secret is stored sealed: the database holds neither the
// secret nor anything that opens without the key, yet codes of the
// authenticator app still confirm the enrolment.
func TestTwoFactorSecretIsSealedAtRest(t *testing.T) {
	e := newEnv(t)
	svc := e.withKey(keyA)
	a := e.as("a.manager")
	enrol, err := svc.Auth.EnrolMFA(e.ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	stored := storedSecret(t, e, a.UserID)
	if !strings.HasPrefix(stored, sealedPrefix) || strings.Contains(stored, enrol.Secret) {
		t.Fatalf("stored secret %q is not sealed", stored)
	}
	code, _ := totp.GenerateCode(enrol.Secret, time.Now())
	if err := svc.Auth.ConfirmMFA(e.ctx, a, code); err != nil {
		t.Fatalf("a code of the sealed secret was refused: %v", err)
	}
	// Another key opens nothing: a process with the wrong key fails the
	// sign-in rather than accepting some code.
	other := e.withKey(keyB)
	if _, _, err := other.Auth.matchTOTP(models.UserMFA{UserID: a.UserID, Secret: stored}, code); !errors.Is(err, ErrSecretKeyMismatch) {
		t.Fatalf("another key opened the secret: %v", err)
	}
	// A sealed secret copied onto another user's row does not open there.
	o := e.as("a.officer")
	if _, _, err := svc.Auth.matchTOTP(models.UserMFA{UserID: o.UserID, Secret: stored}, code); err == nil {
		t.Fatal("a secret sealed for one user opened for another")
	}
}

// Secrets stored in clear before sealing existed are sealed at start and
// keep working; a process started with a different key is refused.
func TestSealStoredSecretsSealsClearOnesAndRefusesAnotherKey(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	const clear = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	if err := e.db.Create(&models.UserMFA{UserID: a.UserID, Secret: clear, CreatedAt: models.Now()}).Error; err != nil {
		t.Fatal(err)
	}
	svc := e.withKey(keyA)
	if err := svc.Auth.SealStoredSecrets(e.ctx); err != nil {
		t.Fatal(err)
	}
	if err := svc.Auth.SealStoredSecrets(e.ctx); err != nil {
		t.Fatalf("a second start with the same key: %v", err)
	}
	stored := storedSecret(t, e, a.UserID)
	if !strings.HasPrefix(stored, sealedPrefix) || strings.Contains(stored, clear) {
		t.Fatalf("the clear secret was not sealed: %q", stored)
	}
	code, _ := totp.GenerateCode(clear, time.Now())
	if _, ok, err := svc.Auth.matchTOTP(models.UserMFA{UserID: a.UserID, Secret: stored}, code); err != nil || !ok {
		t.Fatalf("the sealed secret no longer matches its codes: ok=%v err=%v", ok, err)
	}
	if err := e.withKey(keyB).Auth.SealStoredSecrets(e.ctx); !errors.Is(err, ErrSecretKeyMismatch) {
		t.Fatalf("a process with another key started: %v", err)
	}
}
