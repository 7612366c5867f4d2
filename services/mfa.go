package services

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"liaison/models"
	"liaison/services/query"
)

// Two-factor sign-in with time-based one-time passwords (RFC 6238).
//
// A user enrols (EnrolMFA: a new secret and ten recovery codes, shown once),
// then confirms with a code from their authenticator app (ConfirmMFA); only
// a confirmed enrolment makes sign-in ask for a code. A code is good for
// its 30-second step and one step either side, and once only: accepting it
// moves the user's last_step forward in one conditional UPDATE, which also
// decides between concurrent uses of one code. A recovery code is spent the
// same way. Wrong codes at sign-in are throttled with the passwords
// (services/throttle.go): the attempt was claimed before anything was
// checked.

// Audit actions of two-factor sign-in; the entity is the user.
const (
	ActionMFAEnrol        = "mfa_enrol"
	ActionMFAConfirm      = "mfa_confirm"
	ActionMFADisable      = "mfa_disable"
	ActionMFAReset        = "mfa_reset"
	ActionMFARecoveryUsed = "mfa_recovery_used"
)

var (
	// ErrMFARequired: the password was right, and the user must also give
	// a code (or a recovery code).
	ErrMFARequired = errors.New("a second factor is required")
	// ErrMFAEnrolmentRequired: the user's role must use two-factor sign-in
	// and the user has not enrolled yet; only enrolment is open to them.
	ErrMFAEnrolmentRequired = errors.New("two-factor enrolment required")
	// ErrPasswordLoginDisabled: sign-in goes through single sign-on only.
	ErrPasswordLoginDisabled = errors.New("password sign-in is turned off")
)

const (
	totpPeriod        = 30
	totpIssuer        = "Liaison"
	recoveryCodeCount = 10
)

var totpOptions = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// MFAEnrolment is what starting an enrolment shows, once: the secret (for
// typing in), the otpauth:// URL (for a QR code) and the recovery codes.
type MFAEnrolment struct {
	Secret        string
	URL           string
	RecoveryCodes []string
}

// MFAState says whether a user's two-factor sign-in is on, and whether
// their role requires it while it is not.
type MFAState struct {
	Enabled           bool
	EnrolmentRequired bool
	RecoveryCodesLeft int64 // unused recovery codes, when enabled
}

// EnrolMFA starts (or restarts) the actor's enrolment: a new secret and
// new recovery codes replace any unconfirmed ones. It does nothing to
// sign-in until ConfirmMFA. Errors: *ConflictError (already on).
func (s *AuthService) EnrolMFA(ctx context.Context, actor Actor) (MFAEnrolment, error) {
	var out MFAEnrolment
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		// Two enrolments of one user at once take turns: on PostgreSQL the
		// user's row is locked first (SQLite runs one writer at a time), so
		// the second replaces the first's pending secret instead of
		// colliding with it.
		var u models.User
		q := tx
		if tx.Name() == models.Postgres {
			q = tx.Clauses(clause.Locking{Strength: "NO KEY UPDATE"})
		}
		if err := q.First(&u, actor.UserID).Error; err != nil {
			return ErrUnauthenticated
		}
		var m models.UserMFA
		err := tx.Where("user_id = ?", u.ID).Take(&m).Error
		if err == nil && m.ConfirmedAt != nil {
			return &ConflictError{Field: "mfa", Message: "two-factor sign-in is already on; turn it off first"}
		}
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		key, err := totp.Generate(totp.GenerateOpts{Issuer: totpIssuer, AccountName: u.Email, Period: totpPeriod,
			SecretSize: 20, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil {
			return err
		}
		if err := deleteMFA(tx, u.ID); err != nil {
			return err
		}
		sealed, err := s.box.seal(mfaSecretPlace(u.ID), key.Secret())
		if err != nil {
			return err
		}
		if err := tx.Create(&models.UserMFA{UserID: u.ID, Secret: sealed, CreatedAt: models.Now()}).Error; err != nil {
			return err
		}
		codes := make([]string, recoveryCodeCount)
		rows := make([]models.MFARecoveryCode, recoveryCodeCount)
		for i := range codes {
			codes[i] = newRecoveryCode()
			rows[i] = models.MFARecoveryCode{UserID: u.ID, CodeHash: hashSecret(normalizeRecoveryCode(codes[i]))}
		}
		if err := tx.Create(&rows).Error; err != nil {
			return err
		}
		out = MFAEnrolment{Secret: key.Secret(), URL: key.URL(), RecoveryCodes: codes}
		return actor.audit(tx, ActionMFAEnrol, models.EntityUser, u.ID, u.OfficeID, nil)
	})
	return out, err
}

