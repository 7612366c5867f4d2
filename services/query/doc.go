// Package query is the plumbing every service's queries are built from,
// apart from what any one aggregate means: keyset paging with cursors
// (page.go), filters (filter.go), full-text matching on both databases
// (textsearch.go), timestamps computed by SQL (time.go), transactions run
// again after a PostgreSQL deadlock (retry.go) and CPU work spread over the
// cores (parallel.go). It knows tables, never who is asking: the rules of
// who may see and do what stay in package services (visibility.go).
package query
