package models

import "testing"

func TestCountryListShape(t *testing.T) {
	rows := isoCountries()
	if len(rows) != 249 {
		t.Fatalf("got %d countries, want 249", len(rows))
	}
	regions := map[string]bool{
		"Africa": true, "Americas": true, "Asia": true,
		"Europe": true, "Oceania": true, "Antarctica": true,
	}
	seen := make(map[string]bool, len(rows))
	for i, r := range rows {
		if len(r.Code) != 2 || r.Code[0] < 'A' || r.Code[0] > 'Z' || r.Code[1] < 'A' || r.Code[1] > 'Z' {
			t.Errorf("row %d: code %q is not two upper-case letters", i, r.Code)
		}
		if seen[r.Code] {
			t.Errorf("row %d: duplicate code %q", i, r.Code)
		}
		seen[r.Code] = true
		if i > 0 && rows[i-1].Code >= r.Code {
			t.Errorf("row %d: code %q not sorted after %q", i, r.Code, rows[i-1].Code)
		}
		if r.Name == "" {
			t.Errorf("row %d (%s): empty name", i, r.Code)
		}
		if !regions[r.Region] {
			t.Errorf("row %d (%s): unknown region %q", i, r.Code, r.Region)
		}
	}
}

func TestCountryListSpotChecks(t *testing.T) {
	byCode := make(map[string]countryRow)
	for _, r := range isoCountries() {
		byCode[r.Code] = r
	}
	cases := []struct{ code, name, region string }{
		{"IQ", "Iraq", "Asia"},
		{"BA", "Bosnia and Herzegovina", "Europe"},
		{"CA", "Canada", "Americas"},
		{"DE", "Germany", "Europe"},
		{"AU", "Australia", "Oceania"},
		{"NG", "Nigeria", "Africa"},
		{"BO", "Bolivia", "Americas"},
		{"IR", "Iran", "Asia"},
		{"AQ", "Antarctica", "Antarctica"},
	}
	for _, c := range cases {
		got, ok := byCode[c.code]
		if !ok {
			t.Errorf("%s: missing", c.code)
			continue
		}
		if got.Name != c.name || got.Region != c.region {
			t.Errorf("%s: got (%q, %q), want (%q, %q)", c.code, got.Name, got.Region, c.name, c.region)
		}
	}
}
