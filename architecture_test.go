package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The house drawn from its imports: main → api → services → services/query
// → models, never back up and never in a circle (api reads models' record
// types and enumerations, but never touches gorm: services is the only
// package that runs queries). A new import that
// breaks the direction fails here rather than in review.
func TestImportsFollowTheLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-tags", "sqlite_fts5", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	// May import: the packages of ours each package may use; nil means any.
	allowed := map[string][]string{
		"liaison/models":           {},
		"liaison/services/query":   {"liaison/models"},
		"liaison/services":         {"liaison/models", "liaison/services/query", "liaison/mail"},
		"liaison/mail":             {},
		"liaison/api":              {"liaison/services", "liaison/models", "liaison/frontend"}, // models: record types and enumerations
		"liaison/frontend":         {},
		"liaison/models/modeltest": {"liaison/models"},
	}
	// Libraries that belong to one layer only.
	forbidden := map[string][]string{
		"liaison/api": {"gorm.io/gorm", "gorm.io/driver/sqlite", "gorm.io/driver/postgres", "github.com/jackc/pgx/v5"},
	}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, imports := fields[0], fields[1:]
		may, ruled := allowed[pkg]
		if !ruled {
			continue // the command, the loaders and the benchmarks sit above every layer
		}
		seen++
		for _, imp := range imports {
			if strings.HasPrefix(imp, "liaison") && !slices.Contains(may, imp) {
				t.Errorf("%s imports %s: against the layers", pkg, imp)
			}
			for _, f := range forbidden[pkg] {
				if imp == f || strings.HasPrefix(imp, f+"/") {
					t.Errorf("%s imports %s, which belongs to services and models", pkg, imp)
				}
			}
		}
	}
	if seen < 5 {
		t.Fatalf("go list named %d of the layered packages; the check read nothing", seen)
	}
}
