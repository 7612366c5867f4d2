package services

import (
	"errors"
	"slices"
	"testing"

	"liaison/models"
)

func TestProjectsAreReferenceDataThatAdminsWrite(t *testing.T) {
	e := newEnv(t)
	admin := e.as("a.admin")
	donor := must(e.svc.Organizations.Create(e.ctx, e.as("a.officer"), OrganizationInput{Name: "Government of Canada", Type: "donor"}))
	p := must(e.svc.Projects.Create(e.ctx, admin, ProjectInput{Code: " simvex ", Name: "Study Visit Exchange", DonorOrganizationID: &donor.ID,
		StartDate: ptr("2025-01-01"), EndDate: ptr("2026-12-31")}))
	if p.Code != "SIMVEX" || p.OfficeID != e.fx.OfficeA || p.Version != 1 {
		t.Fatalf("created = %+v", p)
	}
	for _, who := range []string{"a.viewer", "a.officer", "a.manager", "b.manager"} {
		t.Run(who, func(t *testing.T) {
			actor := e.as(who)
			if _, err := e.svc.Projects.Create(e.ctx, actor, ProjectInput{Code: "X", Name: "X"}); !errors.Is(err, ErrForbidden) {
				t.Errorf("create: %v", err)
			}
			if _, err := e.svc.Projects.Update(e.ctx, actor, p.ID, nil, ProjectPatch{Name: To("X")}); !errors.Is(err, ErrForbidden) {
				t.Errorf("update: %v", err)
			}
			if err := e.svc.Projects.Archive(e.ctx, actor, p.ID, nil); !errors.Is(err, ErrForbidden) {
				t.Errorf("archive: %v", err)
			}
			if got := must(e.svc.Projects.Get(e.ctx, actor, p.ID)); got.Name != "Study Visit Exchange" {
				t.Errorf("read: %+v", got)
			}
		})
	}

	// Codes are unique, whatever the case, archived projects included.
	_, err := e.svc.Projects.Create(e.ctx, e.as("b.admin"), ProjectInput{Code: "SimVex", Name: "Other"})
	var conflict *ConflictError
	if !errors.As(err, &conflict) || conflict.Field != "code" || !errors.Is(err, ErrConflict) {
		t.Fatalf("duplicate code: %v", err)
	}
	bhri := must(e.svc.Projects.Create(e.ctx, e.as("b.admin"), ProjectInput{Code: "BHRI", Name: "Bosnia and Herzegovina Resilience Initiative"}))
	if bhri.OfficeID != e.fx.OfficeB {
		t.Errorf("office = %d, want the admin's", bhri.OfficeID)
	}
	if _, err := e.svc.Projects.Update(e.ctx, admin, bhri.ID, nil, ProjectPatch{Code: To("simvex")}); !errors.As(err, &conflict) {
		t.Errorf("rename onto a taken code: %v", err)
	}

	updated := must(e.svc.Projects.Update(e.ctx, admin, p.ID, ptr(int64(1)), ProjectPatch{Name: To("SIMVEX"), EndDate: Change[*string]{Set: true}}))
	if updated.Version != 2 || updated.EndDate != nil || updated.StartDate == nil {
		t.Errorf("updated = %+v", updated)
	}
	if same := must(e.svc.Projects.Update(e.ctx, admin, p.ID, ptr(int64(2)), ProjectPatch{Code: To("simvex")})); same.Version != 2 {
		t.Errorf("a no-op patch bumped the version to %d", same.Version)
	}
	if _, err := e.svc.Projects.Update(e.ctx, admin, p.ID, ptr(int64(1)), ProjectPatch{Name: To("Stale")}); !errors.Is(err, ErrStale) {
		t.Errorf("stale update: %v", err)
	}

	must(0, e.svc.Projects.Archive(e.ctx, admin, p.ID, ptr(int64(2))))
	if _, err := e.svc.Projects.Get(e.ctx, admin, p.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("archived get: %v", err)
	}
	if _, err := e.svc.Projects.Create(e.ctx, admin, ProjectInput{Code: "SIMVEX", Name: "Again"}); !errors.As(err, &conflict) {
		t.Errorf("code of an archived project reused: %v", err)
	}
	if _, err := e.svc.Projects.Restore(e.ctx, e.as("a.manager"), p.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("manager restore: %v", err)
	}
	if restored := must(e.svc.Projects.Restore(e.ctx, admin, p.ID)); restored.Version != 4 || restored.DeletedAt.Valid {
		t.Errorf("restored = %+v", restored)
	}
	var actions []string
	e.db.Model(&models.AuditEvent{}).Where("entity = ? AND entity_id = ?", models.EntityProject, p.ID).Order("id").Pluck("action", &actions)
	if !slices.Equal(actions, []string{"create", "update", "archive", "restore"}) {
		t.Errorf("audit = %v", actions)
	}
}

