package services

import (
	"errors"
	"slices"
	"testing"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

func meeting(subject string, at time.Time) InteractionInput {
	return InteractionInput{Kind: "meeting", Subject: subject, StartsAt: at}
}

func TestInteractionLifecycle(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	officer := e.as("a.officer")
	visit := must(e.svc.Visits.Create(e.ctx, officer, studyVisitInput(c)))
	starts := time.Now().Add(72 * time.Hour).Truncate(time.Second).In(time.FixedZone("CET", 3600))
	in := meeting("National PVE strategy", starts)
	in.Summary, in.Location, in.City, in.CountryCode = "Gender-inclusive strategy and coordination", "Ministry of Security", "Sarajevo", ptr("BA")
	in.EndsAt, in.VisitID, in.ProjectID = ptr(starts.Add(2*time.Hour)), &visit.ID, &c.project.ID
	in.Participants = []ParticipantInput{{OrganizationID: &c.ministry.ID, Role: "host"}, {ContactID: &c.official.ID, Role: "participant"}}
	in.Tags = []string{"sdg-16"}
	it := must(e.svc.Interactions.Create(e.ctx, officer, in))
	if !it.StartsAt.Equal(starts) || it.StartsAt.Location() != time.UTC || it.Status != "planned" || *it.OwnerID != officer.UserID {
		t.Fatalf("created = %+v", it.Interaction)
	}
	if got := names(it.Participants); !slices.Equal(got, []string{"Ministry of Security", "Mr Ali Abdullah"}) {
		t.Errorf("participants = %v", got)
	}
	if past := must(e.svc.Interactions.Create(e.ctx, officer, meeting("Call", time.Now().Add(-time.Hour)))); past.Status != "held" {
		t.Errorf("a past interaction defaults to %q, want held", past.Status)
	}

	// The same instant in another zone is no change.
	same := must(e.svc.Interactions.Update(e.ctx, officer, it.ID, ptr(int64(1)), InteractionPatch{StartsAt: To(starts.UTC())}))
	if same.Version != 1 {
		t.Errorf("re-sending starts_at bumped the version to %d", same.Version)
	}
	held := must(e.svc.Interactions.Update(e.ctx, officer, it.ID, ptr(int64(1)), InteractionPatch{
		Status: To("cancelled"), EndsAt: Change[*time.Time]{Set: true},
		Participants: To([]ParticipantInput{{ContactID: &c.youth.ID, Role: "speaker"}}),
	}))
	if held.Version != 2 || held.EndsAt != nil || held.Status != "cancelled" || names(held.Participants)[0] != "Amina Hodžić" {
		t.Errorf("after patch: %+v %v", held.Interaction, names(held.Participants))
	}
	if p := must(e.svc.Interactions.List(e.ctx, e.as("b.viewer"), InteractionFilter{VisitID: []int64{visit.ID}})); len(p.Items) != 1 || names(p.Items[0].Participants)[0] != "(restricted)" {
		t.Errorf("visit's interactions for office B: %+v", p.Items)
	}
	must(0, e.svc.Interactions.Archive(e.ctx, officer, it.ID, ptr(int64(2))))
	if _, err := e.svc.Interactions.Restore(e.ctx, officer, it.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("officer restore: %v", err)
	}
	if r := must(e.svc.Interactions.Restore(e.ctx, e.as("a.manager"), it.ID)); r.Version != 4 {
		t.Errorf("restored version %d", r.Version)
	}
}

func TestInteractionValidation(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	base := func(edit func(*InteractionInput)) InteractionInput {
		in := meeting("Reception", at)
		edit(&in)
		return in
	}
	cases := []struct {
		name  string
		in    InteractionInput
		field string
	}{
		{"missing subject", base(func(i *InteractionInput) { i.Subject = "" }), "subject"},
		{"missing start", base(func(i *InteractionInput) { i.StartsAt = time.Time{} }), "starts_at"},
		{"ends before it starts", base(func(i *InteractionInput) { i.EndsAt = ptr(at.Add(-time.Minute)) }), "ends_at"},
		{"bad kind", base(func(i *InteractionInput) { i.Kind = "party" }), "kind"},
		{"bad status", base(func(i *InteractionInput) { i.Status = "ongoing" }), "status"},
		{"unknown country", base(func(i *InteractionInput) { i.CountryCode = ptr("XX") }), "country_code"},
		{"unknown visit", base(func(i *InteractionInput) { i.VisitID = ptr(int64(999999)) }), "visit_id"},
		{"unknown project", base(func(i *InteractionInput) { i.ProjectID = ptr(int64(999999)) }), "project_id"},
		{"visit roles do not apply", base(func(i *InteractionInput) {
			i.Participants = []ParticipantInput{{OrganizationID: &c.ministry.ID, Role: "head_of_delegation"}}
		}), "participants[0].role"},
		{"interactions have no sides", base(func(i *InteractionInput) {
			i.Participants = []ParticipantInput{{OrganizationID: &c.ministry.ID, Side: "host", Role: "host"}}
		}), "participants[0].side"},
		{"bad follow-up", base(func(i *InteractionInput) { i.Commitments = []CommitmentInput{{Title: "ok"}, {Direction: "mine"}} }), "commitments[1].title"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.Interactions.Create(e.ctx, e.as("a.officer"), tc.in)
			if got := fieldErrors(t, err); !slices.Contains(got, tc.field) {
				t.Fatalf("field errors %v, want %s", got, tc.field)
			}
		})
	}
	_, err := e.svc.Interactions.Create(e.ctx, e.as("a.officer"), base(func(i *InteractionInput) { i.Commitments = []CommitmentInput{{Title: "ok"}, {Direction: "mine"}} }))
	if got := fieldErrors(t, err); !slices.Equal(got, []string{"commitments[1].title", "commitments[1].direction"}) {
		t.Errorf("follow-up errors are located in the follow-up: %v", got)
	}
}

