package api

import (
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humagin"
)

// publicBase is the address browsers reach Liaison at, for links that
// leave the app (single sign-on's redirect, calendar feeds, contact
// cards): LIAISON_PUBLIC_URL when set, else the scheme and host this
// request came to.
func publicBase(r *http.Request, publicURL string) string {
	if publicURL != "" {
		return strings.TrimRight(publicURL, "/")
	}
	scheme := "http"
	if isSecure(r.Context()) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// RequestBase gives an operation the address its links start with; embed
// it in the input. It is read from the request, not from a parameter.
type RequestBase struct {
	request *http.Request
}

// Resolve keeps the request before the handler runs.
func (b *RequestBase) Resolve(ctx huma.Context) []error {
	b.request = humagin.Unwrap(ctx).Request
	return nil
}

// base is publicBase of the request.
func (b *RequestBase) base(publicURL string) string { return publicBase(b.request, publicURL) }
