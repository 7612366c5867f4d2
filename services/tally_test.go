package services

import (
	"fmt"
	"testing"
	"time"

	"liaison/models"
)

// tallies returns the maintained tallies and the tallies recomputed from
// scratch, each as key -> count, for comparison.
func tallies(t *testing.T, e *env) (kept, fresh map[string]int64) {
	t.Helper()
	read := func(sql string) map[string]int64 {
		rows, err := e.db.Raw(sql).Rows()
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]int64{}
		for rows.Next() {
			var k [11]any
			var n int64
			if err := rows.Scan(&k[0], &k[1], &k[2], &k[3], &k[4], &k[5], &k[6], &k[7], &k[8], &k[9], &k[10], &n); err != nil {
				t.Fatal(err)
			}
			for i, v := range k {
				if b, ok := v.([]byte); ok {
					k[i] = string(b)
				}
				if b, ok := v.(bool); ok { // PostgreSQL booleans; SQLite keeps 0 and 1
					k[i] = map[bool]int64{false: 0, true: 1}[b]
				}
			}
			if n != 0 {
				out[fmt.Sprint(k)] += n
			}
		}
		return out
	}
	kept = read("SELECT " + models.TallyColumns + ", n FROM commitment_tallies")
	fresh = read(models.TallyCounts(1, ""))
	return kept, fresh
}

func equalTallies(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// Every change that moves a commitment between the review's groups keeps
// the tallies equal to a count from scratch.
func TestTalliesFollowEveryChange(t *testing.T) {
	e := newEnv(t)
	sv := newStudyVisit(t, e)
	a, m := e.as("a.officer"), e.as("a.manager")
	day := func(offset int) *string { d := models.Now().AddDate(0, 0, offset).Format(time.DateOnly); return &d }
	check := func(step string) {
		t.Helper()
		kept, fresh := tallies(t, e)
		if !equalTallies(kept, fresh) {
			t.Fatalf("after %s: tallies %v, counted %v", step, kept, fresh)
		}
	}
	c1 := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "One", CounterpartOrganizationID: &sv.ministry.ID, DueDate: day(-3)}))
	c2 := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Two", CounterpartContactID: &sv.youth.ID, VisitID: &sv.visit.ID, DueDate: day(5)}))
	must(e.svc.Interactions.Create(e.ctx, a, InteractionInput{Kind: "call", Subject: "Call", StartsAt: time.Now(),
		Commitments: []CommitmentInput{{Title: "Follow-up", CounterpartOrganizationID: &sv.committee.ID}}}))
	must(e.svc.Import().Commitments(e.ctx, a, []CommitmentInput{{Title: "Imported", VisitID: &sv.visit.ID, Status: "done"},
		{Title: "Imported too", CounterpartOrganizationID: &sv.city.ID, DueDate: day(-100)}}))
	check("creating")
	must(e.svc.Commitments.Update(e.ctx, a, c1.ID, nil, CommitmentPatch{Status: To("done")}))
	must(e.svc.Commitments.Update(e.ctx, m, c2.ID, nil, CommitmentPatch{DueDate: To(day(40)), OwnerID: To(&m.UserID)}))
	check("updating")
	if err := e.svc.Commitments.Archive(e.ctx, a, c1.ID, nil); err != nil {
		t.Fatal(err)
	}
	check("archiving")
	must(e.svc.Commitments.Restore(e.ctx, m, c1.ID))
	check("restoring")
	must(e.svc.Organizations.Update(e.ctx, a, sv.ministry.ID, nil, OrganizationPatch{CountryCode: To(ptr("RS"))}))
	check("moving an organization")
	must(e.svc.Contacts.Update(e.ctx, a, sv.youth.ID, nil, ContactPatch{Restricted: To(false), CountryCode: To(ptr("BA"))}))
	check("changing a contact")
	must(e.svc.Visits.Update(e.ctx, a, sv.visit.ID, nil, VisitPatch{HostCountryCode: To(ptr("HR"))}))
	check("moving a visit")

	r := must(e.svc.Commitments.Review(e.ctx, m, ReviewFilter{CountryCode: []string{"HR"}}))
	if r.Totals.Done != 1 {
		t.Errorf("HR review after the visit moved: %+v", r.Totals)
	}
}

// A review computed before a change is not served after it, in this
// process or another (the cache follows the stored epoch).
func TestReviewIsNeverStale(t *testing.T) {
	e := newEnv(t)
	a, m := e.as("a.officer"), e.as("a.manager")
	due := models.Now().AddDate(0, 0, -2).Format(time.DateOnly)
	c := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Late", DueDate: &due}))
	if r := must(e.svc.Commitments.Review(e.ctx, m, ReviewFilter{})); r.Totals.Overdue != 1 || len(r.Overdue) != 1 {
		t.Fatalf("before: %+v", r.Totals)
	}
	// Another process (a second set of services on the same database) closes it.
	other := New(e.db, nil, Config{})
	must(other.Commitments.Update(e.ctx, a, c.ID, nil, CommitmentPatch{Status: To("done")}))
	if r := must(e.svc.Commitments.Review(e.ctx, m, ReviewFilter{})); r.Totals.Overdue != 0 || r.Totals.Done != 1 || len(r.Overdue) != 0 {
		t.Errorf("after another process closed it: %+v, %d items", r.Totals, len(r.Overdue))
	}
}
