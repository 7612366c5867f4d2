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
