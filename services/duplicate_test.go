package services

import (
	"errors"
	"slices"
	"testing"

	"liaison/models"
)

// The same person typed three times (accents dropped, in Cyrillic, phone
// written three ways) is one group; a restricted look-alike of another
// office never shows, in the list or at the door.
func TestDuplicatesFindOnePersonAcrossAccentsScriptAndPhoneFormats(t *testing.T) {
	e := newEnv(t)
	officer, manager := e.as("a.officer"), e.as("a.manager")
	ba := ptr("BA")
	contact := func(a Actor, given, family, phone string, restricted bool) int64 {
		return must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: given, FamilyName: family, Phone: phone,
			CountryCode: ba, Restricted: restricted})).ID
	}
	accented := contact(officer, "Amra", "Hodžić", "+387 61 123 456", false)
	plain := contact(officer, "Amra", "Hodzic", "061/123-456", false)
	cyrillic := contact(officer, "Амра", "Ходжић", "0038761123456", false)
	hidden := contact(e.as("b.officer"), "Amra", "Hodžić", "+387 61 123 456", true)
	contact(officer, "Selma", "Kovač", "+387 62 999 888", false)

	page := must(e.svc.Duplicates().List(e.ctx, manager, DuplicateFilter{Kind: DuplicateContacts}))
	if len(page.Items) != 1 {
		t.Fatalf("groups = %+v, want one", page.Items)
	}
	g := page.Items[0]
	if want := []int64{accented, plain, cyrillic}; !slices.Equal(g.IDs, want) {
		t.Fatalf("group ids = %v, want %v (the restricted contact of office B is %d)", g.IDs, want, hidden)
	}
	if !slices.Contains(g.Reasons, ReasonSamePhone) || !slices.Contains(g.Reasons, ReasonSameName) || g.Score < 0.9 {
		t.Fatalf("group = %+v", g)
	}

	// Office B's manager sees its own restricted contact among them.
	bPage := must(e.svc.Duplicates().List(e.ctx, e.as("b.manager"), DuplicateFilter{Kind: DuplicateContacts}))
	if len(bPage.Items) != 1 || !slices.Contains(bPage.Items[0].IDs, hidden) || len(bPage.Items[0].IDs) != 4 {
		t.Fatalf("office B's groups = %+v", bPage.Items)
	}

	// At the door: an officer typing the name in Cyrillic with a local
	// phone number is warned of the three, never of office B's.
	matches := must(e.svc.Duplicates().Check(e.ctx, officer, DuplicateContacts,
		DuplicateProbe{GivenName: "Амра", FamilyName: "Ходжић", Phone: "061 123 456", CountryCode: "BA"}, 10))
	var ids []int64
	for _, m := range matches {
		ids = append(ids, m.ID)
		if m.ID == hidden {
			t.Fatalf("check revealed the restricted contact: %+v", matches)
		}
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []int64{accented, plain, cyrillic}) {
		t.Fatalf("check = %+v", matches)
	}
	// The record being edited is not its own duplicate.
	matches = must(e.svc.Duplicates().Check(e.ctx, officer, DuplicateContacts,
		DuplicateProbe{Name: "Amra Hodzic", ExcludeID: plain}, 10))
	if len(matches) != 2 || slices.ContainsFunc(matches, func(m DuplicateMatch) bool { return m.ID == plain }) {
		t.Fatalf("check excluding %d = %+v", plain, matches)
	}

	// Archived records are not candidates.
	if err := e.svc.Contacts.Archive(e.ctx, manager, cyrillic, nil); err != nil {
		t.Fatal(err)
	}
	page = must(e.svc.Duplicates().List(e.ctx, manager, DuplicateFilter{Kind: DuplicateContacts}))
	if len(page.Items) != 1 || !slices.Equal(page.Items[0].IDs, []int64{accented, plain}) {
		t.Fatalf("after archiving: %+v", page.Items)
	}
	checkClean(t, e)
}

