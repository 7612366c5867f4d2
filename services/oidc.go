package services

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
	"gorm.io/gorm"

	"liaison/models"
)

// Single sign-on with an OpenID Connect provider: the authorization code
// flow with PKCE (S256).
//
// Begin makes a state, a nonce and a PKCE verifier, keeps them in an
// oidc_logins row keyed by the state's hash (the browser keeps the state
// in a cookie), and sends the browser to the provider. Finish takes the
// provider's answer: the state must match the browser's cookie and an
// unexpired row, which it deletes in the same statement (a state is good
// once, on any process); the code is exchanged with the verifier; go-oidc
// verifies the ID token (signature against the provider's published keys,
// issuer, audience, expiry) and Finish checks its nonce; the provider
// must vouch for the email (email_verified), which must be an active
// user's. Two-factor sign-in is the provider's business for such users.

// Audit action of a sign-in through single sign-on; a refused one is
// ActionLoginFailed with "method": "oidc" and the reason.
const ActionLoginSSO = "login_sso"

const (
	oidcLoginTTL         = 10 * time.Minute
	maxPendingOIDCLogins = 10000 // sign-ins started and not finished within oidcLoginTTL
)

// OIDCConfig configures single sign-on; without an issuer it is off.
type OIDCConfig struct {
	Issuer       string // the provider's issuer URL (discovery: Issuer + /.well-known/openid-configuration)
	ClientID     string
	ClientSecret string
	Label        string       // how the sign-in page names it: "Sign in with <Label>"
	HTTPClient   *http.Client // nil: one with a 10-second timeout
}

// Enabled reports whether single sign-on is configured.
func (c OIDCConfig) Enabled() bool { return c.Issuer != "" && c.ClientID != "" && c.ClientSecret != "" }

// OIDCService runs single sign-on. The provider's discovery document is
// fetched at the first sign-in (not at start, so that Liaison starts while
// the provider is down) and kept.
type OIDCService struct {
	db   *gorm.DB
	auth *AuthService
	cfg  OIDCConfig

	mu       sync.Mutex
	provider *oidc.Provider
}

func newOIDCService(db *gorm.DB, auth *AuthService, cfg OIDCConfig) *OIDCService {
	if cfg.Label == "" {
		cfg.Label = "single sign-on"
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	return &OIDCService{db: db, auth: auth, cfg: cfg}
}

// SignInOptions are the ways to sign in, for the sign-in page.
type SignInOptions struct {
	OIDC          bool
	OIDCLabel     string
	PasswordLogin bool
}

// Options tells which ways to sign in are open.
func (s *OIDCService) Options() SignInOptions {
	return SignInOptions{OIDC: s.cfg.Enabled(), OIDCLabel: s.cfg.Label, PasswordLogin: !s.auth.cfg.PasswordLoginDisabled}
}

// SSOErrorKind sorts the refusals of single sign-on.
type SSOErrorKind int

const (
	// SSORefused: the provider vouched for someone who may not sign in
	// (unknown or deactivated, or an unverified email).
	SSORefused SSOErrorKind = iota + 1
	// SSOFailed: the answer could not be trusted or used (state, token).
	SSOFailed
	// SSOUnavailable: the provider could not be reached.
	SSOUnavailable
)

// SSOError says why a single sign-on did not sign anyone in.
type SSOError struct {
	Kind    SSOErrorKind
	Reason  string // stable snake_case: unknown_user, inactive_user, email_not_verified, state_mismatch, ...
	Message string // for the person at the browser
	Detail  string // for the log only
}

func (e *SSOError) Error() string { return e.Reason + ": " + e.Message }

func ssoFailed(reason, msg string) *SSOError {
	return &SSOError{Kind: SSOFailed, Reason: reason, Message: msg}
}

// OIDCCallback is what the provider sent the browser back with, and the
// state that the browser kept.
type OIDCCallback struct {
	State, Code             string
	Error, ErrorDescription string
	BrowserState            string // from the cookie set by Begin
}

func (s *OIDCService) discover(ctx context.Context) (*oidc.Provider, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.provider != nil {
		return s.provider, nil
	}
	// Not the request's context: go-oidc keeps this one to fetch the
	// provider's keys later.
	p, err := oidc.NewProvider(oidc.ClientContext(context.Background(), s.cfg.HTTPClient), s.cfg.Issuer)
	if err != nil {
		return nil, &SSOError{Kind: SSOUnavailable, Reason: "provider_unavailable",
			Message: "the identity provider could not be reached, or its description is not valid", Detail: err.Error()}
	}
	s.provider = p
	return p, nil
}

func (s *OIDCService) oauth(p *oidc.Provider, redirectURI string) *oauth2.Config {
	return &oauth2.Config{ClientID: s.cfg.ClientID, ClientSecret: s.cfg.ClientSecret, Endpoint: p.Endpoint(),
		RedirectURL: redirectURI, Scopes: []string{oidc.ScopeOpenID, "email", "profile"}}
}

// Begin starts a sign-in: it returns the provider's authorization URL to
// send the browser to, and the state for the browser to keep.
// Errors: ErrNotFound (not configured), *SSOError (provider unreachable).
func (s *OIDCService) Begin(ctx context.Context, redirectURI string) (authURL, state string, err error) {
	if !s.cfg.Enabled() {
		return "", "", ErrNotFound
	}
	p, err := s.discover(ctx)
	if err != nil {
		return "", "", err
	}
	state, nonce, verifier := newSecret(""), newSecret(""), oauth2.GenerateVerifier()
	db := s.db.WithContext(ctx)
	now := models.Now()
	if err := db.Where("expires_at < ?", now).Delete(&models.OIDCLogin{}).Error; err != nil {
		return "", "", err
	}
	// Anyone may start a sign-in: the rows of those in progress are bounded.
	var pending int64
	if err := db.Model(&models.OIDCLogin{}).Count(&pending).Error; err != nil {
		return "", "", err
	}
	if pending >= maxPendingOIDCLogins {
		return "", "", &SSOError{Kind: SSOUnavailable, Reason: "too_many_sign_ins",
			Message: "too many sign-ins are in progress; try again in a few minutes"}
	}
	row := models.OIDCLogin{StateHash: hashSecret(state), Nonce: nonce, CodeVerifier: verifier,
		RedirectURI: redirectURI, ExpiresAt: now.Add(oidcLoginTTL)}
	if err := db.Create(&row).Error; err != nil {
		return "", "", err
	}
	return s.oauth(p, redirectURI).AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), state, nil
}

