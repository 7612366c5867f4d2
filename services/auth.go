package services

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// AuthService signs users in and out and resolves sessions and personal API
// tokens into actors. All state lives in the database, so several processes
// can share it.
type AuthService struct {
	db  *gorm.DB
	log *slog.Logger
	cfg Config
	box *secretBox // seals two-factor secrets (secret_box.go)

	// Set by tests only; zero values mean the real ones.
	clock  func() time.Time                    // models.Now
	verify func(password, encoded string) bool // verifyPassword
	policy *loginPolicy                        // defaultLoginPolicy

	principals *epochCache[principal] // principal_cache.go
}

const (
	sessionTouchEvery = time.Minute
	tokenPrefix       = "lia_"
)

// dummyHash is verified against when the email is unknown, so that a wrong
// email costs the same time as a wrong password.
// It is a fixed hash with the same parameters as HashPassword's rather than
// one computed at start-up: an argon2id computation takes 64 MiB, which a
// server that nobody has signed in to yet should not be holding.
const dummyHash = "$argon2id$v=19$m=65536,t=3,p=2$HdJHGHzVmda/3druGQ3RKg$G8zUL86k418xq5sPj6E9JHpUMVb6Ax5+ivg2LdPTDm4"

func (s *AuthService) now() time.Time {
	if s.clock != nil {
		return s.clock()
	}
	return models.Now()
}

func (s *AuthService) checkPassword(password, encoded string) bool {
	if s.verify != nil {
		return s.verify(password, encoded)
	}
	return verifyPassword(password, encoded)
}

func (s *AuthService) loginPolicy() loginPolicy {
	if s.policy != nil {
		return *s.policy
	}
	return defaultLoginPolicy
}

// Login checks credentials and opens a session. It answers ErrUnauthenticated
// alike for an unknown email, a wrong password and a deactivated user, and
// throttles them alike (services/throttle.go): the attempt is claimed in the
// database before the password is verified, and the password is verified
// (against a dummy hash for an unknown email) whenever the claim succeeds.
// Errors: ErrUnauthenticated, *ThrottledError, ErrMFARequired,
// ErrPasswordLoginDisabled.
func (s *AuthService) Login(ctx context.Context, origin Origin, email, password, userAgent string) (models.User, string, error) {
	return s.LoginWithOTP(ctx, origin, email, password, "", userAgent)
}

// LoginWithOTP is Login with the second factor of a user who has two-factor
// sign-in on (services/mfa.go): a code of their authenticator app or an
// unused recovery code. Without one such a user gets ErrMFARequired, once
// the password is verified; a wrong one counts as a failed attempt.
func (s *AuthService) LoginWithOTP(ctx context.Context, origin Origin, email, password, otp, userAgent string) (models.User, string, error) {
	if s.cfg.PasswordLoginDisabled {
		return models.User{}, "", ErrPasswordLoginDisabled
	}
	db := s.db.WithContext(ctx)
	email = normalizeEmail(email)
	policy := s.loginPolicy()
	pair, addr := pairKey(email, origin.ClientAddr), addrKey(origin.ClientAddr)
	now := s.now()
	if err := policy.forget(db, now); err != nil {
		return models.User{}, "", err
	}
	wait, err := policy.claimAddr(db, addr, now)
	if err != nil {
		return models.User{}, "", err
	}
	if wait > 0 {
		return models.User{}, "", &ThrottledError{RetryAfter: wait}
	}
	if wait, err = policy.claimPair(db, pair, now); err != nil || wait > 0 {
		if rerr := policy.refundAddr(db, addr); err == nil {
			err = rerr
		}
		if err != nil {
			return models.User{}, "", err
		}
		return models.User{}, "", &ThrottledError{RetryAfter: wait}
	}
	var u models.User
	found := db.Where("email = ?", email).First(&u).Error == nil
	hash := dummyHash
	if found {
		hash = u.PasswordHash
	}
	ok := s.checkPassword(password, hash) && found && u.Active
	if ok {
		switch err := s.secondFactor(db, u, origin, otp); {
		case errors.Is(err, ErrUnauthenticated):
			ok = false
		case err != nil:
			return models.User{}, "", err
		}
	}
	if !ok {
		entry := auditEntry{action: ActionLoginFailed, entity: models.EntitySession, origin: origin}
		if found {
			entry.entityID, entry.officeID = u.ID, u.OfficeID
		}
		if err := writeAudit(db, entry); err != nil {
			return models.User{}, "", err
		}
		return models.User{}, "", ErrUnauthenticated
	}
	var token string
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := resetPair(tx, pair); err != nil {
			return err
		}
		if err := policy.refundAddr(tx, addr); err != nil {
			return err
		}
		token, err = s.startSession(tx, &u, origin, userAgent, ActionLogin, nil)
		return err
	})
	if err != nil {
		return models.User{}, "", err
	}
	return u, token, nil
}

