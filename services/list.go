package services

import (
	"reflect"
	"slices"

	"liaison/services/query"
)

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

// onlyFilter reports whether the list filter f (a struct embedding
// ListParams) sets no filter but the named fields, searches nothing and
// lists live records. A field added to a filter later counts as set
// whenever it is, so a shortcut taken for "this filter alone" is never
// taken for more.
func onlyFilter(f any, names ...string) bool {
	v := reflect.ValueOf(f)
	for i := range v.NumField() {
		field := v.Type().Field(i)
		if p, ok := v.Field(i).Interface().(ListParams); ok && field.Anonymous {
			if p.Q != "" || p.Archived {
				return false
			}
			continue
		}
		if !slices.Contains(names, field.Name) && !v.Field(i).IsZero() {
			return false
		}
	}
	return true
}
