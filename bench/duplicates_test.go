//go:build bench

package bench

import (
	"testing"

	"liaison/services"
)

// BenchmarkDuplicatesFirstPage is the first page of GET /duplicates for a
// manager: the blocks two to 25 records share, walked in key order.
func BenchmarkDuplicatesFirstPage(b *testing.B) {
	for _, kind := range []services.DuplicateKind{services.DuplicateContacts, services.DuplicateOrganizations} {
		b.Run("kind="+string(kind), func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(must(w.svc.Duplicates().List(ctx, w.manager, services.DuplicateFilter{Kind: kind, Limit: 50})).Items)
			}
			b.ReportMetric(float64(n), "items")
		})
	}
}

// BenchmarkDuplicatesCheck is the check a form makes as a user types.
func BenchmarkDuplicatesCheck(b *testing.B) {
	probes := map[string]services.DuplicateProbe{
		"name":       {GivenName: "Amra", FamilyName: "Hodzic"},
		"typo+phone": {GivenName: "Ahmad", FamilyName: "Al-Jubouri", Phone: "+964 770 123 4567"},
		"cyrillic":   {GivenName: "Амра", FamilyName: "Ходжић", Email: "amra.hodzic@example.org"},
	}
	for name, p := range probes {
		b.Run("probe="+name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(must(w.svc.Duplicates().Check(ctx, w.manager, services.DuplicateContacts, p, 10)))
			}
			b.ReportMetric(float64(n), "items")
		})
	}
}

// BenchmarkSearchTypo is the list's q and the global search with a typo
// and across scripts.
func BenchmarkSearchTypo(b *testing.B) {
	for _, q := range []string{"ahmad", "hodzic amra", "Ходжић", "ministry interiour"} {
		b.Run("q="+q, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(must(w.svc.Contacts.List(ctx, w.manager, services.ContactFilter{ListParams: services.ListParams{Q: q}})).Items)
				n += len(must(w.svc.Search.Search(ctx, w.manager, q, nil, 20)))
			}
			b.ReportMetric(float64(n), "items")
		})
	}
}
