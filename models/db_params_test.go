package models

import (
	"net/url"
	"strings"
	"testing"
)

// Liaison's planner settings are added to a PostgreSQL URL unless the URL
// already chooses them, as a parameter or in options.
func TestPostgresPlannerDefaults(t *testing.T) {
	for _, c := range []struct{ in, want, not string }{
		{"postgres://u@h/db?sslmode=disable", "plan_cache_mode=force_custom_plan", ""},
		{"postgres://u@h/db", "random_page_cost=1.1", ""},
		{"postgres://u@h/db?plan_cache_mode=auto", "plan_cache_mode=auto", "force_custom_plan"},
		{"postgres://u@h/db?options=-c%20random_page_cost%3D2", "random_page_cost%3D2", "random_page_cost=1.1"},
	} {
		u, _ := url.Parse(c.in)
		got := pgRuntimeParams(u)
		if !strings.Contains(got, c.want) || (c.not != "" && strings.Contains(got, c.not)) {
			t.Errorf("%s -> %s", c.in, got)
		}
	}
}
