package services

import (
	"encoding/json"
	"slices"
	"testing"

	"liaison/models"
)

// A person's history of positions survives the archiving of an
// organization: resending it unchanged is accepted, a new position at the
// archived organization is not.
func TestPositionsAtArchivedOrganizations(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	old := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Former Ministry", Type: "ministry"}))
	gone := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Dissolved Agency", Type: "government_agency"}))
	now := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry of Security", Type: "ministry"}))
	history := []PositionInput{
		{OrganizationID: old.ID, Title: "Adviser", StartDate: ptr("2015-01-01"), EndDate: ptr("2019-12-31")},
		{OrganizationID: now.ID, Title: "Assistant Minister", StartDate: ptr("2020-01-01"), Primary: true},
	}
	c := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Dragan", FamilyName: "Đurđević", Positions: history}))
	if err := e.svc.Organizations.Archive(e.ctx, a, old.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Organizations.Archive(e.ctx, a, gone.ID, nil); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name      string
		positions []PositionInput
		wantErr   string // the field refused, "" for accepted
	}{
		{"unchanged history", history, ""},
		{"the archived position retitled", []PositionInput{{OrganizationID: old.ID, Title: "Senior Adviser"}, history[1]}, ""},
		{"a new position at an archived organization", append(slices.Clone(history), PositionInput{OrganizationID: gone.ID, Title: "Director"}), "positions[2].organization_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cur := must(e.svc.Contacts.Get(e.ctx, a, c.ID))
			_, err := e.svc.Contacts.Update(e.ctx, a, c.ID, &cur.Version, ContactPatch{City: To("Sarajevo " + tc.name), Positions: To(tc.positions)})
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if got := fieldErrors(t, err); !slices.Equal(got, []string{tc.wantErr}) {
				t.Errorf("field errors = %v, want %s", got, tc.wantErr)
			}
		})
	}
}

func TestOnlyOnePrimaryPosition(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	ministry := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry of Security", Type: "ministry"}))
	committee := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "National Committee", Type: "national_committee"}))
	two := []PositionInput{{OrganizationID: ministry.ID, Primary: true}, {OrganizationID: committee.ID, Primary: true}}

	_, err := e.svc.Contacts.Create(e.ctx, a, ContactInput{FamilyName: "Abdullah", Positions: two})
	if got := fieldErrors(t, err); !slices.Equal(got, []string{"positions[1].primary"}) {
		t.Errorf("create: field errors = %v", got)
	}
	c := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{FamilyName: "Abdullah", Positions: two[:1]}))
	_, err = e.svc.Contacts.Update(e.ctx, a, c.ID, &c.Version, ContactPatch{Positions: To(two)})
	if got := fieldErrors(t, err); !slices.Equal(got, []string{"positions[1].primary"}) {
		t.Errorf("update: field errors = %v", got)
	}
	if _, err := e.svc.Contacts.Update(e.ctx, a, c.ID, &c.Version, ContactPatch{Positions: To([]PositionInput{two[0], {OrganizationID: committee.ID}})}); err != nil {
		t.Errorf("one primary and one other: %v", err)
	}
}

// The history records embedded values as the API shows them: positions as
// objects with the contacts API's field names, languages as arrays.
func TestContactHistoryUsesTheAPIsNames(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	ministry := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry of Security", Type: "ministry"}))
	c := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{FamilyName: "Hodžić", Languages: []string{"bs", "en"},
		Positions: []PositionInput{{OrganizationID: ministry.ID, Title: "Adviser", EndDate: ptr("2024-12-31"), Primary: true}}}))
	must(e.svc.Contacts.Update(e.ctx, a, c.ID, &c.Version, ContactPatch{Languages: To([]string{"bs"}),
		Positions: To([]PositionInput{{OrganizationID: ministry.ID, Title: "Director"}})}))

	var events []models.AuditEvent
	if err := e.db.Where("entity = ? AND entity_id = ?", models.EntityContact, c.ID).Order("id").Find(&events).Error; err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 {
		t.Fatalf("%d events", len(events))
	}
	type change struct{ Old, New any }
	read := func(ev models.AuditEvent) map[string]change {
		var out map[string]change
		if err := json.Unmarshal([]byte(ev.Changes), &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	created, updated := read(events[0]), read(events[1])
	org := float64(ministry.ID)
	cases := []struct {
		name      string
		got, want any
	}{
		{"created languages", created["languages"].New, []any{"bs", "en"}},
		{"created positions", created["positions"].New, []any{map[string]any{"organization_id": org, "title": "Adviser", "end_date": "2024-12-31", "primary": true}}},
		{"languages before", updated["languages"].Old, []any{"bs", "en"}},
		{"languages after", updated["languages"].New, []any{"bs"}},
		{"positions before", updated["positions"].Old, []any{map[string]any{"organization_id": org, "title": "Adviser", "end_date": "2024-12-31", "primary": true}}},
		{"positions after", updated["positions"].New, []any{map[string]any{"organization_id": org, "title": "Director"}}},
	}
	for _, tc := range cases {
		if g, w := mustJSON(t, tc.got), mustJSON(t, tc.want); g != w {
			t.Errorf("%s = %s, want %s", tc.name, g, w)
		}
	}
	// Positions resent unchanged are no change.
	cur := must(e.svc.Contacts.Get(e.ctx, a, c.ID))
	same := must(e.svc.Contacts.Update(e.ctx, a, c.ID, &cur.Version, ContactPatch{Positions: To([]PositionInput{{OrganizationID: ministry.ID, Title: "Director"}})}))
	if same.Version != cur.Version {
		t.Errorf("unchanged positions made version %d from %d", same.Version, cur.Version)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}
