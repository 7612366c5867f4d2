package services

import (
	"errors"
	"slices"
	"testing"
)

func TestRestrictedContactsStayInTheirOffice(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	youth := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Amina", FamilyName: "Hodžić", City: "Zenica", Restricted: true}))
	official := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{Honorific: "Mr", GivenName: "Ali", FamilyName: "Abdullah"}))

	for _, who := range []string{"a.viewer", "a.officer", "a.manager", "a.admin", "b.admin"} {
		if _, err := e.svc.Contacts.Get(e.ctx, e.as(who), youth.ID); err != nil {
			t.Errorf("%s cannot see the restricted contact: %v", who, err)
		}
	}
	for _, who := range []string{"b.viewer", "b.officer", "b.manager"} {
		t.Run(who, func(t *testing.T) {
			actor := e.as(who)
			if _, err := e.svc.Contacts.Get(e.ctx, actor, youth.ID); !errors.Is(err, ErrNotFound) {
				t.Errorf("get: %v, want ErrNotFound", err)
			}
			p := must(e.svc.Contacts.List(e.ctx, actor, ContactFilter{ListParams: ListParams{Count: true}}))
			if *p.Total != 1 || len(p.Items) != 1 || p.Items[0].ID != official.ID {
				t.Errorf("list shows %d items (total %d), want only the official", len(p.Items), *p.Total)
			}
			if p := must(e.svc.Contacts.List(e.ctx, actor, ContactFilter{ListParams: ListParams{Q: "hodzic"}})); len(p.Items) != 0 {
				t.Error("search finds the restricted contact")
			}
			if _, err := e.svc.Contacts.Update(e.ctx, actor, youth.ID, nil, ContactPatch{City: To("X")}); !errors.Is(err, ErrNotFound) {
				t.Errorf("update: %v, want ErrNotFound", err)
			}
			if err := e.svc.Contacts.Archive(e.ctx, actor, youth.ID, nil); !errors.Is(err, ErrNotFound) {
				t.Errorf("archive: %v, want ErrNotFound", err)
			}
		})
	}
}

func TestContactPositionsNamesAndSearch(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	ministry := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry of Security", Type: "ministry"}))
	committee := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "National Committee", Type: "national_committee"}))
	c := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{
		Honorific: "Dr", GivenName: "Dragan", FamilyName: "Đurđević", NameLocal: "Драган Ђурђевић",
		Languages: []string{"bs", "en"}, Gender: ptr("male"),
		Positions: []PositionInput{
			{OrganizationID: ministry.ID, Title: "Assistant Minister", StartDate: ptr("2020-01-01"), EndDate: ptr("2023-06-30")},
			{OrganizationID: committee.ID, Title: "Member", StartDate: ptr("2023-07-01"), Primary: true},
		},
	}))
	if c.FullName != "Dr Dragan Đurđević" {
		t.Errorf("full name = %q", c.FullName)
	}
	if len(c.Positions) != 2 || c.Positions[0].OrganizationID != committee.ID {
		t.Fatalf("positions = %+v (primary first)", c.Positions)
	}
	// A list page shows each contact's positions as its record does: every
	// field a reader sees, in the same order.
	page := must(e.svc.Contacts.List(e.ctx, a, ContactFilter{ID: []int64{c.ID}}))
	if len(page.Items) != 1 || len(page.Items[0].Positions) != 2 {
		t.Fatalf("list page = %+v", page.Items)
	}
	for i, got := range page.Items[0].Positions {
		want := c.Positions[i]
		if got.ContactID != c.ID || got.OrganizationID != want.OrganizationID || got.Title != want.Title || got.Primary != want.Primary ||
			!equalString(got.StartDate, want.StartDate) || !equalString(got.EndDate, want.EndDate) {
			t.Errorf("listed position %d = %+v, the record shows %+v", i, got, want)
		}
	}
	if p := c.Positions[1]; p.Title != "Assistant Minister" || *p.StartDate != "2020-01-01" || *p.EndDate != "2023-06-30" || p.Primary {
		t.Errorf("ended position = %+v", p)
	}
	for _, q := range []string{"durdevic", "djurdjevic", "ĐURĐ", "dragan"} {
		if p := must(e.svc.Contacts.List(e.ctx, a, ContactFilter{ListParams: ListParams{Q: q}})); len(p.Items) != 1 {
			t.Errorf("q=%q finds %d contacts", q, len(p.Items))
		}
	}
	if p := must(e.svc.Contacts.List(e.ctx, a, ContactFilter{OrganizationID: []int64{ministry.ID}})); len(p.Items) != 1 {
		t.Errorf("organization filter finds %d", len(p.Items))
	}
	// Positions sent in a patch replace the stored ones whole.
	c2 := must(e.svc.Contacts.Update(e.ctx, a, c.ID, &c.Version, ContactPatch{Positions: To([]PositionInput{{OrganizationID: ministry.ID, Title: "Adviser"}})}))
	if len(c2.Positions) != 1 || c2.Positions[0].Title != "Adviser" || c2.Version != 2 {
		t.Errorf("after patch: %+v", c2.Positions)
	}
	if !slices.Equal(c2.LanguageList(), []string{"bs", "en"}) {
		t.Errorf("languages = %v", c2.LanguageList())
	}
	_, err := e.svc.Contacts.Create(e.ctx, a, ContactInput{Honorific: "Mr"})
	if got := fieldErrors(t, err); !slices.Contains(got, "family_name") {
		t.Errorf("nameless contact: %v", got)
	}
	_, err = e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "X", Languages: []string{"english"},
		Positions: []PositionInput{{OrganizationID: 999999, StartDate: ptr("2024-13-01")}}})
	if got := fieldErrors(t, err); !slices.Contains(got, "languages") || !slices.Contains(got, "positions[0].organization_id") || !slices.Contains(got, "positions[0].start_date") {
		t.Errorf("bad positions: %v", got)
	}
}
