package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humagin"
	"github.com/gin-gonic/gin"

	"liaison/services"
)

// Idempotency-Key (API.md, "Single records and concurrency"): a signed-in
// client names a POST with a key of its choosing, and a repeat of the same
// request with the same key within 24 hours gets the first response again
// (with Idempotent-Replayed: true) instead of running a second time. The
// services keep the keys in the database (services/idempotency.go), so
// that a repeat reaching another process is answered alike.

const (
	idempotencyHeader = "Idempotency-Key"
	replayedHeader    = "Idempotent-Replayed"
	// noIdempotency, set in an operation's Metadata, marks a POST whose
	// request or response holds a secret (a password, a token, a TOTP
	// secret): neither its body's digest nor its response is kept, and the
	// header is ignored.
	noIdempotency = "no-idempotency"
	// maxIdempotencyKey is the longest key accepted.
	maxIdempotencyKey = 255
)

// withSecrets marks an operation as carrying secrets (see noIdempotency).
func withSecrets(o huma.Operation) huma.Operation {
	if o.Metadata == nil {
		o.Metadata = map[string]any{}
	}
	o.Metadata[noIdempotency] = true
	return o
}

// idempotent reports whether an operation honours Idempotency-Key: every
// POST that needs a signed-in user, except those carrying secrets.
func idempotent(o *huma.Operation) bool {
	return o.Method == http.MethodPost && len(o.Security) > 0 && o.Metadata[noIdempotency] != true
}

// validIdempotencyKey: 1 to 255 printable ASCII characters.
func validIdempotencyKey(key string) bool {
	if len(key) == 0 || len(key) > maxIdempotencyKey {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x20 || key[i] > 0x7e {
			return false
		}
	}
	return true
}

// idempotency runs after authenticate: it claims the key of an idempotent
// POST before the operation runs, replays the kept response of a repeat,
// and keeps the response of the request that ran. A response is kept when
// its status is below 500 (a validation error is an answer too), except
// those that say nothing about the request (408, 429, 499); on a 5xx or a
// panic the claim is released, so that a retry runs again.
func (h *handlers) idempotency() func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		key := ctx.Header(idempotencyHeader)
		if key == "" || !idempotent(ctx.Operation()) {
			next(ctx)
			return
		}
		c := ctx.Context()
		gc := humagin.Unwrap(ctx)
		if !validIdempotencyKey(key) {
			p := newProblem(requestID(c), http.StatusUnprocessableEntity, "validation failed")
			p.Errors = []ProblemField{{Location: "header." + idempotencyHeader, Message: "must be 1 to 255 printable ASCII characters"}}
			p.Detail = "validation failed: header." + idempotencyHeader + " " + p.Errors[0].Message
			writeProblem(gc, p)
			return
		}
		body, err := io.ReadAll(io.LimitReader(gc.Request.Body, maxBody+1))
		gc.Request.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), gc.Request.Body))
		if err != nil || len(body) > maxBody {
			next(ctx) // answered 413 (or the read fails again): nothing to keep
			return
		}
		a := actor(c)
		claim, err := h.svc.Idempotency.Claim(c, a, key, requestHash(gc.Request, body))
		if err != nil {
			writeError(gc, fail(c, h.log, "header", err))
			return
		}
		if r := claim.Replay; r != nil {
			replay(gc, r)
			return
		}
		rec := &keptWriter{ResponseWriter: gc.Writer}
		gc.Writer = rec
		finished := false
		defer func() {
			gc.Writer = rec.ResponseWriter
			// The client may be gone: the outcome is still the key's.
			bg := context.WithoutCancel(c)
			var err error
			if status := rec.Status(); finished && keepable(status) && !rec.overflow {
				hd := rec.Header()
				err = h.svc.Idempotency.Complete(bg, a, key, claim.Token, services.KeptResponse{Status: status,
					ContentType: hd.Get("Content-Type"), Location: hd.Get("Location"), ETag: hd.Get("ETag"), Body: rec.body.Bytes()})
			} else {
				err = h.svc.Idempotency.Release(bg, a, key, claim.Token)
			}
			if err != nil {
				h.log.ErrorContext(bg, "idempotency key not updated", "request_id", requestID(c), "error", err.Error())
			}
		}()
		next(ctx)
		finished = true
	}
}

