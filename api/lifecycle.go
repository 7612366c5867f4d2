package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// archiveFunc and restoreFunc are an aggregate's service methods. Routes
// pick them from the services at request time, so the router can be built
// without services (to print the OpenAPI document).
type (
	archiveFunc            = func(ctx context.Context, a services.Actor, id int64, version *int64) error
	restoreFunc[V any]     = func(ctx context.Context, a services.Actor, id int64) (V, error)
	servicePick[F any]     = func(*services.Services) F
	withETag[V any, O any] = func(V) *O
)

type archiveInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag you read; required."`
}

// registerArchive adds DELETE path: archive with If-Match, 204.
func registerArchive(api huma.API, h *handlers, id, path, summary, tag string, pick servicePick[archiveFunc]) {
	o := op(id, http.MethodDelete, path, summary, tag)
	o.DefaultStatus = http.StatusNoContent
	huma.Register(api, o, func(ctx context.Context, in *archiveInput) (*struct{}, error) {
		version, err := parseIfMatch(ctx, in.IfMatch)
		if err != nil {
			return nil, err
		}
		if err := pick(h.svc)(ctx, actor(ctx), in.ID, version); err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return nil, nil
	})
}

// registerRestore adds POST path (…/{id}/restore): the restored record with
// its ETag.
func registerRestore[V any, O any](api huma.API, h *handlers, id, path, summary, tag string, pick servicePick[restoreFunc[V]], out withETag[V, O]) {
	huma.Register(api, op(id, http.MethodPost, path, summary, tag), func(ctx context.Context, in *IDPath) (*O, error) {
		v, err := pick(h.svc)(ctx, actor(ctx), in.ID)
		if err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return out(v), nil
	})
}
