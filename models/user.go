package models

import "time"

// User is a person who signs in. Users are deactivated, never deleted, so
// that audit events and ownership keep pointing at someone.
type User struct {
	ID           int64 `gorm:"primaryKey"`
	Version      int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Email        string
	Name         string
	PasswordHash string
	Role         string
	OfficeID     int64
	Active       bool
	Locale       string
	LastLoginAt  *time.Time
}

// Session is a server-side login session. Only the SHA-256 of the cookie's
// token is stored, so a copy of the database does not hand out sessions.
type Session struct {
	ID         int64 `gorm:"primaryKey"`
	TokenHash  string
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	ClientAddr string
	UserAgent  string
	// SignInMethod is how the session was opened: "password" (with a
	// second factor when on) or "oidc" (single sign-on).
	SignInMethod string
}

// APIToken is a personal access token; like sessions, stored hashed.
type APIToken struct {
	ID         int64 `gorm:"primaryKey"`
	UserID     int64
	Name       string
	TokenHash  string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// AuditEvent records who did what to which record, from where.
type AuditEvent struct {
	ID         int64 `gorm:"primaryKey"`
	At         time.Time
	ActorID    *int64
	Action     string
	Entity     string
	EntityID   *int64
	OfficeID   *int64
	Changes    string
	ClientAddr string
	RequestID  string
}

// GetID returns the primary key; generic list code reads it for cursors.
func (u *User) GetID() int64 { return u.ID }

// GetID returns the primary key; generic list code reads it for cursors.
func (e *AuditEvent) GetID() int64 { return e.ID }
