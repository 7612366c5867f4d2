package models

import (
	"slices"
	"testing"
)

// The keys people are filed under: family name first and folded, the
// honorific and punctuation ignored.
func TestSortKeys(t *testing.T) {
	cases := []struct {
		c    Contact
		want string
	}{
		{Contact{Honorific: "Mr", GivenName: "Ali", FamilyName: "Abdullah"}, "abdullah\x1fali"},
		{Contact{GivenName: "Dragan", FamilyName: "ĐUKIĆ"}, "dukic\x1fdragan"},
		{Contact{GivenName: "Seán", FamilyName: "O'Brien"}, "obrien\x1fsean"},
		{Contact{GivenName: "  Ana  Marija ", FamilyName: " van  Dijk "}, "van dijk\x1fana marija"},
		{Contact{GivenName: "علي", FamilyName: "أحمد"}, "احمد\x1fعلي"},
		{Contact{Honorific: "Dr", GivenName: "Zlatan"}, "zlatan"},
		{Contact{NameLocal: "Ćamil"}, "camil"},
	}
	for _, c := range cases {
		if got := ContactSortKey(&c.c); got != c.want {
			t.Errorf("ContactSortKey(%+v) = %q, want %q", c.c, got, c.want)
		}
	}
	// A family name that another extends sorts first, whatever the given names.
	keys := []string{
		ContactSortKey(&Contact{GivenName: "Zed", FamilyName: "Ali Baba"}),
		ContactSortKey(&Contact{GivenName: "Zed", FamilyName: "Ali"}),
		ContactSortKey(&Contact{GivenName: "Amir", FamilyName: "Ali"}),
	}
	if !slices.IsSorted([]string{keys[2], keys[1], keys[0]}) {
		t.Errorf("family names do not sort as a whole: %q", keys)
	}
	if got := OrganizationSortKey(&Organization{Name: "Đakovo  Association"}); got != "dakovo association" {
		t.Errorf("OrganizationSortKey = %q", got)
	}
}
