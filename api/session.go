package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// Session is one live sign-in session as its user (or an admin) sees it.
type Session struct {
	ID         int64     `json:"id"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at" doc:"Last use, to the minute."`
	ExpiresAt  time.Time `json:"expires_at" doc:"When it ends however it is used; unused for the idle timeout, it ends sooner."`
	ClientAddr string    `json:"client_addr" doc:"The address it signed in from."`
	UserAgent  string    `json:"user_agent" doc:"A summary of the browser or client, such as \"Firefox on Windows\"."`
	Current    bool      `json:"current" doc:"This is the session of the request."`
}

type sessionListOutput struct {
	Body struct {
		Items []Session `json:"items"`
	}
}

type sessionsEndedOutput struct {
	Body struct {
		Ended int64 `json:"ended" doc:"How many sessions ended."`
	}
}

type endUserSessionsInput struct {
	IDPath
	RevokeTokens bool `query:"revoke_tokens" default:"true" doc:"Revoke the user's personal API tokens too (the default)."`
}

func sessionsOut(in []services.SessionInfo) *sessionListOutput {
	out := &sessionListOutput{}
	out.Body.Items = make([]Session, len(in))
	for i, s := range in {
		out.Body.Items[i] = Session{ID: s.ID, CreatedAt: s.CreatedAt, LastSeenAt: s.LastSeenAt, ExpiresAt: s.ExpiresAt,
			ClientAddr: s.ClientAddr, UserAgent: s.Device, Current: s.Current}
	}
	return out
}

func (h *handlers) registerSessions(api huma.API) {
	const tag = "auth"
	huma.Register(api, op("list-my-sessions", http.MethodGet, "/api/v1/me/sessions", "Your live sessions", tag),
		func(ctx context.Context, _ *struct{}) (*sessionListOutput, error) {
			ss, err := h.svc.Auth.ListSessions(ctx, actor(ctx))
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return sessionsOut(ss), nil
		})

	end := op("end-my-session", http.MethodDelete, "/api/v1/me/sessions/{id}", "End one of your sessions", tag)
	end.Description = "Signs that session out at once, on every server. Admins may end anyone's session this way."
	end.DefaultStatus = http.StatusNoContent
	huma.Register(api, end, func(ctx context.Context, in *IDPath) (*struct{}, error) {
		if err := h.svc.Auth.EndSession(ctx, actor(ctx), in.ID); err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return nil, nil
	})

	others := op("end-my-other-sessions", http.MethodPost, "/api/v1/me/sessions/revoke-others", "Sign out everywhere else", tag)
	others.Description = "Ends every session of yours but the one of this request (with a personal API token: every session). Your tokens stay; revoke them with DELETE /api/v1/auth/tokens/{id}."
	huma.Register(api, others, func(ctx context.Context, _ *struct{}) (*sessionsEndedOutput, error) {
		n, err := h.svc.Auth.EndOtherSessions(ctx, actor(ctx))
		if err != nil {
			return nil, fail(ctx, h.log, "query", err)
		}
		out := &sessionsEndedOutput{}
		out.Body.Ended = n
		return out, nil
	})

	huma.Register(api, op("list-user-sessions", http.MethodGet, "/api/v1/users/{id}/sessions", "A user's live sessions (admins)", "users"),
		func(ctx context.Context, in *IDPath) (*sessionListOutput, error) {
			ss, err := h.svc.Auth.UserSessions(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return sessionsOut(ss), nil
		})

	endAll := op("end-user-sessions", http.MethodDelete, "/api/v1/users/{id}/sessions", "End all of a user's sessions (admins)", "users")
	endAll.Description = "Signs the user out everywhere and, unless revoke_tokens=false, revokes their personal API tokens. An admin ending their own keeps the session of the request."
	endAll.DefaultStatus = http.StatusNoContent
	huma.Register(api, endAll, func(ctx context.Context, in *endUserSessionsInput) (*struct{}, error) {
		if err := h.svc.Auth.EndUserSessions(ctx, actor(ctx), in.ID, in.RevokeTokens); err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return nil, nil
	})
}
