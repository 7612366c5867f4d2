package api

import (
	"time"

	"liaison/services"
)

// ListQuery is the paging, search and count part of every list's query.
type ListQuery struct {
	Limit    int    `query:"limit" minimum:"1" maximum:"200" default:"50" doc:"Page size."`
	Cursor   string `query:"cursor" maxLength:"1000" doc:"Opaque cursor from the previous page's next_cursor."`
	Q        string `query:"q" maxLength:"200" doc:"Text search; accent- and case-insensitive, word prefixes."`
	Count    bool   `query:"count" doc:"Also return the total number of matching records, exact up to 10,000."`
	Archived bool   `query:"archived" doc:"List archived records instead of live ones."`
}

func (l ListQuery) params(sort string) services.ListParams {
	return services.ListParams{Limit: l.Limit, Cursor: l.Cursor, Q: l.Q, Count: l.Count, Archived: l.Archived, Sort: sort}
}

// RecordFilters are the filters every list offers beyond its enumerations.
type RecordFilters struct {
	OfficeID     []int64   `query:"office_id" doc:"Comma-separated alternatives."`
	OwnerID      []int64   `query:"owner_id" doc:"Comma-separated alternatives."`
	Tag          []string  `query:"tag" doc:"Tag slugs; comma-separated alternatives."`
	UpdatedAfter time.Time `query:"updated_after" doc:"Only records changed after this RFC 3339 time."`
}

// listOutput is the body of every list.
type listOutput[T any] struct {
	Body struct {
		Items      []T     `json:"items"`
		NextCursor *string `json:"next_cursor" nullable:"true" doc:"Cursor of the next page; null on the last page."`
		Total      *int64  `json:"total,omitempty" doc:"Present when count=true: exact up to 10,000; beyond, 10,000 with total_is_lower_bound."`
		// TotalIsLowerBound keeps a count bounded (services/query.CountBound)
		// honest: the list says the total is that many or more.
		TotalIsLowerBound bool `json:"total_is_lower_bound,omitempty" doc:"True when more records match than total says: total is the bound of the count, a lower bound."`
	}
}

func toList[S, T any](p services.Page[S], conv func(S) T) *listOutput[T] {
	out := &listOutput[T]{}
	out.Body.Items = make([]T, len(p.Items))
	for i, item := range p.Items {
		out.Body.Items[i] = conv(item)
	}
	if p.NextCursor != "" {
		out.Body.NextCursor = &p.NextCursor
	}
	out.Body.Total, out.Body.TotalIsLowerBound = p.Total, p.TotalIsLowerBound
	return out
}

func enumStrings[E ~string](in []E) []string {
	out := make([]string, len(in))
	for i, e := range in {
		out[i] = string(e)
	}
	return out
}

// updatedAfter turns the zero time (parameter absent) into no filter.
func (f RecordFilters) updatedAfter() *time.Time { return timeOrNil(f.UpdatedAfter) }
