package services

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"liaison/models"
)

func TestOrganizationLifecycle(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	created := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{
		Name: "Ministry of Security", NameLocal: "Ministarstvo sigurnosti", Type: "ministry",
		Level: ptr("national"), CountryCode: ptr("BA"), Influence: ptr(5), Tags: []string{"sdg-16", "sdg-16", "sdg-5"},
	}))
	if created.Version != 1 || created.OfficeID != e.fx.OfficeA || *created.OwnerID != officer.UserID {
		t.Fatalf("created = %+v", created.Organization)
	}
	if !slices.Equal(created.Tags, []string{"sdg-16", "sdg-5"}) {
		t.Errorf("tags = %v", created.Tags)
	}

	updated := must(e.svc.Organizations.Update(e.ctx, officer, created.ID, ptr(int64(1)), OrganizationPatch{
		City: To("Sarajevo"), Influence: Change[*int]{Set: true}, Tags: To([]string{"sdg-17"}),
	}))
	if updated.Version != 2 || updated.City != "Sarajevo" || updated.Influence != nil || updated.Name != "Ministry of Security" {
		t.Errorf("updated = %+v", updated.Organization)
	}
	if !slices.Equal(updated.Tags, []string{"sdg-17"}) {
		t.Errorf("tags after patch = %v", updated.Tags)
	}

	_, err := e.svc.Organizations.Update(e.ctx, officer, created.ID, ptr(int64(1)), OrganizationPatch{City: To("Mostar")})
	if !errors.Is(err, ErrStale) {
		t.Fatalf("stale update: %v", err)
	}
	again := must(e.svc.Organizations.Get(e.ctx, officer, created.ID))
	if again.City != "Sarajevo" {
		t.Errorf("a stale update wrote: city = %q", again.City)
	}

	// An empty patch changes nothing, so the version (and ETag) stays.
	same := must(e.svc.Organizations.Update(e.ctx, officer, created.ID, ptr(int64(2)), OrganizationPatch{City: To("Sarajevo")}))
	if same.Version != 2 {
		t.Errorf("no-op patch bumped the version to %d", same.Version)
	}

	if err := e.svc.Organizations.Archive(e.ctx, officer, created.ID, ptr(int64(2))); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Organizations.Get(e.ctx, officer, created.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("archived get: %v", err)
	}
	archived := must(e.svc.Organizations.List(e.ctx, officer, OrganizationFilter{ListParams: ListParams{Archived: true}}))
	if len(archived.Items) != 1 || !archived.Items[0].DeletedAt.Valid {
		t.Fatalf("archived list = %+v", archived.Items)
	}
	if _, err := e.svc.Organizations.Restore(e.ctx, officer, created.ID); !errors.Is(err, ErrForbidden) {
		t.Fatalf("officer restore: %v", err)
	}
	restored := must(e.svc.Organizations.Restore(e.ctx, e.as("a.manager"), created.ID))
	if restored.DeletedAt.Valid || restored.Version != 4 {
		t.Errorf("restored = %+v", restored.Organization)
	}

	var events []models.AuditEvent
	e.db.Where("entity = ? AND entity_id = ?", models.EntityOrganization, created.ID).Order("id").Find(&events)
	var actions []string
	for _, ev := range events {
		actions = append(actions, ev.Action)
	}
	if !slices.Equal(actions, []string{"create", "update", "archive", "restore"}) {
		t.Fatalf("audit actions = %v", actions)
	}
	if events[1].Changes != `{"city":{"old":"","new":"Sarajevo"},"influence":{"old":5,"new":null},"tags":{"old":["sdg-16","sdg-5"],"new":["sdg-17"]}}` {
		t.Errorf("audit changes = %s", events[1].Changes)
	}
	if events[1].ClientAddr != "192.0.2.1" || events[1].RequestID != "test" || *events[1].ActorID != officer.UserID {
		t.Errorf("audit origin = %+v", events[1])
	}
}