func TestRestrictedInteractionsStayInTheirOffice(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	a := e.as("a.officer")
	at := time.Date(2026, 11, 26, 16, 0, 0, 0, time.UTC)
	youthMeeting := meeting("Youth and parents in Zenica", at)
	youthMeeting.Restricted = true
	youthMeeting.Participants = []ParticipantInput{{ContactID: &c.youth.ID, Role: "participant"}}
	youthMeeting.Commitments = []CommitmentInput{{Title: "Share the youth centre plan with parents", DueDate: ptr("2026-12-15")}}
	hidden := must(e.svc.Interactions.Create(e.ctx, a, youthMeeting))
	public := must(e.svc.Interactions.Create(e.ctx, a, meeting("Reception at the Ministry of Security in Zenica", at)))

	for _, who := range []string{"a.viewer", "a.manager", "b.admin"} {
		if _, err := e.svc.Interactions.Get(e.ctx, e.as(who), hidden.ID); err != nil {
			t.Errorf("%s cannot see the restricted interaction: %v", who, err)
		}
	}
	// The restricted filter finds it for its own office and for admins of any office.
	for _, who := range []string{"a.viewer", "a.manager", "b.admin"} {
		if p := must(e.svc.Interactions.List(e.ctx, e.as(who), InteractionFilter{ListParams: ListParams{Count: true}, Restricted: ptr(true)})); len(p.Items) != 1 || p.Items[0].ID != hidden.ID || *p.Total != 1 {
			t.Errorf("%s: the restricted filter lists %d meetings (total %d), want the restricted one", who, len(p.Items), *p.Total)
		}
	}
	for _, who := range []string{"b.viewer", "b.officer", "b.manager"} {
		t.Run(who, func(t *testing.T) {
			actor := e.as(who)
			if _, err := e.svc.Interactions.Get(e.ctx, actor, hidden.ID); !errors.Is(err, ErrNotFound) {
				t.Errorf("get: %v", err)
			}
			p := must(e.svc.Interactions.List(e.ctx, actor, InteractionFilter{ListParams: ListParams{Count: true}}))
			if *p.Total != 1 || len(p.Items) != 1 || p.Items[0].ID != public.ID {
				t.Errorf("list: %d items, total %d", len(p.Items), *p.Total)
			}
			if p := must(e.svc.Interactions.List(e.ctx, actor, InteractionFilter{ListParams: ListParams{Q: "zenica parents"}})); len(p.Items) != 0 {
				t.Error("search finds the restricted interaction")
			}
			if p := must(e.svc.Interactions.List(e.ctx, actor, InteractionFilter{Restricted: ptr(true)})); len(p.Items) != 0 {
				t.Error("the restricted filter finds it")
			}
			if _, err := e.svc.Interactions.Update(e.ctx, actor, hidden.ID, nil, InteractionPatch{City: To("X")}); !errors.Is(err, ErrNotFound) {
				t.Errorf("update: %v", err)
			}
			if err := e.svc.Interactions.Archive(e.ctx, actor, hidden.ID, nil); !errors.Is(err, ErrNotFound) {
				t.Errorf("archive: %v", err)
			}
			// Its follow-up was made restricted with it.
			if p := must(e.svc.Commitments.List(e.ctx, actor, CommitmentFilter{ListParams: ListParams{Count: true}})); *p.Total != 0 {
				t.Errorf("sees %d commitments", *p.Total)
			}
			if p := must(e.svc.Audit.List(e.ctx, actor, AuditFilter{Entity: []string{models.EntityInteraction, models.EntityCommitment}})); len(p.Items) != 1 || *p.Items[0].EntityID != public.ID {
				t.Errorf("history shows %d events", len(p.Items))
			}
			// A commitment cannot point at what the actor cannot see.
			if _, err := e.svc.Commitments.Create(e.ctx, actor, CommitmentInput{Title: "X", InteractionID: &hidden.ID}); actor.Role != models.RoleViewer && !slices.Contains(fieldErrors(t, err), "interaction_id") {
				t.Errorf("commitment on a hidden interaction: %v", err)
			}
		})
	}
	if p := must(e.svc.Audit.List(e.ctx, e.as("a.viewer"), AuditFilter{Entity: []string{models.EntityInteraction, models.EntityCommitment}})); len(p.Items) != 3 {
		t.Errorf("office A sees %d events, want 3", len(p.Items))
	}
}

