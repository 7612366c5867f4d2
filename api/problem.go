package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// Problem is the RFC 9457 body of every error: huma's shape with the
// request ID added, and without echoing the offending input back.
type Problem struct {
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail,omitempty"`
	Code      string         `json:"code" doc:"A stable snake_case name of the error, for clients to translate: bad_request, invalid_credentials, mfa_required, mfa_enrolment_required, password_login_disabled, unauthenticated, forbidden, commitment_close_not_allowed, not_found, method_not_allowed, conflict, idempotency_key_in_flight, stale, body_too_large, unsupported_media_type, validation_failed, idempotency_key_reused, precondition_required, too_many_requests, request_cancelled, internal_error, unavailable."`
	RequestID string         `json:"request_id,omitempty"`
	Errors    []ProblemField `json:"errors,omitempty"`
}

// ProblemField locates one validation error: "body.email", "query.limit".
type ProblemField struct {
	Location string `json:"location,omitempty"`
	Message  string `json:"message"`
}

func (p *Problem) Error() string  { return p.Detail }
func (p *Problem) GetStatus() int { return p.Status }

// ContentType makes huma send problems as application/problem+json.
func (p *Problem) ContentType(ct string) string {
	if ct == "application/json" {
		return "application/problem+json"
	}
	return ct
}

// newProblem builds a Problem; errs may be huma's validation details.
func newProblem(requestID string, status int, msg string, errs ...error) *Problem {
	p := &Problem{Title: http.StatusText(status), Status: status, Detail: msg, Code: problemCode(status), RequestID: requestID}
	for _, e := range errs {
		if e == nil {
			continue
		}
		var d *huma.ErrorDetail
		if errors.As(e, &d) {
			p.Errors = append(p.Errors, fieldOf(d))
			continue
		}
		if status >= 500 {
			continue // internals stay in the log
		}
		p.Errors = append(p.Errors, ProblemField{Message: e.Error()})
	}
	switch {
	case status == http.StatusBadRequest && msg == "validation failed":
		p.Detail = "the body is not valid JSON"
	case status == http.StatusUnsupportedMediaType:
		p.Detail = "send JSON with Content-Type: application/json"
	case status == http.StatusUnprocessableEntity && msg == "validation failed" && len(p.Errors) > 0:
		p.Detail = "validation failed: " + p.Errors[0].Location + " " + p.Errors[0].Message
	}
	return p
}

// Problem codes that a status alone does not tell.
const (
	codeInvalidCredentials        = "invalid_credentials"          // a sign-in with a wrong email or password
	codeIdempotencyKeyReused      = "idempotency_key_reused"       // an Idempotency-Key sent with another request
	codeIdempotencyKeyInFlight    = "idempotency_key_in_flight"    // the first request with the key still runs
	codeCommitmentCloseNotAllowed = "commitment_close_not_allowed" // closing another's commitment without being a manager
)

// problemCode is the stable name of an error status (API.md, Errors); a
// few errors refine it (codeInvalidCredentials).
func problemCode(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "bad_request"
	case http.StatusUnauthorized:
		return "unauthenticated"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusNotFound:
		return "not_found"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusConflict:
		return "conflict"
	case http.StatusPreconditionFailed:
		return "stale"
	case http.StatusRequestEntityTooLarge:
		return "body_too_large"
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type"
	case http.StatusUnprocessableEntity:
		return "validation_failed"
	case http.StatusPreconditionRequired:
		return "precondition_required"
	case http.StatusTooManyRequests:
		return "too_many_requests"
	case 499:
		return "request_cancelled"
	case http.StatusServiceUnavailable:
		return "unavailable"
	}
	if status >= 500 {
		return "internal_error"
	}
	return "error"
}

// fieldOf turns a huma validation detail into a field error; a missing
// required property is located at the property itself ("body.name"), where
// a form shows it, rather than at its parent object.
func fieldOf(d *huma.ErrorDetail) ProblemField {
	const prefix, suffix = "expected required property ", " to be present"
	if strings.HasPrefix(d.Message, prefix) && strings.HasSuffix(d.Message, suffix) {
		name := strings.TrimSuffix(strings.TrimPrefix(d.Message, prefix), suffix)
		return ProblemField{Location: d.Location + "." + name, Message: "is required"}
	}
	return ProblemField{Location: d.Location, Message: d.Message}
}

