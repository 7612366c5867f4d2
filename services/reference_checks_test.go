package services

import (
	"slices"
	"testing"
)

func TestPhonesAreChecked(t *testing.T) {
	cases := []struct {
		phone, country string
		ok             bool
	}{
		{"+387 61 123 456", "", true},
		{"+387 33 123-456", "BA", true},
		{"+964 770 913 7731", "BA", true}, // international: any country's
		{"061 123 456", "BA", true},       // national, read as the record's country
		{"(033) 123-456", "BA", true},
		{"+1 202 555 0143 ext. 12", "", true},
		{"", "", true},
		{"abc", "BA", false},
		{"061 123 456", "", false}, // national, with no country to read it in
		{"12", "BA", false},
		{"+387 61 123 456 call after 5", "", false},
		{"+999 123 456", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.phone+"/"+tc.country, func(t *testing.T) {
			var verr ValidationError
			var country *string
			if tc.country != "" {
				country = &tc.country
			}
			checkPhone("phone", tc.phone, country, &verr)
			if ok := verr.orNil() == nil; ok != tc.ok {
				t.Errorf("accepted = %v, want %v (%v)", ok, tc.ok, verr.Fields)
			}
		})
	}
}

func TestContactAndOrganizationPhones(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	_, err := e.svc.Contacts.Create(e.ctx, a, ContactInput{FamilyName: "Hodžić", Phone: "abc"})
	if got := fieldErrors(t, err); !slices.Equal(got, []string{"phone"}) {
		t.Errorf("contact: %v", got)
	}
	_, err = e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry of Security", Type: "ministry", Phone: "abc"})
	if got := fieldErrors(t, err); !slices.Equal(got, []string{"phone"}) {
		t.Errorf("organization: %v", got)
	}
	c := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{FamilyName: "Hodžić", Phone: "061 123 456", CountryCode: ptr("BA")}))
	if c.Phone != "061 123 456" {
		t.Errorf("phone stored as %q, want it as typed", c.Phone)
	}
	// Taking the country away leaves a national number unreadable.
	if _, err := e.svc.Contacts.Update(e.ctx, a, c.ID, &c.Version, ContactPatch{CountryCode: To[*string](nil)}); !slices.Equal(fieldErrors(t, err), []string{"phone"}) {
		t.Errorf("national number without a country: %v", err)
	}
	// A number stored before phones were checked does not block other edits.
	if err := e.db.Exec("UPDATE contacts SET phone = 'call the office' WHERE id = ?", c.ID).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Contacts.Update(e.ctx, a, c.ID, &c.Version, ContactPatch{City: To("Zenica")}); err != nil {
		t.Errorf("unrelated edit: %v", err)
	}
}