func TestProjectValidation(t *testing.T) {
	e := newEnv(t)
	admin := e.as("a.admin")
	cases := []struct {
		name  string
		in    ProjectInput
		field string
	}{
		{"missing code", ProjectInput{Code: " ", Name: "X"}, "code"},
		{"code with spaces", ProjectInput{Code: "SIM VEX", Name: "X"}, "code"},
		{"missing name", ProjectInput{Code: "X"}, "name"},
		{"bad date", ProjectInput{Code: "X", Name: "X", StartDate: ptr("2025-02-30")}, "start_date"},
		{"ends before it starts", ProjectInput{Code: "X", Name: "X", StartDate: ptr("2025-02-01"), EndDate: ptr("2025-01-31")}, "end_date"},
		{"unknown donor", ProjectInput{Code: "X", Name: "X", DonorOrganizationID: ptr(int64(999999))}, "donor_organization_id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.svc.Projects.Create(e.ctx, admin, c.in)
			if got := fieldErrors(t, err); !slices.Contains(got, c.field) {
				t.Fatalf("field errors %v, want %s", got, c.field)
			}
		})
	}
}

func TestProjectSearchAndPaging(t *testing.T) {
	e := newEnv(t)
	admin := e.as("a.admin")
	names := map[string]string{
		"SIMVEX": "Study Visit Exchange", "BHRI": "Bosnia and Herzegovina Resilience Initiative",
		"OPC-1": "Otpornost zajednica Općina Zenica", "YS": "Youth support", "PX.0034": "Youth support", "AR-1": "دعم الشباب",
	}
	for code, name := range names {
		must(e.svc.Projects.Create(e.ctx, admin, ProjectInput{Code: code, Name: name}))
	}
	codes := func(q string) []string {
		t.Helper()
		p := must(e.svc.Projects.List(e.ctx, e.as("b.viewer"), ProjectFilter{ListParams: ListParams{Q: q, Sort: "code"}}))
		var out []string
		for _, it := range p.Items {
			out = append(out, it.Code)
		}
		return out
	}
	cases := map[string][]string{
		"opcina":      {"OPC-1"},
		"OPĆINA zen":  {"OPC-1"},
		"sim":         {"SIMVEX"},
		"youth":       {"PX.0034", "YS"},
		"isit":        nil, // word prefixes only
		"px":          {"PX.0034"},
		"الشباب":      {"AR-1"},
		`%" OR 1=1 _`: nil,
	}
	for q, want := range cases {
		if got := codes(q); !slices.Equal(got, want) {
			t.Errorf("q=%q: %v, want %v", q, got, want)
		}
	}
	for _, sort := range ProjectSorts.SortNames() {
		t.Run(sort, func(t *testing.T) {
			rows := walkPages(t, len(names), func(p models.Project) int64 { return p.ID }, sort, func(lp ListParams) (Page[models.Project], error) {
				return e.svc.Projects.List(e.ctx, admin, ProjectFilter{ListParams: lp})
			})
			if sort == "-code" && rows[0].Code != "YS" {
				t.Errorf("first by -code: %s", rows[0].Code)
			}
		})
	}
}