// startSession opens a session for a user who has proved who they are, in
// the caller's transaction, and audits it; it returns the cookie's token.
// Password sign-in and single sign-on both end here.
func (s *AuthService) startSession(tx *gorm.DB, u *models.User, origin Origin, userAgent, action string, changes map[string]fieldChange) (string, error) {
	token := newSecret("")
	now := models.Now()
	method := signInPassword
	if action == ActionLoginSSO {
		method = signInOIDC
	}
	sess := models.Session{TokenHash: hashSecret(token), UserID: u.ID, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(s.cfg.SessionAbsolute), ClientAddr: origin.ClientAddr, UserAgent: truncate(userAgent, 300),
		SignInMethod: method}
	if err := tx.Create(&sess).Error; err != nil {
		return "", err
	}
	if err := tx.Model(u).UpdateColumn("last_login_at", now).Error; err != nil {
		return "", err
	}
	u.LastLoginAt = &now
	uid := u.ID
	return token, writeAudit(tx, auditEntry{actorID: &uid, action: action, entity: models.EntitySession,
		entityID: sess.ID, officeID: u.OfficeID, changes: changes, origin: origin})
}

// SessionTTL is how long a new session's cookie should live.
func (s *AuthService) SessionTTL() time.Duration { return s.cfg.SessionAbsolute }

// Authenticate resolves a session token (from the cookie) into an actor.
// Idle and absolute timeouts apply. A principal resolved before is used
// while its user's auth epoch is unchanged (principal_cache.go).
// Errors: ErrUnauthenticated.
func (s *AuthService) Authenticate(ctx context.Context, token string, origin Origin) (Actor, error) {
	if token == "" {
		return Actor{}, ErrUnauthenticated
	}
	db := s.db.WithContext(ctx)
	hash := hashSecret(token)
	now := models.Now()
	if p, ok := s.cachedPrincipal(db, sessionKey+hash, now); ok {
		return p.actor(origin), nil
	}
	var row struct {
		models.Session
		Role      string
		OfficeID  int64
		Active    bool
		AuthEpoch int64
	}
	err := db.Table("sessions").Select("sessions.*, users.role, users.office_id, users.active, COALESCE(auth_epochs.epoch, 0) AS auth_epoch").
		Joins("JOIN users ON users.id = sessions.user_id").
		Joins("LEFT JOIN auth_epochs ON auth_epochs.user_id = sessions.user_id").
		Where("sessions.token_hash = ?", hash).Take(&row).Error
	if err != nil {
		return Actor{}, ErrUnauthenticated
	}
	if !row.Active || !s.live(row.Session, now) {
		db.Delete(&models.Session{}, row.Session.ID)
		return Actor{}, ErrUnauthenticated
	}
	seen := row.LastSeenAt
	if now.Sub(row.LastSeenAt) > sessionTouchEvery {
		if db.Model(&models.Session{}).Where("id = ?", row.Session.ID).UpdateColumn("last_seen_at", now).Error == nil {
			seen = now
		}
	}
	gated := false
	if row.SignInMethod != signInOIDC {
		if gated, err = s.enrolmentRequired(db, row.UserID, row.Role); err != nil {
			return Actor{}, err
		}
	}
	p := principal{userID: row.UserID, officeID: row.OfficeID, role: row.Role, sessionID: row.Session.ID,
		mfaEnrolmentRequired: gated, expiresAt: row.ExpiresAt, seenAt: seen}
	s.principals.put(sessionKey+hash, row.AuthEpoch, p)
	return p.actor(origin), nil
}