// keepable says whether a response answers the request for good.
func keepable(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, 499:
		return false
	}
	return status < 500
}

// requestHash identifies a request for its key: method, path and query,
// If-Match and body.
func requestHash(r *http.Request, body []byte) string {
	d := sha256.New()
	for _, part := range []string{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("If-Match")} {
		d.Write([]byte(part))
		d.Write([]byte{0})
	}
	d.Write(body)
	return hex.EncodeToString(d.Sum(nil))
}

// replay answers a repeat with the kept response.
func replay(c *gin.Context, r *services.KeptResponse) {
	h := c.Writer.Header()
	for name, v := range map[string]string{"Content-Type": r.ContentType, "Location": r.Location, "ETag": r.ETag} {
		if v != "" {
			h.Set(name, v)
		}
	}
	h.Set(replayedHeader, "true")
	c.Status(r.Status)
	if len(r.Body) > 0 {
		_, _ = c.Writer.Write(r.Body)
	} else {
		c.Writer.WriteHeaderNow()
	}
}

// writeError writes an error that fail mapped, with its headers.
func writeError(c *gin.Context, err error) {
	var he huma.HeadersError
	if errors.As(err, &he) {
		for name, vs := range he.GetHeaders() {
			for _, v := range vs {
				c.Writer.Header().Add(name, v)
			}
		}
	}
	p := &Problem{}
	if !errors.As(err, &p) {
		p = newProblem(requestID(c.Request.Context()), http.StatusInternalServerError, "internal error; quote the request ID when reporting it")
	}
	writeProblem(c, p)
}

// keptWriter passes a response through and keeps a copy of its body, up to
// the size a request may have: a larger one is not kept.
type keptWriter struct {
	gin.ResponseWriter
	body     bytes.Buffer
	overflow bool
}

func (w *keptWriter) Write(b []byte) (int, error) {
	w.keep(b)
	return w.ResponseWriter.Write(b)
}

func (w *keptWriter) WriteString(s string) (int, error) {
	w.keep([]byte(s))
	return w.ResponseWriter.WriteString(s)
}

func (w *keptWriter) keep(b []byte) {
	if w.overflow {
		return
	}
	if w.body.Len()+len(b) > maxBody {
		w.overflow = true
		w.body = bytes.Buffer{}
		return
	}
	w.body.Write(b)
}

// documentIdempotency describes the Idempotency-Key header once, as the
// reusable parameter IdempotencyKey, and names it on every operation that
// honours it.
func documentIdempotency(api huma.API) {
	doc := api.OpenAPI()
	if doc.Components.Parameters == nil {
		doc.Components.Parameters = map[string]*huma.Param{}
	}
	minLen, maxLen := 1, maxIdempotencyKey
	doc.Components.Parameters["IdempotencyKey"] = &huma.Param{
		Name: idempotencyHeader, In: "header",
		Description: "A key of the client's choosing (1 to 255 printable ASCII characters) that makes a retry safe: " +
			"the response is kept with the key for 24 hours, per user, and a repeat with the same key and the same " +
			"request (method, path, If-Match and body) gets it again, with Idempotent-Replayed: true, and changes nothing. " +
			"The same key with another request is 422 idempotency_key_reused; a repeat while the first is still running " +
			"is 409 idempotency_key_in_flight with Retry-After. Responses of 5xx are not kept. " +
			"Every signed-in POST honours it but those carrying secrets (passwords, tokens, two-factor secrets).",
		Schema: &huma.Schema{Type: "string", MinLength: &minLen, MaxLength: &maxLen, Pattern: "^[\\x20-\\x7E]+$"},
	}
	for _, item := range doc.Paths {
		if o := item.Post; o != nil && idempotent(o) {
			o.Parameters = append(o.Parameters, &huma.Param{Ref: "#/components/parameters/IdempotencyKey"})
		}
	}
}