func TestInteractionLogsFollowUpsInOneTransaction(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	a := e.as("a.officer")
	visit := must(e.svc.Visits.Create(e.ctx, a, studyVisitInput(c)))
	other := must(e.svc.Projects.Create(e.ctx, e.as("a.admin"), ProjectInput{Code: "BHRI", Name: "Resilience"}))
	in := meeting("Local officials on budgeting", time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	in.VisitID, in.ProjectID = &visit.ID, &c.project.ID
	in.Participants = []ParticipantInput{{OrganizationID: &c.ministry.ID, Role: "host"}}
	in.Commitments = []CommitmentInput{
		{Title: "Send the municipal budgeting guide", Direction: "ours", DueDate: ptr("2026-12-05"), CounterpartOrganizationID: &c.committee.ID, Tags: []string{"sdg-16"}},
		{Title: "Share participation data", Direction: "theirs", ProjectID: &other.ID, OwnerID: ptr(e.fx.Users["a.colleague"].ID)},
	}
	it := must(e.svc.Interactions.Create(e.ctx, a, in))
	p := must(e.svc.Commitments.List(e.ctx, a, CommitmentFilter{InteractionID: []int64{it.ID}, ListParams: ListParams{Sort: "id"}}))
	if len(p.Items) != 2 {
		t.Fatalf("follow-ups = %d", len(p.Items))
	}
	first, second := p.Items[0], p.Items[1]
	if *first.InteractionID != it.ID || *first.VisitID != visit.ID || *first.ProjectID != c.project.ID || first.Status != "open" ||
		first.Priority != "normal" || *first.OwnerID != a.UserID || !slices.Equal(first.Tags, []string{"sdg-16"}) || first.Restricted {
		t.Errorf("first = %+v", first)
	}
	if *second.ProjectID != other.ID || *second.OwnerID != e.fx.Users["a.colleague"].ID || second.Direction != "theirs" {
		t.Errorf("second = %+v", second)
	}

	counts := func() [5]int64 {
		var n [5]int64
		e.db.Model(&models.Interaction{}).Count(&n[0])
		e.db.Model(&models.Commitment{}).Count(&n[1])
		e.db.Model(&models.InteractionParticipant{}).Count(&n[2])
		e.db.Model(&models.Tagging{}).Count(&n[3])
		e.db.Model(&models.AuditEvent{}).Count(&n[4])
		return n
	}
	before := counts()
	// One bad follow-up refuses the whole log.
	bad := in
	bad.Commitments = []CommitmentInput{{Title: "Fine", Tags: []string{"sdg-5"}}, {Title: "Too late", DueDate: ptr("2026-02-30")}}
	_, err := e.svc.Interactions.Create(e.ctx, a, bad)
	if got := fieldErrors(t, err); !slices.Equal(got, []string{"commitments[1].due_date"}) {
		t.Fatalf("errors = %v", got)
	}
	if after := counts(); after != before {
		t.Fatalf("a refused log wrote rows: %v -> %v", before, after)
	}
	// A failure while writing the follow-ups, after the interaction is in,
	// rolls the interaction back too.
	const fail = "test:fail_commitment_insert"
	if err := e.db.Callback().Create().Before("gorm:create").Register(fail, func(tx *gorm.DB) {
		if tx.Statement.Table == "commitments" {
			_ = tx.AddError(errors.New("disk full"))
		}
	}); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Interactions.Create(e.ctx, a, in)
	_ = e.db.Callback().Create().Remove(fail)
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("err = %v", err)
	}
	if after := counts(); after != before {
		t.Fatalf("a failed log left rows behind: %v -> %v", before, after)
	}
}

