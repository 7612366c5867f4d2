package services

import (
	"testing"
	"time"
)

// An answer computed before a write never replaces one computed after it,
// and an answer is handed out only at the epoch it was computed at.
func TestEpochCacheKeepsTheNewestAnswer(t *testing.T) {
	var c epochCache[string]
	c.put("k", 5, "after the write")
	c.put("k", 4, "before the write") // a slow request finishing late
	if v, ok := c.get("k", 5); !ok || v != "after the write" {
		t.Errorf("get at 5 = %q, %v; an older answer replaced a newer one", v, ok)
	}
	if _, ok := c.get("k", 6); ok {
		t.Error("an answer of epoch 5 was handed out at epoch 6")
	}
	c.put("k", 6, "later still")
	if v, ok := c.get("k", 6); !ok || v != "later still" {
		t.Errorf("get at 6 = %q, %v; a newer answer was refused", v, ok)
	}
	if _, ok := c.get("other", 6); ok {
		t.Error("a key never put was found")
	}
}

// Filters that differ get different keys however their values are spelled;
// the same filter in another order shares one.
func TestCacheKeyIsCanonical(t *testing.T) {
	split := cacheKey(int64(3), asSet([]string{"BA", "IQ"}))
	for _, other := range [][]string{{"BA IQ"}, {"BA,IQ"}, {"BAIQ"}, {"BA"}} {
		if cacheKey(int64(3), asSet(other)) == split {
			t.Errorf("%q shares a key with [BA IQ]", other)
		}
	}
	if cacheKey(int64(3), asSet([]string{"IQ", "BA", "IQ"})) != split {
		t.Error("the same countries in another order got another key")
	}
	if cacheKey(int64(-1), asSet([]string{"BA", "IQ"})) == split {
		t.Error("an admin and an office share a key")
	}
}

// The review's counts are kept between requests. A filter spelled to look
// like another (one country "BA IQ", or "BA,IQ", beside the two countries
// BA and IQ) must never be answered with the other's counts, whichever is
// asked first: anyone in an office could otherwise make the office's review
// show wrong numbers.
func TestReviewKeepsEachFilterApart(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	for _, org := range []OrganizationInput{
		{Name: "Ministry of Security", Type: "ministry", CountryCode: ptr("BA")},
		{Name: "National Committee", Type: "national_committee", CountryCode: ptr("IQ")},
	} {
		o := must(e.svc.Organizations.Create(e.ctx, a, org))
		due := time.Now().UTC().AddDate(0, 0, -3).Format(time.DateOnly)
		must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Send the minutes", CounterpartOrganizationID: &o.ID, DueDate: &due}))
	}
	filters := [][]string{{"BA IQ"}, {"BA", "IQ"}, {"BA,IQ"}, {"IQ", "BA"}, {"IQ"}}
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}} {
		cached := &CommitmentService{db: e.db, clock: e.svc.Commitments.clock}
		for _, i := range order {
			f := ReviewFilter{CountryCode: filters[i]}
			fresh := &CommitmentService{db: e.db, clock: e.svc.Commitments.clock} // nothing kept
			got := must(cached.Review(e.ctx, e.as("a.manager"), f))
			want := must(fresh.Review(e.ctx, e.as("a.manager"), f))
			if got.Totals != want.Totals || len(got.Overdue) != len(want.Overdue) {
				t.Errorf("order %v, %q: kept %+v (%d overdue), afresh %+v (%d overdue)",
					order, filters[i], got.Totals, len(got.Overdue), want.Totals, len(want.Overdue))
			}
		}
	}
	if r := must(e.svc.Commitments.Review(e.ctx, e.as("a.manager"), ReviewFilter{CountryCode: []string{"BA", "IQ"}})); r.Totals.Overdue != 2 {
		t.Errorf("BA and IQ: %d overdue, want 2 (the test's data did not take)", r.Totals.Overdue)
	}
}
