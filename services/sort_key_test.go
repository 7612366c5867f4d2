package services

import (
	"slices"
	"testing"

	"liaison/models"
)

// listNames pages through a list with a small limit and returns what
// name(row) says of each row, in order, failing on a row seen twice.
func listNames[T any](t *testing.T, list func(cursor string) (Page[T], error), name func(T) string, id func(T) int64) []string {
	t.Helper()
	var out []string
	seen := map[int64]bool{}
	cursor := ""
	for range 100 {
		p := must(list(cursor))
		for _, row := range p.Items {
			if seen[id(row)] {
				t.Fatalf("row %d on two pages", id(row))
			}
			seen[id(row)] = true
			out = append(out, name(row))
		}
		if p.NextCursor == "" {
			return out
		}
		cursor = p.NextCursor
	}
	t.Fatal("the list does not end")
	return nil
}

// People are filed by folded family name, then given name: "Mr Ali
// Abdullah" under A, Đukić between Dizdar and Efendić (not after S), Arabic
// names by their folded letters; a person without a family name by the name
// they have. Paging two at a time sees every contact once, in that order.
func TestContactsSortByFoldedFamilyName(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	people := []ContactInput{
		{GivenName: "Selma", FamilyName: "Smajić"},
		{GivenName: "Mirza", FamilyName: "Efendić"},
		{Honorific: "Mr", GivenName: "Ali", FamilyName: "Abdullah"},
		{GivenName: "Dragan", FamilyName: "Đukić"},
		{GivenName: "Jasmin", FamilyName: "Dizdar"},
		{GivenName: "Amra", FamilyName: "dizdar"}, // the same family, typed in lower case
		{GivenName: "Lejla", FamilyName: "Mujić"},
		{GivenName: "زيد", FamilyName: "آدم"},       // alef with madda: files as ادم
		{GivenName: "علي", FamilyName: "أحمد"},      // alef with hamza: files as احمد
		{GivenName: "عمر", FamilyName: "ابراهيم"},   // plain alef
		{GivenName: "Zlatan"},                       // no family name: by the given name
		{NameLocal: "Ćamil"},                        // only a local-script name
		{GivenName: "Jasmin", FamilyName: "Dizdar"}, // a namesake: the id decides
	}
	for _, p := range people {
		must(e.svc.Contacts.Create(e.ctx, a, p))
	}
	list := func(sort string) []string {
		return listNames(t, func(cursor string) (Page[ContactView], error) {
			return e.svc.Contacts.List(e.ctx, a, ContactFilter{ListParams: ListParams{Limit: 2, Cursor: cursor, Sort: sort}})
		}, func(c ContactView) string { return c.FullName }, func(c ContactView) int64 { return c.ID })
	}
	want := []string{
		"Mr Ali Abdullah", "Ćamil", "Amra dizdar", "Jasmin Dizdar", "Jasmin Dizdar", "Dragan Đukić", "Mirza Efendić",
		"Lejla Mujić", "Selma Smajić", "Zlatan", "عمر ابراهيم", "علي أحمد", "زيد آدم",
	}
	if got := list(""); !slices.Equal(got, want) {
		t.Errorf("default order:\n%q\nwant\n%q", got, want)
	}
	if got := list("name"); !slices.Equal(got, want) {
		t.Errorf("sort=name:\n%q", got)
	}
	reversed := slices.Clone(want)
	slices.Reverse(reversed)
	if got := list("-name"); !slices.Equal(got, reversed) {
		t.Errorf("sort=-name:\n%q\nwant\n%q", got, reversed)
	}
	// The older sorts still answer, by the stored text.
	for _, s := range []string{"full_name", "family_name", "-full_name"} {
		if got := list(s); len(got) != len(want) {
			t.Errorf("sort=%s: %d contacts", s, len(got))
		}
	}

	// A changed family name files the person anew.
	var mujic ContactView
	for _, c := range must(e.svc.Contacts.List(e.ctx, a, ContactFilter{ListParams: ListParams{Q: "Mujić"}})).Items {
		mujic = c
	}
	version := mujic.Version
	must(e.svc.Contacts.Update(e.ctx, a, mujic.ID, &version, ContactPatch{FamilyName: Change[string]{Set: true, Value: "Ademović"}}))
	if got := list(""); got[1] != "Lejla Ademović" {
		t.Errorf("after the rename: %q", got)
	}
}

// Organizations are filed by their folded name: case, accents and Đ do not
// split the alphabet.
func TestOrganizationsSortByFoldedName(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	for _, name := range []string{"Zavod za zapošljavanje", "Đakovo Association", "agencija za statistiku", "Ekonomski fakultet", "Dom zdravlja", "Ured za ljudska prava"} {
		must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: name, Type: "ngo"}))
	}
	got := listNames(t, func(cursor string) (Page[OrganizationView], error) {
		return e.svc.Organizations.List(e.ctx, a, OrganizationFilter{ListParams: ListParams{Limit: 2, Cursor: cursor}})
	}, func(o OrganizationView) string { return o.Name }, func(o OrganizationView) int64 { return o.ID })
	want := []string{"agencija za statistiku", "Đakovo Association", "Dom zdravlja", "Ekonomski fakultet", "Ured za ljudska prava", "Zavod za zapošljavanje"}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n%q\nwant\n%q", got, want)
	}
	var keys []string
	e.db.Model(&models.Organization{}).Order("id").Pluck("sort_key", &keys)
	if keys[1] != "dakovo association" {
		t.Errorf("the key of Đakovo Association is %q", keys[1])
	}
}