func TestInteractionSortsPagingAndBulkLoading(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	a := e.as("a.officer")
	base := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	const n = 13
	for i := 0; i < n; i++ {
		in := meeting("Meeting", base.Add(time.Duration(i%5)*time.Hour)) // ties on starts_at
		in.Participants = []ParticipantInput{{OrganizationID: &c.ministry.ID, Role: "host"}, {ContactID: &c.youth.ID, Role: "participant"}}
		in.Restricted = i == 3
		must(e.svc.Interactions.Create(e.ctx, a, in))
	}
	for _, sort := range InteractionSorts.SortNames() {
		t.Run(sort, func(t *testing.T) {
			rows := walkPages(t, n, func(v InteractionView) int64 { return v.ID }, sort, func(lp ListParams) (Page[InteractionView], error) {
				return e.svc.Interactions.List(e.ctx, a, InteractionFilter{ListParams: lp})
			})
			for i := 1; i < len(rows) && sort == "-starts_at"; i++ {
				if rows[i-1].StartsAt.Before(rows[i].StartsAt) {
					t.Fatalf("not newest first at %d", i)
				}
			}
		})
	}
	window := must(e.svc.Interactions.List(e.ctx, a, InteractionFilter{StartsAfter: ptr(base.Add(time.Hour)), StartsBefore: ptr(base.Add(4 * time.Hour))}))
	if len(window.Items) != 5 { // hours 2 and 3, exclusive bounds
		t.Errorf("starts window = %d", len(window.Items))
	}
	if p := must(e.svc.Interactions.List(e.ctx, e.as("b.viewer"), InteractionFilter{OrganizationID: []int64{c.ministry.ID}, ListParams: ListParams{Count: true}})); *p.Total != n-1 {
		t.Errorf("by participant organization, office B: %d", *p.Total)
	}
	queries := countQueries(t, e.db, "interaction_participants")
	p := must(e.svc.Interactions.List(e.ctx, e.as("b.viewer"), InteractionFilter{ListParams: ListParams{Limit: 10}}))
	if len(p.Items) != 10 || names(p.Items[0].Participants)[1] != "(restricted)" {
		t.Fatalf("page = %+v", p.Items[0].Participants)
	}
	if q := queries.Load(); q != 1 {
		t.Fatalf("%d queries read interaction_participants for one page, want 1", q)
	}
}