// ConfirmMFA turns the actor's pending enrolment on, given a current code
// of its secret. Errors: *ValidationError (a wrong code), *ConflictError
// (nothing to confirm).
func (s *AuthService) ConfirmMFA(ctx context.Context, actor Actor, code string) error {
	return query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var m models.UserMFA
		if err := tx.Where("user_id = ?", actor.UserID).Take(&m).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return &ConflictError{Field: "mfa", Message: "there is no enrolment to confirm; start one with POST /api/v1/auth/mfa"}
			}
			return err
		}
		if m.ConfirmedAt != nil {
			return &ConflictError{Field: "mfa", Message: "two-factor sign-in is already on"}
		}
		step, ok, err := s.matchTOTP(m, code)
		if err != nil {
			return err
		}
		if !ok {
			return wrongCode()
		}
		res := tx.Model(&models.UserMFA{}).Where("user_id = ? AND confirmed_at IS NULL AND last_step < ?", m.UserID, step).
			Updates(map[string]any{"confirmed_at": models.Now(), "last_step": step})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return wrongCode()
		}
		return actor.audit(tx, ActionMFAConfirm, models.EntityUser, actor.UserID, actor.OfficeID, nil)
	})
}

// DisableMFA turns the actor's two-factor sign-in off (or drops a pending
// enrolment), given a current code or an unused recovery code. Wrong codes
// are throttled like passwords. Errors: *ValidationError, *ConflictError
// (it is not on), *ThrottledError.
func (s *AuthService) DisableMFA(ctx context.Context, actor Actor, code string) error {
	db := s.db.WithContext(ctx)
	var m models.UserMFA
	if err := db.Where("user_id = ?", actor.UserID).Take(&m).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return &ConflictError{Field: "mfa", Message: "two-factor sign-in is not on"}
		}
		return err
	}
	policy := s.loginPolicy()
	pair := pairKey(fmt.Sprintf("mfa:%d", actor.UserID), actor.ClientAddr)
	if wait, err := policy.claimPair(db, pair, s.now()); err != nil || wait > 0 {
		if err != nil {
			return err
		}
		return &ThrottledError{RetryAfter: wait}
	}
	return query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		ok, recovery, err := s.spendSecondFactor(tx, m, code)
		if err != nil {
			return err
		}
		if !ok {
			return wrongCode()
		}
		if err := resetPair(tx, pair); err != nil {
			return err
		}
		if err := deleteMFA(tx, actor.UserID); err != nil {
			return err
		}
		changes := map[string]fieldChange{"with": {New: "code"}}
		if recovery {
			changes["with"] = fieldChange{New: "recovery_code"}
		}
		return actor.audit(tx, ActionMFADisable, models.EntityUser, actor.UserID, actor.OfficeID, changes)
	})
}

// ResetMFA turns a user's two-factor sign-in off for them (admins only),
// for a user who lost both their device and their recovery codes; they
// sign in with their password alone, and enrol again.
// Errors: ErrForbidden, ErrNotFound.
func (s *AuthService) ResetMFA(ctx context.Context, actor Actor, userID int64) error {
	if !actor.IsAdmin() {
		return ErrForbidden
	}
	return query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var u models.User
		if err := tx.First(&u, userID).Error; err != nil {
			return notFoundOr(err)
		}
		var n int64
		if err := tx.Model(&models.UserMFA{}).Where("user_id = ?", u.ID).Count(&n).Error; err != nil {
			return err
		}
		if err := deleteMFA(tx, u.ID); err != nil {
			return err
		}
		return actor.audit(tx, ActionMFAReset, models.EntityUser, u.ID, u.OfficeID,
			map[string]fieldChange{"mfa": {Old: n > 0, New: false}})
	})
}

// MFAStatus tells the actor's two-factor state. Errors: none but database
// failures.
func (s *AuthService) MFAStatus(ctx context.Context, actor Actor) (MFAState, error) {
	db := s.db.WithContext(ctx)
	var st MFAState
	var m models.UserMFA
	err := db.Where("user_id = ? AND confirmed_at IS NOT NULL", actor.UserID).Take(&m).Error
	switch {
	case err == nil:
		st.Enabled = true
		if err := db.Model(&models.MFARecoveryCode{}).Where("user_id = ? AND used_at IS NULL", actor.UserID).
			Count(&st.RecoveryCodesLeft).Error; err != nil {
			return st, err
		}
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return st, err
	}
	st.EnrolmentRequired = actor.MFAEnrolmentRequired
	return st, nil
}

// roleRequiresMFA reports whether LIAISON_MFA_REQUIRED_ROLES names the role.
func (s *AuthService) roleRequiresMFA(role string) bool {
	return slices.Contains(s.cfg.MFARequiredRoles, role)
}

// Values of sessions.sign_in_method.
const (
	signInPassword = "password"
	signInOIDC     = "oidc"
)

// enrolmentRequired reports whether a user must enrol before doing
// anything else: their role requires two-factor sign-in and it is not on.
// It holds for sessions opened with a password and for personal API
// tokens; single sign-on leaves the second factor to the provider.
func (s *AuthService) enrolmentRequired(db *gorm.DB, userID int64, role string) (bool, error) {
	if !s.roleRequiresMFA(role) {
		return false, nil
	}
	var n int64
	err := db.Model(&models.UserMFA{}).Where("user_id = ? AND confirmed_at IS NOT NULL", userID).Count(&n).Error
	return n == 0, err
}

