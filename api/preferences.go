package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

type digestFrequency string

func (digestFrequency) Schema(huma.Registry) *huma.Schema { return enumSchema(services.Digests) }

// Preferences are how the signed-in user wants to be reached.
type Preferences struct {
	Digest          digestFrequency `json:"digest" doc:"off, daily, or weekly (on Mondays)."`
	DigestHour      int             `json:"digest_hour" minimum:"0" maximum:"23" doc:"The hour of the digest, in time_zone."`
	TimeZone        string          `json:"time_zone" doc:"An IANA time zone, such as Europe/Sarajevo."`
	EmailOnAssigned bool            `json:"email_on_assigned" doc:"Mail me when a commitment is given to me."`
	EmailAvailable  bool            `json:"email_available" doc:"Read-only: whether this server sends mail at all; without it, notifications stay in the app."`
}

func preferencesOut(p services.Preferences) Preferences {
	return Preferences{Digest: digestFrequency(p.Digest), DigestHour: p.DigestHour, TimeZone: p.TimeZone,
		EmailOnAssigned: p.EmailOnAssigned, EmailAvailable: p.EmailAvailable}
}

// PreferencesPatch is the merge-patch body of PATCH /me/preferences.
type PreferencesPatch struct {
	Digest          Optional[digestFrequency] `json:"digest,omitempty"`
	DigestHour      Optional[int]             `json:"digest_hour,omitempty" minimum:"0" maximum:"23"`
	TimeZone        Optional[string]          `json:"time_zone,omitempty" maxLength:"64"`
	EmailOnAssigned Optional[bool]            `json:"email_on_assigned,omitempty"`
}

func (h *handlers) registerPreferences(api huma.API) {
	const tag = "notifications"
	huma.Register(api, op("get-preferences", http.MethodGet, "/api/v1/me/preferences", "Your notification and digest preferences", tag),
		func(ctx context.Context, _ *struct{}) (*struct{ Body Preferences }, error) {
			p, err := h.svc.Preferences.Get(ctx, actor(ctx))
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return &struct{ Body Preferences }{Body: preferencesOut(p)}, nil
		})
	huma.Register(api, op("update-preferences", http.MethodPatch, "/api/v1/me/preferences", "Change your preferences (JSON merge patch)", tag),
		func(ctx context.Context, in *struct{ Body PreferencesPatch }) (*struct{ Body Preferences }, error) {
			b := in.Body
			p, err := h.svc.Preferences.Update(ctx, actor(ctx), services.PreferencesPatch{
				Digest: services.Change[string]{Set: b.Digest.Set, Value: string(b.Digest.Value)}, DigestHour: change(b.DigestHour),
				TimeZone: change(b.TimeZone), EmailOnAssigned: change(b.EmailOnAssigned),
			})
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return &struct{ Body Preferences }{Body: preferencesOut(p)}, nil
		})
}
