package models

import "time"

// UserMFA is a user's TOTP enrolment (migrations/0012_two_factor_and_sso.sql).
// It takes effect once ConfirmedAt is set; LastStep is the newest time step
// whose code was accepted, so that no code is accepted twice.
type UserMFA struct {
	UserID      int64 `gorm:"primaryKey;autoIncrement:false"`
	Secret      string
	CreatedAt   time.Time
	ConfirmedAt *time.Time
	LastStep    int64
}

// TableName is the table's name: the plural of "mfa" reads badly.
func (UserMFA) TableName() string { return "user_mfa" }

// MFARecoveryCode is one one-time recovery code, stored as its SHA-256.
type MFARecoveryCode struct {
	ID       int64 `gorm:"primaryKey"`
	UserID   int64
	CodeHash string
	UsedAt   *time.Time
}

// OIDCLogin is a single sign-on in progress, keyed by the SHA-256 of its
// state; the callback consumes it.
type OIDCLogin struct {
	StateHash    string `gorm:"primaryKey"`
	Nonce        string
	CodeVerifier string
	RedirectURI  string
	ExpiresAt    time.Time
}

// TableName is the table's name (gorm would split the initialisms).
func (MFARecoveryCode) TableName() string { return "mfa_recovery_codes" }

// TableName is the table's name (gorm would split the initialisms).
func (OIDCLogin) TableName() string { return "oidc_logins" }