func TestDuplicateOrganizationsMatchAcronymToNameAndEmails(t *testing.T) {
	e := newEnv(t)
	officer, manager := e.as("a.officer"), e.as("a.manager")
	org := func(in OrganizationInput) int64 {
		in.Type = "ministry"
		return must(e.svc.Organizations.Create(e.ctx, officer, in)).ID
	}
	ministry := org(OrganizationInput{Name: "Ministry of Security"})
	mos := org(OrganizationInput{Name: "MoS", Acronym: "MoS"})
	org(OrganizationInput{Name: "Ministry of Health"})
	unhcr := org(OrganizationInput{Name: "UN Refugee Agency", Email: "Info@UNHCR.org"})
	unhcr2 := org(OrganizationInput{Name: "UNHCR Sarajevo", Email: "info@UNHCR.ORG"})

	page := must(e.svc.Duplicates().List(e.ctx, manager, DuplicateFilter{Kind: DuplicateOrganizations}))
	var got [][]int64
	for _, g := range page.Items {
		got = append(got, g.IDs)
	}
	want := [][]int64{{unhcr, unhcr2}, {ministry, mos}} // email before acronym
	if len(got) != 2 || !slices.Equal(got[0], want[0]) || !slices.Equal(got[1], want[1]) {
		t.Fatalf("groups = %+v, want %v", page.Items, want)
	}
	if !slices.Equal(page.Items[1].Reasons, []string{ReasonAcronymMatchesName}) {
		t.Fatalf("reasons = %v", page.Items[1].Reasons)
	}
	// At the door, the acronym finds the name.
	matches := must(e.svc.Duplicates().Check(e.ctx, officer, DuplicateOrganizations, DuplicateProbe{Acronym: "MOS", Name: "M.O.S."}, 10))
	if len(matches) == 0 || matches[0].ID != ministry && matches[0].ID != mos {
		t.Fatalf("check = %+v", matches)
	}
	// Paging: one group a page, then the next.
	first := must(e.svc.Duplicates().List(e.ctx, manager, DuplicateFilter{Kind: DuplicateOrganizations, Limit: 1}))
	if len(first.Items) != 1 || first.NextCursor == "" {
		t.Fatalf("first page = %+v", first)
	}
	second := must(e.svc.Duplicates().List(e.ctx, manager, DuplicateFilter{Kind: DuplicateOrganizations, Limit: 1, Cursor: first.NextCursor}))
	if len(second.Items) != 1 || !slices.Equal(second.Items[0].IDs, want[1]) {
		t.Fatalf("second page = %+v", second)
	}
	checkClean(t, e)
}

func TestDuplicatesAreForTheRightRoles(t *testing.T) {
	e := newEnv(t)
	if _, err := e.svc.Duplicates().List(e.ctx, e.as("a.officer"), DuplicateFilter{Kind: DuplicateContacts}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("officer list: %v", err)
	}
	if _, err := e.svc.Duplicates().Check(e.ctx, e.as("a.viewer"), DuplicateContacts, DuplicateProbe{Name: "x"}, 5); !errors.Is(err, ErrForbidden) {
		t.Fatalf("viewer check: %v", err)
	}
	if _, err := e.svc.Duplicates().Check(e.ctx, e.as("a.officer"), "visits", DuplicateProbe{Name: "x"}, 5); fieldErrors(t, err)[0] != "kind" {
		t.Fatalf("unknown kind: %v", err)
	}
	if _, err := e.svc.Duplicates().List(e.ctx, e.as("a.manager"), DuplicateFilter{Kind: DuplicateContacts, Cursor: "nonsense!"}); !errors.Is(err, ErrInvalidCursor) {
		t.Fatalf("bad cursor: %v", err)
	}
}

// Updating a record moves its keys: the old email no longer groups it, and
// liaison check finds the keys exact, and repairs them when they are not.
func TestDuplicateKeysFollowUpdatesAndAreRepaired(t *testing.T) {
	e := newEnv(t)
	officer, manager := e.as("a.officer"), e.as("a.manager")
	a := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Lejla", FamilyName: "Begić", Email: "lejla@example.org"}))
	must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Emina", FamilyName: "Mujić", Email: "LEJLA@example.org"}))
	if n := len(must(e.svc.Duplicates().List(e.ctx, manager, DuplicateFilter{Kind: DuplicateContacts})).Items); n != 1 {
		t.Fatalf("groups before = %d", n)
	}
	must(e.svc.Contacts.Update(e.ctx, officer, a.ID, &a.Version, ContactPatch{Email: Change[string]{Set: true, Value: "l.begic@example.org"}}))
	if items := must(e.svc.Duplicates().List(e.ctx, manager, DuplicateFilter{Kind: DuplicateContacts})).Items; len(items) != 0 {
		t.Fatalf("groups after = %+v", items)
	}
	checkClean(t, e)
	if err := e.db.Exec("DELETE FROM duplicate_keys WHERE record_id = ?", a.ID).Error; err != nil {
		t.Fatal(err)
	}
	checks := must(models.Check(e.ctx, e.db))
	var dirty []string
	for _, c := range checks {
		if !c.Clean() {
			dirty = append(dirty, c.Table)
		}
	}
	if !slices.Equal(dirty, []string{"duplicate_blocks", "duplicate_keys.contacts"}) {
		t.Fatalf("dirty = %v", dirty)
	}
	must(models.Repair(e.ctx, e.db, checks))
	checkClean(t, e)
}
