package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// The global search over every kind of record.

// SearchHit is one result of the global search.
type SearchHit struct {
	Kind    searchKind `json:"kind"`
	ID      int64      `json:"id"`
	Title   string     `json:"title"`
	Snippet string     `json:"snippet"`
}

type searchKind string

func (searchKind) Schema(huma.Registry) *huma.Schema { return enumSchema(services.SearchKinds) }

type searchInput struct {
	Q     string       `query:"q" required:"true" minLength:"1" maxLength:"200" doc:"Words to find; accent- and case-insensitive, word prefixes."`
	Kind  []searchKind `query:"kind" doc:"Restrict to these kinds."`
	Limit int          `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

type searchOutput struct {
	Body struct {
		Items []SearchHit `json:"items"`
	}
}

func (h *handlers) registerSearch(api huma.API) {
	huma.Register(api, op("search", http.MethodGet, "/api/v1/search", "Search every kind of record", "search"),
		func(ctx context.Context, in *searchInput) (*searchOutput, error) {
			kinds := make([]string, len(in.Kind))
			for i, k := range in.Kind {
				kinds[i] = string(k)
			}
			hits, err := h.svc.Search.Search(ctx, actor(ctx), in.Q, kinds, in.Limit)
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			out := &searchOutput{}
			out.Body.Items = make([]SearchHit, len(hits))
			for i, hit := range hits {
				out.Body.Items[i] = SearchHit{Kind: searchKind(hit.Kind), ID: hit.ID, Title: hit.Title, Snippet: hit.Snippet}
			}
			return out, nil
		})
}
