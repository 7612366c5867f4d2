package services

import (
	"slices"
	"testing"
)

// The folding behind duplicates serves search too: across scripts, both
// ways, and with one typo in a name.
func TestSearchFindsAcrossScriptsAndOneTypoInNames(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	zenica := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Općina Zenica", Type: "local_government"})).ID
	hodzic := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Амра", FamilyName: "Ходжић"})).ID
	ahmed := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Ahmed", FamilyName: "Karić"})).ID
	must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Ahmet", FamilyName: "Osmanović"}))
	must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Amina", FamilyName: "Karahasan"}))

	found := func(q string) []int64 {
		hits := must(e.svc.Search.Search(e.ctx, officer, q, nil, 20))
		var ids []int64
		for _, h := range hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	for _, c := range []struct {
		q    string
		want int64
	}{
		{"Зеница", zenica}, {"zenica", zenica}, {"Hodzic", hodzic}, {"hodžić amra", hodzic}, {"Ходжић", hodzic},
		{"Ahmad", ahmed}, {"Ahmd Karic", ahmed}, {"Ahemd", ahmed}, {"Ahmeed", ahmed},
	} {
		if ids := found(c.q); !slices.Contains(ids, c.want) {
			t.Errorf("search %q = %v, want %d among them", c.q, ids, c.want)
		}
	}
	// One typo, not two; and short words are not guessed at.
	if ids := found("Ahmadd"); slices.Contains(ids, ahmed) {
		t.Errorf("two typos found Ahmed: %v", ids)
	}
	if ids := found("Kar"); len(ids) != 2 {
		t.Errorf("prefix Kar = %v", ids)
	}
	// The lists' q is the same search.
	list := must(e.svc.Contacts.List(e.ctx, officer, ContactFilter{ListParams: ListParams{Q: "Ahmad"}}))
	var ids []int64
	for _, c := range list.Items {
		ids = append(ids, c.ID)
	}
	if !slices.Contains(ids, ahmed) {
		t.Errorf("contacts?q=Ahmad = %v", ids)
	}
	orgs := must(e.svc.Organizations.List(e.ctx, officer, OrganizationFilter{ListParams: ListParams{Q: "Зеница"}}))
	if len(orgs.Items) != 1 || orgs.Items[0].ID != zenica {
		t.Errorf("organizations?q=Зеница = %+v", orgs.Items)
	}
}
