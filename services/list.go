package services

import "liaison/services/query"

// Every list takes ListParams and answers a Page: the query package's
// keyset paging (services/query/page.go), named here as part of the
// services' own API.
type (
	ListParams  = query.Params
	Page[T any] = query.Page[T]
)

// Limits of one list page.
const (
	DefaultLimit = query.DefaultLimit
	MaxLimit     = query.MaxLimit
)

// pageOf is the page p with its rows replaced by their views: the cursor
// and the count (with whether it is a lower bound) carry over.
func pageOf[T, S any](p Page[S], views []T) Page[T] {
	return Page[T]{Items: views, NextCursor: p.NextCursor, Total: p.Total, TotalIsLowerBound: p.TotalIsLowerBound}
}