// StateTTL is how long a started sign-in may take.
func (s *OIDCService) StateTTL() time.Duration { return oidcLoginTTL }

// Finish completes a sign-in from the provider's answer and opens a
// session, as password sign-in does; it returns the user and the
// session's token. Errors: ErrNotFound (not configured), *SSOError.
func (s *OIDCService) Finish(ctx context.Context, origin Origin, cb OIDCCallback, userAgent string) (models.User, string, error) {
	if !s.cfg.Enabled() {
		return models.User{}, "", ErrNotFound
	}
	if cb.State == "" || len(cb.State) > 200 || subtle.ConstantTimeCompare([]byte(cb.State), []byte(cb.BrowserState)) != 1 {
		return models.User{}, "", ssoFailed("state_mismatch", "this answer of the identity provider does not belong to a sign-in started in this browser")
	}
	row, err := s.takeLogin(ctx, cb.State)
	if err != nil {
		return models.User{}, "", err
	}
	if cb.Error != "" {
		return models.User{}, "", &SSOError{Kind: SSORefused, Reason: "provider_refused",
			Message: "the identity provider did not sign you in: " + truncate(strings.TrimSpace(cb.Error+" "+cb.ErrorDescription), 300)}
	}
	if cb.Code == "" || len(cb.Code) > 2048 {
		return models.User{}, "", ssoFailed("no_code", "the identity provider sent no authorization code")
	}
	p, err := s.discover(ctx)
	if err != nil {
		return models.User{}, "", err
	}
	ctx = oidc.ClientContext(ctx, s.cfg.HTTPClient)
	tok, err := s.oauth(p, row.RedirectURI).Exchange(ctx, cb.Code, oauth2.VerifierOption(row.CodeVerifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			return models.User{}, "", ssoFailed("code_refused", "the identity provider refused the authorization code")
		}
		return models.User{}, "", &SSOError{Kind: SSOUnavailable, Reason: "provider_unavailable",
			Message: "the identity provider could not be reached", Detail: err.Error()}
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return models.User{}, "", ssoFailed("no_id_token", "the identity provider sent no ID token")
	}
	idt, err := p.Verifier(&oidc.Config{ClientID: s.cfg.ClientID}).Verify(ctx, raw)
	if err != nil {
		return models.User{}, "", tokenRefusal(err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(row.Nonce)) != 1 {
		return models.User{}, "", ssoFailed("nonce_mismatch", "the ID token was not issued for this sign-in")
	}
	email, verified, err := s.email(ctx, p, idt, tok)
	if err != nil {
		return models.User{}, "", err
	}
	return s.signIn(ctx, origin, email, verified, userAgent)
}

// takeLogin consumes the row of a started sign-in: deleted as it is read,
// so that of two callbacks with one state only one finds it.
func (s *OIDCService) takeLogin(ctx context.Context, state string) (models.OIDCLogin, error) {
	var rows []models.OIDCLogin
	err := s.db.WithContext(ctx).Raw(`DELETE FROM oidc_logins WHERE state_hash = ?
RETURNING state_hash, nonce, code_verifier, redirect_uri, expires_at`, hashSecret(state)).Scan(&rows).Error
	if err != nil {
		return models.OIDCLogin{}, err
	}
	if len(rows) == 0 {
		return models.OIDCLogin{}, ssoFailed("state_unknown", "this sign-in was already completed, or never started here; start again")
	}
	if models.Now().After(rows[0].ExpiresAt) {
		return models.OIDCLogin{}, ssoFailed("state_expired", "this sign-in took too long; start again")
	}
	return rows[0], nil
}

// tokenRefusal names what go-oidc found wrong with an ID token.
func tokenRefusal(err error) *SSOError {
	var expired *oidc.TokenExpiredError
	msg := err.Error()
	switch {
	case errors.As(err, &expired):
		return ssoFailed("token_expired", "the ID token has expired")
	case strings.Contains(msg, "issued by a different provider"):
		return ssoFailed("wrong_issuer", "the ID token was issued by another provider than the configured one")
	case strings.Contains(msg, "expected audience"):
		return ssoFailed("wrong_audience", "the ID token was issued for another application")
	case strings.Contains(msg, "signature"):
		return ssoFailed("bad_signature", "the ID token's signature is not the provider's")
	}
	return ssoFailed("invalid_token", "the ID token is not valid")
}

// email reads the email that the provider vouches for: from the ID token,
// or, when the token carries none, from the userinfo endpoint (for the
// same subject).
func (s *OIDCService) email(ctx context.Context, p *oidc.Provider, idt *oidc.IDToken, tok *oauth2.Token) (string, bool, error) {
	var claims struct {
		Email         string `json:"email"`
		EmailVerified any    `json:"email_verified"`
	}
	if err := idt.Claims(&claims); err != nil {
		return "", false, ssoFailed("invalid_token", "the ID token's claims cannot be read")
	}
	if claims.Email == "" {
		info, err := p.UserInfo(ctx, oauth2.StaticTokenSource(tok))
		if err != nil || info.Subject != idt.Subject {
			return "", false, ssoFailed("no_email", "the identity provider did not tell your email address")
		}
		var extra map[string]any
		_ = info.Claims(&extra)
		claims.Email, claims.EmailVerified = info.Email, extra["email_verified"]
	}
	if claims.Email == "" {
		return "", false, ssoFailed("no_email", "the identity provider did not tell your email address")
	}
	// Some providers send the flag as a string.
	verified := claims.EmailVerified == true || claims.EmailVerified == "true"
	return claims.Email, verified, nil
}

// signIn opens a session for the active user with the email, or audits
// and refuses.
func (s *OIDCService) signIn(ctx context.Context, origin Origin, email string, verified bool, userAgent string) (models.User, string, error) {
	db := s.db.WithContext(ctx)
	email = normalizeEmail(email)
	var u models.User
	err := db.Where("email = ?", email).Take(&u).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return u, "", err
	}
	found := err == nil
	var refusal *SSOError
	switch {
	case !verified:
		refusal = &SSOError{Kind: SSORefused, Reason: "email_not_verified",
			Message: fmt.Sprintf("your identity provider has not verified the email address %s, so Liaison cannot match it to an account", email)}
	case !found:
		refusal = &SSOError{Kind: SSORefused, Reason: "unknown_user",
			Message: fmt.Sprintf("no Liaison account has the email address %s; ask an administrator to create one", email)}
	case !u.Active:
		refusal = &SSOError{Kind: SSORefused, Reason: "inactive_user",
			Message: fmt.Sprintf("the Liaison account with the email address %s is deactivated", email)}
	}
	if refusal != nil {
		entry := auditEntry{action: ActionLoginFailed, entity: models.EntitySession, origin: origin,
			changes: map[string]fieldChange{"method": {New: "oidc"}, "reason": {New: refusal.Reason}}}
		if found {
			entry.entityID, entry.officeID = u.ID, u.OfficeID
		}
		if err := writeAudit(db, entry); err != nil {
			return models.User{}, "", err
		}
		return models.User{}, "", refusal
	}
	var token string
	err = db.Transaction(func(tx *gorm.DB) error {
		var err error
		token, err = s.auth.startSession(tx, &u, origin, userAgent, ActionLoginSSO, map[string]fieldChange{"method": {New: "oidc"}})
		return err
	})
	return u, token, err
}
