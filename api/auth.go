package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/models"
	"liaison/services"
)

const sessionCookie = "liaison_session"

// authenticate resolves the session cookie or bearer token of operations
// that declare security, and answers 401 when there is none or it is dead.
func (h *handlers) authenticate(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		if len(ctx.Operation().Security) == 0 {
			next(ctx)
			return
		}
		c := ctx.Context()
		var a services.Actor
		err := services.ErrUnauthenticated
		if auth := ctx.Header("Authorization"); strings.HasPrefix(auth, "Bearer ") {
			a, err = h.svc.Auth.AuthenticateToken(c, strings.TrimPrefix(auth, "Bearer "), origin(c))
		} else if cookie, cerr := huma.ReadCookie(ctx, sessionCookie); cerr == nil {
			a, err = h.svc.Auth.Authenticate(c, cookie.Value, origin(c))
		}
		if err != nil {
			status := http.StatusUnauthorized
			if !errors.Is(err, services.ErrUnauthenticated) {
				status = http.StatusInternalServerError
				h.log.Error("authentication failed", "request_id", requestID(c), "error", err.Error())
			}
			_ = huma.WriteErr(api, ctx, status, "sign in first")
			return
		}
		if enrolmentGate(ctx, a) {
			return
		}
		next(huma.WithValue(ctx, keyActor, a))
	}
}

// User is a user as the API shows it; the password hash never leaves.
type User struct {
	ID          int64      `json:"id"`
	Version     int64      `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	Email       string     `json:"email"`
	Name        string     `json:"name"`
	Role        role       `json:"role"`
	OfficeID    int64      `json:"office_id"`
	Active      bool       `json:"active"`
	Locale      locale     `json:"locale"`
	LastLoginAt *time.Time `json:"last_login_at" nullable:"true"`
	// MFAEnabled is account-security information: only admins read it
	// about other users (and everyone about themselves, on Me).
	MFAEnabled *bool `json:"mfa_enabled,omitempty" doc:"Whether the user has two-factor sign-in on; given to admins only."`
}

func userOut(u models.User) User {
	return User{ID: u.ID, Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt, Email: u.Email,
		Name: u.Name, Role: role(u.Role), OfficeID: u.OfficeID, Active: u.Active, Locale: locale(u.Locale), LastLoginAt: u.LastLoginAt}
}

type loginInput struct {
	Body struct {
		Email    string `json:"email" maxLength:"254"`
		Password string `json:"password" maxLength:"1024"`
		OTP      string `json:"otp,omitempty" maxLength:"64" doc:"For a user with two-factor sign-in on: a current code of their authenticator app, or an unused recovery code. Without it such a user gets 401 mfa_required naming body.otp."`
	}
}

type loginOutput struct {
	SetCookie []http.Cookie `header:"Set-Cookie"`
	Body      User
}

type userOutput struct {
	ETag string `header:"ETag"`
	Body User
}

type logoutInput struct {
	Everywhere bool `query:"everywhere" doc:"End every session of this user, not only this one."`
}

type logoutOutput struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
}

type passwordInput struct {
	Body struct {
		CurrentPassword string `json:"current_password" maxLength:"1024"`
		NewPassword     string `json:"new_password" maxLength:"1024"`
		RevokeTokens    *bool  `json:"revoke_tokens,omitempty" default:"true" doc:"Revoke your personal API tokens too (the default). Your other sessions end in any case; the session of this request stays."`
	}
}

// APIToken is a personal token as listed; the secret is shown only once.
type APIToken struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at" nullable:"true"`
	Token      string     `json:"token,omitempty" doc:"The secret; present only in the response that creates it."`
}

type tokenCreateInput struct {
	Body struct {
		Name string `json:"name" minLength:"1" maxLength:"100"`
	}
}

type tokenOutput struct{ Body APIToken }

type tokenListOutput struct {
	Body struct {
		Items []APIToken `json:"items"`
	}
}

type IDPath struct {
	ID int64 `path:"id" minimum:"1"`
}