// AuthenticateToken resolves a personal API token into an actor. A
// principal resolved before is used while its user's auth epoch is
// unchanged (principal_cache.go). Errors: ErrUnauthenticated.
func (s *AuthService) AuthenticateToken(ctx context.Context, token string, origin Origin) (Actor, error) {
	if !strings.HasPrefix(token, tokenPrefix) {
		return Actor{}, ErrUnauthenticated
	}
	db := s.db.WithContext(ctx)
	hash := hashSecret(token)
	now := models.Now()
	if p, ok := s.cachedPrincipal(db, tokenKey+hash, now); ok {
		return p.actor(origin), nil
	}
	var row struct {
		models.APIToken
		Role      string
		OfficeID  int64
		Active    bool
		AuthEpoch int64
	}
	err := db.Table("api_tokens").Select("api_tokens.*, users.role, users.office_id, users.active, COALESCE(auth_epochs.epoch, 0) AS auth_epoch").
		Joins("JOIN users ON users.id = api_tokens.user_id").
		Joins("LEFT JOIN auth_epochs ON auth_epochs.user_id = api_tokens.user_id").
		Where("api_tokens.token_hash = ? AND api_tokens.revoked_at IS NULL", hash).Take(&row).Error
	if err != nil || !row.Active {
		return Actor{}, ErrUnauthenticated
	}
	var seen time.Time
	if row.LastUsedAt != nil {
		seen = *row.LastUsedAt
	}
	if row.LastUsedAt == nil || now.Sub(*row.LastUsedAt) > sessionTouchEvery {
		if db.Model(&models.APIToken{}).Where("id = ?", row.APIToken.ID).UpdateColumn("last_used_at", now).Error == nil {
			seen = now
		}
	}
	gated, err := s.enrolmentRequired(db, row.UserID, row.Role)
	if err != nil {
		return Actor{}, err
	}
	p := principal{userID: row.UserID, officeID: row.OfficeID, role: row.Role, mfaEnrolmentRequired: gated, seenAt: seen}
	s.principals.put(tokenKey+hash, row.AuthEpoch, p)
	return p.actor(origin), nil
}

// Logout ends the actor's current session; with everywhere, every session of
// the user. Errors: none but database failures.
func (s *AuthService) Logout(ctx context.Context, actor Actor, everywhere bool) error {
	return query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		q := tx.Where("user_id = ?", actor.UserID)
		if !everywhere {
			q = q.Where("id = ?", actor.SessionID)
		}
		if err := q.Delete(&models.Session{}).Error; err != nil {
			return err
		}
		return actor.audit(tx, ActionLogout, models.EntitySession, actor.SessionID, actor.OfficeID, nil)
	})
}

// Me returns the actor's own user record. Errors: ErrUnauthenticated.
func (s *AuthService) Me(ctx context.Context, actor Actor) (models.User, error) {
	var u models.User
	if err := s.db.WithContext(ctx).First(&u, actor.UserID).Error; err != nil {
		return u, ErrUnauthenticated
	}
	return u, nil
}

// ChangePassword sets a new password after checking the current one. It
// ends the user's other sessions and, unless keepTokens, revokes their
// personal API tokens: whoever learnt the old password may have used it to
// open a session or make a token. Guesses at the current password are
// throttled like sign-ins. Errors: *ValidationError, *ThrottledError.
func (s *AuthService) ChangePassword(ctx context.Context, actor Actor, current, next string, keepTokens bool) error {
	db := s.db.WithContext(ctx)
	var u models.User
	if err := db.First(&u, actor.UserID).Error; err != nil {
		return ErrUnauthenticated
	}
	policy := s.loginPolicy()
	pair := pairKey(fmt.Sprintf("user:%d", u.ID), actor.ClientAddr)
	if wait, err := policy.claimPair(db, pair, s.now()); err != nil || wait > 0 {
		if err != nil {
			return err
		}
		return &ThrottledError{RetryAfter: wait}
	}
	var verr ValidationError
	if !s.checkPassword(current, u.PasswordHash) {
		verr.add("current_password", "is not your current password")
	}
	checkPassword("new_password", next, &verr)
	if err := verr.orNil(); err != nil {
		return err
	}
	// Hashing takes a while and 64 MiB: done before the transaction, so
	// that no write lock is held meanwhile.
	hash, err := HashPassword(next)
	if err != nil {
		return err
	}
	return query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := resetPair(tx, pair); err != nil {
			return err
		}
		// The password must not have changed since it was verified.
		res := tx.Model(&models.User{}).Where("id = ? AND password_hash = ?", u.ID, u.PasswordHash).
			Updates(map[string]any{"password_hash": hash, "version": gorm.Expr("version + 1"), "updated_at": models.Now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return &ValidationError{Fields: []FieldError{{Field: "current_password", Message: "is not your current password"}}}
		}
		if err := actor.audit(tx, ActionUpdate, models.EntityUser, u.ID, u.OfficeID,
			map[string]fieldChange{"password": {Old: "(hidden)", New: "(changed)"}}); err != nil {
			return err
		}
		_, err := endAccess(tx, actor, u.ID, u.OfficeID, actor.SessionID, !keepTokens)
		return err
	})
}