func TestOrganizationValidation(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	parent := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Ministry", Type: "ministry"}))
	child := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Directorate", Type: "government_agency", ParentID: &parent.ID}))
	otherOfficeUser := e.fx.Users["b.officer"].ID

	cases := []struct {
		name  string
		in    OrganizationInput
		field string
	}{
		{"missing name", OrganizationInput{Name: "  ", Type: "ngo"}, "name"},
		{"bad type", OrganizationInput{Name: "X", Type: "club"}, "type"},
		{"bad level", OrganizationInput{Name: "X", Type: "ngo", Level: ptr("galactic")}, "level"},
		{"unknown country", OrganizationInput{Name: "X", Type: "ngo", CountryCode: ptr("ZZ")}, "country_code"},
		{"unknown tag", OrganizationInput{Name: "X", Type: "ngo", Tags: []string{"sdg-99"}}, "tags"},
		{"score out of range", OrganizationInput{Name: "X", Type: "ngo", Interest: ptr(6)}, "interest"},
		{"owner of another office", OrganizationInput{Name: "X", Type: "ngo", OwnerID: &otherOfficeUser}, "owner_id"},
		{"missing parent", OrganizationInput{Name: "X", Type: "ngo", ParentID: ptr(int64(9999))}, "parent_id"},
		{"bad email", OrganizationInput{Name: "X", Type: "ngo", Email: "not-an-email"}, "email"},
		{"bad website", OrganizationInput{Name: "X", Type: "ngo", Website: "javascript:alert(1)"}, "website"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.svc.Organizations.Create(e.ctx, officer, c.in)
			if got := fieldErrors(t, err); !slices.Contains(got, c.field) {
				t.Fatalf("field errors %v, want %s", got, c.field)
			}
		})
	}
	// A parent under its own child is a cycle.
	_, err := e.svc.Organizations.Update(e.ctx, officer, parent.ID, nil, OrganizationPatch{ParentID: To(&child.ID)})
	if got := fieldErrors(t, err); !slices.Contains(got, "parent_id") {
		t.Fatalf("cycle accepted: %v", got)
	}
	var n int64
	e.db.Model(&models.Organization{}).Count(&n)
	if n != 2 {
		t.Errorf("invalid input wrote rows: %d organizations", n)
	}
}

func TestOrganizationWritesFollowOfficeAndRole(t *testing.T) {
	e := newEnv(t)
	org := must(e.svc.Organizations.Create(e.ctx, e.as("a.officer"), OrganizationInput{Name: "Grad Zenica", Type: "local_government"}))
	cases := []struct {
		who     string
		wantErr error
	}{
		{"a.viewer", ErrForbidden}, {"b.officer", ErrForbidden}, {"b.manager", ErrForbidden},
		{"a.officer", nil}, {"a.manager", nil}, {"b.admin", nil},
	}
	for _, c := range cases {
		t.Run(c.who, func(t *testing.T) {
			_, err := e.svc.Organizations.Update(e.ctx, e.as(c.who), org.ID, nil, OrganizationPatch{City: To("Zenica " + c.who)})
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("update by %s: %v, want %v", c.who, err, c.wantErr)
			}
		})
	}
	if _, err := e.svc.Organizations.Create(e.ctx, e.as("b.viewer"), OrganizationInput{Name: "X", Type: "ngo"}); !errors.Is(err, ErrForbidden) {
		t.Errorf("viewer create: %v", err)
	}
	// Records are created in the creator's office, whatever the office of the owner.
	b := must(e.svc.Organizations.Create(e.ctx, e.as("b.officer"), OrganizationInput{Name: "Iraqi NGO", Type: "ngo"}))
	if b.OfficeID != e.fx.OfficeB {
		t.Errorf("created in office %d, want %d", b.OfficeID, e.fx.OfficeB)
	}
}

func TestOrganizationKeysetPagingVisitsEveryRowOnce(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	names := []string{"Alpha", "alpha", "Beta", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda", "Mu", "Nu", "Xi", "Omicron", "Pi", "Rho", "Sigma", "Tau", "Beta", "Upsilon"}
	for _, n := range names {
		must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: n, Type: "ngo"}))
	}
	for _, sort := range OrganizationSorts.SortNames() {
		t.Run(sort, func(t *testing.T) {
			seen := map[int64]bool{}
			var order []OrganizationView
			cursor := ""
			for pages := 0; ; pages++ {
				if pages > 10 {
					t.Fatal("paging does not end")
				}
				p := must(e.svc.Organizations.List(e.ctx, officer, OrganizationFilter{ListParams: ListParams{Limit: 4, Sort: sort, Cursor: cursor, Count: pages == 0}}))
				if pages == 0 && *p.Total != int64(len(names)) {
					t.Fatalf("total = %d", *p.Total)
				}
				for _, it := range p.Items {
					if seen[it.ID] {
						t.Fatalf("row %d returned twice", it.ID)
					}
					seen[it.ID] = true
					order = append(order, it)
				}
				if p.NextCursor == "" {
					break
				}
				cursor = p.NextCursor
			}
			if len(seen) != len(names) {
				t.Fatalf("visited %d rows, want %d", len(seen), len(names))
			}
			if sort == "name" {
				// By the folded name: "alpha" and "Alpha" together, before "Beta".
				for i := 1; i < len(order); i++ {
					if strings.ToLower(order[i-1].Name) > strings.ToLower(order[i].Name) {
						t.Fatalf("not sorted by name: %q before %q", order[i-1].Name, order[i].Name)
					}
				}
			}
		})
	}
	p := must(e.svc.Organizations.List(e.ctx, officer, OrganizationFilter{ListParams: ListParams{Limit: 2, Sort: "name"}}))
	if _, err := e.svc.Organizations.List(e.ctx, officer, OrganizationFilter{ListParams: ListParams{Limit: 2, Sort: "-updated_at", Cursor: p.NextCursor}}); !errors.Is(err, ErrInvalidCursor) {
		t.Errorf("cursor of another sort: %v", err)
	}
	if _, err := e.svc.Organizations.List(e.ctx, officer, OrganizationFilter{ListParams: ListParams{Cursor: "not-base64!"}}); !errors.Is(err, ErrInvalidCursor) {
		t.Errorf("garbage cursor: %v", err)
	}
}

