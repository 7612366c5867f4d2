package api

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gin-gonic/gin"

	"liaison/services"
)

// oidcStateCookie carries the state of a single sign-on from its start to
// the provider's callback: only the browser that started it can finish it.
const oidcStateCookie = "liaison_oidc_state"

const oidcCallbackPath = "/auth/oidc/callback"

// SignInOptions tells the sign-in page which ways in are open.
type SignInOptions struct {
	OIDC          bool   `json:"oidc" doc:"Single sign-on is configured: offer \"Sign in with <oidc_label>\", a link to GET /auth/oidc/login."`
	OIDCLabel     string `json:"oidc_label" doc:"How to name the identity provider (LIAISON_OIDC_LABEL)."`
	PasswordLogin bool   `json:"password_login" doc:"POST /api/v1/auth/login accepts passwords; when false it answers 403 password_login_disabled."`
}

type signInOptionsOutput struct{ Body SignInOptions }

func (h *handlers) registerAuthConfig(api huma.API) {
	cfg := op("auth-config", http.MethodGet, "/api/v1/auth/config", "How to sign in", "auth")
	cfg.Security = nil
	cfg.Description = "Public: what the sign-in page should offer."
	huma.Register(api, cfg, func(ctx context.Context, _ *struct{}) (*signInOptionsOutput, error) {
		o := h.svc.OIDC.Options()
		return &signInOptionsOutput{Body: SignInOptions{OIDC: o.OIDC, OIDCLabel: o.OIDCLabel, PasswordLogin: o.PasswordLogin}}, nil
	})
}

// registerOIDC adds the browser's two steps of single sign-on. They are
// plain pages and redirects, not API operations: the browser navigates to
// them. Both answer 404 when single sign-on is not configured.
func (h *handlers) registerOIDC(engine *gin.Engine, publicURL string) {
	redirectURI := func(c *gin.Context) string { return publicBase(c.Request, publicURL) + oidcCallbackPath }

	engine.GET("/auth/oidc/login", func(c *gin.Context) {
		ctx := c.Request.Context()
		url, state, err := h.svc.OIDC.Begin(ctx, redirectURI(c))
		if err != nil {
			h.ssoPage(c, err)
			return
		}
		http.SetCookie(c.Writer, &http.Cookie{Name: oidcStateCookie, Value: state, Path: "/auth/oidc/", HttpOnly: true,
			Secure: isSecure(ctx), SameSite: http.SameSiteLaxMode, MaxAge: int(h.svc.OIDC.StateTTL().Seconds())})
		c.Header("Cache-Control", "no-store")
		c.Redirect(http.StatusFound, url)
	})

	engine.GET(oidcCallbackPath, func(c *gin.Context) {
		ctx := c.Request.Context()
		browserState, _ := c.Cookie(oidcStateCookie)
		// The state is good once, whatever comes of it.
		http.SetCookie(c.Writer, &http.Cookie{Name: oidcStateCookie, Value: "", Path: "/auth/oidc/", HttpOnly: true,
			Secure: isSecure(ctx), SameSite: http.SameSiteLaxMode, MaxAge: -1})
		q := c.Request.URL.Query()
		u, token, err := h.svc.OIDC.Finish(ctx, origin(ctx), services.OIDCCallback{
			State: q.Get("state"), Code: q.Get("code"), Error: q.Get("error"), ErrorDescription: q.Get("error_description"),
			BrowserState: browserState,
		}, userAgent(ctx))
		if err != nil {
			h.ssoPage(c, err)
			return
		}
		http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: isSecure(ctx),
			SameSite: http.SameSiteLaxMode, MaxAge: int(h.svc.Auth.SessionTTL().Seconds())})
		if language, ok := languageCookieFor(u.Locale, isSecure(ctx)); ok {
			http.SetCookie(c.Writer, &language)
		}
		c.Header("Cache-Control", "no-store")
		c.Redirect(http.StatusFound, "/")
	})
}

var ssoPageTemplate = template.Must(template.New("sso").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{.Title}} · Liaison</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>{{.Title}}</h1>
<p>{{.Message}}</p>
{{if .Reason}}<p style="color: #555">Reason: <code>{{.Reason}}</code>{{if .RequestID}} · request {{.RequestID}}{{end}}</p>{{end}}
<p><a href="/">Back to Liaison's sign-in page</a></p>
</body>
</html>
`))

// ssoPage answers a single sign-on that signed nobody in with a page that
// says why in words.
func (h *handlers) ssoPage(c *gin.Context, err error) {
	ctx := c.Request.Context()
	data := struct{ Title, Message, Reason, RequestID string }{RequestID: requestID(ctx)}
	status := http.StatusInternalServerError
	var sso *services.SSOError
	switch {
	case errors.Is(err, services.ErrNotFound):
		status, data.Title, data.Message = http.StatusNotFound, "Single sign-on is not set up", "This Liaison is not configured for single sign-on. Sign in with your email and password."
	case errors.As(err, &sso):
		data.Reason = sso.Reason
		data.Message = strings.ToUpper(sso.Message[:1]) + sso.Message[1:] + "."
		switch sso.Kind {
		case services.SSORefused:
			status, data.Title = http.StatusForbidden, "You cannot sign in to Liaison"
		case services.SSOUnavailable:
			status, data.Title = http.StatusBadGateway, "The identity provider is unavailable"
			h.log.WarnContext(ctx, "single sign-on: provider unavailable", "request_id", data.RequestID, "error", sso.Detail)
		default:
			status, data.Title = http.StatusBadRequest, "Sign-in could not be completed"
		}
	default:
		h.log.ErrorContext(ctx, "single sign-on failed", "request_id", data.RequestID, "error", err.Error())
		data.Title, data.Message = "Something went wrong", "Liaison could not complete the sign-in. Try again; if it keeps failing, quote the request ID to an administrator."
	}
	c.Header("Cache-Control", "no-store")
	c.Status(status)
	c.Header("Content-Type", "text/html; charset=utf-8")
	_ = ssoPageTemplate.Execute(c.Writer, data)
}