// CreateToken issues a personal API token; the secret is returned once and
// only its hash is kept. Errors: *ValidationError.
func (s *AuthService) CreateToken(ctx context.Context, actor Actor, name string) (models.APIToken, string, error) {
	var verr ValidationError
	checkRequired("name", name, 100, &verr)
	if err := verr.orNil(); err != nil {
		return models.APIToken{}, "", err
	}
	secret := newSecret(tokenPrefix)
	t := models.APIToken{UserID: actor.UserID, Name: strings.TrimSpace(name), TokenHash: hashSecret(secret), CreatedAt: models.Now()}
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Create(&t).Error; err != nil {
			return err
		}
		return actor.audit(tx, ActionTokenCreate, models.EntityAPIToken, t.ID, actor.OfficeID,
			map[string]fieldChange{"name": {New: t.Name}})
	})
	return t, secret, err
}

// ListTokens returns the actor's own live tokens (never their secrets).
func (s *AuthService) ListTokens(ctx context.Context, actor Actor) ([]models.APIToken, error) {
	var out []models.APIToken
	err := s.db.WithContext(ctx).Where("user_id = ? AND revoked_at IS NULL", actor.UserID).Order("id").Find(&out).Error
	return out, err
}

// RevokeToken revokes one of the actor's tokens (admins: anyone's).
// Errors: ErrNotFound.
func (s *AuthService) RevokeToken(ctx context.Context, actor Actor, id int64) error {
	return query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		q := tx.Model(&models.APIToken{}).Where("id = ? AND revoked_at IS NULL", id)
		if !actor.IsAdmin() {
			q = q.Where("user_id = ?", actor.UserID)
		}
		res := q.Update("revoked_at", models.Now())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return actor.audit(tx, ActionTokenRevoke, models.EntityAPIToken, id, actor.OfficeID, nil)
	})
}

// UserExists reports whether a user with this email exists (active or not).
func (s *AuthService) UserExists(ctx context.Context, email string) bool {
	var n int64
	s.db.WithContext(ctx).Model(&models.User{}).Where("email = ?", normalizeEmail(email)).Count(&n)
	return n > 0
}

// FirstAdmin describes the first admin and the office they sit in.
type FirstAdmin struct {
	Email, Name, Password string
	OfficeName            string  // default "Headquarters"
	OfficeCountry         *string // ISO 3166-1 alpha-2, optional
}

// Bootstrap creates the first admin, and their office, when the database has
// no user yet. It returns the admin, and whether it created one.
// Errors: *ValidationError (a bad email or too short a password).
func (s *AuthService) Bootstrap(ctx context.Context, in FirstAdmin) (models.User, bool, error) {
	var admin models.User
	created := false
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.User{}).Count(&n).Error; err != nil || n > 0 {
			return err
		}
		if in.OfficeName == "" {
			in.OfficeName = "Headquarters"
		}
		if in.Name == "" {
			in.Name = "Administrator"
		}
		var office models.Office
		err := tx.Where("name = ?", in.OfficeName).First(&office).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			office = models.Office{Name: in.OfficeName, CountryCode: in.OfficeCountry}
			office.Version = 1
			err = tx.Create(&office).Error
		}
		if err != nil {
			return err
		}
		u, err := createUser(tx, UserInput{Email: in.Email, Name: in.Name, Password: in.Password,
			Role: models.RoleAdmin, OfficeID: office.ID})
		if err != nil {
			return err
		}
		admin, created = u, true
		return writeAudit(tx, auditEntry{action: ActionCreate, entity: models.EntityUser, entityID: u.ID,
			officeID: office.ID, changes: diff(nil, &u), origin: Origin{RequestID: "bootstrap"}})
	})
	return admin, created, err
}

// newSecret returns 256 random bits, URL-safe, with a prefix that tells
// secret scanners what it is.
func newSecret(prefix string) string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// hashSecret is how session and API tokens are stored: a plain SHA-256 is
// enough for 256-bit random secrets and keeps lookups indexable.
func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