func TestOrganizationFiltersAndSearch(t *testing.T) {
	e := newEnv(t)
	a, b := e.as("a.officer"), e.as("b.officer")
	zenica := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Grad Zenica", Type: "local_government", CountryCode: ptr("BA"), Tags: []string{"sdg-16"}}))
	must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Udruženje mladih Hodžić", Type: "youth_group", CountryCode: ptr("BA")}))
	must(e.svc.Organizations.Create(e.ctx, b, OrganizationInput{Name: "National Committee", NameLocal: "اللجنة الوطنية لتنفيذ الاستراتيجية", Type: "national_committee", CountryCode: ptr("IQ"), Tags: []string{"sdg-17"}}))
	must(e.svc.Organizations.Create(e.ctx, b, OrganizationInput{Name: "Ministry of Interior", NameLocal: "وزارة الداخلية", Type: "ministry", CountryCode: ptr("IQ"), ParentID: nil}))

	names := func(f OrganizationFilter) []string {
		t.Helper()
		p := must(e.svc.Organizations.List(e.ctx, a, f))
		var out []string
		for _, it := range p.Items {
			out = append(out, it.Name)
		}
		return out
	}
	cases := []struct {
		name string
		f    OrganizationFilter
		want []string
	}{
		{"type alternatives", OrganizationFilter{Type: []string{"ministry", "youth_group"}}, []string{"Ministry of Interior", "Udruženje mladih Hodžić"}},
		{"country", OrganizationFilter{CountryCode: []string{"IQ"}}, []string{"Ministry of Interior", "National Committee"}},
		{"office", OrganizationFilter{OfficeID: []int64{e.fx.OfficeA}}, []string{"Grad Zenica", "Udruženje mladih Hodžić"}},
		{"tag", OrganizationFilter{Tag: []string{"sdg-17", "sdg-99"}}, []string{"National Committee"}},
		{"accent-insensitive", OrganizationFilter{ListParams: ListParams{Q: "hodzic"}}, []string{"Udruženje mladih Hodžić"}},
		{"accented query", OrganizationFilter{ListParams: ListParams{Q: "UDRUŽENJE"}}, []string{"Udruženje mladih Hodžić"}},
		{"word prefix", OrganizationFilter{ListParams: ListParams{Q: "zen"}}, []string{"Grad Zenica"}},
		{"every word must match", OrganizationFilter{ListParams: ListParams{Q: "grad sarajevo"}}, nil},
		{"arabic with taa marbuta and hamza", OrganizationFilter{ListParams: ListParams{Q: "وزاره"}}, []string{"Ministry of Interior"}},
		{"arabic without the article", OrganizationFilter{ListParams: ListParams{Q: "داخلية"}}, []string{"Ministry of Interior"}},
		{"arabic with tashkeel", OrganizationFilter{ListParams: ListParams{Q: "الوَطَنِيَّة"}}, []string{"National Committee"}},
		{"fts syntax is inert", OrganizationFilter{ListParams: ListParams{Q: `"zen* OR NEAR( -x ^ :* & !`}}, []string{}},
		{"only punctuation", OrganizationFilter{ListParams: ListParams{Q: `"*()`}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := names(c.f)
			if len(got) == 0 && len(c.want) == 0 {
				return
			}
			if !slices.Equal(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
	// The index follows a rename in the same transaction.
	must(e.svc.Organizations.Update(e.ctx, a, zenica.ID, nil, OrganizationPatch{Name: To("Općina Zenica")}))
	if got := names(OrganizationFilter{ListParams: ListParams{Q: "opcina"}}); !slices.Equal(got, []string{"Općina Zenica"}) {
		t.Fatalf("renamed row not found: %v", got)
	}
	if got := names(OrganizationFilter{ListParams: ListParams{Q: "grad"}}); len(got) != 0 {
		t.Fatalf("old name still found: %v", got)
	}
}

func TestConcurrentUpdatesOfOneVersionLetOneWin(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	org := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Contested", Type: "ngo"}))
	const writers = 6
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = e.svc.Organizations.Update(e.ctx, officer, org.ID, ptr(int64(1)), OrganizationPatch{City: To(fmt.Sprintf("City %d", i))})
		}()
	}
	wg.Wait()
	wins := 0
	for _, err := range errs {
		switch {
		case err == nil:
			wins++
		case !errors.Is(err, ErrStale):
			t.Errorf("concurrent writer failed with %v, want ErrStale", err)
		}
	}
	if wins != 1 {
		t.Fatalf("%d writers won, want exactly 1", wins)
	}
	final := must(e.svc.Organizations.Get(e.ctx, officer, org.ID))
	if final.Version != 2 {
		t.Errorf("version = %d, want 2", final.Version)
	}
}