// installProblems makes huma's own errors (validation, 413, 415...) Problems
// carrying the request ID, and documents arrays as never null. huma offers
// only these package-level hooks.
func installProblems() {
	// Arrays in Liaison's bodies are always arrays, never null.
	huma.DefaultArrayNullable = false
	huma.NewErrorWithContext = func(ctx huma.Context, status int, msg string, errs ...error) huma.StatusError {
		id := ""
		if ctx != nil {
			id = requestID(ctx.Context())
		}
		return newProblem(id, status, msg, errs...)
	}
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		return newProblem("", status, msg, errs...)
	}
}

// fail maps a service error to its HTTP problem: the one place where error
// kinds become statuses. loc is where field errors point ("body" or
// "query"). Unknown errors are logged with the request ID and answered 500
// with nothing internal in the body.
func fail(ctx context.Context, log *slog.Logger, loc string, err error) error {
	id := requestID(ctx)
	var verr *services.ValidationError
	var conflict *services.ConflictError
	var throttled *services.ThrottledError
	var item *services.ItemError
	switch {
	case errors.As(err, &item):
		// One item of a many-record request: the status of its error kind,
		// located at the item.
		inner := fail(ctx, log, loc, item.Err)
		if p, ok := inner.(*Problem); ok && len(p.Errors) == 0 {
			p.Errors = []ProblemField{{Location: loc + "." + item.Field, Message: p.Detail}}
		}
		return inner
	case errors.As(err, &verr):
		p := newProblem(id, http.StatusUnprocessableEntity, "validation failed")
		for _, f := range verr.Fields {
			p.Errors = append(p.Errors, ProblemField{Location: loc + "." + f.Field, Message: f.Message})
		}
		p.Detail = "validation failed: " + p.Errors[0].Location + " " + p.Errors[0].Message
		return p
	case errors.As(err, &conflict):
		p := newProblem(id, http.StatusConflict, conflict.Message)
		p.Errors = []ProblemField{{Location: "body." + conflict.Field, Message: conflict.Message}}
		return p
	case errors.As(err, &throttled):
		secs := int(throttled.RetryAfter.Seconds())
		return huma.ErrorWithHeaders(newProblem(id, http.StatusTooManyRequests, "too many attempts; try again later"),
			http.Header{"Retry-After": []string{strconv.Itoa(max(secs, 1))}})
	case errors.Is(err, services.ErrIdempotencyKeyReused):
		p := newProblem(id, http.StatusUnprocessableEntity, "this Idempotency-Key was used for another request")
		p.Code = codeIdempotencyKeyReused
		p.Errors = []ProblemField{{Location: "header.Idempotency-Key", Message: "was used for another request; use a new key for a new request"}}
		return p
	case errors.Is(err, services.ErrIdempotencyKeyInFlight):
		p := newProblem(id, http.StatusConflict, "the first request with this Idempotency-Key is still running; try again shortly")
		p.Code = codeIdempotencyKeyInFlight
		return huma.ErrorWithHeaders(p, http.Header{"Retry-After": []string{"1"}})
	case errors.Is(err, services.ErrUnknownSort):
		p := newProblem(id, http.StatusUnprocessableEntity, "validation failed: "+loc+".sort unknown sort field")
		p.Errors = []ProblemField{{Location: loc + ".sort", Message: "unknown sort field"}}
		return p
	case errors.Is(err, services.ErrInvalidCursor):
		p := newProblem(id, http.StatusUnprocessableEntity, "invalid cursor")
		p.Errors = []ProblemField{{Location: "query.cursor", Message: "is not a cursor of this list and sort"}}
		return p
	case errors.Is(err, services.ErrNotFound):
		return newProblem(id, http.StatusNotFound, "no such record, or not visible to you")
	case errors.Is(err, services.ErrCloseNotAllowed):
		p := newProblem(id, http.StatusForbidden, "only the commitment's owner or a manager of its office may close it")
		p.Code = codeCommitmentCloseNotAllowed
		return p
	case errors.Is(err, services.ErrForbidden):
		return newProblem(id, http.StatusForbidden, "you may not do this")
	case errors.Is(err, services.ErrUnauthenticated):
		return newProblem(id, http.StatusUnauthorized, "sign in first")
	case errors.Is(err, services.ErrStale):
		return newProblem(id, http.StatusPreconditionFailed, "the record was changed since you read it; fetch it again")
	case errors.Is(err, context.Canceled), ctx.Err() != nil:
		// The client went away: database/sql rolls the transaction back,
		// and what fails next reports that rather than the cancellation.
		return newProblem(id, 499, "request cancelled")
	}
	log.ErrorContext(ctx, "request failed", "request_id", id, "error", err.Error())
	return newProblem(id, http.StatusInternalServerError, "internal error; quote the request ID when reporting it")
}