func (h *handlers) registerAuth(api huma.API) {
	login := op("login", http.MethodPost, "/api/v1/auth/login", "Sign in", "auth")
	login.Security = nil
	login.Errors = []int{401, 403, 422, 429}
	login.Description = "401 invalid_credentials for a wrong email, password or code; 401 mfa_required (naming body.otp) when two-factor sign-in is on and no otp was given; 403 password_login_disabled when only single sign-on is allowed."
	huma.Register(api, login, func(ctx context.Context, in *loginInput) (*loginOutput, error) {
		u, token, err := h.svc.Auth.LoginWithOTP(ctx, origin(ctx), in.Body.Email, in.Body.Password, in.Body.OTP, userAgent(ctx))
		if err != nil {
			if p := loginProblem(ctx, err); p != nil {
				return nil, p
			}
			return nil, fail(ctx, h.log, "body", err)
		}
		secure := isSecure(ctx)
		cookies := []http.Cookie{{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: secure,
			SameSite: http.SameSiteLaxMode, MaxAge: int(h.svc.Auth.SessionTTL().Seconds())}}
		if language, ok := languageCookieFor(u.Locale, secure); ok {
			cookies = append(cookies, language)
		}
		return &loginOutput{SetCookie: cookies, Body: userOut(u)}, nil
	})

	logout := op("logout", http.MethodPost, "/api/v1/auth/logout", "Sign out", "auth")
	logout.DefaultStatus = http.StatusNoContent
	huma.Register(api, logout, func(ctx context.Context, in *logoutInput) (*logoutOutput, error) {
		if err := h.svc.Auth.Logout(ctx, actor(ctx), in.Everywhere); err != nil {
			return nil, fail(ctx, h.log, "query", err)
		}
		return &logoutOutput{SetCookie: http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
			Secure: isSecure(ctx), SameSite: http.SameSiteLaxMode, MaxAge: -1}}, nil
	})

	huma.Register(api, op("me", http.MethodGet, "/api/v1/auth/me", "The signed-in user", "auth"),
		func(ctx context.Context, _ *struct{}) (*meOutput, error) {
			u, err := h.svc.Auth.Me(ctx, actor(ctx))
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			st, err := h.svc.Auth.MFAStatus(ctx, actor(ctx))
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return &meOutput{ETag: etag(u.Version), Body: Me{User: userOut(u), MFAEnabled: st.Enabled,
				MFAEnrolmentRequired: st.EnrolmentRequired, MFARecoveryCodesLeft: st.RecoveryCodesLeft}}, nil
		})

	pw := withSecrets(op("change-password", http.MethodPost, "/api/v1/auth/password", "Change your password", "auth"))
	pw.Description = "Ends your other sessions and, unless revoke_tokens is false, revokes your personal API tokens. Wrong guesses at the current password are throttled like sign-ins (429 with Retry-After)."
	pw.Errors = []int{401, 422, 429}
	pw.DefaultStatus = http.StatusNoContent
	huma.Register(api, pw, func(ctx context.Context, in *passwordInput) (*struct{}, error) {
		err := h.svc.Auth.ChangePassword(ctx, actor(ctx), in.Body.CurrentPassword, in.Body.NewPassword, in.Body.RevokeTokens != nil && !*in.Body.RevokeTokens)
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		return nil, nil
	})

	huma.Register(api, op("list-tokens", http.MethodGet, "/api/v1/auth/tokens", "Your personal API tokens", "auth"),
		func(ctx context.Context, _ *struct{}) (*tokenListOutput, error) {
			ts, err := h.svc.Auth.ListTokens(ctx, actor(ctx))
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			out := &tokenListOutput{}
			out.Body.Items = make([]APIToken, len(ts))
			for i, t := range ts {
				out.Body.Items[i] = APIToken{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, LastUsedAt: t.LastUsedAt}
			}
			return out, nil
		})

	create := withSecrets(op("create-token", http.MethodPost, "/api/v1/auth/tokens", "Create a personal API token", "auth"))
	create.DefaultStatus = http.StatusCreated
	huma.Register(api, create, func(ctx context.Context, in *tokenCreateInput) (*tokenOutput, error) {
		t, secret, err := h.svc.Auth.CreateToken(ctx, actor(ctx), in.Body.Name)
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		return &tokenOutput{Body: APIToken{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, Token: secret}}, nil
	})

	revoke := op("revoke-token", http.MethodDelete, "/api/v1/auth/tokens/{id}", "Revoke a personal API token", "auth")
	revoke.DefaultStatus = http.StatusNoContent
	huma.Register(api, revoke, func(ctx context.Context, in *IDPath) (*struct{}, error) {
		if err := h.svc.Auth.RevokeToken(ctx, actor(ctx), in.ID); err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return nil, nil
	})
}

// isSecure reports whether the client reached us over TLS (directly, or as
// a trusted proxy says), so that cookies get the Secure flag.
func isSecure(ctx context.Context) bool {
	secure, _ := ctx.Value(keySecure).(bool)
	return secure
}