// secondFactor checks the code given at sign-in when the user has
// two-factor sign-in on. Errors: ErrMFARequired (none given),
// ErrUnauthenticated (a wrong or spent code).
func (s *AuthService) secondFactor(db *gorm.DB, u models.User, origin Origin, code string) error {
	var m models.UserMFA
	err := db.Where("user_id = ? AND confirmed_at IS NOT NULL", u.ID).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if strings.TrimSpace(code) == "" {
		return ErrMFARequired
	}
	return db.Transaction(func(tx *gorm.DB) error {
		ok, recovery, err := s.spendSecondFactor(tx, m, code)
		if err != nil {
			return err
		}
		if !ok {
			return ErrUnauthenticated
		}
		if recovery {
			uid := u.ID
			return writeAudit(tx, auditEntry{actorID: &uid, action: ActionMFARecoveryUsed, entity: models.EntityUser,
				entityID: u.ID, officeID: u.OfficeID, origin: origin})
		}
		return nil
	})
}

// spendSecondFactor accepts a TOTP code of a step later than the last one
// accepted, or an unused recovery code, and records its use in the same
// conditional statement that decides it.
func (s *AuthService) spendSecondFactor(tx *gorm.DB, m models.UserMFA, code string) (ok, recovery bool, err error) {
	code = strings.Join(strings.Fields(code), "")
	if isTOTPCode(code) {
		step, match, err := s.matchTOTP(m, code)
		if err != nil || !match {
			return false, false, err
		}
		res := tx.Model(&models.UserMFA{}).Where("user_id = ? AND last_step < ?", m.UserID, step).Update("last_step", step)
		return res.RowsAffected == 1, false, res.Error
	}
	norm := normalizeRecoveryCode(code)
	if len(norm) != 16 {
		return false, false, nil
	}
	res := tx.Model(&models.MFARecoveryCode{}).Where("user_id = ? AND code_hash = ? AND used_at IS NULL", m.UserID, hashSecret(norm)).
		Update("used_at", models.Now())
	return res.RowsAffected == 1, true, res.Error
}

// matchTOTP opens the user's sealed secret and finds the time step of the
// code; an error means the secret cannot be opened (another key).
func (s *AuthService) matchTOTP(m models.UserMFA, code string) (int64, bool, error) {
	secret, err := s.box.open(mfaSecretPlace(m.UserID), m.Secret)
	if err != nil {
		return 0, false, err
	}
	step, ok := matchTOTP(secret, code, s.now())
	return step, ok, nil
}

// matchTOTP finds the time step (now, or one either side) whose code this
// is, comparing in constant time.
func matchTOTP(secret, code string, now time.Time) (int64, bool) {
	code = strings.Join(strings.Fields(code), "")
	if !isTOTPCode(code) {
		return 0, false
	}
	current := now.Unix() / totpPeriod
	found, step := false, int64(0)
	for _, st := range []int64{current - 1, current, current + 1} {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(st*totpPeriod, 0), totpOptions)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 && !found {
			found, step = true, st
		}
	}
	return step, found
}

func isTOTPCode(code string) bool {
	if len(code) != 6 {
		return false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func wrongCode() error {
	return &ValidationError{Fields: []FieldError{{Field: "code", Message: "is not a current code of your authenticator app"}}}
}

func deleteMFA(tx *gorm.DB, userID int64) error {
	if err := tx.Where("user_id = ?", userID).Delete(&models.MFARecoveryCode{}).Error; err != nil {
		return err
	}
	return tx.Where("user_id = ?", userID).Delete(&models.UserMFA{}).Error
}

// newRecoveryCode returns 80 random bits as "xxxx-xxxx-xxxx-xxxx".
func newRecoveryCode() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	s := strings.ToLower(base32.StdEncoding.EncodeToString(b))
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
}

// normalizeRecoveryCode forgives case, spaces and dashes.
func normalizeRecoveryCode(code string) string {
	return strings.ToLower(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(code)))
}

// TwoFactorOn tells which of the given users have two-factor sign-in on, for
// the admins' list of users: whether an account has a second factor is
// security information, so other roles get ErrForbidden.
func (s *UserService) TwoFactorOn(ctx context.Context, actor Actor, ids []int64) (map[int64]bool, error) {
	if !actor.IsAdmin() {
		return nil, ErrForbidden
	}
	on := make(map[int64]bool, len(ids))
	if len(ids) == 0 {
		return on, nil
	}
	var with []int64
	if err := s.db.WithContext(ctx).Model(&models.UserMFA{}).Where("user_id IN ? AND confirmed_at IS NOT NULL", ids).
		Pluck("user_id", &with).Error; err != nil {
		return nil, err
	}
	for _, id := range with {
		on[id] = true
	}
	return on, nil
}
