package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// Problem codes of two-factor sign-in.
const (
	codeMFARequired           = "mfa_required"            // the password was right; a code is needed too (body.otp)
	codeMFAEnrolmentRequired  = "mfa_enrolment_required"  // the user's role must enrol in two-factor sign-in first
	codePasswordLoginDisabled = "password_login_disabled" // sign in with single sign-on
)

// openDuringEnrolment are the operations that a user who must enrol in
// two-factor sign-in (LIAISON_MFA_REQUIRED_ROLES) may call before they have.
var openDuringEnrolment = map[string]bool{
	"me": true, "logout": true, "mfa-enrol": true, "mfa-confirm": true, "mfa-disable": true,
}

// enrolmentGate answers 403 mfa_enrolment_required to a user who must enrol
// first, except on the operations of enrolment; it reports whether it did.
func enrolmentGate(ctx huma.Context, a services.Actor) bool {
	if !a.MFAEnrolmentRequired || openDuringEnrolment[ctx.Operation().OperationID] {
		return false
	}
	p := newProblem(requestID(ctx.Context()), http.StatusForbidden,
		"your role requires two-factor sign-in: enrol with POST /api/v1/auth/mfa and confirm it first")
	p.Code = codeMFAEnrolmentRequired
	ctx.SetHeader("Content-Type", "application/problem+json")
	ctx.SetStatus(http.StatusForbidden)
	_ = json.NewEncoder(ctx.BodyWriter()).Encode(p)
	return true
}

// Me is the signed-in user with the state of their two-factor sign-in.
type Me struct {
	User
	MFAEnabled           bool  `json:"mfa_enabled" doc:"Two-factor sign-in is on: signing in needs a code (otp)."`
	MFAEnrolmentRequired bool  `json:"mfa_enrolment_required" doc:"The user's role requires two-factor sign-in and it is not on: every other operation answers 403 mfa_enrolment_required until it is."`
	MFARecoveryCodesLeft int64 `json:"mfa_recovery_codes_left" doc:"Unused recovery codes (0 when two-factor sign-in is off)."`
}

type meOutput struct {
	ETag string `header:"ETag"`
	Body Me
}

// MFAEnrolment is shown once, when an enrolment starts.
type MFAEnrolment struct {
	Secret        string   `json:"secret" doc:"The TOTP secret (base32), for typing into an authenticator app. Never shown again."`
	OtpauthURL    string   `json:"otpauth_url" doc:"The otpauth:// URL of the secret, for a QR code."`
	RecoveryCodes []string `json:"recovery_codes" doc:"Ten one-time codes that stand in for the app's code at sign-in. Never shown again."`
}

type mfaEnrolOutput struct{ Body MFAEnrolment }

type mfaCodeInput struct {
	Body struct {
		Code string `json:"code" minLength:"6" maxLength:"64" doc:"A current 6-digit code of the authenticator app (to disable: or an unused recovery code)."`
	}
}

type totpCodeInput struct {
	Body struct {
		Code string `json:"code" pattern:"^[0-9]{6}$" patternDescription:"six digits" doc:"A current 6-digit code of the authenticator app."`
	}
}

func (h *handlers) registerMFA(api huma.API) {
	enrol := withSecrets(op("mfa-enrol", http.MethodPost, "/api/v1/auth/mfa", "Start two-factor sign-in (TOTP)", "auth"))
	enrol.Description = "Creates a new TOTP secret and ten recovery codes, shown only in this response; any earlier unconfirmed enrolment is replaced. Sign-in asks for a code only once POST /api/v1/auth/mfa/confirm has confirmed it. 409 when two-factor sign-in is already on."
	enrol.Errors = []int{401, 409}
	huma.Register(api, enrol, func(ctx context.Context, _ *struct{}) (*mfaEnrolOutput, error) {
		e, err := h.svc.Auth.EnrolMFA(ctx, actor(ctx))
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		return &mfaEnrolOutput{Body: MFAEnrolment{Secret: e.Secret, OtpauthURL: e.URL, RecoveryCodes: e.RecoveryCodes}}, nil
	})

	confirm := withSecrets(op("mfa-confirm", http.MethodPost, "/api/v1/auth/mfa/confirm", "Confirm two-factor sign-in", "auth"))
	confirm.Description = "Turns two-factor sign-in on, given a current code of the new secret (422 otherwise). 409 when there is no enrolment to confirm."
	confirm.Errors = []int{401, 409, 422}
	confirm.DefaultStatus = http.StatusNoContent
	huma.Register(api, confirm, func(ctx context.Context, in *totpCodeInput) (*struct{}, error) {
		if err := h.svc.Auth.ConfirmMFA(ctx, actor(ctx), in.Body.Code); err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		return nil, nil
	})

	disable := op("mfa-disable", http.MethodDelete, "/api/v1/auth/mfa", "Turn two-factor sign-in off", "auth")
	disable.Description = "Needs a current code or an unused recovery code (422 otherwise; wrong codes are throttled like passwords, 429). Also drops an unconfirmed enrolment. 409 when it is not on."
	disable.Errors = []int{401, 409, 422, 429}
	disable.DefaultStatus = http.StatusNoContent
	huma.Register(api, disable, func(ctx context.Context, in *mfaCodeInput) (*struct{}, error) {
		if err := h.svc.Auth.DisableMFA(ctx, actor(ctx), in.Body.Code); err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		return nil, nil
	})

	reset := op("reset-user-mfa", http.MethodDelete, "/api/v1/users/{id}/mfa", "Reset a user's two-factor sign-in (admins)", "users")
	reset.Description = "For a user who lost their authenticator and their recovery codes: they sign in with their password alone and enrol again (at once, if their role requires it). Audited."
	reset.Errors = []int{401, 403, 404}
	reset.DefaultStatus = http.StatusNoContent
	huma.Register(api, reset, func(ctx context.Context, in *IDPath) (*struct{}, error) {
		if err := h.svc.Auth.ResetMFA(ctx, actor(ctx), in.ID); err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return nil, nil
	})
}

// loginProblem maps the sign-in errors that fail does not know.
func loginProblem(ctx context.Context, err error) *Problem {
	switch {
	case errors.Is(err, services.ErrUnauthenticated):
		p := newProblem(requestID(ctx), http.StatusUnauthorized, "wrong email, password or code")
		p.Code = codeInvalidCredentials
		return p
	case errors.Is(err, services.ErrMFARequired):
		p := newProblem(requestID(ctx), http.StatusUnauthorized, "enter the code of your authenticator app, or a recovery code")
		p.Code = codeMFARequired
		p.Errors = []ProblemField{{Location: "body.otp", Message: "is required: two-factor sign-in is on for this account"}}
		return p
	case errors.Is(err, services.ErrPasswordLoginDisabled):
		p := newProblem(requestID(ctx), http.StatusForbidden, "password sign-in is turned off; use single sign-on")
		p.Code = codePasswordLoginDisabled
		return p
	}
	return nil
}
